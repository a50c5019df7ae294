package org.manta.core.fourier;

import org.jtransforms.fft.DoubleFFT_1D;
import org.manta.core.InvalidParameterException;
import org.manta.core.MemoryLimit;
import org.visnow.jlargearrays.ConcurrencyUtils;

/**
 * A reusable plan for the forward DFT of real series of one length {@code n}, with its own output
 * buffers: one per thread, no allocation per transform.
 *
 * <p>Convention (numpy/scipy, science.md §4): {@code X_j = Σ_k x_k·exp(-2πi·jk/n)}, unnormalised.
 * The output is JTransforms' packed {@code realForward} layout, read with {@link #re}/{@link #im}:
 * <ul>
 *   <li>even n: {@code a[0] = Re X_0}, {@code a[1] = Re X_{n/2}}, {@code a[2j] = Re X_j},
 *       {@code a[2j+1] = Im X_j} for {@code 0 < j < n/2};</li>
 *   <li>odd n: {@code a[0] = Re X_0}, {@code a[2j] = Re X_j} for {@code 0 < j <= (n-1)/2},
 *       {@code a[2j+1] = Im X_j} for {@code 0 < j < (n-1)/2}, and {@code a[1] = Im X_{(n-1)/2}}.</li>
 * </ul>
 * The transforms run single-threaded: parallelism belongs to the caller, one plan per thread (a plan
 * is not thread-safe; JTransforms' own thread pool is switched off once, when this class is loaded).
 * For power-of-two n the transform is done in place with no allocation; for other n JTransforms'
 * mixed-radix and Bluestein paths allocate a scratch array inside each call.
 */
public final class RealFft {
    static {
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private final int n;
    private final DoubleFFT_1D fft;
    private final double[] first;
    private final double[] second;

    /**
     * @param n series length, at least 2
     */
    public RealFft(int n) {
        if (n < 2) {
            throw new InvalidParameterException("n", n, "a series of at least 2 samples");
        }
        MemoryLimit.require("n", n, n, bytesPerSample(n), "samples per Fourier transform",
                "a larger bin time or a shorter segment");
        this.n = n;
        this.fft = new DoubleFFT_1D(n);
        this.first = new double[n];
        this.second = new double[n];
    }

    /**
     * Estimated bytes a plan of length {@code n} allocates per sample: its two buffers (16) plus JTransforms'
     * tables: about 16 for a power of two; for n with no prime factor above 5 the mixed-radix tables (6n doubles)
     * and a scratch copy per call (64 in all); otherwise Bluestein's: two chirp tables and a scratch array of
     * {@code 2·nb} doubles and the twiddles of {@code nb}, {@code nb} the power of two ≥ 2n − 1 (56·nb/n, 128 to 224).
     */
    public static long bytesPerSample(int n) {
        if (Integer.bitCount(n) == 1) {
            return 32;
        }
        int m = n;
        for (int p : new int[] {2, 3, 5}) {
            while (m % p == 0) {
                m /= p;
            }
        }
        if (m == 1) {
            return 80;
        }
        long nb = Long.highestOneBit(2L * n - 2) << 1;
        return 16 + (56 * nb + n - 1) / n;
    }

    /** Series length. */
    public int n() {
        return n;
    }

    /**
     * Transforms {@code x[0:n]} into this plan's first buffer.
     *
     * @param x real series, length at least n; not modified
     * @return the packed spectrum (this plan's buffer: valid until the next {@code forward} call)
     */
    public double[] forward(double[] x) {
        forward(x, first);
        return first;
    }

    /**
     * As {@link #forward(double[])} into a second buffer, so that two spectra can be live at once
     * (cross spectra).
     */
    public double[] forwardSecond(double[] x) {
        forward(x, second);
        return second;
    }

    /**
     * Transforms {@code x[0:n]} into {@code out[0:n]} (packed layout). {@code x} and {@code out} may be
     * the same array (in place); otherwise {@code x} is not modified.
     */
    public void forward(double[] x, double[] out) {
        if (x.length < n || out.length < n) {
            throw new InvalidParameterException("x.length", Math.min(x.length, out.length), "at least n = " + n);
        }
        if (x != out) {
            System.arraycopy(x, 0, out, 0, n);
        }
        fft.realForward(out);
    }

    /**
     * Real part of {@code X_j}, {@code 0 <= j <= n/2}, from a packed spectrum of length {@code n}.
     */
    public static double re(double[] packed, int n, int j) {
        if (j == 0) {
            return packed[0];
        }
        if (2 * j == n) {
            return packed[1];
        }
        return packed[2 * j];
    }

    /**
     * Imaginary part of {@code X_j}, {@code 0 <= j <= n/2}, from a packed spectrum of length {@code n}
     * (zero at {@code j = 0} and at the Nyquist bin of even n).
     */
    public static double im(double[] packed, int n, int j) {
        if (j == 0 || 2 * j == n) {
            return 0.0;
        }
        if (n % 2 == 1 && j == (n - 1) / 2) {
            return packed[1];
        }
        return packed[2 * j + 1];
    }
}
