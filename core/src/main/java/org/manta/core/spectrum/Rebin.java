package org.manta.core.spectrum;

import java.util.Arrays;
import org.manta.core.InvalidParameterException;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.segment.Segments;

/**
 * Rebinning of spectra: linear (Stingray {@code utils.rebin_data}, science.md §8.1, errata L5, M3)
 * and logarithmic (Stingray {@code utils.rebin_data_log}, §8.2, errata L6). Static kernels over
 * primitive arrays; inputs are never modified.
 */
public final class Rebin {
    private Rebin() {
    }

    /**
     * Result of a linear rebin.
     *
     * @param x           new bin centres {@code x_0 - dx_0/2 + dx_new/2 + i·dx_new}
     * @param y           rebinned values (sum, or mean with {@code average})
     * @param yErr        rebinned errors (quadrature with the same weights; zeros if none were given)
     * @param step        per new bin, the number of old bins it holds (fractional at the edges)
     * @param uniformStep whether the old grid was uniform, in which case Stingray reports the scalar
     *                    {@code step[0]}
     */
    public record Linear(double[] x, double[] y, double[] yErr, double[] step, boolean uniformStep) {
        /** Stingray's returned {@code step_size} when the old grid is uniform. */
        public double scalarStep() {
            return step[0];
        }
    }

    /** As {@link Linear} for complex values; errors propagated in complex arithmetic (errata M3). */
    public record LinearComplex(double[] x, ComplexArray y, ComplexArray yErr, double[] step, boolean uniformStep) {
    }

    /**
     * Result of a logarithmic rebin.
     *
     * @param x        mean of the input x in each new bin (NaN for an empty bin)
     * @param y        mean of the input y in each new bin (NaN for an empty bin)
     * @param yErr     {@code sqrt(Σσ²)/n_k} (NaN for an empty bin)
     * @param nsamples number of input bins {@code n_k} in each new bin
     */
    public record Log(double[] x, double[] y, double[] yErr, int[] nsamples) {
    }

    /** As {@link Log} for complex values; Re and Im (and their errors) are treated separately (errata L6). */
    public record LogComplex(double[] x, ComplexArray y, ComplexArray yErr, int[] nsamples) {
    }

    /**
     * Linear rebin with a uniform old bin width {@code dx} (Stingray {@code rebin_data(x, y, dxNew,
     * yerr, method, dx)}). The input x are treated as left bin edges of width dx; see
     * {@link #linear(double[], double[], double[], double, double[], boolean)}.
     *
     * @param x       old x, ascending
     * @param y       values, same length
     * @param yErr    errors, same length, or null for none
     * @param dxNew   new bin width, at least dx
     * @param dx      old bin width
     * @param average true: mean of the old bins (method "mean"); false: sum
     */
    public static Linear linear(double[] x, double[] y, double[] yErr, double dxNew, double dx, boolean average) {
        return linear(x, y, yErr, dxNew, new double[] {dx}, average);
    }

    /**
     * Linear rebin with the old bin widths taken from {@code diff(x)} (Stingray {@code rebin_data} with
     * {@code dx=None}).
     */
    public static Linear linear(double[] x, double[] y, double[] yErr, double dxNew, boolean average) {
        return linear(x, y, yErr, dxNew, diff(x), average);
    }

    /**
     * Linear rebin (science.md §8.1 with errata L5). Old edges {@code [x_0, …, x_{n-1}, x_{n-1} +
     * dxOld_last]}; new edges numpy {@code arange(edge_0, edge_last + dxNew, dxNew)}. Each new bin
     * {@code [a, b)} sums the old bins entirely inside it plus fractions of the two bins it cuts,
     * weighted by the fraction of the old bin (using the actual old edge spacing). As in Stingray, the
     * first new bin also adds {@code y[n-1]·(-0.0)}, so a NaN or infinity in the last old bin makes
     * it NaN. The last new bin is dropped when {@code (x_{n-1} - x_0 + dxOld_last)/dxNew} has a
     * fractional part.
     *
     * @param dxOld old bin widths: one value (uniform grid) or {@code n-1} values ({@code diff(x)})
     * @throws InvalidParameterException if {@code dxNew} is smaller than an old bin width
     */
    public static Linear linear(double[] x, double[] y, double[] yErr, double dxNew, double[] dxOld, boolean average) {
        Plan plan = new Plan(x, dxNew, dxOld);
        int nOut = plan.outputLength();
        double[] outY = new double[nOut];
        double[] outErr = new double[nOut];
        for (int i = 0; i < nOut; i++) {
            outY[i] = plan.sum(y, i);
            double var = 0;
            if (yErr != null) {
                var = plan.sumOfSquares(yErr, i);
            }
            double s = plan.step[i];
            outY[i] = average ? outY[i] / s : outY[i];
            outErr[i] = average ? Math.sqrt(var) / s : Math.sqrt(var);
        }
        return new Linear(plan.centres(nOut), outY, outErr, Arrays.copyOf(plan.step, nOut), plan.uniform);
    }

