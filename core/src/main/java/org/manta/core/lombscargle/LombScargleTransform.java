package org.manta.core.lombscargle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.manta.core.InvalidParameterException;
import org.manta.core.MemoryLimit;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.lightcurve.NumpyArithmetic;

/**
 * The Lomb–Scargle Fourier transform of an unevenly sampled series (science.md §18): static kernels
 * over primitive arrays. Both return, for each frequency {@code ν ≥ 0} of {@code freq} (negative
 * frequencies are dropped, as Stingray does),
 * <pre>
 *   F(ν) = √(N/2) · [ Σ y cos(ωt − ωτ) / √Σcos²(ωt − ωτ) + i·Σ y sin(ωt − ωτ) / √Σsin²(ωt − ωτ) ] · e^{−i(ωτ − ω t₀)}
 * </pre>
 * with {@code y} the de-meaned values, {@code ω = 2πν}, {@code t₀} the first time and
 * {@code ωτ = ½·atan2(Σ sin 2ωt, Σ cos 2ωt)} (Scargle 1989, eq. II.2–II.5); at {@code ν = 0},
 * {@code F = Σy/√N}.
 */
public final class LombScargleTransform {
    /** Stingray's default oversampling of the fast method's FFT grid. */
    public static final int DEFAULT_OVERSAMPLING = 5;

    /**
     * Frequencies of the slow method per task and per progress step: large enough that a task outweighs its
     * scheduling, small enough that a few hundred thousand frequencies report progress often.
     */
    static final int SLOW_CHUNK = 256;

    private LombScargleTransform() {
    }

    /**
     * The exact transform (Stingray {@code fourier.lsft_slow} with {@code sign=+1}), O(N·N_f), on the calling thread.
     *
     * @param y    values (counts), one per time; not modified
     * @param t    times, s; not modified
     * @param freq frequencies, Hz; negative ones are left out of the result
     * @return {@code F(ν)} for the non-negative frequencies, in order
     */
    public static ComplexArray slow(double[] y, double[] t, double[] freq) {
        return slow(y, t, freq, 1, done -> { });
    }

