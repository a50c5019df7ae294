package org.manta.mesh.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.manta.core.io.EventChunk;
import org.manta.core.io.EventFileReader;
import org.manta.proto.v1.EventBatch;

/**
 * The {@code EventBatch}es of an upload of local event files ({@code JobService.Upload}): input {@code i}
 * is file {@code i}; batches of up to {@code batchEvents} events with energies and PI where the file has
 * them; each input's first batch also carries its GTIs and observation info (which become the header of the
 * file the mesh stages), and is sent even for a file without events. With two files the batches are
 * interleaved by time (the input whose last sent event is earlier goes next). Reads in bounded memory;
 * not thread-safe.
 */
public final class UploadBatches implements Iterator<EventBatch>, AutoCloseable {
    private final List<EventFileReader> readers = new ArrayList<>();
    private final EventChunk chunk;
    private final double[] last;
    private final boolean[] done;
    private final boolean[] first;
    private EventBatch pending;

    /**
     * Opens the files (their headers and GTIs).
     *
     * @param batchEvents most events per batch, at least 1
     * @throws org.manta.core.BadEventFileException for a file that is not an event file
     */
    public UploadBatches(List<Path> files, int batchEvents) {
        if (batchEvents < 1) {
            throw new IllegalArgumentException("batchEvents " + batchEvents + ": expected at least 1");
        }
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

    /** The number of event lists the batches carry: the {@code JobSpec.upload_inputs} of the upload. */
    public int inputs() {
        return readers.size();
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            pending = read();
        }
        return pending != null;
    }

    @Override
    public EventBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("every file is sent");
        }
        EventBatch b = pending;
        pending = null;
        return b;
    }

    /** The next batch, or null once every file is sent. */
    private EventBatch read() {
        while (true) {
            int next = -1;
            for (int i = 0; i < readers.size(); i++) {
                if (!done[i] && (next < 0 || last[i] < last[next])) {
                    next = i;
                }
            }
            if (next < 0) {
                return null;
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
                if (r.canSelectPi()) {
                    b.addPi(chunk.pi[i]);
                }
            }
            if (first[next]) {
                b.addAllGti(ToWire.gtis(r.gti())).setInfo(ToWire.observationInfo(r.info(), r.object()));
                first[next] = false;
            }
            if (chunk.size > 0) {
                last[next] = chunk.time[chunk.size - 1];
            } else {
                done[next] = true;
            }
            return b.build();
        }
    }

    @Override
    public void close() {
        readers.forEach(EventFileReader::close);
    }
}
