package org.manta.core.lombscargle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.Refs;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.spectrum.Normalization;

/**
 * Lomb–Scargle periodograms and cross spectra against Stingray ({@code lombscargle_sim.json}: 600
 * unevenly spaced times in 0–1000 s, Poisson counts with a 0.05 Hz modulation, a second curve lagged by
 * 2 s; the values are stored in the file).
 */
class LombScargleReferenceTest {
    /**
     * Slow method: the same sums in the same order (numpy's pairwise summation); what is left is the
     * last-ulp difference of {@code cos}/{@code sin} between Java and glibc. Relative to the largest value
     * of the array; measured 2.4e-16 on the powers, 4.8e-15 on the time lags.
     */
    static final double SLOW_TOLERANCE = 1e-12;
    /**
     * Fast method: the same extirpolation in the same order of additions, but JTransforms' FFT instead of
     * numpy's pocketfft for the 4096-point inverse transform (different rounding). Relative to the largest
     * value; measured 8.6e-16 on the powers, 6.1e-16 on the cross spectrum. (The fast method is not close
     * to the slow one: see {@link LombScargleInvariantsTest}.)
     */
    static final double FAST_TOLERANCE = 1e-12;
    /** The frequency grid is computed as numpy's arange computes it: bit-identical. */
    static final double FREQ_TOLERANCE = 0;

    static final JsonNode REF = Refs.json("lombscargle_sim.json");

    static LightCurve lightCurve(String countsField) {
        double[] t = Refs.doubles(REF.get("time"));
        double[] c = Refs.doubles(REF.get(countsField));
        GtiList gti = GtiList.of(new Gti(t[0] - 0.5, t[t.length - 1] + 0.5));
        return new LightCurve(t, c, new double[t.length], 1.0, gti, t[0] - 0.5, t[t.length - 1] - t[0] + 1.0);
    }

    @ParameterizedTest
    @CsvSource({"slow,none", "slow,leahy", "slow,frac", "fast,none", "fast,leahy", "fast,frac"})
    void powerSpectrumMatchesStingray(String method, String norm) {
        JsonNode r = REF.get("ps_" + method + "_" + norm);
        LombScargleMethod m = LombScargleMethod.parse(method);
        LombScarglePowerSpectrum ps = LombScarglePowerSpectrum.of(lightCurve("counts"), FrequencyGrid.automatic(), m,
                LombScargleTransform.DEFAULT_OVERSAMPLING, Normalization.parse(norm));
        double tol = m == LombScargleMethod.SLOW ? SLOW_TOLERANCE : FAST_TOLERANCE;
        assertClose("freq", Refs.doubles(r.get("freq")), ps.freq(), FREQ_TOLERANCE);
        assertClose("power", Refs.doubles(r.get("power").get("re")), ps.power(), tol);
        assertClose("unnorm_power", Refs.doubles(r.get("unnorm_power").get("re")), ps.unnormPower(), tol);
        assertEquals(Refs.number(r.get("nphots")), ps.nphots(), 0.0, "nphots");
    }

    @ParameterizedTest
    @CsvSource({"slow", "fast"})
    void crossSpectrumAndTimeLagMatchStingray(String method) {
        JsonNode r = REF.get("cs_" + method + "_none");
        LombScargleMethod m = LombScargleMethod.parse(method);
        LombScargleCrossSpectrum cs = LombScargleCrossSpectrum.of(lightCurve("counts"), lightCurve("counts2"),
                FrequencyGrid.automatic(), m, LombScargleTransform.DEFAULT_OVERSAMPLING, Normalization.NONE);
        double tol = m == LombScargleMethod.SLOW ? SLOW_TOLERANCE : FAST_TOLERANCE;
        assertClose("freq", Refs.doubles(r.get("freq")), cs.freq(), FREQ_TOLERANCE);
        assertClose("power.re", Refs.doubles(r.get("power").get("re")), cs.power().re(), tol);
        assertClose("power.im", Refs.doubles(r.get("power").get("im")), cs.power().im(), tol);
        assertClose("time_lag", Refs.doubles(r.get("time_lag")), cs.timeLag(), tol);
    }

    /** {@code |a − e| ≤ tol·max|e|} element by element; prints the worst error as a REFERR line. */
    static void assertClose(String what, double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (err > worst || Double.isNaN(err)) {
                worst = err;
                at = i;
            }
        }
        System.out.printf("REFERR lombscargle %s: %.3g of max %.6g at %d%n", what, worst / scale, scale, at);
        if (!(worst <= tol * scale)) {
            throw new AssertionError(String.format("%s[%d]: expected %s, got %s (error %.3g of max %.6g > %.1g)",
                    what, at, expected[at], actual[at], worst / scale, scale, tol));
        }
    }
}
