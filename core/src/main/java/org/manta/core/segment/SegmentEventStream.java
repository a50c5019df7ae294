package org.manta.core.segment;

import java.util.function.Predicate;
import org.manta.core.io.EventChunk;

/**
 * Cuts a time-sorted stream of event chunks into the events of consecutive segments, pulling chunks
 * only as needed (bounded memory at any file size). Every segment index {@code 0..count-1}
 * is produced exactly once and in order, also when it holds no events, so two streams over the same
 * segment starts (two energy bands, two detectors) stay aligned segment by segment.
 *
 * <p>Events are assigned to segment {@code k} when {@code from(k) <= t < to(k)} ({@link SegmentBounds}: exactly
 * Stingray's {@code start <= t < start + T} in {@code longdouble}, {@code
 * generate_indices_of_segment_boundaries_unbinned}, science.md §2.5); events in no segment are
 * dropped. The sweep only moves forward; within a chunk each segment boundary is found by bisection.
 *
 * <p>Where consecutive segments overlap (a GTI's last segment ends after the GTI within Stingray's 1e-5 s
 * length tolerance and the next GTI starts inside it, or {@code start + T} rounds one ulp above the next
 * start), an event in the overlap goes to the earlier segment only; Stingray's {@code searchsorted} per
 * segment counts it in both. A deliberate difference (an event is counted once), the same in the embedded
 * pipeline and the mesh's work units ({@code JobPlan.eventsFrom}); no reference case has such an overlap.
 */
public final class SegmentEventStream {
    /** A pull source of event chunks, e.g. {@code chunk -> reader.next(chunk, band)}. */
    @FunctionalInterface
    public interface ChunkSource extends Predicate<EventChunk> {
        /** Fills {@code chunk} with the next events; returns false at the end of the data. */
        boolean next(EventChunk chunk);

        @Override
        default boolean test(EventChunk chunk) {
            return next(chunk);
        }
    }

    private final ChunkSource source;
    private final EventChunk chunk;
    private final SegmentBounds bounds;
    private final int firstIndex;
    private boolean withValues;
    private int position;      // next unread event in chunk
    private boolean exhausted;
    private int nextSegment;

    /**
     * @param source      the event chunks, time-sorted across chunks
     * @param chunk       a reusable chunk buffer for {@code source}
     * @param starts      segment start times (from {@link Segments#starts}), ascending
     * @param segmentSize the fixed segment length T, s
     */
    public SegmentEventStream(ChunkSource source, EventChunk chunk, double[] starts, double segmentSize) {
        this(source, chunk, SegmentBounds.ofStarts(starts, segmentSize), 0);
    }

    /**
     * @param source the event chunks, time-sorted across chunks
     * @param chunk  a reusable chunk buffer for {@code source}
     * @param bounds the segments (from {@link Segments#bounds}), ascending
     */
    public SegmentEventStream(ChunkSource source, EventChunk chunk, SegmentBounds bounds) {
        this(source, chunk, bounds, 0);
    }

    /**
     * A stream over a run of a job's segments (a work unit): {@code starts[i]} is the start of the job's
     * segment {@code firstIndex + i}, which is the index the slices carry.
     */
    public SegmentEventStream(ChunkSource source, EventChunk chunk, double[] starts, double segmentSize, int firstIndex) {
        this(source, chunk, SegmentBounds.ofStarts(starts, segmentSize), firstIndex);
    }

    /**
     * A stream over a run of a job's segments (a work unit): segment {@code i} of {@code bounds} is the job's
     * segment {@code firstIndex + i}, which is the index the slices carry.
     */
    public SegmentEventStream(ChunkSource source, EventChunk chunk, SegmentBounds bounds, int firstIndex) {
        this.source = source;
        this.chunk = chunk;
        this.bounds = bounds;
        this.firstIndex = firstIndex;
        this.chunk.size = 0;
    }

    /**
     * Makes the slices also carry each event's {@code chunk.energy} entry in {@link SegmentSlice#values}
     * (the value a band selection is made on: the source puts PI there for PI bands). Returns {@code this}.
     */
    public SegmentEventStream withValues() {
        this.withValues = true;
        return this;
    }

    /** Number of segments this stream yields. */
    public int segmentCount() {
        return bounds.count();
    }

    /** True while {@link #next} has segments left. */
    public boolean hasNext() {
        return nextSegment < bounds.count();
    }

    /**
     * Fills {@code out} with the events of the next segment.
     *
     * @return false when all segments have been produced
     */
    public boolean next(SegmentSlice out) {
        if (nextSegment >= bounds.count()) {
            return false;
        }
        double s = bounds.from(nextSegment);
        double e = bounds.to(nextSegment);
        out.reset(firstIndex + nextSegment, bounds.origin(nextSegment));
        while (true) {
            if (position >= chunk.size) {
                if (exhausted || !refill()) {
                    break;
                }
            }
            double[] t = chunk.time;
            int n = chunk.size;
            int from = firstAtOrAfter(t, position, n, s);   // skips a gap or a discarded GTI tail
            int i = firstAtOrAfter(t, from, n, e);
            if (withValues) {
                out.append(t, chunk.energy, from, i - from);
            } else {
                out.append(t, from, i - from);
            }
            position = i;
            if (i < n) {                    // reached an event at or after the segment end
                break;
            }
        }
        nextSegment++;
        return true;
    }

    /** First index in {@code t[from..to)} (sorted) with {@code t[i] >= v}, or {@code to}. */
    private static int firstAtOrAfter(double[] t, int from, int to, double v) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean refill() {
        position = 0;
        chunk.size = 0;
        if (!source.next(chunk)) {
            exhausted = true;
            return false;
        }
        return true;
    }
}
