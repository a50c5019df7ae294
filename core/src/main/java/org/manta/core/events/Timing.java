package org.manta.core.events;

import java.util.Optional;
import org.manta.core.InvalidParameterException;
import org.manta.core.gti.Float80;
import org.manta.core.segment.SegmentSpec;

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

    /**
     * {@link #compatibleDt} as Stingray evaluates it: TIMEDEL is a {@code longdouble}, so when the bin time
     * is changed the test, {@code rint(dt/timedel)} and the product are extended-precision, and so is the
     * result (errata L3).
     *
     * @return the changed bin time, exactly; empty when Stingray keeps the requested (double) {@code dt}
     */
    public static Optional<Float80.Value> extendedCompatibleDt(double dt, double timedel) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new InvalidParameterException("dt", dt, "a positive, finite number of seconds");
        }
        if (!(timedel > 0)) {
            return Optional.empty();
        }
        Float80.Value tick = Float80.of(timedel);
        Float80.Value want = Float80.of(dt);
        Float80.Value gap = Float80.subtract(tick, want);
        if (gap.hi() < 0) {
            gap = Float80.subtract(want, tick);
        }
        // numpy isclose: |x - y| in the extended type of x, the tolerance in double (y is a double)
        if (Float80.compare(gap, Float80.of(ATOL + RTOL * Math.abs(dt))) <= 0) {
            return Optional.empty();
        }
        Float80.Value ticks = Float80.rint(Float80.divide(want, tick));
        if (ticks.hi() < 1) {
            ticks = Float80.of(1);
        }
        return Optional.of(Float80.multiply(tick, ticks));
    }

    /**
     * The segment layout of an averaged spectrum of events recorded with resolution {@code timedel}: the
     * compatible bin time and {@code T = N·dt} (science.md §1.1, §2.7), extended-precision when TIMEDEL
     * changed the bin time ({@link SegmentSpec#of(Float80.Value, double)}), double otherwise.
     */
    public static SegmentSpec segmentSpec(double dt, double timedel, double segmentSize) {
        Optional<Float80.Value> extended = extendedCompatibleDt(dt, timedel);
        return extended.isPresent() ? SegmentSpec.of(extended.get(), segmentSize) : SegmentSpec.of(dt, segmentSize);
    }
}
