package org.manta.core.io;

import org.manta.core.InvalidParameterException;

/**
 * A reusable buffer of decoded events, filled by {@link EventFileReader#next}. The arrays have
 * length {@link #capacity()}; only the first {@link #size} entries are valid. Fields are public and
 * mutable on purpose: a chunk is a scratch buffer reused across calls, not a value.
 *
 * <ul>
 *   <li>{@code time[i]}: arrival time, MET s, already shifted by the file's time offset;</li>
 *   <li>{@code energy[i]}: energy, keV (NaN when the file has no energies);</li>
 *   <li>{@code pi[i]}: PI channel (PHA for RXTE; 0 when the file has no PI).</li>
 * </ul>
 */
public final class EventChunk {
    /** Default number of rows per chunk. */
    public static final int DEFAULT_CAPACITY = 65536;

    public final double[] time;
    public final double[] energy;
    public final int[] pi;
    /** Number of valid entries. */
    public int size;

    /** A chunk of {@code capacity} rows (at least 1). */
    public EventChunk(int capacity) {
        if (capacity < 1) {
            throw new InvalidParameterException("capacity", capacity, "at least 1 row");
        }
        this.time = new double[capacity];
        this.energy = new double[capacity];
        this.pi = new int[capacity];
    }

    /** Maximum number of events the chunk holds. */
    public int capacity() {
        return time.length;
    }
}
