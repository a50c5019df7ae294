package org.manta.core.events;

import org.manta.core.InvalidParameterException;

/** Time-resolution helpers for event lists (science.md §1.1 with science-errata L3). */
public final class Timing {
    /** numpy {@code isclose} relative tolerance used by Stingray here. */
    static final double RTOL = 1e-4;
    /** numpy {@code isclose} default absolute tolerance, s. */
    static final double ATOL = 1e-8;

    private Timing() {
    }

    /**
     * The bin time actually used when binning events recorded with resolution {@code timedel}
     * (Stingray {@code EventList.suggest_compatible_dt}): if {@code timedel > 0} and the requested
     * {@code dt} is not close to it in the numpy sense
     * ({@code |timedel − dt| ≤ 1e-8 + 1e-4·|dt|}), the result is
     * {@code timedel · max(rint(dt/timedel), 1)}, a whole number of instrument ticks; otherwise
     * {@code dt} unchanged. {@code rint} rounds half to even.
     *
     * <p>Stingray holds TIMEDEL, hence this result, in {@code longdouble}; frequencies and lags
     * derived from it may therefore differ from a double computation by about one ulp (errata L3).
     *
     * @param dt      requested bin time, s (positive)
     * @param timedel instrument time resolution, s (0 when unknown)
     * @return the compatible bin time, s
     */
    public static double compatibleDt(double dt, double timedel) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new InvalidParameterException("dt", dt, "a positive, finite number of seconds");
        }
        if (timedel > 0 && !(Math.abs(timedel - dt) <= ATOL + RTOL * Math.abs(dt))) {
            return timedel * Math.max(Math.rint(dt / timedel), 1.0);
        }
        return dt;
    }
}
