package org.manta.core.events;

/**
 * The MJD reference of mission time, kept as an integer day plus a day fraction so no precision is
 * lost (FITS {@code MJDREFI + MJDREFF}, or a single {@code MJDREF} split on reading).
 *
 * @param days     integer part, days
 * @param fraction fractional part, days, in [0, 1)
 */
public record Mjdref(long days, double fraction) {
    public static final Mjdref NONE = new Mjdref(0, 0.0);

    /** Splits a single MJDREF value into day and fraction. */
    public static Mjdref of(double mjdref) {
        double days = Math.floor(mjdref);
        return new Mjdref((long) days, mjdref - days);
    }

    /**
     * The reference as a header or a product gives it in two parts ({@code MJDREFI}, {@code MJDREFF}; {@code mjdrefi},
     * {@code mjdreff}): kept as they are when {@code days} is integral and {@code fraction} in [0, 1), as a FITS
     * writer splits it; otherwise their sum, split ({@link #of(double)}).
     *
     * @param days     integer part, days (a double, as read from a header or JSON)
     * @param fraction fractional part, days
     */
    public static Mjdref of(double days, double fraction) {
        if (days == Math.rint(days) && fraction >= 0 && fraction < 1) {
            return new Mjdref((long) days, fraction);
        }
        return of(days + fraction);
    }

    /** As one double (loses ~1e-11 d; fine for display, not for timing). */
    public double value() {
        return days + fraction;
    }
}
