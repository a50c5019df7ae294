package org.manta.reduce.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.manta.mesh.Topics;
import org.manta.mesh.common.kafka.DeadLetters;
import org.manta.mesh.common.jobs.JobActivity;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.ProductRecord;
import org.manta.proto.v1.ReducerPhase;
import org.manta.proto.v1.ReducerState;
import org.manta.reduce.service.JobReducer;
import org.manta.mesh.common.kafka.RecordErrors;

/**
 * Adapter between Kafka Streams and {@link JobReducer}: one job's state per key, records from the three
 * sources in arrival order. Progress records are thinned to one per job per {@code progressIntervalMs}
 * (final states always go out) and handed to the job-record fold ({@link JobRecordProcessor}) in this task;
 * running products (and their tombstones) go to {@code manta.running}.
 * An unreadable record fails its job, never the stream thread, and goes to {@code manta.dead-letters}.
 *
 * <p>Lifecycle: a job final on {@code manta.jobs} while it merges here (cancelled from any ingest replica,
 * failed by another stage) is {@linkplain JobReducer#abandon abandoned}: its merged state (the large part)
 * and rows are freed at once, a small marker drops its stragglers. Every job's entry (a merging state or a
 * final marker) is removed once no record of the job came for {@code stateTtl} (a punctuator sweeps); a job
 * still merging then is failed with a reason naming {@code manta.reduce.state-ttl-ms}.
 */
