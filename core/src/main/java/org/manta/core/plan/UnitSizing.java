package org.manta.core.plan;

import org.manta.core.InvalidParameterException;

/**
 * How large work units are: about {@code eventsPerUnit} events of the busiest input, at most
 * {@code maxSegments} segments, and small enough that a job has at least {@code minUnits} units when
 * it has that many segments (so one job spreads over that many workers).
 *
 * @param eventsPerUnit target rows per unit (of the input with the most rows)
 * @param maxSegments   most segments in one unit
 * @param minUnits      fewest units a job is cut into (if it has as many segments)
 */
public record UnitSizing(long eventsPerUnit, int maxSegments, int minUnits) {
    /** About 2^20 events, at most 64 segments, at least 64 units: serves 64 workers. */
    public static final UnitSizing DEFAULT = new UnitSizing(1L << 20, 64, 64);

    public UnitSizing {
        if (eventsPerUnit < 1) {
            throw new InvalidParameterException("events per unit", eventsPerUnit, "at least 1");
        }
        if (maxSegments < 1) {
            throw new InvalidParameterException("segments per unit", maxSegments, "at least 1");
        }
        if (minUnits < 1) {
            throw new InvalidParameterException("units per job", minUnits, "at least 1");
        }
    }

    /**
     * Segments per unit for a job of {@code segments} segments holding {@code rows} rows (of its busiest
     * input): as many as {@code eventsPerUnit} asks, at most {@code maxSegments}, and then evened out so
     * that the number of units is a whole multiple of {@code minUnits} (within the last, shorter unit): with
     * units placed round-robin on {@code minUnits} partitions, every partition, and so every worker,
     * gets the same number of units.
     */
    public int segmentsPerUnit(int segments, long rows) {
        if (segments <= minUnits) {
            return 1;
        }
        double perSegment = Math.max(1.0, (double) rows / segments);
        long wanted = Math.max(1, Math.min((long) Math.ceil(eventsPerUnit / perSegment), maxSegments));
        long units = (segments + wanted - 1) / wanted;
        long rounds = (units + minUnits - 1) / minUnits;
        long evened = rounds * minUnits;
        return (int) Math.max(1, (segments + evened - 1) / evened);
    }
}
