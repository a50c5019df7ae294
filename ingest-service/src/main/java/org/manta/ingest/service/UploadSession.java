package org.manta.ingest.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileWriter;
import org.manta.core.io.EventFiles;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.SpectrumKind;
import org.manta.mesh.common.errors.LimitExceededException;
import org.manta.mesh.common.mapping.Observations;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.EventBatch;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ObservationInfo;
import org.manta.proto.v1.ProductKind;

/**
 * Stages the event batches of one {@code JobService.Upload} stream as FITS event files, one per event list,
 * in the job's staging directory ({@code upload-<i>.fits}, written by the core's {@link EventFileWriter}
 * through a temporary file that is moved into place only when the stream completes). The header of list
 * {@code i} comes from its first batch: GTIs (required) and observation info (telescope, instrument, MJDREF,
 * TIMESYS, TIMEDEL, TSTART/TSTOP). Enforces the upload size limit, the job's size limits (once every list's
 * GTIs have come, {@link JobLimits}) and the order rules: batches start with
 * input 0, times ascend within an input, per-event arrays match the times, and every batch of an input
 * with events carries the same columns (energy, PI) as its first one.
 *
 * <p>A staged file is read as any event file: with an ENERGY column its PI column is not read (the core's
 * reader takes energies first), so a list sent with both energies and PI whose bands select on PI is
 * staged without energies (its PI calibrates to energies where the mission has a calibration, as in the
 * client's file). Not thread-safe: one gRPC stream, and {@link JobDesk} holds the session's lock while it
 * applies a message or drops an idle session ({@link #idleNanos}).
 */
public final class UploadSession {
    private final String jobId;
    private final JobSpec spec;
    private final JobRequest request;
    private final Storage storage;
    private final Path directory;
    private final long maxBytes;
    private final Input[] inputs;
    private final Consumer<List<InputHeader>> sizeCheck;
    private long bytes;
    private boolean received;
    private boolean sizeChecked;
    /** When the client was last heard ({@link System#nanoTime()}): the session's start, then the end of each batch. */
    private volatile long heardAt = System.nanoTime();
    private boolean aborted;

    /** One event list of the upload. */
    private static final class Input {
        final boolean piBand;        // a band of the job selects on this list's PI
        GtiList gti;                 // from its first batch; null before
        ObservationInfo info;
        EventFileWriter writer;      // made with its first events (their columns decide the file's)
        boolean energy;              // its events come with energies
        boolean pi;                  // its events come with PI
        boolean writeEnergy;         // the staged file has an ENERGY column
        long events;
        double lastTime = Double.NEGATIVE_INFINITY;

        Input(boolean piBand) {
            this.piBand = piBand;
        }
    }

    /**
     * @param spec     the client's spec
     * @param request  the spec validated ({@code request.inputs()} event lists; of a job of several observations the
     *                 first one's, and each observation's lists follow the earlier ones')
     * @param storage  where the job's staging directory is made
     * @param maxBytes the upload limit ({@code manta.ingest.max-upload-bytes})
     */
    public UploadSession(String jobId, JobSpec spec, JobRequest request, Storage storage, long maxBytes) {
        this(jobId, spec, request, storage, maxBytes, headers -> { });
    }

    /**
     * @param sizeCheck the edge's limits on the lists and their plan ({@link JobLimits#plan}), applied as soon as the GTIs of
     *                  every event list have come (their first batches), before the rest of the events
     */
    public UploadSession(String jobId, JobSpec spec, JobRequest request, Storage storage, long maxBytes,
                         Consumer<List<InputHeader>> sizeCheck) {
        this.sizeCheck = sizeCheck;
        this.jobId = jobId;
        this.spec = spec;
        this.request = request;
        this.storage = storage;
        this.maxBytes = maxBytes;
        // the lists of each observation of a job of several (JobSpec.observation_inputs) one after another
        List<JobRequest> observations = spec.getObservationInputsCount() == 0 ? List.of(request)
                : Observations.requests(spec, true);
        this.inputs = new Input[observations.stream().mapToInt(JobRequest::inputs).sum()];
        int i = 0;
        for (JobRequest own : observations) {
            for (int local = 0; local < own.inputs(); local++, i++) {
                boolean piBand = false;
                for (int c = 0; c < own.channels(); c++) {
                    piBand |= own.inputOf(c) == local && own.bandOf(c).map(EnergyBand::onPi).orElse(false);
                }
                piBand |= spec.getKind() == ProductKind.VARENERGY && spec.getVarenergy().getOnPi();  // bands on PI
                inputs[i] = new Input(piBand);
            }
        }
        this.directory = storage.stagingDirectory(jobId);
    }

