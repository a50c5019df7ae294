package org.manta.core.multitaper;

import org.jtransforms.fft.DoubleFFT_1D;
import org.manta.core.InvalidParameterException;

/**
 * Discrete prolate spheroidal (Slepian) sequences, as {@code scipy.signal.windows.dpss(M, NW, Kmax,
 * sym=False, norm=2, return_ratios=True)} computes them (Percival &amp; Walden 1993, §8.3):
 * <ol>
 *   <li>the "periodic" ({@code sym=False}) sequences are those of length {@code L = M + 1}, with the
 *       last sample dropped; {@code W = NW/L};</li>
 *   <li>they are the eigenvectors of the symmetric tridiagonal matrix with diagonal
 *       {@code ((L − 1 − 2i)/2)²·cos 2πW}, {@code i = 0..L−1}, and off-diagonal {@code i(L − i)/2},
 *       {@code i = 1..L−1}, for its {@code Kmax} largest eigenvalues (found here by Sturm-sequence
 *       bisection and inverse iteration, as LAPACK's {@code stebz}/{@code stein} behind
 *       {@code scipy.linalg.eigh_tridiagonal}); unit 2-norm over the {@code L} samples;</li>
 *   <li>signs: even-order tapers have a positive sum, odd-order tapers start (first sample with
 *       {@code w² > max(1e-7, 1/L)}) positive;</li>
 *   <li>the concentration ratios {@code λ_k = Σ_j r_xx(j)·r(j)}, with {@code r_xx} the autocorrelation
 *       of the length-L taper and {@code r(0) = 2W}, {@code r(j) = 4W·sinc(2Wj)} (P&amp;W p. 390).</li>
 * </ol>
 */
public final class Dpss {
    /** Inverse-iteration steps; the top eigenvalues are well separated, two or three already converge. */
    private static final int INVERSE_ITERATIONS = 4;

    /**
     * @param tapers {@code tapers[k][i]}, taper {@code k} (order by decreasing eigenvalue), sample {@code i < M}
     * @param ratios concentration ratios λ_k in (0, 1)
     */
    public record Tapers(double[][] tapers, double[] ratios) {
    }

    private Dpss() {
    }

    /**
     * @param m    taper length M (≥ 2)
     * @param nw   time-half-bandwidth product NW, {@code 0 < NW < M/2}
     * @param kmax number of tapers, {@code 1 ≤ Kmax ≤ M}
     */
    public static Tapers compute(int m, double nw, int kmax) {
        if (m < 2) {
            throw new InvalidParameterException("n", m, "a light curve of at least 2 bins for DPSS tapers");
        }
        if (!(nw > 0) || !(nw < m / 2.0)) {
            throw new InvalidParameterException("nw", nw, "0 < NW < N/2 = " + m / 2.0);
        }
        if (kmax < 1 || kmax > m) {
            throw new InvalidParameterException("kmax", kmax, "between 1 and N = " + m);
        }
        int len = m + 1;
        double w = nw / len;
        double[] diag = new double[len];
        double[] off = new double[len - 1];
        double cos = Math.cos(2 * Math.PI * w);
        for (int i = 0; i < len; i++) {
            double h = (len - 1 - 2.0 * i) / 2.0;
            diag[i] = h * h * cos;
        }
        for (int i = 1; i < len; i++) {
            off[i - 1] = ((double) i * (len - i)) / 2.0;
        }
        double[][] full = new double[kmax][];
        for (int k = 0; k < kmax; k++) {
            double lambda = eigenvalue(diag, off, len - 1 - k);
            full[k] = eigenvector(diag, off, lambda);
        }
        fixSigns(full, len);
        double[] ratios = new double[kmax];
        for (int k = 0; k < kmax; k++) {
            ratios[k] = concentration(full[k], w);
        }
        double[][] tapers = new double[kmax][];
        for (int k = 0; k < kmax; k++) {
            tapers[k] = java.util.Arrays.copyOf(full[k], m);
        }
        return new Tapers(tapers, ratios);
    }

