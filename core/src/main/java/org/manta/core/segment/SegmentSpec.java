package org.manta.core.segment;

import org.manta.core.InvalidParameterException;
import org.manta.core.gti.Float80;

/**
 * Bin time and segment length of an averaged spectrum, after Stingray's
 * {@code utils.fix_segment_size_to_integer_samples} (science.md §2.7): {@code N = floor(T/dt)},
 * or {@code ceil(T/dt)} when that is within 0.01 bins; then {@code T = N·dt}.
 *
 *
 * <p>When the bin time was made compatible with TIMEDEL ({@link org.manta.core.events.Timing}), Stingray
 * holds it, and therefore {@code T = N·dt}, in {@code longdouble} (science-errata L3). That extended
 * {@code T} decides which segment an event belongs to (the segment ends, science.md §2.4) and which bin
 * it lands in (numpy's histogram range, errata M1), so it is kept exactly in {@code extendedSegmentSize};
 * {@code segmentSize} is its value rounded to double.
 *
 * @param dt                  bin time, s (positive; rounded to double when extended)
 * @param nbin                bins per segment N (at least 2)
 * @param segmentSize         fixed segment length N·dt, s (rounded to double when extended)
 * @param extendedSegmentSize N·dt as Stingray's {@code longdouble}, or {@code null} when Stingray holds
 *                            the segment length in double (dt not changed by TIMEDEL)
 */
public record SegmentSpec(double dt, int nbin, double segmentSize, Float80.Value extendedSegmentSize) {
    public SegmentSpec {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new InvalidParameterException("dt", dt, "a positive, finite number of seconds");
        }
        if (nbin < 2) {
            throw new InvalidParameterException("segment", segmentSize, "at least 2 bins of dt = " + dt + " s");
        }
        if (extendedSegmentSize != null && extendedSegmentSize.hi() != segmentSize) {
            throw new InvalidParameterException("segment", segmentSize,
                    "the extended segment length rounded to double, " + extendedSegmentSize.hi());
        }
    }

    /** A layout held in double, as Stingray holds it for a bin time not changed by TIMEDEL. */
    public SegmentSpec(double dt, int nbin, double segmentSize) {
        this(dt, nbin, segmentSize, null);
    }

    /** Whether Stingray holds the segment length in {@code longdouble} (see the class comment). */
    public boolean isExtended() {
        return extendedSegmentSize != null;
    }

    /** The segment length as Stingray holds it: exactly, or the double {@link #segmentSize}. */
    public Float80.Value exactSegmentSize() {
        return extendedSegmentSize != null ? extendedSegmentSize : Float80.of(segmentSize);
    }

    /**
     * {@link #of(double, double)} with an extended bin time (Stingray's {@code longdouble} dt from
     * {@code suggest_compatible_dt}): {@code T/dt}, its floor and ceiling, the 0.01-bin test and
     * {@code N·dt} are all evaluated in extended precision, as numpy does.
     */
    public static SegmentSpec of(Float80.Value dt, double segmentSize) {
        if (!(dt.hi() > 0) || Double.isInfinite(dt.hi())) {
            throw new InvalidParameterException("dt", dt.hi(), "a positive, finite number of seconds");
        }
        if (!(segmentSize > 0) || Double.isInfinite(segmentSize)) {
            throw new InvalidParameterException("segment", segmentSize, "a positive, finite number of seconds");
        }
        Float80.Value ratio = Float80.divide(Float80.of(segmentSize), dt);
        if (ratio.hi() > Integer.MAX_VALUE) {
            throw new InvalidParameterException("segment", segmentSize,
                    "at most " + Integer.MAX_VALUE + " bins of dt = " + dt.hi() + " s");
        }
        Float80.Value ceil = Float80.ceil(ratio);
        boolean up = Float80.compare(Float80.subtract(ceil, ratio), Float80.of(0.01)) < 0;
        int n = (int) (up ? ceil : Float80.floor(ratio)).exact().longValueExact();
        if (n < 2) {
            throw new InvalidParameterException("segment", segmentSize, "at least 2 bins of dt = " + dt.hi()
                    + " s (segment >= " + 2 * dt.hi() + " s)");
        }
        Float80.Value t = Float80.multiply(Float80.of(n), dt);
        return new SegmentSpec(dt.hi(), n, t.hi(), t);
    }

    /**
     * Whether segments of {@code other} are binned alike: the same N and the same (double) bin time. Spectra
     * of such segments can be combined; the segment length may differ in its extended bits (a partial read
     * back from the wire carries N and dt only).
     */
    public boolean sameBinning(SegmentSpec other) {
        return nbin == other.nbin && Double.compare(dt, other.dt) == 0;
    }

    /** Fixes {@code segmentSize} to an integer number of bins of {@code dt}. */
    public static SegmentSpec of(double dt, double segmentSize) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new InvalidParameterException("dt", dt, "a positive, finite number of seconds");
        }
        if (!(segmentSize > 0) || Double.isInfinite(segmentSize)) {
            throw new InvalidParameterException("segment", segmentSize, "a positive, finite number of seconds");
        }
        double ratio = segmentSize / dt;
        if (ratio > Integer.MAX_VALUE) {
            throw new InvalidParameterException("segment", segmentSize,
                    "at most " + Integer.MAX_VALUE + " bins of dt = " + dt + " s");
        }
        double ceil = Math.ceil(ratio);
        int n = (ceil - ratio < 0.01) ? (int) ceil : (int) Math.floor(ratio);
        if (n < 2) {
            throw new InvalidParameterException("segment", segmentSize, "at least 2 bins of dt = " + dt + " s (segment >= " + 2 * dt + " s)");
        }
        return new SegmentSpec(dt, n, n * dt);
    }

    /** Frequency resolution {@code 1/(N·dt)}, Hz. */
    public double df() {
        return 1.0 / (dt * nbin);
    }

    /** Number of positive Fourier frequencies kept: {@code N/2 - 1} (even N) or {@code (N-1)/2} (odd N). */
    public int nFreq() {
        return (nbin % 2 == 0) ? nbin / 2 - 1 : (nbin - 1) / 2;
    }
}