    public String jobId() {
        return jobId;
    }

    public JobSpec spec() {
        return spec;
    }

    public JobRequest request() {
        return request;
    }

    /**
     * Writes one batch to its input's staged file.
     *
     * @return the batch's events
     * @throws InvalidParameterException for a batch that breaks the rules
     * @throws LimitExceededException    once the upload passes {@code manta.ingest.max-upload-bytes}
     */
    public int add(EventBatch batch) {
        if (batch.getInput() >= inputs.length) {
            throw new InvalidParameterException("events.input", batch.getInput(), "below " + inputs.length + " (the "
                    + "event lists of this " + request.kind() + " upload" + (request.kind() == SpectrumKind.CPDS
                    && inputs.length == 1 ? "; JobSpec.upload_inputs = 2 uploads two" : "") + ")");
        }
        int index = (int) batch.getInput();
        if (!received && index != 0) {
            throw new InvalidParameterException("events.input", index, "0 for the first batch of an upload");
        }
        received = true;
        Input input = inputs[index];
        int n = batch.getTimeCount();
        if (batch.getEnergyCount() != 0 && batch.getEnergyCount() != n) {
            throw new InvalidParameterException("events.energy", batch.getEnergyCount() + " values", "none or " + n);
        }
        if (batch.getPiCount() != 0 && batch.getPiCount() != n) {
            throw new InvalidParameterException("events.pi", batch.getPiCount() + " values", "none or " + n);
        }
        bytes += 8L * n + 8L * batch.getEnergyCount() + 4L * batch.getPiCount();
        if (bytes > maxBytes) {
            throw new LimitExceededException("the upload (" + bytes + " bytes of events so far)", maxBytes, "bytes",
                    "manta.ingest.max-upload-bytes");
        }
        double[] time = new double[n];
        for (int i = 0; i < n; i++) {
            double t = batch.getTime(i);
            if (!(t >= input.lastTime)) {
                throw new InvalidParameterException("events.time", t, "times ascending within input " + index
                        + " (event " + (input.events + i) + " follows t = " + input.lastTime + " s)");
            }
            input.lastTime = t;
            time[i] = t;
        }
        if (input.gti == null) {
            if (batch.getGtiCount() == 0) {
                throw new InvalidParameterException("events.gti", "empty", "the GTIs of input " + index + " on its first batch");
            }
            input.gti = Protos.gtiList(batch.getGtiList());
            input.info = batch.getInfo();
            checkSize();
        }
        if (n > 0) {
            write(index, input, batch, time);
        }
        heardAt = System.nanoTime();
        return n;
    }