    /** The {@code index}-th smallest eigenvalue (0-based) by bisection on the Sturm count. */
    static double eigenvalue(double[] d, double[] e, int index) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d.length; i++) {
            double r = (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < e.length ? Math.abs(e[i]) : 0);
            lo = Math.min(lo, d[i] - r);
            hi = Math.max(hi, d[i] + r);
        }
        while (true) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                return mid;
            }
            if (countBelow(d, e, mid) > index) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
    }

    /** Number of eigenvalues below {@code x} (signs of the LDLᵀ pivots of T − xI). */
    static int countBelow(double[] d, double[] e, double x) {
        int count = 0;
        double q = 1;
        double tiny = Double.MIN_NORMAL;
        for (int i = 0; i < d.length; i++) {
            q = d[i] - x - (i > 0 ? e[i - 1] * e[i - 1] / q : 0);
            if (q == 0) {
                q = -tiny;
            }
            if (q < 0) {
                count++;
            }
        }
        return count;
    }

    /**
     * Unit eigenvector for the (accurate) eigenvalue {@code lambda} by inverse iteration: repeated
     * solves of {@code (T − λI)x = b} with an LU factorisation with partial pivoting (LAPACK
     * {@code gttrf}/{@code gtts2}).
     */
    static double[] eigenvector(double[] diag, double[] off, double lambda) {
        int n = diag.length;
        double[] dl = off.clone();
        double[] d = new double[n];
        double[] du = off.clone();
        double[] du2 = new double[Math.max(n - 2, 0)];
        boolean[] swapped = new boolean[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            d[i] = diag[i] - lambda;
            norm = Math.max(norm, Math.abs(diag[i]) + (i < n - 1 ? Math.abs(off[i]) : 0) + (i > 0 ? Math.abs(off[i - 1]) : 0));
        }
        double tiny = Math.ulp(norm);
        for (int i = 0; i < n - 1; i++) {
            if (Math.abs(d[i]) >= Math.abs(dl[i])) {
                if (d[i] == 0) {
                    d[i] = tiny;
                }
                double fact = dl[i] / d[i];
                dl[i] = fact;
                d[i + 1] -= fact * du[i];
            } else {
                double fact = d[i] / dl[i];
                d[i] = dl[i];
                dl[i] = fact;
                double temp = du[i];
                du[i] = d[i + 1];
                d[i + 1] = temp - fact * d[i + 1];
                if (i < n - 2) {
                    du2[i] = du[i + 1];
                    du[i + 1] = -fact * du[i + 1];
                }
                swapped[i] = true;
            }
        }
        if (d[n - 1] == 0) {
            d[n - 1] = tiny;
        }
        // a start with symmetric and antisymmetric parts (a constant one is orthogonal to the odd tapers)
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1.0 + (double) i / n;
        }
        for (int it = 0; it < INVERSE_ITERATIONS; it++) {
            for (int i = 0; i < n - 1; i++) {
                if (swapped[i]) {
                    double t = x[i];
                    x[i] = x[i + 1];
                    x[i + 1] = t - dl[i] * x[i];
                } else {
                    x[i + 1] -= dl[i] * x[i];
                }
            }
            x[n - 1] /= d[n - 1];
            if (n > 1) {
                x[n - 2] = (x[n - 2] - du[n - 2] * x[n - 1]) / d[n - 2];
            }
            for (int i = n - 3; i >= 0; i--) {
                x[i] = (x[i] - du[i] * x[i + 1] - du2[i] * x[i + 2]) / d[i];
            }
            double s = 0;
            for (double v : x) {
                s += v * v;
            }
            s = Math.sqrt(s);
            for (int i = 0; i < n; i++) {
                x[i] /= s;
            }
        }
        return x;
    }

    /** Percival &amp; Walden's sign convention, as scipy applies it. */
    private static void fixSigns(double[][] w, int len) {
        double thresh = Math.max(1e-7, 1.0 / len);
        for (int k = 0; k < w.length; k++) {
            boolean flip;
            if (k % 2 == 0) {
                double s = 0;
                for (double v : w[k]) {
                    s += v;
                }
                flip = s < 0;
            } else {
                flip = false;
                for (double v : w[k]) {
                    if (v * v > thresh) {
                        flip = v < 0;
                        break;
                    }
                }
            }
            if (flip) {
                for (int i = 0; i < len; i++) {
                    w[k][i] = -w[k][i];
                }
            }
        }
    }

    /** {@code Σ_j r_xx(j)·r(j)}, the autocorrelation {@code r_xx} by FFT (zero-padded, as scipy's). */
    static double concentration(double[] taper, double w) {
        int n = taper.length;
        int size = Integer.highestOneBit(2 * n - 1) << 1;
        double[] a = java.util.Arrays.copyOf(taper, size);
        DoubleFFT_1D fft = new DoubleFFT_1D(size);
        fft.realForward(a);
        a[0] = a[0] * a[0];
        a[1] = a[1] * a[1];
        for (int j = 1; j < size / 2; j++) {
            double re = a[2 * j];
            double im = a[2 * j + 1];
            a[2 * j] = re * re + im * im;
            a[2 * j + 1] = 0;
        }
        fft.realInverse(a, true);
        double ratio = a[0] * 2 * w;
        for (int j = 1; j < n; j++) {
            double x = 2 * w * j;
            ratio += a[j] * 4 * w * (Math.sin(Math.PI * x) / (Math.PI * x));
        }
        return ratio;
    }
}
