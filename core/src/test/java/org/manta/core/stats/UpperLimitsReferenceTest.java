package org.manta.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.manta.core.spectrum.StingrayReference;

/**
 * Upper limits and confidence limits of powers against values Stingray returned ({@code stats_upper_limits.json},
 * made by {@code tools/make_upper_limits_reference.py} with scipy 1.10.1).
 */
class UpperLimitsReferenceTest {
    /**
     * Stingray finds the signal power with {@code brentq} (xtol 2e-12 absolute) on scipy's (Boost's) noncentral χ²
     * quantile; Manta solves {@code CDF = 1 - c} directly to a few ULPs. Observed 5.5e-14 relative.
     */
    static final double UPPER_LIMIT_RTOL = 1e-10;
    /** Quantiles of the noncentral χ²: Boost's against a Brent inversion of the Poisson-mixture CDF; observed 5.2e-14. */
    static final double QUANTILE_RTOL = 1e-10;

    private static final JsonNode REF = StingrayReference.load("stats_upper_limits.json");

    @Test
    void powerUpperLimit() {
        double worst = 0;
        for (JsonNode row : REF.get("power_upper_limit").get("rows")) {
            double[] r = StingrayReference.doubles(row);
            double got = UpperLimits.powerUpperLimit(r[0], r[1], r[2], r[3] == 1);
            worst = Math.max(worst, assertClose(r[4], got, UPPER_LIMIT_RTOL, "power_upper_limit" + java.util.Arrays.toString(r)));
        }
        System.out.printf("REFERR power_upper_limit worst %.3e%n", worst);
    }

    @Test
    void amplitudeAndPulsedFractionUpperLimits() {
        double worst = 0;
        for (JsonNode row : REF.get("amplitude_upper_limit").get("rows")) {
            double[] r = StingrayReference.doubles(row);
            String what = java.util.Arrays.toString(r);
            double a = UpperLimits.amplitudeUpperLimit(r[0], r[1], r[2], r[3], r[4] == 1, r[5], r[6] == 1);
            double pf = UpperLimits.pfUpperLimit(r[0], r[1], r[2], r[3], r[4] == 1, r[5], r[6] == 1);
            worst = Math.max(worst, assertClose(r[7], a, UPPER_LIMIT_RTOL, "amplitude_upper_limit" + what));
            worst = Math.max(worst, assertClose(r[8], pf, UPPER_LIMIT_RTOL, "pf_upper_limit" + what));
        }
        System.out.printf("REFERR amplitude/pf_upper_limit worst %.3e%n", worst);
    }

    @Test
    void powerConfidenceLimits() {
        double worst = 0;
        for (JsonNode row : REF.get("power_confidence_limits").get("rows")) {
            double[] r = StingrayReference.doubles(row);
            double[] got = UpperLimits.powerConfidenceLimits(r[0], r[1], r[2], r[3] == 1);
            worst = Math.max(worst, assertClose(r[4], got[0], QUANTILE_RTOL, "lo" + java.util.Arrays.toString(r)));
            worst = Math.max(worst, assertClose(r[5], got[1], QUANTILE_RTOL, "hi" + java.util.Arrays.toString(r)));
        }
        System.out.printf("REFERR power_confidence_limits worst %.3e%n", worst);
    }

    @Test
    void theUpperLimitIsTheSignalWhoseLowQuantileIsTheMeasuredPower() {
        double up = UpperLimits.powerUpperLimit(40, 1, 0.99, true);
        double low = new NoncentralChiSquared(2, up).inverseCumulativeProbability(0.01);
        assertEquals(40, low, 1e-9, "ncx2(2, P_up).ppf(1 - c) = P_meas");
        assertTrue(up > 40, "the limit lies above the measured power (Vaughan et al. 1994): " + up);
        double noise = Tails.chi2Isf(0.99, 2);
        assertEquals(0.0, UpperLimits.powerUpperLimit(noise * 0.999, 1, 0.99, true), "below the noise quantile");
    }

    @Test
    void noncentralChiSquaredWithoutSignalIsTheCentralOne() {
        NoncentralChiSquared central = new NoncentralChiSquared(32, 0);
        for (double x : new double[] {1, 20, 32, 80}) {
            assertEquals(1 - Tails.chi2Sf(x, 32), central.cumulativeProbability(x), 1e-15, "x = " + x);
        }
        // mean dof + nc: the median of a large-nc ncx2 is close to it
        double median = new NoncentralChiSquared(4, 1000).inverseCumulativeProbability(0.5);
        assertEquals(1004, median, 2, "median of ncx2(4, 1000)");
    }

    private static double assertClose(double expected, double actual, double rtol, String what) {
        double err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
        if (expected == 0) {
            err = Math.abs(actual);
        }
        assertTrue(err <= rtol, what + ": expected " + expected + ", got " + actual + " (" + err + " relative)");
        return err;
    }
}
