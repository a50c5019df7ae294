package org.manta.core.multitaper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.spectrum.Normalization;

/** Properties of the multitaper estimate on simulated series. */
class MultitaperInvariantsTest {
    static final int N = 1024;
    static final double DT = 0.125;
    /**
     * A sinusoid's power, integrated over its band {@code ±W} (W = NW/(N·dt)), is its variance A²/2:
     * the DPSS tapers keep all but {@code 1 − λ} of the energy there (λ &gt; 0.999 for the first 6 of
     * NW = 4); 1 % covers the weighting over the tapers.
     */
    static final double BAND_POWER_AGREEMENT = 0.01;
    /**
     * Far from the line (beyond 3W) the leakage stays below this fraction of the peak: the 7th taper
     * kept by low bias has λ ≈ 0.97, a few per cent of its energy outside the band, spread thinly.
     */
    static final double LEAKAGE = 1e-3;
    /** Mean PSD of unit-variance white noise is 2σ²dt; 1024 bins × 7 tapers: a 3 % statistical band. */
    static final double WHITE_NOISE_AGREEMENT = 0.03;

    @Test
    void sinusoidPeaksAtItsFrequencyWithItsVarianceInTheBand() {
        double f0 = 100 / (N * DT);
        double amplitude = 3.0;
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 10 + amplitude * Math.sin(2 * Math.PI * f0 * i * DT);
        }
        MultitaperSpectrum mt = MultitaperSpectrum.of(x, DT, N * DT, MultitaperOptions.defaults(), Normalization.NONE);
        double[] s = mt.multitaperNormPower();
        int peak = 0;
        for (int j = 1; j < s.length; j++) {
            peak = s[j] > s[peak] ? j : peak;
        }
        assertEquals(f0, mt.freq()[peak], 1e-12, "peak frequency");
        double bandwidth = MultitaperOptions.DEFAULT_NW / (N * DT);
        double df = 1 / (N * DT);
        double band = 0;
        double far = 0;
        for (int j = 0; j < s.length; j++) {
            double distance = Math.abs(mt.freq()[j] - f0);
            if (distance <= bandwidth + df / 2) {
                band += s[j] * df;
            } else if (distance > 3 * bandwidth) {
                far = Math.max(far, s[j]);
            }
        }
        assertEquals(1.0, band / (amplitude * amplitude / 2), BAND_POWER_AGREEMENT, "band power / (A^2/2)");
        assertTrue(far < LEAKAGE * s[peak], "leakage " + far / s[peak]);
    }

    @Test
    void whiteNoiseHasTheFlatLevelTwoSigmaSquaredDt() {
        Random rng = new Random(42);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = rng.nextGaussian();
        }
        for (boolean adaptive : new boolean[] {false, true}) {
            MultitaperSpectrum mt = MultitaperSpectrum.of(x, DT, N * DT,
                    new MultitaperOptions(4, adaptive, false, true), Normalization.NONE);
            double mean = 0;
            for (double v : mt.multitaperNormPower()) {
                mean += v;
            }
            mean /= mt.freq().length;
            assertEquals(1.0, mean / (2 * DT), WHITE_NOISE_AGREEMENT, "mean PSD / (2 dt), adaptive " + adaptive);
        }
    }

    @Test
    void lowBiasKeepsTheConcentratedTapers() {
        Dpss.Tapers t = Dpss.compute(256, 4, 8);
        for (int k = 0; k < 8; k++) {
            double norm = 0;
            for (double v : t.tapers()[k]) {
                norm += v * v;
            }
            // unit norm over M + 1 samples, less the dropped last sample
            assertTrue(norm <= 1 + 1e-12 && norm > 0.9, "taper " + k + " norm " + norm);
            if (k > 0) {
                assertTrue(t.ratios()[k] < t.ratios()[k - 1], "ratios decrease");
            }
        }
        int[] kept = MultitaperSpectrum.selected(t.ratios(), true);
        assertEquals(7, kept.length, "NW = 4 keeps 2NW - 1 tapers above 0.9");
    }

    /**
     * One taper (NW = 0.75: int(2 NW) = 1) leaves no leave-one-out estimate: the jackknife variance is NaN at every
     * frequency (Stingray's sum over no taper), the spectrum itself that of the one taper (it failed with an index
     * out of bounds before).
     */
    @Test
    void oneTaperHasANaNJackknifeVarianceAndAFiniteSpectrum() {
        Random rnd = new Random(7);
        double[] counts = new double[256];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = 20 + rnd.nextGaussian();
        }
        MultitaperSpectrum s = MultitaperSpectrum.of(counts, DT, counts.length * DT,
                new MultitaperOptions(0.75, false, true, true), Normalization.LEAHY);
        assertEquals(1, s.eigvals().length, "one taper");
        assertTrue(java.util.Arrays.stream(s.jkVarDegFreedom()).allMatch(Double::isNaN), "no jackknife of one taper");
        assertTrue(java.util.Arrays.stream(s.power()).allMatch(Double::isFinite), "the one taper's spectrum");
        MultitaperSpectrum dof = MultitaperSpectrum.of(counts, DT, counts.length * DT,
                new MultitaperOptions(0.75, false, false, true), Normalization.LEAHY);
        assertTrue(java.util.Arrays.stream(dof.jkVarDegFreedom()).allMatch(v -> v == 2), "2K degrees of freedom");
    }

    @Test
    void badBandwidthNamesTheValue() {
        InvalidParameterException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                () -> new MultitaperOptions(0.2, false, true, true));
        assertTrue(e.getMessage().contains("0.2"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                () -> MultitaperSpectrum.of(new double[6], 1, 6, MultitaperOptions.defaults(), Normalization.NONE));
        assertTrue(e.getMessage().contains("nw"), e.getMessage());
    }
}
