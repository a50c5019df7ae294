package org.manta.core.segment;

import org.manta.core.InvalidParameterException;

/**
 * Counts per bin of one event segment (Stingray {@code fourier.get_flux_iterable_from_segments},
 * science.md §3.1, errata M1).
 */
public final class Histogram {
    private Histogram() {
    }

    /**
     * Histograms {@code times[from:to]} relative to {@code segmentStart} into {@code spec.nbin()}
     * equal bins over {@code [0, T]}, {@code T = spec.segmentSize()}, with numpy's
     * {@code histogram(x, bins=N, range=[0, T])} rule, which is what the reference outputs used
     * (errata M1; Stingray with numba would use {@code floor(x·(1/(T/N)))} instead, which differs only
     * within about one ulp of a bin edge):
     * <ol>
     *   <li>{@code x = t - segmentStart} in double; events outside {@code 0 <= x <= T} are dropped;</li>
     *   <li>{@code k = (int) (x·(N/T))}; if {@code k == N} then {@code k = N-1};</li>
     *   <li>with edges {@code e_k = k·(T/N)} ({@code e_N = T}): if {@code x < e_k} then {@code k--},
     *       else if {@code x >= e_{k+1}} and {@code k != N-1} then {@code k++}.</li>
     * </ol>
     * The caller selects the events with {@link EventCursor} ({@code s <= t < s + T}). This form sets up
     * the rule ({@link BinEdges#of}) on every call: loops over segments use the {@link BinEdges} form.
     *
     * @param times        event times, MET s, ascending; not modified
     * @param from         first event index (inclusive)
     * @param to           last event index (exclusive)
     * @param segmentStart segment start {@code s}, MET s
     * @param spec         bins per segment and segment length
     * @param counts       output, length at least {@code spec.nbin()}; its first {@code nbin} entries
     *                     are zeroed, then hold counts per bin
     * @return number of events binned (those with {@code 0 <= x <= T})
     */
    public static int countSegment(double[] times, int from, int to, double segmentStart, SegmentSpec spec,
            double[] counts) {
        return countSegment(times, from, to, segmentStart, BinEdges.of(spec), counts);
    }

    /**
     * {@link #countSegment(double[], int, int, double, SegmentSpec, double[])} with the binning rule set up
     * once ({@link BinEdges}, which also covers an extended-precision segment length): the form the
     * per-thread kernels use.
     *
     * @param origin the time subtracted from the events, {@link SegmentBounds#origin}, MET s
     */
    public static int countSegment(double[] times, int from, int to, double origin, BinEdges edges,
            double[] counts) {
        if (counts.length < edges.nbin()) {
            throw new InvalidParameterException("counts.length", counts.length, "at least nbin = " + edges.nbin());
        }
        return edges.count(times, from, to, origin, counts);
    }

    /**
     * The bin of one offset {@code x = t - segmentStart} by the rule of {@link #countSegment} (steps 1–3),
     * or -1 when {@code x} lies outside {@code [0, T]}.
     *
     * @param n    bins per segment N
     * @param t    segment length T, s
     * @param norm {@code N/T}
     * @param step {@code T/N}
     */
    public static int bin(double x, int n, double t, double norm, double step) {
        if (!(x >= 0 && x <= t)) {
            return -1;
        }
        int k = (int) (x * norm);
        if (k >= n) {
            k = n - 1;
        }
        if (x < k * step) {
            k--;
        } else if (k != n - 1 && x >= edge(k + 1, n, step, t)) {
            k++;
        }
        return k;
    }

    /** numpy {@code linspace(0, T, N+1)[k]}: {@code k·step}, the last edge exactly {@code T}. */
    private static double edge(int k, int n, double step, double t) {
        return k == n ? t : k * step;
    }
}
