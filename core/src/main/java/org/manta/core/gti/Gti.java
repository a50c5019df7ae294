package org.manta.core.gti;

import org.manta.core.InvalidParameterException;

/**
 * One good time interval {@code [start, stop]} in mission elapsed time (s, relative to MJDREF).
 *
 * <p>Stingray holds GTIs read from a file in {@code longdouble} (the time offset is added in extended
 * precision, science-errata H2), and segment starts follow from those values (science.md §2.4). A GTI
 * therefore keeps its bounds exactly as {@link Float80} values {@code start + startLo} and
 * {@code stop + stopLo}: {@link #start()} and {@link #stop()} are the bounds rounded to double, the
 * {@code Lo} parts the remainders (0 for a GTI given in double).
 *
 * @param start   start time rounded to double, s
 * @param stop    stop time rounded to double, s; {@code stop >= start} (exactly)
 * @param startLo exact remainder of the start, s ({@code |startLo| <= ulp(start)/2})
 * @param stopLo  exact remainder of the stop, s
 */
public record Gti(double start, double stop, double startLo, double stopLo) {
    public Gti {
        if (!(stop >= start) || (stop == start && stopLo < startLo)) {
            throw new InvalidParameterException("gti", "[" + GtiList.seconds(start) + ", " + GtiList.seconds(stop) + "]", "stop >= start");
        }
    }

    /** A GTI with double bounds. */
    public Gti(double start, double stop) {
        this(start, stop, 0.0, 0.0);
    }

    /** A GTI with extended bounds. */
    public static Gti of(Float80.Value start, Float80.Value stop) {
        return new Gti(start.hi(), stop.hi(), start.lo(), stop.lo());
    }

    /** The start, exactly. */
    public Float80.Value exactStart() {
        return new Float80.Value(start, startLo);
    }

    /** The stop, exactly. */
    public Float80.Value exactStop() {
        return new Float80.Value(stop, stopLo);
    }

    /** Whether a bound is not a double (an extended-precision GTI). */
    public boolean isExtended() {
        return startLo != 0 || stopLo != 0;
    }

    /** Compares two bounds exactly: negative, zero or positive as {@code a <, ==, > b}. */
    static int compare(double a, double aLo, double b, double bLo) {
        return a != b ? Double.compare(a, b) : Double.compare(aLo + 0.0, bLo + 0.0);
    }

    @Override
    public String toString() {
        return isExtended()
                ? "Gti[start=" + start + (startLo < 0 ? "" : "+") + startLo + ", stop=" + stop + (stopLo < 0 ? "" : "+") + stopLo + "]"
                : "Gti[start=" + start + ", stop=" + stop + "]";
    }

    /** Length {@code stop - start} in seconds (double). */
    public double length() {
        return stop - start;
    }
}
