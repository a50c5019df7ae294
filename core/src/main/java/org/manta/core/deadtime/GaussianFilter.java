package org.manta.core.deadtime;

import org.manta.core.InvalidParameterException;

/**
 * One-dimensional Gaussian smoothing as scipy's {@code ndimage.gaussian_filter1d(x, sigma)} with its
 * defaults ({@code order=0}, {@code mode="reflect"}, {@code truncate=4.0}), the smoothing of Stingray's FAD
 * (science.md §21.2).
 *
 * <p>Kernel: radius {@code r = (int)(4·σ + 0.5)}, weights {@code w_k = exp(-0.5/σ²·k²)} for
 * {@code |k| <= r}, divided by their sum. Output {@code y_i = w_0·x_i + Σ_{k=r..1} w_k·(x_{i-k} + x_{i+k})}
 * (scipy's symmetric-kernel loop, outermost terms first). Beyond the ends the input is mirrored with
 * the edge sample repeated ({@code reflect}: {@code d c b a | a b c d | d c b a}), as often as needed.
 */
public final class GaussianFilter {
    /** scipy's default {@code truncate}: the kernel reaches 4 standard deviations. */
    public static final double TRUNCATE = 4.0;

    private GaussianFilter() {
    }

    /**
     * The normalised kernel half {@code w_0..w_r} (scipy {@code _gaussian_kernel1d(sigma, 0, r)}).
     *
     * @param sigma standard deviation, in samples; positive and finite
     */
    public static double[] halfKernel(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new InvalidParameterException("smoothing_length", sigma, "a positive, finite number of frequency bins");
        }
        int radius = (int) (TRUNCATE * sigma + 0.5);
        double c = -0.5 / (sigma * sigma);
        double[] half = new double[radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            double w = Math.exp(c * ((double) k * k));
            sum += w;
            if (k >= 0) {
                half[k] = w;
            }
        }
        for (int k = 0; k <= radius; k++) {
            half[k] /= sum;
        }
        return half;
    }

    /**
     * Smooths {@code x} into {@code out}.
     *
     * @param x     input samples; not modified
     * @param half  kernel half from {@link #halfKernel}
     * @param out   output, length at least {@code x.length}; must not be {@code x}
     */
    public static void smooth(double[] x, double[] half, double[] out) {
        int n = x.length;
        int radius = half.length - 1;
        for (int i = 0; i < n; i++) {
            double acc = x[i] * half[0];
            for (int k = radius; k >= 1; k--) {
                acc += (x[reflect(i - k, n)] + x[reflect(i + k, n)]) * half[k];
            }
            out[i] = acc;
        }
    }

    /** scipy {@code reflect} index: period {@code 2n}, the second half mirrored ({@code -1 -> 0}, {@code n -> n-1}). */
    static int reflect(int i, int n) {
        int p = Math.floorMod(i, 2 * n);
        return p < n ? p : 2 * n - 1 - p;
    }
}
