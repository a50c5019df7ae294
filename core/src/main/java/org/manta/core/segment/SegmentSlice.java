package org.manta.core.segment;

import java.util.Arrays;

/**
 * The events of one segment {@code [start, start + T)} of one channel: a reusable, growable buffer
 * handed from the segment cutter to the workers (and back, to be reused; no allocation in the steady
 * state).
 */
public final class SegmentSlice {
    /** Segment index in the job (position of {@link #start} in the segment start array). */
    public int index;
    /** Segment start time, MET s. */
    public double start;
    /** Event times of the segment, sorted, in {@code [start, start + T)}; valid up to {@link #count}. */
    public double[] times;
    /** Number of valid entries in {@link #times}. */
    public int count;
    /**
     * Per event, the value a selection is made on (energy in keV, or PI), parallel to {@link #times}; filled
     * only by a stream made to carry it ({@link SegmentEventStream#withValues}), else empty.
     */
    public double[] values = new double[0];

    public SegmentSlice(int initialCapacity) {
        this.times = new double[Math.max(16, initialCapacity)];
    }

    /** Appends {@code n} times from {@code src[from..from+n)}, growing the buffer when needed. */
    public void append(double[] src, int from, int n) {
        if (count + n > times.length) {
            times = Arrays.copyOf(times, Math.max(count + n, times.length * 2));
        }
        System.arraycopy(src, from, times, count, n);
        count += n;
    }

    /** As {@link #append(double[], int, int)}, with each event's selection value from {@code srcValues}. */
    public void append(double[] src, double[] srcValues, int from, int n) {
        if (count + n > values.length) {
            values = Arrays.copyOf(values, Math.max(count + n, Math.max(16, times.length)));
        }
        System.arraycopy(srcValues, from, values, count, n);
        append(src, from, n);
    }

    void reset(int index, double start) {
        this.index = index;
        this.start = start;
        this.count = 0;
    }
}
