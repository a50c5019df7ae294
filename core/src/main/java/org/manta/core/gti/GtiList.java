package org.manta.core.gti;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.manta.core.InvalidParameterException;

/**
 * An immutable, time-ordered list of non-overlapping GTIs (Stingray's N×2 {@code gti} array,
 * checked as {@code gti.check_gtis} does).
 */
public final class GtiList {
    private final List<Gti> intervals;

    private GtiList(List<Gti> intervals) {
        this.intervals = intervals;
    }

    /** Checks order and overlap; an empty list is allowed here (callers decide if it is an error). */
    public static GtiList of(List<Gti> intervals) {
        List<Gti> copy = List.copyOf(intervals);
        for (int i = 1; i < copy.size(); i++) {
            Gti g = copy.get(i);
            Gti previous = copy.get(i - 1);
            if (Gti.compare(g.start(), g.startLo(), previous.stop(), previous.stopLo()) < 0) {
                throw new InvalidParameterException("gti", copy.get(i - 1) + ", " + copy.get(i),
                        "sorted, non-overlapping intervals");
            }
        }
        return new GtiList(copy);
    }

    /** From parallel start/stop arrays (as read from a GTI extension). */
    public static GtiList of(double[] starts, double[] stops) {
        List<Gti> list = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            list.add(new Gti(starts[i], stops[i]));
        }
        return of(list);
    }

    public static GtiList of(Gti... intervals) {
        return of(List.of(intervals));
    }

    public static GtiList empty() {
        return new GtiList(Collections.emptyList());
    }

    public List<Gti> intervals() {
        return intervals;
    }

    public int size() {
        return intervals.size();
    }

    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    public Gti get(int i) {
        return intervals.get(i);
    }

    /** Start of the first interval. */
    public double start() {
        return intervals.get(0).start();
    }

    /** Stop of the last interval. */
    public double stop() {
        return intervals.get(intervals.size() - 1).stop();
    }

    /** Total good time in seconds. */
    public double exposure() {
        double sum = 0;
        for (Gti g : intervals) {
            sum += g.length();
        }
        return sum;
    }

    /** As a {@code double[n][2]} array, the layout of the reference JSON's {@code gti} field. */
    public double[][] toArray() {
        double[][] a = new double[intervals.size()][];
        for (int i = 0; i < a.length; i++) {
            a[i] = new double[] {intervals.get(i).start(), intervals.get(i).stop()};
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GtiList other && intervals.equals(other.intervals);
    }

    @Override
    public int hashCode() {
        return intervals.hashCode();
    }

    @Override
    public String toString() {
        return intervals.toString();
    }

    /** Intervals a message shows before it says how many there are in all. */
    private static final int DESCRIBED_INTERVALS = 3;

    /**
     * How messages show the intervals: {@code [80000000, 80001025] s}, or the first few and the count, e.g.
     * {@code [0, 1000], [1100, 2100], … (50 in all) s}; times in plain decimals ({@link #seconds}).
     */
    public String describe() {
        if (intervals.isEmpty()) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(intervals.size(), DESCRIBED_INTERVALS); i++) {
            Gti g = intervals.get(i);
            b.append(i == 0 ? "" : ", ").append('[').append(seconds(g.start())).append(", ").append(seconds(g.stop()))
                    .append(']');
        }
        if (intervals.size() > DESCRIBED_INTERVALS) {
            b.append(", … (").append(intervals.size()).append(" in all)");
        }
        return b.append(" s").toString();
    }

    /** A time as a plain decimal, as short as it round-trips: {@code 80000000}, not {@code 8.0E7}. */
    public static String seconds(double t) {
        return Double.isFinite(t) ? java.math.BigDecimal.valueOf(t).stripTrailingZeros().toPlainString()
                : Double.toString(t);
    }
}
