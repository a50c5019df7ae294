package org.manta.core.plan;

import java.util.Arrays;
import org.manta.core.InvalidParameterException;

/**
 * A run of whole segments of a job, {@code [segmentFrom, segmentTo)}, and for each input the rows that
 * hold their events, {@code [rowFrom[i], rowTo[i])} (design.md §2.1 "work units by reference"): whoever
 * processes it reads those rows of the input files and nothing else. The rows are those with
 * {@code eventsFrom(segmentFrom) <= t < end(segmentTo - 1)} ({@link JobPlan#eventsFrom}: the start of the
 * first segment unless the segment before it ends later); events in GTI gaps inside them fall into no
 * segment and are dropped, as everywhere.
 *
 * @param index       the unit's number in the job, 0-based
 * @param segmentFrom first segment index
 * @param segmentTo   one past the last segment index
 * @param rowFrom     first row, per input
 * @param rowTo       one past the last row, per input
 */
public record WorkUnit(int index, int segmentFrom, int segmentTo, long[] rowFrom, long[] rowTo) {
    public WorkUnit {
        if (segmentFrom < 0 || segmentTo <= segmentFrom) {
            throw new InvalidParameterException("segments", "[" + segmentFrom + ", " + segmentTo + ")",
                    "a non-empty range of segment indices");
        }
        if (rowFrom.length != rowTo.length || rowFrom.length == 0) {
            throw new InvalidParameterException("rows", rowFrom.length + " starts, " + rowTo.length + " ends",
                    "one row range per input");
        }
        for (int i = 0; i < rowFrom.length; i++) {
            if (rowFrom[i] < 0 || rowTo[i] < rowFrom[i]) {
                throw new InvalidParameterException("rows of input " + i, "[" + rowFrom[i] + ", " + rowTo[i] + ")",
                        "0 <= from <= to");
            }
        }
        rowFrom = rowFrom.clone();
        rowTo = rowTo.clone();
    }

    /** Segments in the unit. */
    public int segments() {
        return segmentTo - segmentFrom;
    }

    /** Rows of all inputs together. */
    public long rows() {
        long n = 0;
        for (int i = 0; i < rowFrom.length; i++) {
            n += rowTo[i] - rowFrom[i];
        }
        return n;
    }

    @Override
    public long[] rowFrom() {
        return rowFrom.clone();
    }

    @Override
    public long[] rowTo() {
        return rowTo.clone();
    }

    /** First row of input {@code i}. */
    public long rowFrom(int i) {
        return rowFrom[i];
    }

    /** One past the last row of input {@code i}. */
    public long rowTo(int i) {
        return rowTo[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkUnit u && u.index == index && u.segmentFrom == segmentFrom && u.segmentTo == segmentTo
                && Arrays.equals(u.rowFrom, rowFrom) && Arrays.equals(u.rowTo, rowTo);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + segmentFrom) + Arrays.hashCode(rowFrom) + 7 * Arrays.hashCode(rowTo);
    }

    @Override
    public String toString() {
        return "WorkUnit[" + index + ": segments [" + segmentFrom + ", " + segmentTo + "), rows "
                + Arrays.toString(rowFrom) + " .. " + Arrays.toString(rowTo) + "]";
    }
}
