package org.manta.mesh.common.jobs;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobIngest;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.JobStatus;
import org.manta.proto.v1.JobTimings;

/**
 * The records of a job and the rule that folds them into its current state.
 *
 * <p>Several services write a job's records, to {@code manta.job-events}: ingest (QUEUED with the spec, owner
 * and its instance id, RUNNING, the inputs it opened, "input sent", adopted by another instance, FAILED for bad
 * input files or a record Kafka did not take, CANCELLED), segment-service and the fft workers (FAILED for
 * unusable data), reduce-service (RUNNING with progress counts, SUCCEEDED, FAILED). Only ingest's first
 * record carries the spec; the others are <em>partial</em> records (e.g. only state and counts).
 * reduce-service folds them per job and publishes the full record on the compacted {@code manta.jobs}, which
 * every reader folds again (idempotently: a full record merged into an older state of the same job gives it).
 * {@link #merge} folds them: the state never goes back and the first final state wins (a job cancelled
 * before the reducer finished stays CANCELLED), unset fields keep their earlier values, the first start
 * time stays (a job resumed after an ingest restart keeps it), counts only grow and a sent input stays sent.
 */
public final class JobRecords {
    private JobRecords() {
    }

    public static boolean isFinal(JobState state) {
        return state == JobState.SUCCEEDED || state == JobState.FAILED || state == JobState.CANCELLED;
    }

    /**
     * The first record of a job: QUEUED, with its spec, the principal that submitted it (its owner,
     * docs/security.md) and the ingest-service instance that sends its input ({@code manta.kafka.instance-id}),
     * written before any data moves.
     */
    public static JobRecord queued(String jobId, JobSpec spec, String owner, String ingestInstance, Instant now) {
        return base(jobId, JobState.QUEUED, now).setSpec(spec).setOwner(owner)
                .setTimings(JobTimings.newBuilder().setSubmitted(Protos.timestamp(now)))
                .setIngest(JobIngest.newBuilder().setInstanceId(ingestInstance)).build();
    }

    /** The job is under way: written by ingest when it starts preparing the job's input. */
    public static JobRecord running(String jobId, String message, Instant now) {
        return base(jobId, JobState.RUNNING, now).setMessage(message)
                .setTimings(JobTimings.newBuilder().setStarted(Protos.timestamp(now))).build();
    }

    /**
     * Ingest opened and located a job's inputs (path as given, sha256 and size of those bytes, location and
     * size of the file the services read): written before the job's {@code JobInput} is published, so that a
     * job resumed after a restart checks that it prepares the same bytes again.
     */
    public static JobRecord inputsOpened(String jobId, List<InputFile> inputs, Instant now) {
        return base(jobId, JobState.RUNNING, now).setIngest(JobIngest.newBuilder().addAllInputs(inputs)).build();
    }

    /** The job's {@code JobInput} is durable on {@code manta.inputs}: written by ingest once it is acknowledged. */
    public static JobRecord inputSent(String jobId, Instant now) {
        return base(jobId, JobState.RUNNING, now).setIngest(JobIngest.newBuilder().setInputSent(true)).build();
    }

    /**
     * Another ingest instance takes over a job whose instance was lost (it prepares the job's input from now
     * on): written by the adopting instance before it prepares the input again.
     */
    public static JobRecord adopted(String jobId, String ingestInstance, String message, Instant now) {
        return base(jobId, JobState.RUNNING, now).setMessage(message)
                .setIngest(JobIngest.newBuilder().setInstanceId(ingestInstance)).build();
    }

    /**
     * True when the job's input is on {@code manta.inputs}: ingest said so, or the expected count is known
     * (segment-service publishes it only once it has planned the job from that input).
     */
    public static boolean inputComplete(JobRecord r) {
        return r.getIngest().getInputSent() || r.hasSegmentsExpected();
    }

    /**
     * What segment-service's plan of the job changed in its request or assumed about its inputs (core
     * {@code PlanWarnings}), one line each: written with the job's units when there is something to say.
     */
    public static JobRecord warned(String jobId, List<String> warnings, Instant now) {
        return base(jobId, JobState.RUNNING, now).addAllWarnings(warnings).build();
    }

    /** Progress counts, written by the reducer while it merges. */
    public static JobRecord progress(String jobId, long segmentsDone, OptionalLong segmentsExpected, Instant now) {
        JobRecord.Builder b = base(jobId, JobState.RUNNING, now).setSegmentsDone(segmentsDone);
        segmentsExpected.ifPresent(b::setSegmentsExpected);
        return b.build();
    }

