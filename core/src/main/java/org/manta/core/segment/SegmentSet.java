package org.manta.core.segment;

import java.util.Arrays;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;

/**
 * A growable, sorted set of segment indices: which segments an accumulator has used. Appending in
 * increasing order is O(1); {@link #addAll} is a linear merge that rejects overlap, so two partial
 * accumulators can only be combined when they saw disjoint segments.
 */
public final class SegmentSet {
    private long[] values;
    private int size;

    public SegmentSet() {
        values = new long[8];
    }

    private SegmentSet(long[] values, int size) {
        this.values = values;
        this.size = size;
    }

    /**
     * Adds one index.
     *
     * @throws InvalidParameterException if the index is already present
     */
    public void add(long index) {
        if (size > 0 && index <= values[size - 1]) {
            int at = Arrays.binarySearch(values, 0, size, index);
            if (at >= 0) {
                throw new InvalidParameterException("segmentIndex", index, "an index not yet added");
            }
            insertAt(-at - 1, index);
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, 2 * size);
        }
        values[size++] = index;
    }

    private void insertAt(int at, long index) {
        if (size == values.length) {
            values = Arrays.copyOf(values, 2 * size);
        }
        System.arraycopy(values, at, values, at + 1, size - at);
        values[at] = index;
        size++;
    }

    /**
     * Adds every index of {@code other}.
     *
     * @throws IncompatibleSpectraException if the sets share an index (nothing is changed then)
     */
    public void addAll(SegmentSet other) {
        long[] merged = new long[Math.max(8, size + other.size)];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < size && j < other.size) {
            long a = values[i];
            long b = other.values[j];
            if (a == b) {
                throw new IncompatibleSpectraException("cannot combine accumulators that both hold segment " + a);
            }
            merged[k++] = a < b ? values[i++] : other.values[j++];
        }
        while (i < size) {
            merged[k++] = values[i++];
        }
        while (j < other.size) {
            merged[k++] = other.values[j++];
        }
        values = merged;
        size = k;
    }

    public boolean contains(long index) {
        return Arrays.binarySearch(values, 0, size, index) >= 0;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The {@code i}-th smallest index. */
    public long get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return values[i];
    }

    /** Position of {@code index} in ascending order, or a negative number if absent. */
    public int rank(long index) {
        return Arrays.binarySearch(values, 0, size, index);
    }

    /** The indices, ascending (a copy). */
    public long[] toArray() {
        return Arrays.copyOf(values, size);
    }

    public SegmentSet copy() {
        return new SegmentSet(Arrays.copyOf(values, Math.max(8, size)), size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentSet other
                && Arrays.equals(values, 0, size, other.values, 0, other.size);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Long.hashCode(values[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
