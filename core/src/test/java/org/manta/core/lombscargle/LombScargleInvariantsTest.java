package org.manta.core.lombscargle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.spectrum.Normalization;

/** Properties of the Lomb–Scargle spectra on simulated, unevenly sampled sinusoids. */
class LombScargleInvariantsTest {
    static final double SIGNAL_FREQ = 0.0731;
    static final double AMPLITUDE = 5.0;
    static final double MEAN = 50.0;
    static final int POINTS = 800;
    static final double SPAN = 2000.0;
    /**
     * The fast method is Stingray's, quirks included (swapped atan2 arguments, the number of frequencies
     * in place of the number of points): at a strong peak it lands within a few per cent of the exact
     * method (2.7 % on the reference data), not closer.
     */
    static final double FAST_PEAK_AGREEMENT = 0.05;
    /** Sinusoid power at its frequency: {@code |F|² ≈ (N·A/2)²} (as the FFT's), up to the unevenness of the sampling. */
    static final double PEAK_POWER_AGREEMENT = 0.05;
    /** Lag recovered from a shifted sinusoid, s: the sampling noise of the phase at the peak. */
    static final double LAG_TOLERANCE = 0.02;

    static double[] times(long seed) {
        Random rng = new Random(seed);
        double[] t = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            t[i] = rng.nextDouble() * SPAN;
        }
        Arrays.sort(t);
        return t;
    }

    static LightCurve sinusoid(double[] t, double shift) {
        double[] y = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            y[i] = MEAN + AMPLITUDE * Math.sin(2 * Math.PI * SIGNAL_FREQ * (t[i] - shift));
        }
        GtiList gti = GtiList.of(new Gti(t[0] - 0.5, t[t.length - 1] + 0.5));
        return new LightCurve(t, y, new double[t.length], 1.0, gti, t[0] - 0.5, t[t.length - 1] - t[0] + 1);
    }

    static int argmax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void sinusoidPeaksAtItsFrequencyWithPowerOfTheFft() {
        LightCurve lc = sinusoid(times(7), 0);
        LombScarglePowerSpectrum slow = LombScarglePowerSpectrum.of(lc, FrequencyGrid.automatic(),
                LombScargleMethod.SLOW, LombScargleTransform.DEFAULT_OVERSAMPLING, Normalization.NONE);
        int peak = argmax(slow.unnormPower());
        assertEquals(SIGNAL_FREQ, slow.freq()[peak], slow.df() / 2, "peak frequency");
        // evaluate exactly at the signal frequency: |F|² = (N·A/2)² for a pure sinusoid
        FrequencyGrid at = new FrequencyGrid(OptionalDouble.of(SIGNAL_FREQ), OptionalDouble.of(SIGNAL_FREQ + 1e-4),
                OptionalDouble.of(1e-4), 1);
        double exact = LombScarglePowerSpectrum.of(lc, at, LombScargleMethod.SLOW, 5, Normalization.NONE)
                .unnormPower()[0];
        double expected = Math.pow(POINTS * AMPLITUDE / 2, 2);
        assertEquals(1.0, exact / expected, PEAK_POWER_AGREEMENT, "peak power / (N A/2)^2");

        LombScarglePowerSpectrum fast = LombScarglePowerSpectrum.of(lc, FrequencyGrid.automatic(),
                LombScargleMethod.FAST, LombScargleTransform.DEFAULT_OVERSAMPLING, Normalization.NONE);
        assertEquals(peak, argmax(fast.unnormPower()), "fast peak bin");
        assertEquals(1.0, fast.unnormPower()[peak] / slow.unnormPower()[peak], FAST_PEAK_AGREEMENT,
                "fast / slow peak power");
    }

    @Test
    void shiftedSinusoidGivesItsTimeLagAtThePeak() {
        double[] t = times(11);
        double shift = 1.5;
        LightCurve first = sinusoid(t, shift);
        LightCurve second = sinusoid(t, 0);
        LombScargleCrossSpectrum cs = LombScargleCrossSpectrum.of(first, second, FrequencyGrid.automatic(),
                LombScargleMethod.SLOW, 5, Normalization.NONE);
        double[] amplitude = new double[cs.freq().length];
        for (int j = 0; j < amplitude.length; j++) {
            amplitude[j] = Math.sqrt(cs.unnormPower().abs2(j));
        }
        int peak = argmax(amplitude);
        assertEquals(shift, cs.timeLag()[peak], LAG_TOLERANCE, "time lag of the delayed (first) curve");
    }

    @Test
    void normalisationsAreTheSpectrumTimesStingraysFactors() {
        LightCurve lc = sinusoid(times(3), 0);
        LombScarglePowerSpectrum none = LombScarglePowerSpectrum.of(lc, FrequencyGrid.automatic(),
                LombScargleMethod.SLOW, 5, Normalization.NONE);
        LombScarglePowerSpectrum leahy = LombScarglePowerSpectrum.of(lc, FrequencyGrid.automatic(),
                LombScargleMethod.SLOW, 5, Normalization.LEAHY);
        LombScarglePowerSpectrum frac = LombScarglePowerSpectrum.of(lc, FrequencyGrid.automatic(),
                LombScargleMethod.SLOW, 5, Normalization.FRAC);
        double nph = none.nphots();
        double mean = nph / POINTS;
        for (int j = 0; j < none.freq().length; j += 37) {
            assertEquals(none.unnormPower()[j] * 2 / nph, leahy.power()[j], 1e-12 * leahy.power()[j], "leahy");
            assertEquals(none.unnormPower()[j] * 2 * 1.0 / (mean * mean * POINTS), frac.power()[j],
                    1e-12 * frac.power()[j], "frac");
        }
        assertArrayEquals(none.unnormPower(), leahy.unnormPower(), "unnorm_power does not depend on the norm");
    }

    @Test
    void frequencyGridFollowsNumpyArangeAndCanPassMaxFreq() {
        FrequencyGrid grid = new FrequencyGrid(OptionalDouble.of(0.1), OptionalDouble.of(0.5), OptionalDouble.of(0.2),
                1);
        assertArrayEquals(new double[] {0.1, 0.30000000000000004, 0.5000000000000001},
                grid.frequencies(1, 100), 0.0);
        double[] auto = FrequencyGrid.automatic().frequencies(0.5, 100);
        assertEquals(0.005, auto[0], 0.0, "min = df/2");
        assertEquals(0.01, auto[1] - auto[0], 1e-15, "df = 1/length");
        assertTrue(auto[auto.length - 1] >= 1.0, "last >= max_freq = 0.5/dt");
    }

    @Test
    void badParametersNameTheValue() {
        InvalidParameterException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                () -> LombScargleMethod.parse("medium"));
        assertTrue(e.getMessage().contains("medium"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                () -> new FrequencyGrid(OptionalDouble.of(2), OptionalDouble.of(1), OptionalDouble.empty(), 1));
        assertTrue(e.getMessage().contains("max-freq"), e.getMessage());
    }

    /** A fast grid larger than the heap is refused before it is allocated (2^30 cells of 32 bytes: 32 GiB). */
    @Test
    void aFastGridLargerThanTheHeapIsRefusedNamingTheFrequencies() {
        double[] t = {0.5, 1.5, 2.5, 3.5};
        double[] y = {1, 3, 2, 4};
        InvalidParameterException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                () -> LombScargleTransform.fast(y, t, new double[] {0.1, 0.2}, 1 << 29));
        assertTrue(e.getMessage().startsWith("frequencies = 2: expected at most "), e.getMessage());
        assertTrue(e.getMessage().contains("(1073741824 of them need about 32.00 GiB): fewer frequencies"), e.getMessage());
    }

    /**
     * The slow method's frequencies spread over threads give the numbers of one thread, bit for bit (each frequency's
     * sums are made whole by one thread), and every frequency is reported to the progress once.
     */
    @Test
    void slowSumsOverThreadsEqualOneThreadAndReportEveryFrequency() {
        double[] t = times(11);
        LightCurve lc = sinusoid(t, 0);
        double[] freq = FrequencyGrid.automatic().frequencies(1.0, SPAN);
        assertTrue(freq.length > 3 * LombScargleTransform.SLOW_CHUNK, "several chunks: " + freq.length);
        var one = LombScargleTransform.slow(lc.counts(), t, freq);
        java.util.concurrent.atomic.AtomicLong reported = new java.util.concurrent.atomic.AtomicLong();
        var three = LombScargleTransform.slow(lc.counts(), t, freq, 3, reported::addAndGet);
        assertArrayEquals(one.re(), three.re(), 0.0);
        assertArrayEquals(one.im(), three.im(), 0.0);
        assertEquals(freq.length, reported.get());

        LombScargleRequest request = new LombScargleRequest(FrequencyGrid.automatic(), LombScargleMethod.SLOW,
                LombScargleTransform.DEFAULT_OVERSAMPLING, Normalization.FRAC);
        LightCurve shifted = sinusoid(t, 1.5);
        reported.set(0);
        LombScargleCrossSpectrum cs = request.cross(lc, shifted, 2, reported::addAndGet);
        assertEquals(2L * request.frequencies(lc, shifted), reported.get(), "both series' transforms");
        assertEquals(cs.freq().length, request.frequencies(lc, shifted));
        assertArrayEquals(request.cross(lc, shifted).power().re(), cs.power().re(), 0.0);
    }
}
