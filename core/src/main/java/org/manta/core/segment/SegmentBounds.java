package org.manta.core.segment;

import java.util.Arrays;
import org.manta.core.InvalidParameterException;

/**
 * Where the event segments of a job lie, as three doubles per segment, so that cutting and binning
 * events stay double-only however the segment starts were computed ({@link Segments#bounds}).
 *
 * <p>Stingray computes the start {@code s} and end {@code e = s + T} of each segment in
 * {@code longdouble} (science.md §2.4), selects the events {@code s <= t < e} with {@code searchsorted}
 * (which compares in {@code longdouble}, exactly), and histograms {@code t - s} with numpy 1.x casting:
 * the subtraction is a double one, {@code t - double(s)} (§3.1, errata M1). Hence, per segment:
 * <ul>
 *   <li>{@link #origin}: {@code double(s)}, what the histogram subtracts from the times;</li>
 *   <li>{@link #from}: the smallest double {@code >= s}: an event belongs to the segment iff
 *       {@code from <= t < to};</li>
 *   <li>{@link #to}: the smallest double {@code >= e}.</li>
 * </ul>
 * When {@code s} and {@code e} are doubles (the usual case) {@code from = origin} and
 * {@code to = origin + T}. Immutable; the arrays are never exposed.
 */
public final class SegmentBounds {
    private final double[] origin;
    private final double[] from;
    private final double[] to;

    SegmentBounds(double[] origin, double[] from, double[] to) {
        if (origin.length != from.length || origin.length != to.length) {
            throw new InvalidParameterException("segments", origin.length + ", " + from.length + ", " + to.length
                    + " origins, starts and ends", "as many of each");
        }
        this.origin = origin;
        this.from = from;
        this.to = to;
    }

    /** Bounds of segments given in double: {@code origin = from = starts[k]}, {@code to = starts[k] + T}. */
    public static SegmentBounds ofStarts(double[] starts, double segmentSize) {
        double[] ends = new double[starts.length];
        for (int k = 0; k < starts.length; k++) {
            ends[k] = starts[k] + segmentSize;
        }
        return new SegmentBounds(starts.clone(), starts.clone(), ends);
    }

    /** Number of segments. */
    public int count() {
        return origin.length;
    }

    /** {@code double(s_k)}: the time the histogram of segment {@code k} subtracts, MET s. */
    public double origin(int k) {
        return origin[k];
    }

    /** First event time of segment {@code k}: its events are {@code from(k) <= t < to(k)}, MET s. */
    public double from(int k) {
        return from[k];
    }

    /** First event time after segment {@code k}, MET s. */
    public double to(int k) {
        return to[k];
    }

    /** The origins {@code [first, last)}, a copy. */
    public double[] origins(int first, int last) {
        return Arrays.copyOfRange(origin, first, last);
    }

    /** The segments {@code [first, last)}. */
    public SegmentBounds slice(int first, int last) {
        return new SegmentBounds(Arrays.copyOfRange(origin, first, last), Arrays.copyOfRange(from, first, last),
                Arrays.copyOfRange(to, first, last));
    }
}
