package org.manta.core.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.io.EventChunk;
import org.manta.core.io.EventFileReader;
import org.manta.core.segment.SegmentBounds;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSlice;

/**
 * Reads work units of one job: for each channel, the unit's rows of its input in its band, cut into the
 * unit's segments by the core's {@link SegmentEventStream} (the same cut as the embedded pipeline's),
 * handed over segment by segment with all channels aligned. One reader per channel (two bands of one
 * file read the rows twice, through two positions). Holds open files; not thread-safe.
 */
public final class UnitReader implements AutoCloseable {
    private final JobPlan plan;
    private final int firstSegment;
    private final EventFileReader[] readers;
    private final EventChunk[] chunks;
    private final SegmentSlice[] slices;
    private ObjIntConsumer<EventChunk> values;

    /**
     * @param plan   the job's plan
     * @param inputs the plan's inputs, in input order (files the caller has checked are the planned ones)
     */
    public UnitReader(JobPlan plan, List<Path> inputs) {
        this(plan, inputs, 0);
    }

    /**
     * A reader of one observation's plan in a job of several ({@link ObservationPlans}): the slice of the plan's
     * segment {@code i} carries the job's index {@code firstSegment + i}, as the embedded pipeline numbers them.
     *
     * @param plan         the observation's plan
     * @param inputs       the plan's inputs, in input order (files the caller has checked are the planned ones)
     * @param firstSegment the job's index of the plan's first segment ({@link ObservationPlans#segmentOffsets})
     */
    public UnitReader(JobPlan plan, List<Path> inputs, int firstSegment) {
        if (inputs.size() != plan.request().inputs()) {
            throw new InvalidParameterException("inputs", inputs, plan.request().inputs() + " event file(s)");
        }
        this.plan = plan;
        this.firstSegment = firstSegment;
        int channels = plan.channels();
        this.readers = new EventFileReader[channels];
        this.chunks = new EventChunk[channels];
        this.slices = new SegmentSlice[channels];
        try {
            for (int c = 0; c < channels; c++) {
                readers[c] = EventFileReader.open(inputs.get(plan.inputOf(c)));
                chunks[c] = readers[c].newChunk();
                slices[c] = new SegmentSlice(1024);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Makes the slices carry each event's selection value ({@link SegmentSlice#values}: what {@code onChunk}
     * leaves in {@code chunk.energy}) as the embedded variability-versus-energy pass does: every row is decoded
     * whole and each chunk read of channel {@code c} is shown to {@code onChunk.accept(chunk, c)} before it is
     * cut into segments (it may put PI into {@code chunk.energy} and count the events of the rows read); the
     * unit's rows after its last segment are read and shown too, so every row of the unit is shown once.
     *
     * @return this reader
     */
    public UnitReader withValues(ObjIntConsumer<EventChunk> onChunk) {
        this.values = onChunk;
        return this;
    }

    /**
     * Reads the unit (its segments are the plan's) and hands each of its segments to {@code action} in index order:
     * one slice per channel, all for the same segment (valid only during the call), also segments without events.
     *
     * @return events that fell into the unit's segments, per channel
     * @throws org.manta.core.BadEventFileException if the rows are unsorted or unreadable
     */
    public long[] forEachSegment(WorkUnit unit, Consumer<SegmentSlice[]> action) {
        int channels = plan.channels();
        SegmentBounds bounds = plan.bounds(unit.segmentFrom(), unit.segmentTo());
        SegmentEventStream[] streams = new SegmentEventStream[channels];
        for (int c = 0; c < channels; c++) {
            int input = plan.inputOf(c);
            EventFileReader reader = readers[c];
            if (unit.rowTo(input) > reader.rowCount()) {
                throw new InvalidParameterException("rows of input " + input, "[" + unit.rowFrom(input) + ", "
                        + unit.rowTo(input) + ")", "rows of a table of " + reader.rowCount() + " rows");
            }
            reader.range(unit.rowFrom(input), unit.rowTo(input));
            EnergyBand band = plan.bandOf(c).orElse(null);
            if (values == null) {
                streams[c] = new SegmentEventStream(chunk -> reader.nextTimes(chunk, band), chunks[c], bounds,
                        firstSegment + unit.segmentFrom());
            } else {
                ObjIntConsumer<EventChunk> onChunk = values;
                int channel = c;
                streams[c] = new SegmentEventStream(chunk -> {
                    boolean more = reader.next(chunk, band);
                    onChunk.accept(chunk, channel);
                    return more;
                }, chunks[c], bounds, firstSegment + unit.segmentFrom()).withValues();
            }
        }
        long[] events = new long[channels];
        while (streams[0].hasNext()) {
            for (int c = 0; c < channels; c++) {
                streams[c].next(slices[c]);
                events[c] += slices[c].count;
            }
            action.accept(slices);
        }
        if (values != null) {      // the streams stop after the last segment: the rest of the rows is shown too
            for (int c = 0; c < channels; c++) {
                while (readers[c].next(chunks[c], plan.bandOf(c).orElse(null))) {
                    values.accept(chunks[c], c);
                }
            }
        }
        return events;
    }

    @Override
    public void close() {
        for (EventFileReader r : readers) {
            if (r != null) {
                r.close();
            }
        }
    }
}