    /**
     * Once the GTIs of every list are known: the job's plan as the lists' GTIs and TIMEDEL make it, through the
     * size check, so a job too large is refused before its events come. Only the check's refusal counts here;
     * what else the plan finds (columns, no common good time) is {@link #finish}'s to say, on the staged files.
     */
    private void checkSize() {
        if (sizeChecked) {
            return;
        }
        List<InputHeader> headers = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].gti == null) {
                return;
            }
            headers.add(new InputHeader("upload " + i, inputs[i].info.getTimedel(), inputs[i].gti, true, true));
        }
        sizeChecked = true;
        try {
            sizeCheck.accept(headers);
        } catch (LimitExceededException e) {
            throw e;
        } catch (RuntimeException e) {
            // not a size limit: finish() plans the job on the staged files and says it there
        }
    }

    private void write(int index, Input input, EventBatch batch, double[] time) {
        boolean energy = batch.getEnergyCount() > 0;
        boolean pi = batch.getPiCount() > 0;
        if (input.writer == null) {
            input.energy = energy;
            input.pi = pi;
            input.writeEnergy = energy && !(pi && input.piBand);
            input.writer = EventFileWriter.create(file(index), options(input));
        } else if (energy != input.energy || pi != input.pi) {
            throw new InvalidParameterException(energy != input.energy ? "events.energy" : "events.pi",
                    (energy != input.energy ? batch.getEnergyCount() : batch.getPiCount()) + " values",
                    (energy != input.energy ? input.energy : input.pi) ? time.length + ", as the first events of input "
                            + index + " came with them" : "none, as the first events of input " + index + " came without");
        }
        int n = time.length;
        int[] channels = new int[n];   // zeros for a list without PI: its header then says it has none (finish)
        for (int i = 0; i < n && pi; i++) {
            channels[i] = batch.getPi(i);
        }
        double[] energies = null;
        if (input.writeEnergy) {
            energies = new double[n];
            for (int i = 0; i < n; i++) {
                energies[i] = batch.getEnergy(i);
            }
        }
        input.writer.write(time, channels, energies, 0, n);
        input.events += n;
    }

    private Path file(int index) {
        return directory.resolve("upload-" + index + ".fits");
    }

    /**
     * The file's headers from the list's first batch (OBJECT too, so that the product names the object as the embedded
     * command's does; none when the client sent none); TSTART/TSTOP from the GTIs unless the info gives them.
     */
    private static EventFileWriter.Options options(Input input) {
        ObservationInfo info = input.info;
        String telescope = info.getTelescope().isEmpty() ? info.getMission() : info.getTelescope();
        boolean span = Double.isFinite(info.getTstart()) && Double.isFinite(info.getTstop())
                && info.getTstart() < info.getTstop();
        return new EventFileWriter.Options(telescope, info.getInstrument(),
                new Mjdref(info.getMjdref().getDays(), info.getMjdref().getFraction()), info.getTimesys(),
                info.getTimedel(), input.writeEnergy, span ? info.getTstart() : Double.NaN, span ? info.getTstop() : Double.NaN)
                .withObject(info.getObject());
    }

    /**
     * Completes every staged file once the stream is complete.
     *
     * @return per event list: path {@code upload:<i>}, sha256 and size of the staged file, its location, and
     *         its header as the planner sees it (a list uploaded without PI or energies has none)
     * @throws InvalidParameterException if an input sent nothing
     */
    public List<InputStaging.Staged> finish() {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].gti == null) {
                throw new InvalidParameterException("events", "no batch for input " + i,
                        inputs.length + " event list(s) for this " + request.kind() + " upload");
            }
        }
        List<InputStaging.Staged> out = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            Input input = inputs[i];
            if (input.writer == null) {
                input.writer = EventFileWriter.create(file(i), options(input));
            }
            input.writer.finish(input.gti);
            input.writer.close();
            Path staged = file(i);
            long size = InputStaging.size("upload " + i, staged);
            InputFile file = InputFile.newBuilder().setPath("upload:" + i).setSha256(EventFiles.sha256(staged))
                    .setSizeBytes(size).setLocation(storage.locationOf(staged)).setLocationSizeBytes(size).build();
            InputStaging.Staged s = InputStaging.staged(storage, file, "upload " + i, spec);
            InputHeader h = s.header();
            // a list sent without PI was written with PI 0 (the writer's format): neither its PI nor energies
            // calibrated from it are real
            out.add(new InputStaging.Staged(file, new InputHeader(h.name(), h.timedel(), h.gti(),
                    h.hasEnergy() && (input.writeEnergy || input.pi), h.hasPi() && input.pi), s.events()));
        }
        return out;
    }

    /** Nanoseconds from the last batch (or the start) to {@code now} ({@link System#nanoTime()}). */
    public long idleNanos(long now) {
        return now - heardAt;
    }

    /** Drops the upload: no staged file stays, and its staging directory goes. Once only; later calls do nothing. */
    public void abort() {
        if (aborted) {
            return;
        }
        aborted = true;
        for (Input input : inputs) {
            if (input.writer != null) {
                input.writer.close();
            }
        }
        InputStaging.removeStaging(storage, jobId);
    }
}