    /**
     * Complex linear rebin: values as {@link #linear(double[], double[], double[], double, double[], boolean)}
     * on Re and Im; errors {@code σ = dRe + i·dIm} propagated as Stingray does for complex arrays
     * (errata M3): {@code V = Σ (w·σ)²} with complex squares, {@code σ_new = √V} (principal complex
     * root), divided by the step for a mean. This is not {@code √Σ(w·dRe)² + i·√Σ(w·dIm)²}.
     *
     * @param yErr complex errors, or null for none
     */
    public static LinearComplex linear(double[] x, ComplexArray y, ComplexArray yErr, double dxNew, double[] dxOld,
            boolean average) {
        Plan plan = new Plan(x, dxNew, dxOld);
        int nOut = plan.outputLength();
        ComplexArray outY = ComplexArray.zeros(nOut);
        ComplexArray outErr = ComplexArray.zeros(nOut);
        for (int i = 0; i < nOut; i++) {
            double s = plan.step[i];
            double re = plan.sum(y.re(), i);
            double im = plan.sum(y.im(), i);
            outY.re()[i] = average ? re / s : re;
            outY.im()[i] = average ? im / s : im;
            if (yErr != null) {
                double[] v = plan.complexSumOfSquares(yErr, i);
                double[] root = complexSqrt(v[0], v[1]);
                outErr.re()[i] = average ? root[0] / s : root[0];
                outErr.im()[i] = average ? root[1] / s : root[1];
            }
        }
        return new LinearComplex(plan.centres(nOut), outY, outErr, Arrays.copyOf(plan.step, nOut), plan.uniform);
    }

    /**
     * Logarithmic rebin (science.md §8.2, errata L6). Edges {@code e_0 = x_0/2}, {@code e_1 = e_0 + dx},
     * then {@code e_{k+1} = e_k + (1+f)·(e_k - e_{k-1})} while {@code e_k <= x_max}; bins
     * {@code [e_k, e_{k+1})}. New x and y are the means of the inputs in each bin (sequential sum over
     * count, as {@code scipy.stats.binned_statistic}); errors {@code √(Σσ²)/n_k}. Empty bins give
     * NaN and are kept.
     *
     * @param x    old x (frequencies), ascending, positive
     * @param y    values
     * @param yErr errors, or null for none (then zeros)
     * @param f    growth factor of the bin width, positive
     * @param dx   width of the first new bin (the old resolution)
     */
    public static Log log(double[] x, double[] y, double[] yErr, double f, double dx) {
        LogPlan plan = new LogPlan(x, f, dx);
        double[] err = yErr == null ? new double[y.length] : yErr;
        return new Log(plan.mean(x), plan.mean(y), plan.rootSquaredMean(err), plan.nsamples());
    }

    /** {@link #log} on Re and Im separately (values and errors). */
    public static LogComplex log(double[] x, ComplexArray y, ComplexArray yErr, double f, double dx) {
        LogPlan plan = new LogPlan(x, f, dx);
        ComplexArray err = yErr == null ? ComplexArray.zeros(y.length()) : yErr;
        return new LogComplex(plan.mean(x), new ComplexArray(plan.mean(y.re()), plan.mean(y.im())),
                new ComplexArray(plan.rootSquaredMean(err.re()), plan.rootSquaredMean(err.im())), plan.nsamples());
    }