final class ReducerProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = Logger.getLogger(ReducerProcessor.class);
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final JobReducer reducer;
    private final long progressIntervalMs;
    private final ReduceMetrics metrics;
    private final Map<String, Long> lastProgress = new HashMap<>();
    private final JobActivity activity;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> states;
    private StoreRows rows;

    /** @param stateTtl a job's entry is removed once no record of it came for this long */
    ReducerProcessor(JobReducer reducer, long progressIntervalMs, Duration stateTtl, ReduceMetrics metrics) {
        this.reducer = reducer;
        this.progressIntervalMs = progressIntervalMs;
        this.activity = new JobActivity(stateTtl);
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.states = context.getStateStore(ReduceTopology.STATE_STORE);
        this.rows = new StoreRows(context.getStateStore(ReduceTopology.ROW_STORE));
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, byte[]> all = states.all()) {      // what this task holds after a (re)start
            all.forEachRemaining(kv -> activity.touch(kv.key, now));
        }
        context.schedule(activity.sweepInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordErrors.guard(() -> processRecord(record));     // an Error fails the job, not the stream thread
    }

    private void processRecord(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse(Topics.COMBINED);
        String jobId = Keys.jobOf(record.key() == null ? "" : record.key());
        if (topic.equals(Topics.JOBS)) {
            onJobRecord(record, jobId);
            return;
        }
        activity.touch(jobId, context.currentSystemTimeMs());
        long t0 = CPU.getCurrentThreadCpuTime();
        byte[] stored = states.get(jobId);
        ReducerState state = stored == null ? null : RecordCodec.reducerState(stored);
        Instant now = Instant.now();
        JobReducer.Output out;
        try {
            out = topic.equals(Topics.EXPECTED)
                    ? reducer.onExpected(state, RecordCodec.expected(record.value()), rows, now)
                    : reducer.onPartial(state, RecordCodec.partial(record.value()), rows, now);
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s: a record of %s cannot be reduced", jobId, topic);
            String reason = "reduce-service: unusable record on " + topic + ": " + e.getMessage();
            out = reducer.fail(state, jobId, reason, rows, now);
            context.forward(DeadLetters.of(record, context.recordMetadata(), "reduce-service", reason),
                    ReduceTopology.DEAD_LETTERS_SINK);
        }
        Record<String, byte[]> made = record.withTimestamp(now.toEpochMilli());   // outputs say when they were made
        out.running().ifPresent(r -> {
            context.forward(made.withKey(jobId).withValue(r.toByteArray()), ReduceTopology.RUNNING_SINK);
            metrics.runningProducts().increment();
        });
        if (out.dropRunning()) {
            context.forward(made.withKey(jobId).withValue((byte[]) null), ReduceTopology.RUNNING_SINK);
        }
        for (ProductRecord p : out.products()) {
            context.forward(made.withKey(Keys.productPiece(jobId, p.getPieceIndex())).withValue(p.toByteArray()),
                    ReduceTopology.PRODUCTS_SINK);
        }
        for (JobRecord j : out.jobRecords()) {
            if (j.getState() == JobState.RUNNING) {
                Long last = lastProgress.get(jobId);
                if (last != null && now.toEpochMilli() - last < progressIntervalMs) {
                    continue;
                }
                lastProgress.put(jobId, now.toEpochMilli());
            } else {
                lastProgress.remove(jobId);
                if (j.getState() == JobState.SUCCEEDED) {
                    metrics.jobsSucceeded().increment();
                    LOG.infof("job %s: %s", jobId, j.getMessage());
                } else {
                    metrics.jobsFailed().increment();
                    LOG.warnf("job %s failed: %s", jobId, j.getMessage());
                }
            }
            context.forward(made.withKey(jobId).withValue(j.toByteArray()), ReduceTopology.JOB_RECORDS);
            if (j.getState() != JobState.RUNNING) {
                context.commit();     // the product and the final state are seen now, not at the next commit interval
            }
        }
        if (out.state() != null) {
            states.put(jobId, out.state().toByteArray());
        }
        if (out.duplicate()) {
            metrics.duplicates().increment();
        } else if (!topic.equals(Topics.EXPECTED)) {
            metrics.partials().increment();
            metrics.segments().increment(out.merged());
        }
        long nanos = CPU.getCurrentThreadCpuTime() - t0;       // CPU time of the merge (the finalising one: a serial step)
        metrics.finalise().record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (!out.products().isEmpty()) {
            metrics.product().record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** A record of {@code manta.jobs}: a job final there while it merges here is abandoned (its state freed). */
    private void onJobRecord(Record<String, byte[]> record, String jobId) {
        JobState how;
        try {
            how = record.value() == null ? JobState.JOB_STATE_UNSPECIFIED : RecordCodec.job(record.value()).getState();
        } catch (RuntimeException e) {
            LOG.debugf("manta.jobs record of %s skipped: %s", jobId, e.getMessage());
            return;
        }
        if (!JobRecords.isFinal(how)) {
            return;
        }
        byte[] stored = states.get(jobId);
        ReducerState state = stored == null ? null : RecordCodec.reducerState(stored);
        JobReducer.Output out = reducer.abandon(state, jobId, how, rows);
        if (out.state() == null) {
            return;          // final here already (its own SUCCEEDED or FAILED record)
        }
        states.put(jobId, out.state().toByteArray());
        activity.touch(jobId, context.currentSystemTimeMs());
        lastProgress.remove(jobId);
        if (out.dropRunning()) {
            context.forward(record.withKey(jobId).withValue((byte[]) null), ReduceTopology.RUNNING_SINK);
        }
        if (state != null) {
            metrics.jobsAbandoned().increment();
            metrics.stateFreedBytes().increment(stored.length);
            LOG.infof("job %s is %s on manta.jobs: dropped its merge (%d bytes of state, %d partials merged)", jobId, how,
                    stored.length, state.getPartialsMerged());
        }
    }

    /**
     * Frees the entries of the jobs with no record for the state TTL: a final marker goes; a job still merging
     * is failed (its state would never complete again): its state, rows and running product go, and a
     * REJECTED marker stays for one more TTL to drop its stragglers.
     */
    private void expire(long now) {
        List<String> idle = activity.expire(now);
        for (String jobId : idle) {
            byte[] stored = states.get(jobId);
            if (stored == null) {
                continue;
            }
            ReducerState state = RecordCodec.reducerState(stored);
            reducer.evict(jobId);
            lastProgress.remove(jobId);
            metrics.stateExpired().increment();
            metrics.stateFreedBytes().increment(stored.length);
            if (state.getPhase() != ReducerPhase.MERGING) {
                states.delete(jobId);
                continue;
            }
            String message = "reduce-service: no partial of the job for " + activity.ttl().toMillis()
                    + " ms (manta.reduce.state-ttl-ms); its merge of " + state.getPartialsMerged() + " partials was dropped";
            JobReducer.Output out = reducer.fail(state, jobId, message, rows, Instant.ofEpochMilli(now));
            states.put(jobId, out.state().toByteArray());
            activity.touch(jobId, now);
            metrics.jobsFailed().increment();
            LOG.warnf("job %s failed: %s", jobId, message);
            for (JobRecord j : out.jobRecords()) {
                context.forward(new Record<>(jobId, j.toByteArray(), now), ReduceTopology.JOB_RECORDS);
            }
            if (out.dropRunning()) {
                context.forward(new Record<>(jobId, (byte[]) null, now), ReduceTopology.RUNNING_SINK);
            }
        }
        if (!idle.isEmpty()) {
            LOG.infof("state TTL: freed the reducer entries of %d idle job(s)", idle.size());
        }
    }
}
