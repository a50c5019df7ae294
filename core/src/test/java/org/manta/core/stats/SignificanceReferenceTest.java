package org.manta.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.manta.core.spectrum.StingrayReference.assertMatches;
import static org.manta.core.spectrum.StingrayReference.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.manta.core.spectrum.StingrayReference;

/**
 * Significance functions against values Stingray returned ({@code stats_significance_powercolors.json},
 * made by {@code tools/make_stats_reference.py} with scipy 1.10.1).
 */
class SignificanceReferenceTest {
    /**
     * χ² and normal tails: Commons Math's regularized gamma (continued fraction / series to 1e-15) and a
     * Brent inversion against scipy's cephes; observed ≤ 6e-14 relative (a 1e-189 tail).
     */
    static final double TAIL_RTOL = 1e-12;
    /**
     * Cospectra for 2 ≤ M ≤ 50: {@code 1 - CDF} cancels (CDF → 1), so the absolute rounding of the sum
     * (a few ε times the largest term, which grows with M) becomes a relative error of the small tail.
     */
    static final double COSPECTRA_ABS_TOL = 1e-13;
    /**
     * Trial corrections: the same closed forms, but Šidák's {@code 1 - (1-p)^(1/n)} cancels, turning one
     * ULP of the power into {@code ε/p1} relative (1.6e-13 observed for p = 0.5, n = 1000).
     */
    static final double TRIALS_RTOL = 1e-12;

    private static final JsonNode REF = StingrayReference.load("stats_significance_powercolors.json");

    @Test
    void pdsProbability() {
        compareRows("pds_probability", r -> Significance.pdsProbability(r[0], r[1], r[2], r[3]), 4, TAIL_RTOL);
    }

    @Test
    void logProbabilitiesStayFiniteWhereTheTailUnderflows() {
        compareRows("chi2_logp", r -> Tails.chi2LogSf(r[0], r[1]), 2, TAIL_RTOL);
        compareRows("pds_logprobability", r -> Significance.pdsLogProbability(r[0], r[1], r[2], r[3]), 4, TAIL_RTOL);
        assertEquals(0.0, Significance.pdsProbability(1e4, 1, 16, 1), "the plain p-value underflows here");
    }

    @Test
    void pdsDetectionLevel() {
        compareRows("pds_detection_level", r -> Significance.pdsDetectionLevel(r[0], r[1], r[2], r[3]), 4, TAIL_RTOL);
    }

    @Test
    void trialCorrections() {
        compareRows("trials", r -> Significance.pMultitrialFromSingleTrial(r[0], r[1]), 2, TRIALS_RTOL);
        compareRows("trials", r -> Significance.pSingleTrialFromPMultitrial(r[0], r[1]), 3, TRIALS_RTOL);
    }

    @Test
    void equivalentGaussianNsigma() {
        compareRows("equivalent_gaussian_Nsigma", r -> Significance.equivalentGaussianNsigmaFromLogP(r[0]), 1,
                TAIL_RTOL);
    }

    @Test
    void cospectraPvalue() {
        JsonNode rows = REF.get("cospectra_pvalue").get("rows");
        for (JsonNode row : rows) {
            double power = row.get(0).asDouble();
            int nspec = row.get(1).asInt();
            double expected = number(row.get(2));
            double actual = Significance.cospectraPvalue(power, nspec);
            if (nspec == 1 || nspec > Significance.COSPECTRA_GAUSSIAN_ABOVE) {
                assertMatches("cospectra_pvalue(" + power + ", " + nspec + ")", expected, actual, TAIL_RTOL);
            } else {
                assertEquals(expected, actual, COSPECTRA_ABS_TOL, "cospectra_pvalue(" + power + ", " + nspec + ")");
            }
        }
    }

    /** Row {@code r} gives the inputs; column {@code column} holds what Stingray returned. */
    private static void compareRows(String block, ToDoubleFunction<double[]> f, int column, double rtol) {
        JsonNode rows = REF.get(block).get("rows");
        double[] expected = new double[rows.size()];
        double[] actual = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            double[] r = StingrayReference.doubles(rows.get(i));
            expected[i] = r[column];
            actual[i] = f.applyAsDouble(r);
        }
        assertMatches(block + " column " + column, expected, actual, rtol);
    }
}
