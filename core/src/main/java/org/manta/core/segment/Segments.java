package org.manta.core.segment;

import java.util.Arrays;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.gti.Float80;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;

/**
 * Where the segments of an averaged spectrum start (science.md §2.4, §2.6; errata L11).
 *
 * <p>Segments always start at a GTI start (never on a global grid), have the fixed length
 * {@code T = N·dt} of the {@link SegmentSpec}, never straddle a GTI gap however short, and the tail
 * of each GTI shorter than {@code T} is dropped.
 */
public final class Segments {
    /** Absolute tolerance on the GTI length test, s (Stingray {@code epsilon=1e-5} in §2.4). */
    public static final double GTI_LENGTH_EPSILON = 1e-5;
    /** Tolerance of the bin-in-GTI test, in bins (Stingray {@code epsilon=0.001} in §2.6). */
    public static final double BIN_EPSILON = 0.001;
    /** The most segments {@link #bounds} holds: Java arrays are indexed by {@code int}. */
    public static final long MAX_SEGMENTS = Integer.MAX_VALUE - 8;

    private Segments() {
    }

    /**
     * Start times of the event segments, rounded to double: the {@link SegmentBounds#origin origins} of
     * {@link #bounds}.
     *
     * @throws NoDataException if no GTI is at least {@code T} long; names the longest GTI and T
     */
    public static double[] starts(GtiList gti, SegmentSpec spec) {
        SegmentBounds b = bounds(gti, spec);
        return b.origins(0, b.count());
    }

    /**
     * The event segments: Stingray {@code gti.time_intervals_from_gtis(gtis, T)} with the fixed
     * {@code T = spec.segmentSize()}, evaluated as Stingray does on the GTIs of a file, in
     * {@code longdouble} ({@link Float80}; GTI bounds exact, {@code T} exact when
     * {@link SegmentSpec#isExtended}), then turned into the doubles that decide each event's segment and
     * bin ({@link SegmentBounds}).
     *
     * <p>For each GTI {@code [a, b]}: skipped if {@code b - a + ε < T}; otherwise numpy {@code arange(a,
     * b - T + ε, T)} (errata L11): {@code count = ceil(double(((b - T + ε) - a) / T))} starts,
     * {@code s_0 = a}, {@code s_1 = a + T}, {@code s_i = a + i·(s_1 - s_0)}; ends {@code e_i = s_i + T};
     * every operation rounded to the 64-bit significand.
     *
     * @param gti  the good time intervals, MET s
     * @param spec segment length (only the segment length is used)
     * @return the segments, ascending; never empty
     * @throws NoDataException if no GTI is at least {@code T} long; names the longest GTI and T
     */
    public static SegmentBounds bounds(GtiList gti, SegmentSpec spec) {
        Float80.Value t = spec.exactSegmentSize();
        Float80.Value eps = Float80.of(GTI_LENGTH_EPSILON);
        double[] origin = new double[16];
        double[] from = new double[16];
        double[] to = new double[16];
        int size = 0;
        for (Gti g : gti.intervals()) {
            Float80.Value a = g.exactStart();
            long count = count(g, t, eps);
            if (count > MAX_SEGMENTS - size) {
                throw new InvalidParameterException("segments", "more than " + MAX_SEGMENTS + " of " + spec.segmentSize()
                        + " s in the GTIs from " + gti.start() + " to " + gti.stop() + " s",
                        "at most " + MAX_SEGMENTS + " (a longer segment, or a shorter time range)");
            }
            Float80.Value second = Float80.add(a, t);
            Float80.Value delta = Float80.subtract(second, a);
            for (long i = 0; i < count; i++) {
                Float80.Value s = i == 0 ? a : i == 1 ? second : Float80.add(a, Float80.multiply(Float80.of(i), delta));
                Float80.Value e = Float80.add(s, t);
                if (size == origin.length) {
                    origin = Arrays.copyOf(origin, 2 * size);
                    from = Arrays.copyOf(from, 2 * size);
                    to = Arrays.copyOf(to, 2 * size);
                }
                origin[size] = s.toDouble();
                from[size] = Float80.ceilToDouble(s);
                to[size] = Float80.ceilToDouble(e);
                size++;
            }
        }
        if (size == 0) {
            throw new NoDataException(noSegmentMessage(gti, t.toDouble()));
        }
        return new SegmentBounds(Arrays.copyOf(origin, size), Arrays.copyOf(from, size), Arrays.copyOf(to, size));
    }

