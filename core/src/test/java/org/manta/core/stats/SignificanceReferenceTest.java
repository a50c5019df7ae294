package org.manta.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

    /** Brent stops at 1e-15 relative on ln p; a p of 1e-9 then has a few 1e-14 relative left. */
    static final double DETECTION_INVERSE_RTOL = 1e-10;

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

    @Test
    void cospectraTailSummedDirectlyKeepsItsPrecision() {
        for (int nspec : new int[] {2, 5, 16, 50}) {
            for (double power : new double[] {0.0, 0.3, 1.0, 3.0}) {
                assertEquals(1.0 - Significance.averagedCospectraCdf(power, nspec),
                        Significance.averagedCospectraTail(power, nspec), COSPECTRA_ABS_TOL,
                        "tail vs 1 - CDF, M = " + nspec + ", x = " + power);
            }
            // where 1 - CDF has cancelled to nothing, the summed tail is still a number that the log form agrees with
            double far = 600.0 / nspec;         // M·x = 600: a tail far below 1e-16, above the double range
            double p = Significance.cospectraPvalue(far, nspec);
            assertTrue(p > 0 && p < 1e-16, "tail at x = " + far + ", M = " + nspec + ": " + p);
            assertEquals(Math.log(p), Significance.cospectraLogPvalue(far, nspec), 1e-12 * Math.abs(Math.log(p)));
        }
    }

    @Test
    void cospectraLogPvalueStaysFiniteWhereThePvalueUnderflows() {
        assertEquals(Math.log(0.5) - 1000, Significance.cospectraLogPvalue(1000, 1), 1e-12, "Laplace tail");
        assertEquals(0.0, Significance.cospectraPvalue(1000, 1));
        // Gaussian limit, M = 100: σ = 0.1414; x = 10 is 70.7σ; ln Q = -z²/2 - ln(z√(2π)) - 1/z² + …
        double z = 10 / (Math.sqrt(2) / Math.sqrt(100));
        double asymptotic = -z * z / 2 - Math.log(z * Math.sqrt(2 * Math.PI)) + Math.log1p(-1 / (z * z) + 3 / Math.pow(z, 4));
        assertEquals(asymptotic, Significance.cospectraLogPvalue(10, 100), 1e-6, "Gaussian log tail at 70σ");
        for (double x : new double[] {-1, 0.1, 0.5, 0.9}) {
            assertMatches("ln p(" + x + ", 100)", Math.log(Significance.cospectraPvalue(x, 100)),
                    Significance.cospectraLogPvalue(x, 100), TAIL_RTOL);
        }
    }

    @Test
    void cospectraDetectionLevelInvertsThePvalue() {
        for (int nspec : new int[] {1, 2, 16, 50, 51, 400}) {
            for (double epsilon : new double[] {0.5, 0.01, 1e-6}) {
                for (double ntrial : new double[] {1, 1000}) {
                    double level = Significance.cospectraDetectionLevel(epsilon, ntrial, nspec);
                    double p1 = Significance.pSingleTrialFromPMultitrial(epsilon, ntrial);
                    assertMatches("p(level(" + epsilon + ", " + ntrial + ", " + nspec + "))", p1,
                            Significance.cospectraPvalue(level, nspec), DETECTION_INVERSE_RTOL);
                }
            }
        }
        assertEquals(-Math.log(2 * 0.01), Significance.cospectraDetectionLevel(0.01, 1, 1), 1e-15, "Laplace quantile");
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