    public static JobRecord succeeded(String jobId, long segments, String message, Instant now) {
        return base(jobId, JobState.SUCCEEDED, now).setMessage(message)
                .setSegmentsDone(segments).setSegmentsExpected(segments)
                .setTimings(JobTimings.newBuilder().setFinished(Protos.timestamp(now))).build();
    }

    /** The job failed: {@code message} says why (it reaches the client as the job's message). */
    public static JobRecord failed(String jobId, String message, Instant now) {
        return base(jobId, JobState.FAILED, now).setMessage(message)
                .setTimings(JobTimings.newBuilder().setFinished(Protos.timestamp(now))).build();
    }

    public static JobRecord cancelled(String jobId, Instant now) {
        return base(jobId, JobState.CANCELLED, now).setMessage("cancelled by a client")
                .setTimings(JobTimings.newBuilder().setFinished(Protos.timestamp(now))).build();
    }

    private static JobRecord.Builder base(String jobId, JobState state, Instant now) {
        return JobRecord.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(jobId).setState(state)
                .setUpdated(Protos.timestamp(now));
    }

    /**
     * Folds a newer record of a job into its current state (see the class comment).
     *
     * @param current the state so far, or null
     * @param next    a newer record of the same job
     */
    public static JobRecord merge(JobRecord current, JobRecord next) {
        if (current == null) {
            return next;
        }
        if (isFinal(current.getState())) {
            return current;
        }
        JobRecord.Builder b = current.toBuilder();
        if (next.getState().getNumber() > current.getState().getNumber()) {
            b.setState(next.getState());
        }
        if (next.hasSpec()) {
            b.setSpec(next.getSpec());
        }
        if (!next.getOwner().isEmpty()) {
            b.setOwner(next.getOwner());
        }
        if (!next.getMessage().isEmpty() || isFinal(next.getState())) {
            b.setMessage(next.getMessage());
        }
        JobTimings.Builder t = current.getTimings().toBuilder();
        if (next.getTimings().hasSubmitted()) {
            t.setSubmitted(next.getTimings().getSubmitted());
        }
        if (next.getTimings().hasStarted() && !t.hasStarted()) {
            t.setStarted(next.getTimings().getStarted());
        }
        if (next.getTimings().hasFinished()) {
            t.setFinished(next.getTimings().getFinished());
        }
        b.setTimings(t);
        b.setSegmentsDone(Math.max(current.getSegmentsDone(), next.getSegmentsDone()));
        if (next.hasSegmentsExpected()) {
            b.setSegmentsExpected(next.getSegmentsExpected());
        }
        if (next.hasUpdated()) {
            b.setUpdated(next.getUpdated());
        }
        if (next.hasIngest()) {
            b.setIngest(merge(current.getIngest(), next.getIngest()));
        }
        if (next.getWarningsCount() > 0) {
            b.clearWarnings().addAllWarnings(next.getWarningsList());
        }
        return b.build();
    }

    private static JobIngest merge(JobIngest current, JobIngest next) {
        JobIngest.Builder b = current.toBuilder().setInputSent(current.getInputSent() || next.getInputSent());
        if (!next.getInstanceId().isEmpty()) {
            b.setInstanceId(next.getInstanceId());
        }
        if (next.getInputsCount() > 0) {
            b.clearInputs().addAllInputs(next.getInputsList());
        }
        return b.build();
    }

    /** What {@code JobService.Get} answers. */
    public static JobStatus status(JobRecord r) {
        JobStatus.Builder b = JobStatus.newBuilder().setJobId(r.getJobId()).setState(r.getState())
                .setMessage(r.getMessage()).setSpec(r.getSpec()).setTimings(r.getTimings())
                .setSegmentsDone(r.getSegmentsDone()).setOwner(r.getOwner()).addAllWarnings(r.getWarningsList());
        if (r.hasSegmentsExpected()) {
            b.setSegmentsExpected(r.getSegmentsExpected());
        }
        return b.build();
    }

    /**
     * What {@code JobService.Watch} streams.
     *
     * @param rate segments merged per second since the job started (0 if unknown)
     */
    public static JobProgress progress(JobRecord r, double rate, Instant now) {
        JobProgress.Builder b = JobProgress.newBuilder().setJobId(r.getJobId()).setState(r.getState())
                .setSegmentsDone(r.getSegmentsDone()).setRate(rate).setMessage(r.getMessage())
                .setUpdated(Protos.timestamp(now)).addAllWarnings(r.getWarningsList());
        if (r.hasSegmentsExpected()) {
            b.setSegmentsExpected(r.getSegmentsExpected());
            if (rate > 0 && !isFinal(r.getState())) {
                b.setEtaSeconds(Math.max(0, r.getSegmentsExpected() - r.getSegmentsDone()) / rate);
            }
        }
        return b.build();
    }
}
