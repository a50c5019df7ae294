package org.manta.core.lightcurve;

/**
 * The two numpy operations whose exact rounding the light-curve references depend on (also used by
 * the Lomb–Scargle and multitaper kernels, whose sums follow {@code np.sum}).
 */
public final class NumpyArithmetic {
    /** numpy's pairwise-summation block size ({@code PW_BLOCKSIZE}). */
    private static final int BLOCK = 128;
    private static final int UNROLL = 8;

    private NumpyArithmetic() {
    }

    /**
     * {@code numpy.add.reduce} of a contiguous float64 array: pairwise summation over blocks of 128
     * with 8 partial sums (numpy {@code pairwise_sum_DOUBLE}), so that means are bit-identical to
     * {@code np.mean}. Checked against numpy 1.24 and 2.4 on random arrays.
     *
     * @param a   values; not modified
     * @param off first index
     * @param n   number of values
     */
    public static double pairwiseSum(double[] a, int off, int n) {
        if (n < UNROLL) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double[] r = new double[UNROLL];
            System.arraycopy(a, off, r, 0, UNROLL);
            int i;
            for (i = UNROLL; i < n - (n % UNROLL); i += UNROLL) {
                for (int j = 0; j < UNROLL; j++) {
                    r[j] += a[off + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % UNROLL;
        return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
    }

    /** {@link #pairwiseSum(double[], int, int)} of a whole array ({@code np.sum(a)}). */
    public static double sum(double[] a) {
        return pairwiseSum(a, 0, a.length);
    }

    /**
     * Python/numpy floor division {@code a // b} of doubles (numpy {@code npy_divmod}), which is
     * computed from {@code fmod} and is not {@code floor(a/b)} of the rounded quotient: e.g.
     * {@code 5.7 // 0.1 = 56} but {@code floor(5.7/0.1) = 57} (science-errata M2).
     */
    static double floorDivide(double a, double b) {
        double mod = a % b;
        if (b == 0) {
            return a / b;
        }
        double div = (a - mod) / b;
        if (mod != 0 && ((b < 0) != (mod < 0))) {
            div -= 1.0;
        }
        if (div == 0) {
            return Math.copySign(0.0, a / b);
        }
        double floordiv = Math.floor(div);
        if (div - floordiv > 0.5) {
            floordiv += 1.0;
        }
        return floordiv;
    }
}
