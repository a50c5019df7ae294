package org.manta.reduce.kafka;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.manta.mesh.Topics;
import org.manta.mesh.common.kafka.DeadLetters;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.ProductRecord;
import org.manta.proto.v1.ReducerState;
import org.manta.reduce.service.JobReducer;

/**
 * Adapter between Kafka Streams and {@link JobReducer}: one job's state per key, records from both
 * sources in arrival order. Progress records are thinned to one per job per {@code progressIntervalMs}
 * (final states always go out) and handed to the job-record fold ({@link JobRecordProcessor}) in this task;
 * running products (and their tombstones) go to {@code manta.running}.
 * An unreadable record fails its job, never the stream thread, and goes to {@code manta.dead-letters}.
 */
final class ReducerProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = Logger.getLogger(ReducerProcessor.class);
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final JobReducer reducer;
    private final long progressIntervalMs;
    private final ReduceMetrics metrics;
    private final Map<String, Long> lastProgress = new HashMap<>();
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> states;
    private StoreRows rows;

    ReducerProcessor(JobReducer reducer, long progressIntervalMs, ReduceMetrics metrics) {
        this.reducer = reducer;
        this.progressIntervalMs = progressIntervalMs;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.states = context.getStateStore(ReduceTopology.STATE_STORE);
        this.rows = new StoreRows(context.getStateStore(ReduceTopology.ROW_STORE));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse(Topics.COMBINED);
        String jobId = Keys.jobOf(record.key() == null ? "" : record.key());
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
}
