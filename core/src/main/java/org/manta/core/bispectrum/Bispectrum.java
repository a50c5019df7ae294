package org.manta.core.bispectrum;

import java.util.Optional;
import java.util.function.LongConsumer;
import org.jtransforms.fft.DoubleFFT_2D;
import org.manta.core.InvalidParameterException;
import org.manta.core.lightcurve.NumpyArithmetic;

/**
 * The indirect bispectrum of an evenly binned light curve (Stingray {@code Bispectrum}; science.md §20;
 * Nikias &amp; Mendel 1993, the HOSA toolbox's {@code bispeci}). With {@code x = counts − mean} and lags
 * {@code k, l ∈ [−L, L]}:
 * <pre>
 *   cum3[k+L][l+L] = Σ_n x_n x_{n+k} x_{n+l} / s(k, l)        (n over the valid samples)
 *   bispec        = fftshift(fft2(ifftshift(cum3 · W)))
 * </pre>
 * with {@code s = N} ("biased") or {@code s = max(1, N − (max(0,k,l) − min(0,k,l)))} ("unbiased"), and
 * the optional lag window {@code W(k,l) = w(|k+l|)·w(k)·w(l)} built from the one-sided half of a
 * {@code (2L+1)}-point {@link LagWindow} ({@code w1(m) = 0} for {@code |m| ≥ L}: see {@link #applyWindow}). Lags {@code k·dt};
 * frequencies {@code 0.5·(1/dt)·k/L} on both axes. Arrays are owned by the record; matrices are
 * {@code [row = first lag/frequency][column = second]}, as Stingray's.
 *
 * @param lags      lags, s
 * @param freq      frequencies of both axes, Hz
 * @param cum3      third-order cumulant
 * @param bispecRe  real part of the bispectrum
 * @param bispecIm  imaginary part of the bispectrum
 * @param maxlag    L
 * @param window    the lag window, if any
 * @param unbiased  whether the cumulant used the unbiased scaling
 * @param n         light-curve bins N
 * @param dt        bin time, s
 */
