package org.manta.core.lombscargle;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The trigonometric sums {@code C_j = Σ_i h_i cos(2π f_j t_i)}, {@code S_j = Σ_i h_i sin(2π f_j t_i)}
 * on the regular grid {@code f_j = f0 + j·df}, {@code j = 0..N-1}, by Press &amp; Rybicki (1989)
 * extirpolation onto an FFT grid (astropy {@code lombscargle.implementations.utils.trig_sum} with
 * {@code use_fft=True}, {@code Mfft=4}). The grid has {@code Nfft = bitceil(N·oversampling)} points;
 * the result is an approximation whose error falls with the oversampling.
 */
final class TrigSum {
    /** Extirpolation order (astropy's {@code Mfft}). */
    static final int ORDER = 4;

    /** The sine sums {@code S}, then the cosine sums {@code C}, each of length N. */
    record Sums(double[] sin, double[] cos) {
    }

    private TrigSum() {
    }

    /**
     * @param t            sample times, s; not modified
     * @param h            real weights, one per time; not modified
     * @param df           frequency step, Hz (before {@code freqFactor})
     * @param n            number of frequencies N
     * @param f0           first frequency, Hz (before {@code freqFactor})
     * @param freqFactor   multiplies {@code df} and {@code f0} (2 for the sums of {@code 2ωt})
     * @param oversampling FFT grid oversampling
     */
    static Sums compute(double[] t, double[] h, double df, int n, double f0, double freqFactor, int oversampling) {
        df *= freqFactor;
        f0 *= freqFactor;
        int nfft = gridCells(n, oversampling);
        double t0 = t[0];
        for (double v : t) {
            t0 = Math.min(t0, v);
        }
        double[] hr = new double[t.length];
        double[] hi = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            if (f0 > 0) {
                double phase = 2 * Math.PI * f0 * (t[i] - t0);
                hr[i] = h[i] * Math.cos(phase);
                hi[i] = h[i] * Math.sin(phase);
            } else {
                hr[i] = h[i];
            }
        }
        double[] tnorm = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            tnorm[i] = ((t[i] - t0) * nfft * df) % nfft;
        }
        double[] grid = extirpolate(tnorm, hr, hi, nfft);
        new DoubleFFT_1D(nfft).complexInverse(grid, true);
        double[] s = new double[n];
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            double re = grid[2 * j];
            double im = grid[2 * j + 1];
            if (t0 != 0) {
                double phase = 2 * Math.PI * t0 * (f0 + df * j);
                double cr = Math.cos(phase);
                double ci = Math.sin(phase);
                double r = re * cr - im * ci;
                im = re * ci + im * cr;
                re = r;
            }
            c[j] = nfft * re;
            s[j] = nfft * im;
        }
        return new Sums(s, c);
    }

    /**
     * Spreads the complex weights {@code (yr + i·yi)} at the non-integer positions {@code x} onto the
     * integer grid {@code 0..nfft-1} with Lagrange weights over {@link #ORDER} neighbours (astropy
     * {@code extirpolate}, Press et al. 1989); a weight at an integer position goes to that cell.
     *
     * @return the grid as interleaved {@code re, im} pairs (JTransforms' complex layout)
     */
    static double[] extirpolate(double[] x, double[] yr, double[] yi, int nfft) {
        double[] out = new double[2 * nfft];
        for (int i = 0; i < x.length; i++) {
            if (x[i] % 1 == 0) {
                int k = (int) x[i];
                out[2 * k] += yr[i];
                out[2 * k + 1] += yi[i];
            }
        }
        int[] ilo = new int[x.length];
        double[] nr = new double[x.length];
        double[] ni = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i] % 1 != 0) {
                ilo[i] = Math.min(Math.max((int) (x[i] - ORDER / 2), 0), nfft - ORDER);
                double prod = x[i] - ilo[i];
                for (int m = 1; m < ORDER; m++) {
                    prod *= x[i] - ilo[i] - m;
                }
                nr[i] = yr[i] * prod;
                ni[i] = yi[i] * prod;
            }
        }
        // one pass per neighbour, over all points, as astropy's np.add.at (same order of additions)
        double denominator = factorial(ORDER - 1);
        for (int j = 0; j < ORDER; j++) {
            if (j > 0) {
                denominator *= (double) j / (j - ORDER);
            }
            for (int i = 0; i < x.length; i++) {
                if (x[i] % 1 == 0) {
                    continue;
                }
                int ind = ilo[i] + (ORDER - 1 - j);
                // numpy divides a complex by a real as a multiplication by its reciprocal
                double scale = 1.0 / (denominator * (x[i] - ind));
                out[2 * ind] += nr[i] * scale;
                out[2 * ind + 1] += ni[i] * scale;
            }
        }
        return out;
    }

    /**
     * Bytes a cell of the grid costs while {@link #compute} runs: its complex value (16) and as much again for the
     * inverse FFT's and the extirpolation's scratch.
     */
    static final long BYTES_PER_CELL = 32;

    /** Cells of the grid of {@code n} frequencies at {@code oversampling} ({@link #bitceil}). */
    static int gridCells(int n, int oversampling) {
        return bitceil((long) n * oversampling);
    }

    /** The smallest power of two ≥ n (astropy {@code bitceil}). */
    static int bitceil(long n) {
        if (n > (1 << 30)) {
            throw new org.manta.core.InvalidParameterException("oversampling × frequencies", n,
                    "at most 2^30 grid points");
        }
        return n <= 1 ? 1 : Integer.highestOneBit((int) (n - 1)) << 1;
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }
}
