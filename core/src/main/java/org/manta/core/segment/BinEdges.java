package org.manta.core.segment;

import org.manta.core.gti.Float80;

/**
 * numpy's {@code histogram(x, bins=N, range=[0, T])} for one segment layout, set up once (one per
 * thread with the kernel that uses it): the scaling factor, the edges and the range that decide which
 * bin an event lands in (science.md §3.1, errata M1), as numpy 1.x evaluates them.
 *
 * <p>With a double {@code T}: {@code norm = N/T}, edges {@code e_k = k·(T/N)}, {@code e_N = T}.
 * With an extended {@code T} (a bin time made compatible with TIMEDEL, {@link SegmentSpec#isExtended}),
 * numpy computes {@code norm = N/T} and the edges ({@code linspace(0, T, N+1)}) in {@code longdouble} and
 * only then rounds them to double, and keeps events with {@code x <= double(T)}: {@code norm =
 * double(round64(N/T))}, {@code e_k = double(round64(k·round64(T/N)))}. Where those edges equal
 * {@code k·step} for a double step (e.g. a power-of-two bin time), the edges are computed on the fly as
 * in the double case; otherwise they are tabulated ({@code N + 1} doubles).
 */
public final class BinEdges {
    private final int nbin;
    private final double norm;
    private final double step;
    private final double last;
    private final double[] table;      // null: e_k = k·step

    private BinEdges(int nbin, double norm, double step, double last, double[] table) {
        this.nbin = nbin;
        this.norm = norm;
        this.step = step;
        this.last = last;
        this.table = table;
    }

    /** The last tabulated rule: the per-thread kernels of one job share it instead of tabulating again. */
    private static volatile Tabulated lastTabulated;

    private record Tabulated(SegmentSpec spec, BinEdges edges) {
    }

    /**
     * The binning rule of a segment layout. Tabulating costs about 0.1 s for 2^18 bins; the last table is
     * kept (immutable), so the kernels of a job build it once.
     */
    public static BinEdges of(SegmentSpec spec) {
        int n = spec.nbin();
        if (!spec.isExtended()) {
            double t = spec.segmentSize();
            return new BinEdges(n, n / t, t / n, t, null);
        }
        Tabulated cached = lastTabulated;
        if (cached != null && cached.spec().equals(spec)) {
            return cached.edges();
        }
        BinEdges built = tabulate(spec);
        lastTabulated = new Tabulated(spec, built);
        return built;
    }

    private static BinEdges tabulate(SegmentSpec spec) {
        int n = spec.nbin();
        Float80.Value t = spec.extendedSegmentSize();
        Float80.Value nb = Float80.of(n);
        double norm = Float80.divide(nb, t).toDouble();
        Float80.Value step = Float80.divide(t, nb);
        double[] table = new double[n + 1];
        boolean onTheFly = true;
        for (int k = 0; k < n; k++) {
            table[k] = multiplyToDouble(k, step);
            onTheFly &= table[k] == k * step.hi();
        }
        table[n] = t.toDouble();
        return new BinEdges(n, norm, step.hi(), t.toDouble(), onTheFly ? null : table);
    }

    /** {@code double(round64(k · v))}, exactly, without big-number arithmetic in the usual case. */
    static double multiplyToDouble(int k, Float80.Value v) {
        double p = k * v.hi();
        double r = Math.fma(k, v.hi(), -p);   // k·hi = p + r exactly
        double q = k * v.lo();                // exact: lo has at most 11 significant bits, k at most 31
        return Float80.addToDouble(p, Float80.of(r + q));   // r + q is exact (at most 43 bits)
    }

    /** Edge {@code e_k}, {@code 0 <= k <= N}, as the histogram compares with it. */
    double edge(int k) {
        return table != null ? table[k] : k == nbin ? last : k * step;
    }

    /** The scaling factor {@code N/T} the bin index is first estimated with. */
    double norm() {
        return norm;
    }

    /** Bins per segment N. */
    public int nbin() {
        return nbin;
    }

    /** Whether the edges are tabulated (an extended layout whose edges are not {@code k·step}). */
    public boolean isTabulated() {
        return table != null;
    }

    /**
     * The bin of one offset {@code x = t - origin} by the rule of {@link #count}, or -1 when {@code x} lies
     * outside {@code [0, T]} (for kernels that bin each event into one of several histograms).
     */
    public int bin(double x) {
        if (!(x >= 0 && x <= last)) {
            return -1;
        }
        int k = (int) (x * norm);
        if (k >= nbin) {
            k = nbin - 1;
        }
        if (x < edge(k)) {
            k--;
        } else if (k != nbin - 1 && x >= edge(k + 1)) {
            k++;
        }
        return k;
    }

    /**
     * Histograms {@code x = t - origin} for {@code t} in {@code times[from:to]} into {@code counts[0:N]}
     * (zeroed first); events with {@code x} outside {@code [0, T]} are dropped.
     *
     * @return number of events binned
     */
    int count(double[] times, int from, int to, double origin, double[] counts) {
        java.util.Arrays.fill(counts, 0, nbin, 0.0);
        return table == null ? countOnTheFly(times, from, to, origin, counts)
                : countTabulated(times, from, to, origin, counts);
    }

    /** The hot loop of the usual layouts: edges {@code k·step}. */
    private int countOnTheFly(double[] times, int from, int to, double origin, double[] counts) {
        int n = nbin;
        int binned = 0;
        for (int i = from; i < to; i++) {
            double x = times[i] - origin;
            if (!(x >= 0 && x <= last)) {
                continue;
            }
            int k = (int) (x * norm);
            if (k >= n) {
                k = n - 1;
            }
            if (x < k * step) {
                k--;
            } else if (k != n - 1 && x >= (k + 1) * step) {
                k++;
            }
            counts[k] += 1.0;
            binned++;
        }
        return binned;
    }

    /** The tabulated layouts (rare: an extended bin time whose edges are not {@code k·step}): {@link #bin}. */
    private int countTabulated(double[] times, int from, int to, double origin, double[] counts) {
        int binned = 0;
        for (int i = from; i < to; i++) {
            int k = bin(times[i] - origin);
            if (k >= 0) {
                counts[k] += 1.0;
                binned++;
            }
        }
        return binned;
    }
}
