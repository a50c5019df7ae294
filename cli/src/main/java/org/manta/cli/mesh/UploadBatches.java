package org.manta.cli.mesh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.Gti;
import org.manta.core.io.EventChunk;
import org.manta.core.io.EventFileReader;
import org.manta.proto.v1.EventBatch;
import org.manta.proto.v1.Mjdref;

/**
 * The {@code EventBatch}es of an upload of local event files ({@code JobService.Upload}): input {@code i}
 * is file {@code i}; batches of up to {@code batchEvents} events with energies and PI where the file has
 * them; each input's first batch also carries its GTIs and observation info (which become the header of the
 * file the mesh stages), and is sent even for a file without events. With two files the batches are
 * interleaved by time (the input whose last sent event is earlier goes next). Reads in bounded memory;
 * not thread-safe.
 */
final class UploadBatches implements AutoCloseable {
    private final List<EventFileReader> readers = new ArrayList<>();
    private final EventChunk chunk;
    private final double[] last;
    private final boolean[] done;
    private final boolean[] first;
    private long events;

    /** Opens the files (their headers and GTIs). */
    UploadBatches(List<Path> files, int batchEvents) {
        try {
            for (Path f : files) {
                readers.add(EventFileReader.open(f));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        chunk = new EventChunk(batchEvents);
        last = new double[files.size()];
        done = new boolean[files.size()];
        first = new boolean[files.size()];
        Arrays.fill(last, Double.NEGATIVE_INFINITY);
        Arrays.fill(first, true);
    }

    /** The next batch, or empty once every file is sent. */
    Optional<EventBatch> next() {
        while (true) {
            int next = -1;
            for (int i = 0; i < readers.size(); i++) {
                if (!done[i] && (next < 0 || last[i] < last[next])) {
                    next = i;
                }
            }
            if (next < 0) {
                return Optional.empty();
            }
            EventFileReader r = readers.get(next);
            if (!r.next(chunk, null) && !first[next]) {
                done[next] = true;
                continue;
            }
            EventBatch.Builder b = EventBatch.newBuilder().setInput(next);
            for (int i = 0; i < chunk.size; i++) {
                b.addTime(chunk.time[i]);
                if (r.hasEnergy()) {
                    b.addEnergy(chunk.energy[i]);
                }
                if (r.hasPi()) {
                    b.addPi(chunk.pi[i]);
                }
            }
            if (first[next]) {
                for (Gti g : r.gti().intervals()) {
                    b.addGti(org.manta.proto.v1.Gti.newBuilder().setStart(g.start()).setStop(g.stop()));
                }
                b.setInfo(info(r.info()));
                first[next] = false;
            }
            if (chunk.size > 0) {
                last[next] = chunk.time[chunk.size - 1];
            } else {
                done[next] = true;
            }
            events += chunk.size;
            return Optional.of(b.build());
        }
    }

    /** Events in the batches so far. */
    long events() {
        return events;
    }

    /** The wire form of a file's header metadata (proto ObservationInfo, field by field). */
    static org.manta.proto.v1.ObservationInfo info(ObservationInfo info) {
        return org.manta.proto.v1.ObservationInfo.newBuilder().setMission(info.mission()).setTelescope(info.telescope())
                .setInstrument(info.instrument()).setTimesys(info.timesys())
                .setMjdref(Mjdref.newBuilder().setDays(info.mjdref().days()).setFraction(info.mjdref().fraction()))
                .setTimezero(info.timezero()).setTimeOffset(info.timeOffset()).setTimedel(info.timedel())
                .setTstart(info.tstart()).setTstop(info.tstop()).build();
    }

    @Override
    public void close() {
        readers.forEach(EventFileReader::close);
    }
}
