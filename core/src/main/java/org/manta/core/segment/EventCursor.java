package org.manta.core.segment;

/**
 * A forward sweep over sorted event times that finds segment boundaries: {@link #seek(double)}
 * returns numpy {@code searchsorted(times, t, side='left')}, the first index with
 * {@code times[i] >= t} (Stingray {@code generate_indices_of_segment_boundaries_unbinned}, §2.5).
 *
 * <p>Successive targets are expected to be (nearly) non-decreasing, as segment starts and stops are;
 * the cursor then walks each event once, O(events + segments) in all, with no binary search. A
 * smaller target is still answered correctly by stepping back. Not thread-safe: one per thread.
 */
public final class EventCursor {
    private final double[] times;
    private int position;

    /** @param times event times, ascending; not copied, not modified */
    public EventCursor(double[] times) {
        this.times = times;
    }

    /**
     * @param t a time, same units as the events
     * @return first index {@code i} with {@code times[i] >= t}, or {@code times.length}
     */
    public int seek(double t) {
        int i = position;
        while (i < times.length && times[i] < t) {
            i++;
        }
        while (i > 0 && times[i - 1] >= t) {
            i--;
        }
        position = i;
        return i;
    }
}
