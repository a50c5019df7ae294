package org.manta.core.segment;

import org.manta.core.InvalidParameterException;

/**
 * Bin time and segment length of an averaged spectrum, after Stingray's
 * {@code utils.fix_segment_size_to_integer_samples} (science.md §2.7): {@code N = floor(T/dt)},
 * or {@code ceil(T/dt)} when that is within 0.01 bins; then {@code T = N·dt}.
 *
 * @param dt          bin time, s (positive)
 * @param nbin        bins per segment N (at least 2)
 * @param segmentSize fixed segment length N·dt, s
 */
public record SegmentSpec(double dt, int nbin, double segmentSize) {
    public SegmentSpec {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new InvalidParameterException("dt", dt, "a positive, finite number of seconds");
        }
        if (nbin < 2) {
            throw new InvalidParameterException("segment", segmentSize, "at least 2 bins of dt = " + dt + " s");
        }
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
