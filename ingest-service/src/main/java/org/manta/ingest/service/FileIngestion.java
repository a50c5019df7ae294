package org.manta.ingest.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.io.EventFileReader;
import org.manta.mesh.common.mapping.EventChunkSource;
import org.manta.mesh.common.mapping.JobPlan;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobSpec;

/**
 * Reads a job's event files and sends them as {@code manta.chunks} records. With two inputs the
 * chunks are interleaved by time (the input whose last sent event is earlier goes next), so that
 * segment-service holds about one chunk per input. Checks on the files (readable FITS, an events
 * table, sorted times, the columns the bands select on) throw: the caller fails the job with the message.
 */
public final class FileIngestion {
    private FileIngestion() {
    }

    /**
     * @param jobId     the job
     * @param spec      the job's spec (goes on the first chunk)
     * @param plan      the validated spec
     * @param files     the resolved input files, in {@code spec.inputs} order
     * @param eventsPerChunk events per record
     * @param send      sends one chunk (asynchronously)
     * @param cancelled polled between chunks: stop early when true
     * @param opened    told what was opened (path as in {@code spec.inputs}, sha256, size) once every file
     *                  is open and hashed, before the first chunk is sent; it may throw to stop (a resumed
     *                  job whose file changed, see {@link #checkUnchanged})
     * @return the number of events sent
     * @throws BadEventFileException     for an unusable file
     * @throws InvalidParameterException for a band on a column the file lacks
     */
    public static long ingest(String jobId, JobSpec spec, JobPlan plan, List<Path> files, int eventsPerChunk,
                              java.util.function.Function<EventChunk, Future<RecordMetadata>> send,
                              BooleanSupplier cancelled, Consumer<List<InputFile>> opened) {
        List<EventFileReader> readers = new ArrayList<>();
        try {
            List<EventChunkSource> sources = new ArrayList<>();
            List<InputFile> inputs = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                EventFileReader reader = EventFileReader.open(file);
                readers.add(reader);
                Columns columns = columns(plan, i, reader, spec.getInputs(i));
                InputFile source = InputFile.newBuilder().setPath(spec.getInputs(i)).setSha256(sha256(file))
                        .setSizeBytes(size(file)).build();
                inputs.add(source);
                EventChunkSource s = new EventChunkSource(reader, jobId, i, eventsPerChunk).withSource(source)
                        .withColumns(columns.energy(), columns.pi());
                if (i == 0) {
                    s.withSpec(spec, files.size());
                }
                sources.add(s);
            }
            opened.accept(inputs);
            long events = 0;
            List<Future<RecordMetadata>> inFlight = new ArrayList<>();
            while (!cancelled.getAsBoolean()) {
                EventChunkSource next = null;
                for (EventChunkSource s : sources) {
                    if (!s.done() && (next == null || s.lastTime() < next.lastTime())) {
                        next = s;
                    }
                }
                if (next == null) {
                    break;
                }
                Optional<EventChunk> chunk = next.next();
                if (chunk.isPresent()) {
                    events += chunk.get().getTimeCount();
                    inFlight.add(send.apply(chunk.get()));
                    if (inFlight.size() >= 64) {
                        inFlight.forEach(org.manta.ingest.kafka.MeshProducer::await);
                        inFlight.clear();
                    }
                }
            }
            inFlight.forEach(org.manta.ingest.kafka.MeshProducer::await);
            return events;
        } finally {
            readers.forEach(EventFileReader::close);
        }
    }

    /**
     * A job resumed after a restart must read the bytes it started on: its chunks so far came from them,
     * and the chunks it sends again must be the same.
     *
     * @param before the inputs as first opened (from the job record)
     * @param now    the same inputs as opened now
     * @throws BadEventFileException naming the first input whose sha256 or size differs
     */
    public static void checkUnchanged(List<InputFile> before, List<InputFile> now) {
        for (int i = 0; i < before.size(); i++) {
            InputFile b = before.get(i);
            InputFile n = i < now.size() ? now.get(i) : InputFile.getDefaultInstance();
            if (!b.equals(n)) {
                throw new BadEventFileException(Path.of(b.getPath()), "changed since the job started ("
                        + b.getSizeBytes() + " bytes, sha256 " + b.getSha256() + "; now " + n.getSizeBytes() + " bytes, sha256 "
                        + n.getSha256() + "), so its interrupted ingestion cannot be resumed; submit the job again");
            }
        }
    }

    /** The per-event columns besides TIME that the job's bands select on, for one input. */
    private record Columns(boolean energy, boolean pi) {
    }

    /**
     * The columns the bands on input {@code input} need; a band on energy needs energies, a band on PI
     * needs PI: say so now rather than per chunk.
     */
    private static Columns columns(JobPlan plan, int input, EventFileReader reader, String path) {
        boolean energy = false;
        boolean pi = false;
        for (int c = 0; c < plan.channels(); c++) {
            if (plan.inputOf(c) != input || plan.bandOf(c).isEmpty()) {
                continue;
            }
            EnergyBand b = plan.bandOf(c).get();
            if (b.onPi() ? !reader.hasPi() : !reader.hasEnergy()) {
                throw new InvalidParameterException("band" + (c + 1), b, "a file with " + (b.onPi() ? "a PI column" :
                        "energies (an ENERGY column or a calibrated PI column)") + ": " + path + " has none (columns "
                        + reader.columns() + ")");
            }
            pi |= b.onPi();
            energy |= !b.onPi();
        }
        return new Columns(energy, pi);
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new BadEventFileException(file, "cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new BadEventFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
