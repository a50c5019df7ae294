package org.manta.core.fourier;

/**
 * Static kernels over packed real-FFT spectra (layout in {@link RealFft}): the inner loop of every
 * averaged spectrum. Only the positive Fourier frequencies are touched: {@code j = 1 .. nFreq} with
 * {@code nFreq = n/2 - 1} (even n) or {@code (n-1)/2} (odd n). Zero frequency and the Nyquist
 * frequency are excluded (Stingray {@code fourier.positive_fft_bins}, science.md §4). Output index
 * {@code j-1} holds frequency {@code ν_j = j·(1/(n·dt))}.
 */
public final class FourierKernels {
    private FourierKernels() {
    }

    /** Number of positive frequencies kept for {@code n} samples: {@code n/2 - 1} (even) or {@code (n-1)/2} (odd). */
    public static int positiveCount(int n) {
        return (n % 2 == 0) ? n / 2 - 1 : (n - 1) / 2;
    }

    /**
     * Positive Fourier frequencies {@code ν_j = j·(1/(n·dt))}, {@code j = 1..nFreq}, Hz, computed in
     * that order as numpy {@code fftfreq} does (errata L4).
     *
     * @param n  samples per segment
     * @param dt sample time, s
     */
    public static double[] frequencies(int n, double dt) {
        double val = 1.0 / (n * dt);
        double[] f = new double[positiveCount(n)];
        for (int j = 1; j <= f.length; j++) {
            f[j - 1] = j * val;
        }
        return f;
    }

    /**
     * Adds {@code |X_j|² = Re² + Im²} for {@code j = 1..nFreq} to {@code sum[j-1]}.
     *
     * @param packed spectrum of n samples in {@link RealFft} layout; not modified
     * @param n      number of samples
     * @param sum    running sum, length at least nFreq; modified
     */
    public static void accumulatePower(double[] packed, int n, double[] sum) {
        int last = lastInterior(n);
        for (int j = 1; j <= last; j++) {
            double re = packed[2 * j];
            double im = packed[2 * j + 1];
            sum[j - 1] += re * re + im * im;
        }
        if (n % 2 == 1) {
            int j = (n - 1) / 2;
            double re = packed[2 * j];
            double im = packed[1];
            sum[j - 1] += re * re + im * im;
        }
    }

    /**
     * Adds {@code P_j = |X_j|²}, {@code P_j·w} and {@code P_j·w²} to three running sums in one pass
     * (the sums an averaged periodogram needs to be normalised later with the common mean or with
     * each segment's own mean: {@code w = 1/N_ph} of the segment).
     *
     * @param packed spectrum in {@link RealFft} layout; not modified
     * @param n      number of samples
     * @param w      per-segment weight
     * @param sumP   Σ P, modified
     * @param sumPw  Σ P·w, modified
     * @param sumPw2 Σ P·w², modified
     */
    public static void accumulatePower(double[] packed, int n, double w, double[] sumP, double[] sumPw,
            double[] sumPw2) {
        double w2 = w * w;
        int last = lastInterior(n);
        for (int j = 1; j <= last; j++) {
            double re = packed[2 * j];
            double im = packed[2 * j + 1];
            double p = re * re + im * im;
            sumP[j - 1] += p;
            sumPw[j - 1] += p * w;
            sumPw2[j - 1] += p * w2;
        }
        if (n % 2 == 1) {
            int j = (n - 1) / 2;
            double re = packed[2 * j];
            double im = packed[1];
            double p = re * re + im * im;
            sumP[j - 1] += p;
            sumPw[j - 1] += p * w;
            sumPw2[j - 1] += p * w2;
        }
    }

    /**
     * Adds the cross power {@code C_j = X1_j*·X2_j} (conjugate on channel 1, science.md §7) and both
     * channels' powers {@code |X1_j|²}, {@code |X2_j|²} to running sums, {@code j = 1..nFreq}:
     * {@code Re C = a·c + b·d}, {@code Im C = a·d - b·c} for {@code X1 = a + ib}, {@code X2 = c + id}.
     *
     * @param packed1 subject-band spectrum, {@link RealFft} layout; not modified
     * @param packed2 reference-band spectrum; not modified
     * @param n       number of samples
     * @param sumRe   Σ Re C, modified
     * @param sumIm   Σ Im C, modified
     * @param sumP1   Σ |X1|², modified
     * @param sumP2   Σ |X2|², modified
     */
    public static void accumulateCross(double[] packed1, double[] packed2, int n, double[] sumRe, double[] sumIm,
            double[] sumP1, double[] sumP2) {
        int last = lastInterior(n);
        for (int j = 1; j <= last; j++) {
            double a = packed1[2 * j];
            double b = packed1[2 * j + 1];
            double c = packed2[2 * j];
            double d = packed2[2 * j + 1];
            addCross(j - 1, a, b, c, d, sumRe, sumIm, sumP1, sumP2);
        }
        if (n % 2 == 1) {
            int j = (n - 1) / 2;
            addCross(j - 1, packed1[2 * j], packed1[1], packed2[2 * j], packed2[1], sumRe, sumIm, sumP1, sumP2);
        }
    }

    private static void addCross(int i, double a, double b, double c, double d, double[] sumRe, double[] sumIm,
            double[] sumP1, double[] sumP2) {
        sumRe[i] += a * c + b * d;
        sumIm[i] += a * d - b * c;
        sumP1[i] += a * a + b * b;
        sumP2[i] += c * c + d * d;
    }

    /** Last j whose Re and Im sit at {@code a[2j], a[2j+1]}: {@code n/2 - 1} (even) or {@code (n-3)/2} (odd). */
    private static int lastInterior(int n) {
        return (n % 2 == 0) ? n / 2 - 1 : (n - 3) / 2;
    }
}