    /**
     * The number of segments {@link #bounds} makes, counted arithmetically (the same per-GTI count, nothing
     * materialised): what a plan checks against its limits before it holds {@code 24 B} per segment.
     *
     * @param gti  the good time intervals, MET s
     * @param spec segment length (only the segment length is used)
     * @return the segment count; 0 if no GTI is at least {@code T} long
     */
    public static long count(GtiList gti, SegmentSpec spec) {
        Float80.Value t = spec.exactSegmentSize();
        Float80.Value eps = Float80.of(GTI_LENGTH_EPSILON);
        long total = 0;
        for (Gti g : gti.intervals()) {
            long n = count(g, t, eps);
            total = n > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + n;
        }
        return total;
    }

    /**
     * Segments of one GTI {@code [a, b]}: 0 if {@code b - a + ε < T}, else numpy's {@code arange} length
     * {@code ceil(double(((b - T + ε) - a) / T))}, in {@code longdouble}.
     */
    private static long count(Gti g, Float80.Value t, Float80.Value eps) {
        Float80.Value a = g.exactStart();
        Float80.Value b = g.exactStop();
        if (Float80.compare(Float80.add(Float80.subtract(b, a), eps), t) < 0) {
            return 0;
        }
        Float80.Value stop = Float80.add(Float80.subtract(b, t), eps);
        double span = Float80.divide(Float80.subtract(stop, a), t).toDouble();
        return span > 0 ? (long) Math.ceil(span) : 0;
    }

    /**
     * First bins of the light-curve segments: Stingray {@code gti.bin_intervals_from_gtis(gtis, T,
     * time, dt)} (science.md §2.6), with {@code nbin = spec.nbin()}, the same as Stingray's
     * {@code rint(T/dt)} for the fixed {@code T}.
     *
     * <p>For each GTI: {@code g0 = a + dt/2 - ε·dt}, {@code g1 = b - dt/2 + ε·dt} (ε = 0.001); skipped
     * if {@code g1 - g0 + dt + ε·dt < T}; {@code startbin} = first bin with centre ≥ g0,
     * {@code stopbin} = one past the last bin with centre ≤ g1; segment starts
     * {@code startbin, startbin + nbin, ...} while {@code start + nbin <= stopbin}. Segment
     * {@code k} covers bins {@code [start_k, start_k + nbin)} and begins at time
     * {@code binCentres[start_k] - dt/2}.
     *
     * @param gti        the good time intervals, MET s
     * @param binCentres light-curve bin centres, MET s, ascending, evenly spaced by {@code spec.dt()}
     * @param spec       bin time and bins per segment
     * @return index of the first bin of each segment, ascending; never empty
     * @throws InvalidParameterException if the light curve lies entirely outside the GTIs
     * @throws NoDataException if no GTI holds one segment
     */
    public static int[] binnedStarts(GtiList gti, double[] binCentres, SegmentSpec spec) {
        if (binCentres.length == 0 || gti.isEmpty()
                || binCentres[binCentres.length - 1] < gti.start() || binCentres[0] > gti.stop()) {
            throw new InvalidParameterException("gti", gti, "intervals overlapping the light curve");
        }
        double dt = spec.dt();
        int nbin = spec.nbin();
        double t = spec.segmentSize();
        double epsDt = BIN_EPSILON * dt;
        int[] out = new int[16];
        int size = 0;
        for (Gti g : gti.intervals()) {
            double g0 = g.start() + dt / 2 - epsDt;
            double g1 = g.stop() - dt / 2 + epsDt;
            if (g1 - g0 + dt + epsDt < t) {
                continue;
            }
            int startBin = searchLeft(binCentres, g0);
            int stopBin = Math.min(searchLeft(binCentres, g1) + 1, binCentres.length);
            if (startBin < binCentres.length && binCentres[startBin] < g0) {
                startBin++;
            }
            if (binCentres[stopBin - 1] > g1) {
                stopBin--;
            }
            for (int st = startBin; st + nbin <= stopBin; st += nbin) {
                if (size == out.length) {
                    out = Arrays.copyOf(out, 2 * size);
                }
                out[size++] = st;
            }
        }
        if (size == 0) {
            throw new NoDataException(noSegmentMessage(gti, t));
        }
        return Arrays.copyOf(out, size);
    }

    /** numpy {@code searchsorted(a, v, side='left')}: first index with {@code a[i] >= v}. */
    public static int searchLeft(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static String noSegmentMessage(GtiList gti, double t) {
        Gti longest = null;
        for (Gti g : gti.intervals()) {
            if (longest == null || g.length() > longest.length()) {
                longest = g;
            }
        }
        return longest == null
                ? "no GTI: cannot fit a segment of " + t + " s"
                : "no GTI is at least one segment long: the longest, [" + GtiList.seconds(longest.start()) + ", "
                        + GtiList.seconds(longest.stop()) + "] s, lasts " + GtiList.seconds(longest.length())
                        + " s, the segment is " + GtiList.seconds(t) + " s";
    }
}
