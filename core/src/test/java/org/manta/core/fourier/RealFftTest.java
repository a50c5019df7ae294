package org.manta.core.fourier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The real FFT plan and kernels against a naive O(N²) DFT, Parseval and the frequency grid. */
class RealFftTest {
    /**
     * Naive DFT vs FFT, absolute error relative to Σ|x|: both round at ~ε per operation, the naive sum
     * over N ≤ 40 terms accumulates ≲ 40ε‖x‖₁.
     */
    static final double DFT_TOL = 1e-13;
    /** Parseval: both sides are sums of N positive terms, ~Nε relative. */
    static final double PARSEVAL_RTOL = 1e-13;

    private final Random random = new Random(20240601);

    /** Naive {@code X_j = Σ x_k exp(-2πi jk/n)}, {@code {re, im}}, with the angle reduced exactly (jk mod n). */
    static double[] naive(double[] x, int j) {
        int n = x.length;
        double re = 0;
        double im = 0;
        for (int k = 0; k < n; k++) {
            double angle = 2 * Math.PI * ((long) j * k % n) / n;
            re += x[k] * Math.cos(angle);
            im -= x[k] * Math.sin(angle);
        }
        return new double[] {re, im};
    }

    private double[] randomCounts(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextInt(7) + (random.nextBoolean() ? 0.25 : 0);
        }
        return x;
    }

    private static double l1(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.abs(v);
        }
        return s;
    }

    @Test
    void matchesNaiveDftForSmallEvenAndOddN() {
        for (int n = 2; n <= 40; n++) {
            double[] x = randomCounts(n);
            double[] copy = x.clone();
            double[] packed = new RealFft(n).forward(x);
            assertArrayEquals(copy, x, "forward must not modify its input");
            double tol = DFT_TOL * l1(x);
            for (int j = 0; j <= n / 2; j++) {
                double[] expected = naive(x, j);
                assertEquals(expected[0], RealFft.re(packed, n, j), tol, "n=" + n + " Re X_" + j);
                assertEquals(expected[1], RealFft.im(packed, n, j), tol, "n=" + n + " Im X_" + j);
            }
        }
    }

    @Test
    void parsevalOnTheFullSpectrumIncludingZeroAndNyquist() {
        for (int n : new int[] {2, 3, 8, 15, 64, 125, 1000, 1025, 4096}) {
            double[] x = randomCounts(n);
            double[] packed = new RealFft(n).forward(x);
            double spectrum = 0;
            for (int j = 0; j < n; j++) {
                // Hermitian symmetry: X_{n-j} = conj(X_j)
                int h = j <= n / 2 ? j : n - j;
                double re = RealFft.re(packed, n, h);
                double im = RealFft.im(packed, n, h);
                spectrum += re * re + im * im;
            }
            double signal = 0;
            for (double v : x) {
                signal += v * v;
            }
            assertEquals(n * signal, spectrum, PARSEVAL_RTOL * n * signal, "Parseval, n=" + n);
        }
    }

    @Test
    void powerKernelKeepsPositiveFrequenciesOnly() {
        for (int n : new int[] {2, 3, 4, 5, 16, 17, 33}) {
            double[] x = randomCounts(n);
            double[] packed = new RealFft(n).forward(x);
            int nFreq = FourierKernels.positiveCount(n);
            assertEquals(n % 2 == 0 ? n / 2 - 1 : (n - 1) / 2, nFreq);
            double[] sum = new double[nFreq];
            double[] sumW = new double[nFreq];
            double[] sumW2 = new double[nFreq];
            double[] plain = new double[nFreq + 1];
            plain[nFreq] = -7;
            FourierKernels.accumulatePower(packed, n, plain);
            assertEquals(-7, plain[nFreq], "nothing written past nFreq (zero and Nyquist excluded)");
            FourierKernels.accumulatePower(packed, n, 0.5, sum, sumW, sumW2);
            for (int j = 1; j <= nFreq; j++) {
                double[] e = naive(x, j);
                double p = e[0] * e[0] + e[1] * e[1];
                double tol = DFT_TOL * l1(x) * l1(x);
                assertEquals(p, plain[j - 1], tol, "|X_" + j + "|², n=" + n);
                assertEquals(plain[j - 1], sum[j - 1], 0.0);
                assertEquals(plain[j - 1] * 0.5, sumW[j - 1], 0.0);
                assertEquals(plain[j - 1] * 0.25, sumW2[j - 1], 0.0);
            }
        }
    }

    @Test
    void crossKernelIsConjugateOfChannelOneTimesChannelTwo() {
        for (int n : new int[] {4, 7, 32, 33}) {
            double[] x1 = randomCounts(n);
            double[] x2 = randomCounts(n);
            RealFft fft = new RealFft(n);
            double[] a = fft.forward(x1);
            double[] b = fft.forwardSecond(x2);
            int nFreq = FourierKernels.positiveCount(n);
            double[] re = new double[nFreq];
            double[] im = new double[nFreq];
            double[] p1 = new double[nFreq];
            double[] p2 = new double[nFreq];
            FourierKernels.accumulateCross(a, b, n, re, im, p1, p2);
            double tol = DFT_TOL * l1(x1) * l1(x2);
            for (int j = 1; j <= nFreq; j++) {
                double[] u = naive(x1, j);
                double[] v = naive(x2, j);
                // (u.re - i u.im)(v.re + i v.im)
                assertEquals(u[0] * v[0] + u[1] * v[1], re[j - 1], tol, "Re C_" + j + ", n=" + n);
                assertEquals(u[0] * v[1] - u[1] * v[0], im[j - 1], tol, "Im C_" + j + ", n=" + n);
                assertEquals(u[0] * u[0] + u[1] * u[1], p1[j - 1], tol);
                assertEquals(v[0] * v[0] + v[1] * v[1], p2[j - 1], tol);
            }
        }
    }

    @Test
    void frequenciesAreJTimesOneOverNdt() {
        double[] f = FourierKernels.frequencies(1025, 1.0);
        assertEquals(512, f.length);
        double val = 1.0 / (1025 * 1.0);
        for (int j = 1; j <= f.length; j++) {
            assertEquals(j * val, f[j - 1], 0.0);
        }
        assertTrue(f[0] > 0, "zero frequency excluded");
        double[] even = FourierKernels.frequencies(8, 0.5);
        assertArrayEquals(new double[] {0.25, 0.5, 0.75}, even, 0.0, "Nyquist 1 Hz excluded");
    }
}