public record Bispectrum(double[] lags, double[] freq, double[][] cum3, double[][] bispecRe, double[][] bispecIm,
        int maxlag, Optional<LagWindow> window, boolean unbiased, int n, double dt) {

    /** Stingray's default maximum lag, {@code int(N/2)}. */
    public static int defaultMaxlag(int n) {
        return n / 2;
    }

    /**
     * @param counts   counts per bin; not modified
     * @param dt       bin time, s
     * @param maxlag   L, at most N − 1 (a negative value means −L, as Stingray takes its absolute value)
     * @param window   lag window, or empty for none
     * @param unbiased unbiased scaling of the cumulant (Stingray {@code scale="unbiased"})
     */
    public static Bispectrum of(double[] counts, double dt, int maxlag, Optional<LagWindow> window, boolean unbiased) {
        return of(counts, dt, maxlag, window, unbiased, pairs -> { });
    }

    /**
     * {@link #of(double[], double, int, Optional, boolean)}, telling {@code progress} the lag pairs of the cumulant
     * computed, one row of lags at a time ({@link #cumulantPairs} in all): the cumulant is the cost, O(L²·N).
     */
    public static Bispectrum of(double[] counts, double dt, int maxlag, Optional<LagWindow> window, boolean unbiased,
                                LongConsumer progress) {
        int n = counts.length;
        int lag = Math.abs(maxlag);
        if (n < 2) {
            throw new InvalidParameterException("n", n, "a light curve of at least 2 bins");
        }
        if (lag > n - 1) {
            throw new InvalidParameterException("maxlag", maxlag, "at most N - 1 = " + (n - 1) + " bins");
        }
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new InvalidParameterException("dt", dt, "a positive, finite bin time in seconds");
        }
        double mean = NumpyArithmetic.sum(counts) / n;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = counts[i] - mean;
        }
        int size = 2 * lag + 1;
        double[][] cum3 = cumulant(x, lag, unbiased, progress);
        double[] lags = new double[size];
        double[] freq = new double[size];
        for (int i = 0; i < size; i++) {
            int k = i - lag;
            lags[i] = k * dt;
            freq[i] = lag == 0 ? 0 : (1.0 / 2) * (1 / dt) * (lags[i] / dt) / lag;
        }
        double[][] weighted = window.map(w -> applyWindow(cum3, w.values(size), lag)).orElse(cum3);
        double[][][] spectrum = shiftedFft2(weighted);
        return new Bispectrum(lags, freq, cum3, spectrum[0], spectrum[1], lag, window, unbiased, n, dt);
    }

    /** {@code |bispec|}. */
    public double[][] magnitude() {
        double[][] m = new double[bispecRe.length][bispecRe.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                m[i][j] = Math.hypot(bispecRe[i][j], bispecIm[i][j]);
            }
        }
        return m;
    }

    /** {@code arg bispec}, rad, in {@code (−π, π]}. */
    public double[][] phase() {
        double[][] p = new double[bispecRe.length][bispecRe.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                p[i][j] = Math.atan2(bispecIm[i][j], bispecRe[i][j]);
            }
        }
        return p;
    }

    /**
     * The lag pairs {@code (k, l)}, {@code −L ≤ k ≤ l ≤ L}, whose sums make the cumulant of largest lag {@code lag}
     * ({@code (2L+1)(2L+2)/2}; the others follow by symmetry).
     */
    public static long cumulantPairs(int lag) {
        long size = 2L * Math.abs(lag) + 1;
        return size * (size + 1) / 2;
    }

    /**
     * {@code C(k, l) = Σ_n x_n x_{n+k} x_{n+l} / s(k, l)}, O(L²·N); {@code progress} is told the pairs of each row
     * of {@code k} as it is done.
     */
    static double[][] cumulant(double[] x, int lag, boolean unbiased, LongConsumer progress) {
        int n = x.length;
        int size = 2 * lag + 1;
        double[][] c = new double[size][size];
        for (int k = -lag; k <= lag; k++) {
            for (int l = k; l <= lag; l++) {
                int from = Math.max(0, -Math.min(k, l));
                int to = n - Math.max(0, Math.max(k, l));
                double s = 0;
                for (int i = from; i < to; i++) {
                    s += x[i] * x[i + k] * x[i + l];
                }
                double scale = unbiased ? Math.max(1, n - (Math.max(0, Math.max(k, l)) - Math.min(0, Math.min(k, l)))) : n;
                c[k + lag][l + lag] = s / scale;
                c[l + lag][k + lag] = s / scale;
            }
            progress.accept(lag - k + 1);
        }
        return c;
    }

    /**
     * {@code cum3 · W} with {@code W(k,l) = w1(|k+l|)·w(k)·w(l)}, {@code w1(m) = w(L+m)} for {@code m < L}
     * and 0 beyond. QUIRK (Stingray {@code _get_window}): the one-sided window is zeroed from index L on,
     * so {@code w1(L) = 0} even where the window's last value is not (uniform, hamming, triangular,
     * blackmann).
     */
    static double[][] applyWindow(double[][] cum3, double[] w, int lag) {
        int size = cum3.length;
        double[][] out = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                int m = Math.abs(i + j - 2 * lag);
                double oneSided = m < lag ? w[lag + m] : 0;
                out[i][j] = cum3[i][j] * (oneSided * w[j] * w[i]);
            }
        }
        return out;
    }

    /** {@code fftshift(fft2(ifftshift(a)))} of a real odd-sized square matrix: {re, im}. */
    static double[][][] shiftedFft2(double[][] a) {
        int size = a.length;
        int half = size / 2;
        double[][] c = new double[size][2 * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                c[i][2 * j] = a[(i + half) % size][(j + half) % size];
            }
        }
        new DoubleFFT_2D(size, size).complexForward(c);
        double[][] re = new double[size][size];
        double[][] im = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                int si = (i + size - half) % size;
                int sj = (j + size - half) % size;
                re[i][j] = c[si][2 * sj];
                im[i][j] = c[si][2 * sj + 1];
            }
        }
        return new double[][][] {re, im};
    }
}