    /**
     * {@link #slow(double[], double[], double[])} with its frequencies spread over {@code threads} threads in chunks of
     * {@value #SLOW_CHUNK}: each frequency's sums are the same whichever thread makes them, so the result does not
     * depend on {@code threads}.
     *
     * @param threads  threads to use, at least 1 (1: the calling thread only)
     * @param progress told the number of frequencies of each finished chunk (from the worker threads)
     */
    public static ComplexArray slow(double[] y, double[] t, double[] freq, int threads, LongConsumer progress) {
        requireSeries(y, t);
        if (threads < 1) {
            throw new InvalidParameterException("threads", threads, "at least 1");
        }
        double[] yc = demeaned(y);
        double[] f = nonNegative(freq);
        double[] re = new double[f.length];
        double[] im = new double[f.length];
        List<Callable<Void>> chunks = new ArrayList<>();
        for (int from = 0; from < f.length; from += SLOW_CHUNK) {
            int lo = from;
            int hi = Math.min(f.length, from + SLOW_CHUNK);
            chunks.add(() -> {
                slowRange(yc, t, f, lo, hi, re, im);
                progress.accept(hi - lo);
                return null;
            });
        }
        if (threads == 1 || chunks.size() < 2) {
            for (Callable<Void> chunk : chunks) {
                call(chunk);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, chunks.size()), r -> {
                Thread thread = new Thread(r, "lomb-slow");
                thread.setDaemon(true);
                return thread;
            });
            try {
                for (Future<Void> done : pool.invokeAll(chunks)) {
                    done.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing the Lomb-Scargle sums", e);
            } catch (ExecutionException e) {
                throw rethrown(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return new ComplexArray(re, im);
    }

    /** The exact sums of the de-meaned {@code yc} for {@code f[lo..hi)}, into {@code re} and {@code im}. */
    private static void slowRange(double[] yc, double[] t, double[] f, int lo, int hi, double[] re, double[] im) {
        int n = yc.length;
        double sumY = NumpyArithmetic.sum(yc);
        double const1 = Math.sqrt(0.5 * n);
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        double[] d = new double[n];
        for (int j = lo; j < hi; j++) {
            double w = f[j] * 2 * Math.PI;
            double ftRe;
            double ftIm;
            double phase;
            if (w == 0) {
                ftRe = sumY / Math.sqrt(n);
                ftIm = 0;
                phase = 0;
            } else {
                for (int i = 0; i < n; i++) {
                    a[i] = Math.cos(2.0 * w * t[i]);
                    b[i] = Math.sin(2.0 * w * t[i]);
                }
                double wtau = 0.5 * Math.atan2(NumpyArithmetic.sum(b), NumpyArithmetic.sum(a));
                for (int i = 0; i < n; i++) {
                    double cos = Math.cos(w * t[i] - wtau);
                    double sin = Math.sin(w * t[i] - wtau);
                    a[i] = yc[i] * cos;
                    b[i] = yc[i] * sin;
                    c[i] = cos * cos;
                    d[i] = sin * sin;
                }
                ftRe = const1 * NumpyArithmetic.sum(a) / Math.sqrt(NumpyArithmetic.sum(c));
                ftIm = const1 * NumpyArithmetic.sum(b) / Math.sqrt(NumpyArithmetic.sum(d));
                phase = wtau - w * t[0];
            }
            rotate(ftRe, ftIm, phase, re, im, j);
        }
    }

    private static void call(Callable<Void> chunk) {
        try {
            chunk.call();
        } catch (Exception e) {
            throw rethrown(e);
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }

    /**
     * The fast transform (Stingray {@code fourier.lsft_fast}, {@code sign=+1}): the sums over the data are
     * astropy's extirpolated {@code trig_sum}s (Press &amp; Rybicki 1989) on the grid {@code f0 + j·df}
     * taken from the first two frequencies, so {@code freq} must be evenly spaced. Reproduced as
     * Stingray computes it, with its departures from {@link #slow} (science.md §18, QUIRK):
     * <ul>
     *   <li>{@code ωτ = ½·atan2(Σcos 2ωt, Σsin 2ωt)}: the arguments are swapped (and the sums
     *       are of weights {@code 1/N});</li>
     *   <li>the number of <em>frequencies</em> {@code N_f} replaces the number of points in the
     *       constant ({@code √(N_f/2)}) and in {@code Σcos² = ½(N_f + C₂cos 2ωτ + S₂ sin 2ωτ)},
     *       {@code Σsin² = ½(N_f − …)}.</li>
     * </ul>
     * The result therefore is not an approximation of {@link #slow}; it agrees with it only where
     * these differences cancel (for the power of a strong periodic signal, to a few per cent).
     *
     * @param oversampling FFT grid oversampling (Stingray's default {@value #DEFAULT_OVERSAMPLING}), ≥ 1
     * @return {@code F(ν)} for the non-negative frequencies, in order
     */
    public static ComplexArray fast(double[] y, double[] t, double[] freq, int oversampling) {
        requireSeries(y, t);
        if (oversampling < 1) {
            throw new InvalidParameterException("oversampling", oversampling, "a positive integer");
        }
        double[] yc = demeaned(y);
        double[] f = nonNegative(freq);
        if (f.length < 2) {
            throw new InvalidParameterException("frequencies", f.length,
                    "at least 2 non-negative frequencies for the fast method (its grid step is f[1] - f[0])");
        }
        int n = yc.length;
        int nf = f.length;
        double sumY = NumpyArithmetic.sum(yc);
        double f0 = f[0];
        double df = f[1] - f[0];
        MemoryLimit.require("frequencies", nf, TrigSum.gridCells(nf, oversampling), TrigSum.BYTES_PER_CELL,
                "cells of the fast method's grid (" + oversampling + " per frequency, to a power of two)",
                "fewer frequencies (a larger --df or a lower --max-freq), a lower --oversampling or --method slow");
        TrigSum.Sums data = TrigSum.compute(t, yc, df, nf, f0, 1, oversampling);
        double[] uniform = new double[n];
        java.util.Arrays.fill(uniform, 1.0 / n);
        TrigSum.Sums tau = TrigSum.compute(t, uniform, df, nf, f0, 2, oversampling);
        java.util.Arrays.fill(uniform, 1.0);
        TrigSum.Sums two = TrigSum.compute(t, uniform, df, nf, f0, 2, oversampling);
        double constant = Math.sqrt(0.5) * Math.sqrt(nf);
        double[] re = new double[nf];
        double[] im = new double[nf];
        for (int j = 0; j < nf; j++) {
            // Stingray names astropy's (S, C) result (csum, ssum): the atan2 arguments end up swapped
            double wtau = 0.5 * Math.atan2(tau.cos()[j], tau.sin()[j]);
            double cosTau = Math.cos(wtau);
            double sinTau = Math.sin(wtau);
            double sumR = data.cos()[j] * cosTau + data.sin()[j] * sinTau;
            double sumI = data.sin()[j] * cosTau - data.cos()[j] * sinTau;
            double cos2Tau = Math.cos(2 * wtau);
            double sin2Tau = Math.sin(2 * wtau);
            double sCos2 = 0.5 * (nf + two.cos()[j] * cos2Tau + two.sin()[j] * sin2Tau);
            double sSin2 = 0.5 * (nf - two.cos()[j] * cos2Tau - two.sin()[j] * sin2Tau);
            double ftRe = constant * sumR / Math.sqrt(sCos2);
            double ftIm = constant * sumI / Math.sqrt(sSin2);
            if (f[j] == 0) {
                ftRe = sumY / Math.sqrt(n);
                ftIm = 0;
            }
            double w = f[j] * 2 * Math.PI;
            rotate(ftRe, ftIm, wtau - w * t[0], re, im, j);
        }
        return new ComplexArray(re, im);
    }

    /** {@code (ftRe + i·ftIm)·exp(−i·phase)} into {@code re[j], im[j]} (numpy's complex product). */
    private static void rotate(double ftRe, double ftIm, double phase, double[] re, double[] im, int j) {
        double c = Math.cos(phase);
        double s = -Math.sin(phase);
        re[j] = ftRe * c - ftIm * s;
        im[j] = ftRe * s + ftIm * c;
    }

    private static void requireSeries(double[] y, double[] t) {
        if (y.length != t.length) {
            throw new InvalidParameterException("values", y.length, t.length + " values, one per time");
        }
        if (y.length < 2) {
            throw new InvalidParameterException("points", y.length, "at least 2 samples");
        }
    }

    /** {@code y − mean(y)} (numpy's pairwise mean), a new array. */
    static double[] demeaned(double[] y) {
        double mean = NumpyArithmetic.sum(y) / y.length;
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] - mean;
        }
        return out;
    }

    /** The frequencies ≥ 0, in order (Stingray drops the others). */
    static double[] nonNegative(double[] freq) {
        return java.util.Arrays.stream(freq).filter(v -> v >= 0).toArray();
    }
}
