package org.manta.ingest.service;

import java.util.ArrayList;
import java.util.List;
import org.manta.core.InvalidParameterException;
import org.manta.mesh.common.errors.LimitExceededException;
import org.manta.mesh.common.mapping.JobPlan;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.EventBatch;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobSpec;

/**
 * Turns the event batches of one {@code JobService.Upload} stream into {@code manta.chunks} records:
 * per input, seq 0, 1, … with the GTIs and observation info on seq 0, the spec on input 0's seq 0, and
 * an empty last chunk when the stream completes. Enforces the upload size limit and the order rules
 * (inputs start with input 0, times ascend within an input, per-event arrays match). Not thread-safe
 * (one gRPC stream).
 */
public final class UploadSession {
    private final String jobId;
    private final JobSpec spec;
    private final JobPlan plan;
    private final long maxBytes;
    private final int eventsPerChunk;
    private final long[] nextSeq;
    private final long[] events;
    private final double[] lastTime;
    private long bytes;

    public UploadSession(String jobId, JobSpec spec, JobPlan plan, long maxBytes, int eventsPerChunk) {
        this.jobId = jobId;
        this.spec = spec;
        this.plan = plan;
        this.maxBytes = maxBytes;
        this.eventsPerChunk = eventsPerChunk;
        this.nextSeq = new long[plan.inputCount()];
        this.events = new long[plan.inputCount()];
        this.lastTime = new double[plan.inputCount()];
        java.util.Arrays.fill(lastTime, Double.NEGATIVE_INFINITY);
    }

    public String jobId() {
        return jobId;
    }

    /**
     * The chunks of one batch.
     *
     * @throws InvalidParameterException for a batch that breaks the rules
     * @throws LimitExceededException    once the upload passes {@code manta.ingest.max-upload-bytes}
     */
    public List<EventChunk> add(EventBatch batch) {
        int input = (int) batch.getInput();
        if (batch.getInput() >= plan.inputCount()) {
            throw new InvalidParameterException("events.input", batch.getInput(),
                    "below " + plan.inputCount() + " (inputs of this " + plan.kind() + " job)");
        }
        if (nextSeq[0] == 0 && input != 0) {
            throw new InvalidParameterException("events.input", input, "0 for the first batch of an upload");
        }
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
        for (int i = 0; i < n; i++) {
            double t = batch.getTime(i);
            if (!(t >= lastTime[input])) {
                throw new InvalidParameterException("events.time", t, "times ascending within input " + input
                        + " (event " + (events[input] + i) + " follows t = " + lastTime[input] + " s)");
            }
            lastTime[input] = t;
        }
        boolean first = nextSeq[input] == 0;
        if (first && batch.getGtiCount() == 0) {
            throw new InvalidParameterException("events.gti", "empty", "the GTIs of input " + input + " on its first batch");
        }
        if (first) {
            Protos.gtiList(batch.getGtiList());
        }
        List<EventChunk> out = new ArrayList<>();
        for (int from = 0; from < Math.max(n, first ? 1 : 0); from += eventsPerChunk) {
            int to = Math.min(n, from + eventsPerChunk);
            EventChunk.Builder c = chunk(input, false).setFirstEvent(events[input] + from);
            for (int i = from; i < to; i++) {
                c.addTime(batch.getTime(i));
            }
            for (int i = from; i < to && batch.getEnergyCount() > 0; i++) {
                c.addEnergy(batch.getEnergy(i));
            }
            for (int i = from; i < to && batch.getPiCount() > 0; i++) {
                c.addPi(batch.getPi(i));
            }
            if (first && from == 0) {
                c.addAllGti(batch.getGtiList()).setInfo(batch.getInfo());
            }
            out.add(c.build());
        }
        events[input] += n;
        return out;
    }

    /**
     * The final, empty chunk of every input, when the stream completes.
     *
     * @throws InvalidParameterException if an input sent nothing
     */
    public List<EventChunk> finish() {
        List<EventChunk> out = new ArrayList<>();
        for (int input = 0; input < nextSeq.length; input++) {
            if (nextSeq[input] == 0) {
                throw new InvalidParameterException("events", "no batch for input " + input,
                        plan.inputCount() + " input(s) for this " + plan.kind() + " job");
            }
            out.add(chunk(input, true).setFirstEvent(events[input]).setSource(InputFile.newBuilder()
                    .setPath("upload:" + input).setSizeBytes(bytes)).build());
        }
        return out;
    }

    private EventChunk.Builder chunk(int input, boolean last) {
        EventChunk.Builder c = EventChunk.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(jobId)
                .setInput(input).setSeq(nextSeq[input]++).setLast(last);
        if (input == 0 && c.getSeq() == 0) {
            c.setSpec(spec).setInputCount(plan.inputCount());
        }
        return c;
    }
}
