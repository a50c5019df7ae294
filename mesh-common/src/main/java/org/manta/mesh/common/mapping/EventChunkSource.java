package org.manta.mesh.common.mapping;

import java.util.Optional;
import org.manta.core.io.EventChunk;
import org.manta.core.io.EventFileReader;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobSpec;

/**
 * Reads an event file as the {@code manta.chunks} records of one job input (records.proto
 * {@code EventChunk}): seq 0, 1, 2, … without gaps, GTIs and observation info on seq 0, {@code last}
 * and the source file on the final chunk. Rows are read through the core's bounded-memory
 * {@link EventFileReader} (all events: bands are applied downstream by segment-service), one chunk
 * ahead so that the final chunk is known when it is made. An empty file gives one empty last chunk.
 *
 * <p>Times must be sorted; the reader throws {@code BadEventFileException} otherwise.
 */
public final class EventChunkSource {
    /** 32768 events of time + energy + PI: about 640 KiB per record (design.md: chunks ≤ ~1 MiB). */
    public static final int DEFAULT_EVENTS_PER_CHUNK = 32768;

    private final EventFileReader reader;
    private final String jobId;
    private final int input;
    private final EventChunk[] buffers;
    private int current;          // buffer holding the chunk to emit next
    private boolean currentFilled;
    private boolean exhausted;
    private long seq;
    private long firstEvent;
    private double lastTime = Double.NEGATIVE_INFINITY;
    private JobSpec spec;
    private int inputCount = 1;
    private InputFile source = InputFile.getDefaultInstance();
    private boolean withEnergy = true;
    private boolean withPi = true;

    /**
     * @param reader         an open reader, positioned at the first row (not closed here)
     * @param eventsPerChunk events per record, at least 1
     */
    public EventChunkSource(EventFileReader reader, String jobId, int input, int eventsPerChunk) {
        this.reader = reader;
        this.jobId = jobId;
        this.input = input;
        this.buffers = new EventChunk[] {new EventChunk(eventsPerChunk), new EventChunk(eventsPerChunk)};
    }

    /** Puts the job spec and the number of inputs on seq 0 (input 0 only). */
    public EventChunkSource withSpec(JobSpec jobSpec, int inputs) {
        this.spec = jobSpec;
        this.inputCount = inputs;
        return this;
    }

    /**
     * Which per-event columns the records carry besides TIME (default: every column the file has).
     * Without either, rows are decoded for TIME alone (the reader's fast path) and the records are
     * smaller: a job sends only what its energy bands select on.
     */
    public EventChunkSource withColumns(boolean energy, boolean pi) {
        this.withEnergy = energy;
        this.withPi = pi;
        return this;
    }

    /** What the final chunk reports as read (path, sha256, size). */
    public EventChunkSource withSource(InputFile file) {
        this.source = file;
        return this;
    }

    /** Time of the last event handed out so far, s (-infinity before the first). */
    public double lastTime() {
        return lastTime;
    }

    /** True once the final chunk has been handed out. */
    public boolean done() {
        return exhausted && !currentFilled;
    }

    /** The next record, or empty after the final one. */
    public Optional<org.manta.proto.v1.EventChunk> next() {
        if (done()) {
            return Optional.empty();
        }
        if (!currentFilled) {
            currentFilled = read(buffers[current]);
            if (!currentFilled) {           // an empty file: one empty last chunk
                exhausted = true;
                return Optional.of(build(buffers[current], 0, true));
            }
        }
        EventChunk now = buffers[current];
        EventChunk ahead = buffers[1 - current];
        boolean more = !exhausted && read(ahead);
        exhausted = !more;
        org.manta.proto.v1.EventChunk record = build(now, now.size, !more);
        current = 1 - current;
        currentFilled = more;
        return Optional.of(record);
    }

    private boolean read(EventChunk chunk) {
        return withEnergy || withPi ? reader.next(chunk, null) : reader.nextTimes(chunk, null);
    }

    private org.manta.proto.v1.EventChunk build(EventChunk c, int n, boolean last) {
        org.manta.proto.v1.EventChunk.Builder b = org.manta.proto.v1.EventChunk.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(jobId).setInput(input).setSeq(seq).setLast(last)
                .setFirstEvent(firstEvent);
        for (int i = 0; i < n; i++) {
            b.addTime(c.time[i]);
        }
        if (withEnergy && reader.hasEnergy()) {
            for (int i = 0; i < n; i++) {
                b.addEnergy(c.energy[i]);
            }
        }
        if (withPi && reader.hasPi()) {
            for (int i = 0; i < n; i++) {
                b.addPi(c.pi[i]);
            }
        }
        if (seq == 0) {
            b.addAllGti(Protos.gtis(reader.gti())).setInfo(Protos.observationInfo(reader.info()));
            if (input == 0 && spec != null) {
                b.setSpec(spec).setInputCount(inputCount);
            }
        }
        if (last) {
            b.setSource(source);
        }
        if (n > 0) {
            lastTime = c.time[n - 1];
        }
        seq++;
        firstEvent += n;
        return b.build();
    }
}
