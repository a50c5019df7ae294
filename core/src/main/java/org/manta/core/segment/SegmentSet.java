package org.manta.core.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.manta.core.InvalidParameterException;

/**
 * A set of non-negative segment indices, held as sorted, disjoint, non-adjacent half-open ranges
 * {@code [from, to)}: e.g. {0, 1, 2, 5} is {@code [0, 3) [5, 6)}. Segments arrive mostly in order, so
 * the set of a large job is a few ranges whatever its size. It records which segments an accumulator
 * has used, and in the mesh which segments a partial has processed ({@link #encode} is the wire form of
 * {@code PartialAccumulator.segment_ranges}, records.proto). Appending at the end is O(1); unions,
 * {@link #containsAll} and {@link #intersects} are linear in the number of ranges. Mutable; not
 * thread-safe.
 */
public final class SegmentSet {
    private long[] bounds;   // from0, to0, from1, to1, ...
    private int size;        // used entries of bounds (twice the number of ranges)

    private SegmentSet(long[] bounds, int size) {
        this.bounds = bounds;
        this.size = size;
    }

    public static SegmentSet empty() {
        return new SegmentSet(new long[8], 0);
    }

    /**
     * {@code [from, to)}; empty when {@code to <= from}.
     *
     * @throws InvalidParameterException if {@code from} is negative and the range not empty
     */
    public static SegmentSet range(long from, long to) {
        SegmentSet r = empty();
        if (to > from) {
            requireIndex(from);
            r.bounds[0] = from;
            r.bounds[1] = to;
            r.size = 2;
        }
        return r;
    }

    /**
     * From the encoding {@code [from0, to0, from1, to1, ...]} of {@link #encode}.
     *
     * @throws InvalidParameterException unless the ranges are non-empty, sorted, disjoint and non-adjacent
     *                                   with non-negative indices
     */
    public static SegmentSet decode(List<Long> encoded) {
        if (encoded.size() % 2 != 0) {
            throw new InvalidParameterException("segment_ranges", encoded, "an even number of range bounds");
        }
        long[] b = new long[Math.max(8, encoded.size())];
        for (int i = 0; i < encoded.size(); i++) {
            b[i] = encoded.get(i);
        }
        for (int i = 0; i < encoded.size(); i += 2) {
            boolean ok = b[i] >= 0 && b[i + 1] > b[i] && (i == 0 || b[i] > b[i - 1]);
            if (!ok) {
                throw new InvalidParameterException("segment_ranges", encoded,
                        "sorted, disjoint, non-adjacent, non-empty ranges [from, to) of indices >= 0");
            }
        }
        return new SegmentSet(b, encoded.size());
    }

    /** The ranges as {@code [from0, to0, from1, to1, ...]}, sorted, disjoint and non-adjacent. */
    public List<Long> encode() {
        List<Long> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(bounds[i]);
        }
        return out;
    }

    /**
     * Adds one index (any order; appending at the end is O(1)).
     *
     * @return false if it was present already
     * @throws InvalidParameterException if the index is negative
     */
    public boolean add(long index) {
        requireIndex(index);
        if (size == 0 || index > bounds[size - 1]) {
            append(index, index + 1);
            return true;
        }
        if (index == bounds[size - 1]) {
            bounds[size - 1]++;
            return true;
        }
        if (contains(index)) {
            return false;
        }
        unionInPlace(range(index, index + 1));
        return true;
    }

    /** Adds every index of {@code other} (the sets may overlap; {@code other} is not modified). */
    public void addAll(SegmentSet other) {
        if (other.size == 0) {
            return;
        }
        if (size == 0 || other.bounds[0] > bounds[size - 1]) {
            append(other.bounds[0], other.bounds[1]);
            for (int i = 2; i < other.size; i += 2) {
                append(other.bounds[i], other.bounds[i + 1]);
            }
            return;
        }
        if (other.bounds[0] == bounds[size - 1]) {
            bounds[size - 1] = other.bounds[1];
            for (int i = 2; i < other.size; i += 2) {
                append(other.bounds[i], other.bounds[i + 1]);
            }
            return;
        }
        unionInPlace(other);
    }

    /** Number of indices. */
    public long count() {
        long n = 0;
        for (int i = 0; i < size; i += 2) {
            n += bounds[i + 1] - bounds[i];
        }
        return n;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The largest index, or -1 when empty. */
    public long last() {
        return size == 0 ? -1 : bounds[size - 1] - 1;
    }

    public boolean contains(long index) {
        int lo = 0;
        int hi = size / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (index < bounds[2 * mid]) {
                hi = mid - 1;
            } else if (index >= bounds[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Whether every index of {@code other} is in this set. */
    public boolean containsAll(SegmentSet other) {
        int j = 0;
        for (int i = 0; i < other.size; i += 2) {
            long from = other.bounds[i];
            long to = other.bounds[i + 1];
            while (j < size && bounds[j + 1] <= from) {
                j += 2;
            }
            if (j >= size || bounds[j] > from || bounds[j + 1] < to) {
                return false;
            }
        }
        return true;
    }

    /** Whether the two sets share an index. */
    public boolean intersects(SegmentSet other) {
        return firstShared(other) >= 0;
    }

    /** The smallest index both sets hold, or -1 if they are disjoint. */
    public long firstShared(SegmentSet other) {
        int i = 0;
        int j = 0;
        while (i < size && j < other.size) {
            long from = Math.max(bounds[i], other.bounds[j]);
            long to = Math.min(bounds[i + 1], other.bounds[j + 1]);
            if (from < to) {
                return from;
            }
            if (bounds[i + 1] < other.bounds[j + 1]) {
                i += 2;
            } else {
                j += 2;
            }
        }
        return -1;
    }

    /** Whether the set is exactly {@code [0, total)} (every segment of a job with {@code total} segments). */
    public boolean coversExactly(long total) {
        return total == 0 ? size == 0 : size == 2 && bounds[0] == 0 && bounds[1] == total;
    }

    public SegmentSet copy() {
        return new SegmentSet(Arrays.copyOf(bounds, Math.max(8, size)), size);
    }

    private static void requireIndex(long index) {
        if (index < 0) {
            throw new InvalidParameterException("segment_index", index, "a non-negative index");
        }
    }

    private void append(long from, long to) {
        if (size + 2 > bounds.length) {
            bounds = Arrays.copyOf(bounds, 2 * bounds.length);
        }
        bounds[size++] = from;
        bounds[size++] = to;
    }

    private void unionInPlace(SegmentSet other) {
        long[] out = new long[Math.max(8, size + other.size)];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < size || j < other.size) {
            long from;
            long to;
            if (j >= other.size || (i < size && bounds[i] <= other.bounds[j])) {
                from = bounds[i];
                to = bounds[i + 1];
                i += 2;
            } else {
                from = other.bounds[j];
                to = other.bounds[j + 1];
                j += 2;
            }
            if (n > 0 && from <= out[n - 1]) {
                out[n - 1] = Math.max(out[n - 1], to);
            } else {
                out[n++] = from;
                out[n++] = to;
            }
        }
        bounds = out;
        size = n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentSet other && Arrays.equals(bounds, 0, size, other.bounds, 0, other.size);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Long.hashCode(bounds[i]);
        }
        return h;
    }

    /** e.g. {@code [0, 3) [5, 6)}; {@code {}} when empty. */
    @Override
    public String toString() {
        if (size == 0) {
            return "{}";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append('[').append(bounds[i]).append(", ").append(bounds[i + 1]).append(')');
        }
        return sb.toString();
    }
}
