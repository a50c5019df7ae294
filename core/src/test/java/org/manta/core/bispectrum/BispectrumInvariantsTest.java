package org.manta.core.bispectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;

/** Bispectrum and bicoherence of Gaussian noise and of quadratically phase-coupled sinusoids. */
class BispectrumInvariantsTest {
    static final int SEGMENT = 64;
    static final int SEGMENTS = 128;
    static final double DT = 1.0;
    /** Coupled pair, as frequency indices of a 64-bin segment. */
    static final int I1 = 5;
    static final int I2 = 9;
    /** Coupled cells: b² → 1 less the noise; 0.9 leaves room for the added noise. */
    static final double COUPLED_MIN = 0.9;
    /**
     * Independent phases: E[b²] ≈ 1/M (≈ 0.008 for M = 128); its mean over the domain should stay within
     * a factor 2 of that, its maximum (over ~500 cells, a χ²₂/(2M)-like tail) below 0.08.
     */
    static final double NOISE_MEAN_FACTOR = 2.0;
    static final double NOISE_MAX = 0.08;

    /** {@code cos(a) + cos(b) + cos(a + b)} with random phases per segment: coupled when {@code coupled}. */
    static double[] coupled(long seed, boolean coupled, double noise) {
        Random rng = new Random(seed);
        double[] x = new double[SEGMENT * SEGMENTS];
        double w1 = 2 * Math.PI * I1 / SEGMENT;
        double w2 = 2 * Math.PI * I2 / SEGMENT;
        for (int s = 0; s < SEGMENTS; s++) {
            double p1 = 2 * Math.PI * rng.nextDouble();
            double p2 = 2 * Math.PI * rng.nextDouble();
            double p3 = coupled ? p1 + p2 : 2 * Math.PI * rng.nextDouble();
            for (int i = 0; i < SEGMENT; i++) {
                int n = s * SEGMENT + i;
                x[n] = 100 + Math.cos(w1 * i + p1) + Math.cos(w2 * i + p2) + Math.cos((w1 + w2) * i + p3)
                        + noise * rng.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void gaussianNoiseHasLowBicoherence() {
        Random rng = new Random(5);
        double[] x = new double[SEGMENT * SEGMENTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        Bicoherence b = Bicoherence.of(x, DT, SEGMENT, Optional.empty());
        double sum = 0;
        double max = 0;
        int cells = 0;
        for (int i = 1; i < b.freq().length; i++) {
            for (int j = 1; i + j < b.freq().length; j++) {
                sum += b.bicoherence()[i][j];
                max = Math.max(max, b.bicoherence()[i][j]);
                cells++;
            }
        }
        double mean = sum / cells;
        assertTrue(mean < NOISE_MEAN_FACTOR / SEGMENTS && mean > 1 / (NOISE_MEAN_FACTOR * SEGMENTS), "mean b² " + mean);
        assertTrue(max < NOISE_MAX, "max b² " + max);
        assertTrue(Double.isNaN(b.bicoherence()[SEGMENT / 2][1]), "outside i + j <= n/2: NaN");
    }

    @Test
    void quadraticallyCoupledSignalPeaksAtTheCoupledPair() {
        Bicoherence coupled = Bicoherence.of(coupled(1, true, 0.3), DT, SEGMENT, Optional.of(LagWindow.HANNING));
        Bicoherence random = Bicoherence.of(coupled(1, false, 0.3), DT, SEGMENT, Optional.of(LagWindow.HANNING));
        assertTrue(coupled.bicoherence()[I1][I2] > COUPLED_MIN, "coupled b² " + coupled.bicoherence()[I1][I2]);
        assertTrue(coupled.bicoherence()[I2][I1] > COUPLED_MIN, "symmetric b² " + coupled.bicoherence()[I2][I1]);
        assertTrue(random.bicoherence()[I1][I2] < NOISE_MAX, "uncoupled b² " + random.bicoherence()[I1][I2]);
        int[] best = argmaxAbove(coupled.bicoherence(), 1);
        assertTrue((best[0] == I1 && best[1] == I2) || (best[0] == I2 && best[1] == I1),
                "peak at [" + best[0] + "][" + best[1] + "]");
    }

    @Test
    void bispectrumOfACoupledSeriesPeaksAtThePair() {
        // one long series with fixed phases; the cumulant's frequency grid is 0.5·k/L, so 0.5·I/L = I/64 for L = 32
        double[] x = new double[4096];
        double w1 = 2 * Math.PI * I1 / SEGMENT;
        double w2 = 2 * Math.PI * I2 / SEGMENT;
        Random rng = new Random(9);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.cos(w1 * i + 0.3) + Math.cos(w2 * i + 1.1) + Math.cos((w1 + w2) * i + 1.4)
                    + 0.3 * rng.nextGaussian();
        }
        Bispectrum bs = Bispectrum.of(x, DT, SEGMENT / 2, Optional.of(LagWindow.PARZEN), false);
        double[][] mag = bs.magnitude();
        int zero = bs.maxlag();
        // the principal domain f1 >= f2 >= 0
        int bi = zero;
        int bj = zero;
        for (int i = zero; i < mag.length; i++) {
            for (int j = zero; j <= i; j++) {
                if (mag[i][j] > mag[bi][bj]) {
                    bi = i;
                    bj = j;
                }
            }
        }
        assertEquals(I2 / (double) SEGMENT, bs.freq()[bi], 1e-12, "f1 of the peak");
        assertEquals(I1 / (double) SEGMENT, bs.freq()[bj], 1e-12, "f2 of the peak");
    }

    @Test
    void cumulantIsSymmetricAndItsOriginIsTheThirdMoment() {
        Random rng = new Random(3);
        double[] x = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(rng.nextGaussian(), 2);
        }
        Bispectrum bs = Bispectrum.of(x, 0.5, 6, Optional.empty(), false);
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double m3 = 0;
        for (double v : x) {
            m3 += Math.pow(v - mean, 3);
        }
        m3 /= x.length;
        assertEquals(m3, bs.cum3()[6][6], 1e-12 * Math.abs(m3), "C(0,0) = third central moment");
        for (int i = 0; i < 13; i++) {
            for (int j = 0; j < 13; j++) {
                assertEquals(bs.cum3()[i][j], bs.cum3()[j][i], 0.0, "C(k,l) = C(l,k)");
            }
        }
        assertEquals(-3.0, bs.lags()[0], 0.0, "lags in seconds");
        assertEquals(-1.0, bs.freq()[0], 0.0, "frequencies up to the Nyquist frequency");
    }

    @Test
    void badParametersNameTheValue() {
        InvalidParameterException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                () -> LagWindow.parse("kaiser"));
        assertTrue(e.getMessage().contains("kaiser"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                () -> Bispectrum.of(new double[10], 1, 12, Optional.empty(), false));
        assertTrue(e.getMessage().contains("maxlag"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                () -> Bicoherence.of(new double[10], 1, 8, Optional.empty()));
        assertTrue(e.getMessage().contains("8"), e.getMessage());
    }

    static int[] argmaxAbove(double[][] m, int from) {
        int[] best = {from, from};
        for (int i = from; i < m.length; i++) {
            for (int j = from; j < m[i].length; j++) {
                if (m[i][j] > m[best[0]][best[1]]) {
                    best = new int[] {i, j};
                }
            }
        }
        return best;
    }

    /** The cumulant reports each of its lag pairs once, (2L+1)(2L+2)/2 in all, and the numbers do not change. */
    @Test
    void cumulantReportsEveryLagPairOnce() {
        Random rng = new Random(5);
        double[] x = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 + rng.nextGaussian();
        }
        long[] reported = new long[1];
        Bispectrum withProgress = Bispectrum.of(x, 0.5, 7, Optional.empty(), false, n -> reported[0] += n);
        assertEquals(15L * 16 / 2, Bispectrum.cumulantPairs(7));
        assertEquals(Bispectrum.cumulantPairs(7), reported[0]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(Bispectrum.of(x, 0.5, 7, Optional.empty(), false).cum3()[3],
                withProgress.cum3()[3], 0.0);
    }

    /** The bicoherence reports each whole segment once (the bins past the last are left out), numbers unchanged. */
    @Test
    void bicoherenceReportsEverySegmentOnce() {
        Random rng = new Random(6);
        double[] x = new double[8 * 5 + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 + rng.nextGaussian();
        }
        long[] reported = new long[1];
        BicoherenceRequest request = BicoherenceRequest.of(8 * 0.5, 0.5, Optional.empty());
        Bicoherence withProgress = request.of(x, 0.5, n -> reported[0] += n);
        assertEquals(5, request.segments(x.length));
        assertEquals(5, reported[0]);
        assertEquals(5, withProgress.segments());
        org.junit.jupiter.api.Assertions.assertArrayEquals(request.of(x, 0.5).bicoherence()[1],
                withProgress.bicoherence()[1], 0.0);
    }
}
