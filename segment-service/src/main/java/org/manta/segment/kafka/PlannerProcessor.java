package org.manta.segment.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.manta.mesh.Topics;
import org.manta.mesh.common.jobs.JobActivity;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.DeadLetters;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.WorkUnit;
import org.manta.segment.service.JobPlanner;
import org.manta.mesh.common.kafka.RecordErrors;

/**
 * Adapter between Kafka Streams and {@link JobPlanner}: plans each job once (the store remembers the
 * planned job ids, so an input announced again after an ingest restart is dropped), forwards its work
 * units (key {@code job/unit}), its expected count and, when the plan changed or assumed something, a job
 * record with those warnings; or a FAILED job record. An unreadable record or
 * any error fails that job, never the stream thread, and the record goes to {@code manta.dead-letters}.
 *
 * <p>It also reads {@code manta.jobs} (co-partitioned with {@code manta.inputs}: the same task sees a job's
 * input and its records): a job final there (cancelled from any ingest replica, failed elsewhere, done) is
 * marked final in the store, so its input, should it come now or again, is not planned. Each entry of the
 * store ("planned" or "final", with the time it was written) is removed {@code stateTtl} after it was written
 * (a punctuator sweeps): by then the job's input will not come again.
 */
final class PlannerProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = Logger.getLogger(PlannerProcessor.class);
    private static final byte PLANNED = 1;
    private static final byte FINAL = 2;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final JobPlanner planner;
    private final SegmentMetrics metrics;
    private final Duration stateTtl;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> planned;

    /** @param stateTtl how long a job's entry stays in the store after it was planned or became final */
    PlannerProcessor(JobPlanner planner, SegmentMetrics metrics, Duration stateTtl) {
        this.planner = planner;
        this.metrics = metrics;
        this.stateTtl = stateTtl;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.planned = context.getStateStore(SegmentTopology.STORE);
        context.schedule(JobActivity.sweepInterval(stateTtl), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordErrors.guard(() -> processRecord(record));     // an Error fails the job, not the stream thread
    }

    private void processRecord(Record<String, byte[]> record) {
        String jobId = Keys.jobOf(record.key() == null ? "" : record.key());
        if (context.recordMetadata().map(m -> m.topic().equals(Topics.JOBS)).orElse(false)) {
            onJobRecord(jobId, record.value());
            return;
        }
        byte[] entry = planned.get(jobId);
        if (entry != null) {
            (entry[0] == FINAL ? metrics.inputsOfFinalJobs() : metrics.duplicates()).increment();
            return;
        }
        planned.put(jobId, entry(PLANNED));
        JobInput input;
        try {
            input = RecordCodec.input(record.value());
        } catch (RuntimeException e) {
            deadLetter(record, jobId, "segment-service: unreadable job input: " + e.getMessage());
            return;
        }
        long started = CPU.getCurrentThreadCpuTime();
        JobPlanner.Output out;
        try {
            out = planner.plan(input);
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s: planning failed", jobId);
            deadLetter(record, jobId, "segment-service: internal error while planning: " + e);
            return;
        }
        if (out.failure().isPresent()) {
            fail(record, jobId, out.failure().get());
            return;
        }
        Record<String, byte[]> made = record.withTimestamp(context.currentSystemTimeMs());   // when planned
        for (WorkUnit u : out.units()) {
            context.forward(made.withKey(Keys.unit(jobId, u.getUnitIndex())).withValue(u.toByteArray()),
                    SegmentTopology.UNITS_SINK);
        }
        context.forward(made.withKey(jobId).withValue(out.expected().orElseThrow().toByteArray()),
                SegmentTopology.EXPECTED_SINK);
        if (!out.warnings().isEmpty()) {     // what the plan changed or assumed, for JobService.Get and Watch
            context.forward(made.withKey(jobId).withValue(JobRecords.warned(jobId, out.warnings(), Instant.now())
                    .toByteArray()), SegmentTopology.JOB_EVENTS_SINK);
        }
        context.commit();        // the fft workers see the units now, not at the next commit interval
        long nanos = CPU.getCurrentThreadCpuTime() - started;     // CPU time of this serial step
        metrics.planTime().record(java.time.Duration.ofNanos(nanos));
        metrics.units().increment(out.units().size());
        metrics.segments().increment(out.expected().orElseThrow().getTotalSegments());
        metrics.jobsPlanned().increment();
        LOG.infof("job %s planned in %.1f ms of CPU: %d segments in %d work units", jobId, nanos / 1e6,
                out.expected().orElseThrow().getTotalSegments(), out.units().size());
    }

    /** A record it cannot process: its job fails and the record goes to {@code manta.dead-letters}, in this transaction. */
    private void deadLetter(Record<String, byte[]> record, String jobId, String message) {
        fail(record, jobId, message);
        context.forward(DeadLetters.of(record, context.recordMetadata(), "segment-service", message),
                SegmentTopology.DEAD_LETTERS_SINK);
    }

    /** A record of {@code manta.jobs}: a final one marks the job final (once); others, and unreadable ones, are ignored. */
    private void onJobRecord(String jobId, byte[] value) {
        boolean isFinal;
        try {
            isFinal = value != null && JobRecords.isFinal(RecordCodec.job(value).getState());
        } catch (RuntimeException e) {
            LOG.debugf("manta.jobs record of %s skipped: %s", jobId, e.getMessage());
            return;
        }
        byte[] entry = planned.get(jobId);
        if (isFinal && (entry == null || entry[0] != FINAL)) {
            planned.put(jobId, entry(FINAL));
            metrics.jobsFinal().increment();
        }
    }

    /** Removes the entries written more than the TTL ago. */
    private void expire(long now) {
        List<String> old = new ArrayList<>();
        List<KeyValue<String, byte[]>> undated = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = planned.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> kv = all.next();
                if (kv.value.length < 9) {
                    undated.add(kv);       // an older version's entry (one byte): its TTL counts from now
                } else if (now - ByteBuffer.wrap(kv.value, 1, 8).getLong() > stateTtl.toMillis()) {
                    old.add(kv.key);
                }
            }
        }
        undated.forEach(kv -> planned.put(kv.key, entry(kv.value[0])));
        old.forEach(planned::delete);
        if (!old.isEmpty()) {
            metrics.entriesExpired().increment(old.size());
            LOG.infof("freed the planner entries of %d job(s) older than %s", old.size(), stateTtl);
        }
    }

    private byte[] entry(byte kind) {
        return ByteBuffer.allocate(9).put(kind).putLong(context.currentSystemTimeMs()).array();
    }

    private void fail(Record<String, byte[]> record, String jobId, String message) {
        metrics.jobsFailed().increment();
        LOG.warnf("job %s failed: %s", jobId, message);
        context.forward(record.withKey(jobId).withValue(JobRecords.failed(jobId, message, Instant.now()).toByteArray()),
                SegmentTopology.JOB_EVENTS_SINK);
    }
}
