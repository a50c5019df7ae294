package org.manta.core.pipeline;

import org.manta.core.segment.SegmentSlice;

/**
 * One worker thread's share of a job: it owns its FFT plan, count buffers and a partial accumulator
 * (tree level 1: many segments folded into one partial), so {@link #accept} allocates nothing.
 *
 * @param <P> the partial accumulator type
 */
public interface SegmentWorker<P> {
    /**
     * Processes one segment. {@code channels[c]} holds the events of channel {@code c} for the same
     * segment index; the slices are only valid during the call.
     */
    void accept(SegmentSlice[] channels);

    /** The partial accumulated so far (called once, after the last {@link #accept}). */
    P partial();
}