    /** numpy {@code diff}. */
    static double[] diff(double[] x) {
        double[] d = new double[Math.max(0, x.length - 1)];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i + 1] - x[i];
        }
        return d;
    }

    /** Principal square root of {@code re + i·im} (C99 {@code csqrt}), as {@code {re, im}}. */
    static double[] complexSqrt(double re, double im) {
        if (re == 0 && im == 0) {
            return new double[] {0.0, im};
        }
        double t = Math.sqrt((Math.abs(re) + Math.hypot(re, im)) / 2);
        if (re >= 0) {
            return new double[] {t, im / (2 * t)};
        }
        return new double[] {Math.abs(im) / (2 * t), Math.copySign(t, im)};
    }

    /** numpy {@code arange(start, stop, step)} for doubles: {@code ceil((stop-start)/step)} values. */
    static double[] arange(double start, double stop, double step) {
        double len = Math.ceil((stop - start) / step);
        int n = len > 0 ? (int) len : 0;
        double[] a = new double[n];
        if (n > 0) {
            a[0] = start;
        }
        if (n > 1) {
            a[1] = start + step;
            double delta = a[1] - start;
            for (int i = 2; i < n; i++) {
                a[i] = start + i * delta;
            }
        }
        return a;
    }

    /** Which old bins (and fractions of them) go into each new bin of a linear rebin. */
    private static final class Plan {
        final double[] x;
        final double[] edges;
        final double[] newEdges;
        final int[] minInd;
        final int[] maxInd;
        final double[] prevFrac;
        final double[] postFrac;
        final double[] step;
        final double dxNew;
        final double dxOld0;
        final boolean uniform;
        final boolean dropLast;

        Plan(double[] x, double dxNew, double[] dxOld) {
            int n = x.length;
            if (n == 0) {
                throw new InvalidParameterException("x.length", 0, "at least one bin to rebin");
            }
            if (dxOld.length == 0) {
                throw new InvalidParameterException("dx", "[]", "the old bin width (one value or diff(x))");
            }
            for (double d : dxOld) {
                if (dxNew < d) {
                    throw new InvalidParameterException("df", dxNew, "at least the old resolution " + d);
                }
            }
            this.x = x;
            this.dxNew = dxNew;
            this.dxOld0 = dxOld[0];
            double dxLast = dxOld[dxOld.length - 1];
            edges = Arrays.copyOf(x, n + 1);
            edges[n] = x[n - 1] + dxLast;
            newEdges = arange(edges[0], edges[n] + dxNew, dxNew);
            int nBins = Math.max(0, newEdges.length - 1);
            minInd = new int[nBins];
            maxInd = new int[nBins];
            prevFrac = new double[nBins];
            postFrac = new double[nBins];
            step = new double[nBins];
            for (int i = 0; i < nBins; i++) {
                double lo = newEdges[i];
                double hi = newEdges[i + 1];
                int a = Segments.searchLeft(edges, lo);
                int b = Segments.searchLeft(edges, hi);
                if (a > n) {
                    // numpy would fail with an IndexError here: a new bin starting past the old range
                    throw new InvalidParameterException("df", dxNew, "a new bin width that tiles the old range");
                }
                minInd[i] = a;
                maxInd[i] = b;
                double s = b - 1 - a;
                // Python indexing: edges[-1] and y[-1] are the last elements (errata L5).
                double prevDx = edges[a] - edges[Math.floorMod(a - 1, n + 1)];
                prevFrac[i] = (edges[a] - lo) / prevDx;
                s += prevFrac[i];
                if (b != edges.length) {
                    double postDx = edges[b] - edges[b - 1];
                    postFrac[i] = (hi - edges[b - 1]) / postDx;
                    s += postFrac[i];
                } else {
                    postFrac[i] = Double.NaN;
                }
                step[i] = s;
            }
            double tseg = x[n - 1] - x[0] + dxLast;
            dropLast = (tseg / dxNew) % 1 > 0;
            uniform = dxOld.length == 1 || variance(dxOld) / mean(dxOld) < 1e-6;
        }

        int outputLength() {
            int nBins = step.length;
            return dropLast ? Math.max(0, nBins - 1) : nBins;
        }

        double[] centres(int nOut) {
            double x0 = (x[0] - 0.5 * dxOld0) + 0.5 * dxNew;
            double[] c = new double[nOut];
            for (int i = 0; i < nOut; i++) {
                c[i] = i * dxNew + x0;
            }
            return c;
        }

        /** Python-style index of the bin before the first full one (wraps to the last bin). */
        private int prevIndex(int i, int n) {
            return Math.floorMod(minInd[i] - 1, n);
        }

        double sum(double[] y, int i) {
            double s = 0;
            for (int k = minInd[i]; k < maxInd[i] - 1; k++) {
                s += y[k];
            }
            s += y[prevIndex(i, y.length)] * prevFrac[i];
            if (maxInd[i] != edges.length) {
                s += y[maxInd[i] - 1] * postFrac[i];
            }
            return s;
        }

        double sumOfSquares(double[] e, int i) {
            double s = 0;
            for (int k = minInd[i]; k < maxInd[i] - 1; k++) {
                s += e[k] * e[k];
            }
            double p = e[prevIndex(i, e.length)] * prevFrac[i];
            s += p * p;
            if (maxInd[i] != edges.length) {
                double q = e[maxInd[i] - 1] * postFrac[i];
                s += q * q;
            }
            return s;
        }

        /** Σ (w·σ)² with complex squares {@code (a+ib)² = a² - b² + 2iab}, as {@code {re, im}}. */
        double[] complexSumOfSquares(ComplexArray e, int i) {
            double sr = 0;
            double si = 0;
            for (int k = minInd[i]; k < maxInd[i] - 1; k++) {
                double a = e.re()[k];
                double b = e.im()[k];
                sr += a * a - b * b;
                si += a * b + b * a;
            }
            int p = prevIndex(i, e.length());
            double a = e.re()[p] * prevFrac[i];
            double b = e.im()[p] * prevFrac[i];
            sr += a * a - b * b;
            si += a * b + b * a;
            if (maxInd[i] != edges.length) {
                double c = e.re()[maxInd[i] - 1] * postFrac[i];
                double d = e.im()[maxInd[i] - 1] * postFrac[i];
                sr += c * c - d * d;
                si += c * d + d * c;
            }
            return new double[] {sr, si};
        }
    }

    /** Which old bins go into each new bin of a logarithmic rebin. */
    private static final class LogPlan {
        final int[] bin;
        final int nBins;

        LogPlan(double[] x, double f, double dx) {
            if (!(f > 0)) {
                throw new InvalidParameterException("f", f, "a positive bin-width growth factor");
            }
            if (x.length == 0) {
                throw new InvalidParameterException("x.length", 0, "at least one bin to rebin");
            }
            double minx = x[0] * 0.5;
            double maxx = x[x.length - 1];
            double[] edges = new double[16];
            edges[0] = minx;
            edges[1] = minx + dx;
            int size = 2;
            double width = dx;
            while (edges[size - 1] <= maxx) {
                if (size == edges.length) {
                    edges = Arrays.copyOf(edges, 2 * size);
                }
                edges[size] = edges[size - 1] + width * (1.0 + f);
                width = edges[size] - edges[size - 1];
                size++;
            }
            nBins = size - 1;
            bin = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                // numpy digitize (right=False) minus one: edges[k] <= x < edges[k+1]; -1 or nBins if outside
                bin[i] = searchRight(edges, size, x[i]) - 1;
            }
        }

        double[] mean(double[] y) {
            double[] sum = new double[nBins];
            int[] count = new int[nBins];
            for (int i = 0; i < y.length; i++) {
                int b = bin[i];
                if (b >= 0 && b < nBins) {
                    sum[b] += y[i];
                    count[b]++;
                }
            }
            for (int b = 0; b < nBins; b++) {
                sum[b] = count[b] == 0 ? Double.NaN : sum[b] / count[b];
            }
            return sum;
        }

        double[] rootSquaredMean(double[] e) {
            double[] sum = new double[nBins];
            int[] count = new int[nBins];
            for (int i = 0; i < e.length; i++) {
                int b = bin[i];
                if (b >= 0 && b < nBins) {
                    sum[b] += e[i] * e[i];
                    count[b]++;
                }
            }
            for (int b = 0; b < nBins; b++) {
                sum[b] = Math.sqrt(sum[b]) / count[b];
            }
            return sum;
        }

        int[] nsamples() {
            int[] count = new int[nBins];
            for (int b : bin) {
                if (b >= 0 && b < nBins) {
                    count[b]++;
                }
            }
            return count;
        }
    }


    private static int searchRight(double[] a, int length, double v) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    private static double variance(double[] a) {
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return s / a.length;
    }
}
