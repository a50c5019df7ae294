package org.manta.core.gti;

import org.manta.core.InvalidParameterException;

/**
 * One good time interval {@code [start, stop]} in mission elapsed time (s, relative to MJDREF).
 *
 * @param start start time, s
 * @param stop  stop time, s; {@code stop >= start}
 */
public record Gti(double start, double stop) {
    public Gti {
        if (!(stop >= start)) {
            throw new InvalidParameterException("gti", "[" + start + ", " + stop + "]", "stop >= start");
        }
    }

    /** Length {@code stop - start} in seconds. */
    public double length() {
        return stop - start;
    }
}
