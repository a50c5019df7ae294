package org.manta.segment.kafka;

import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.DeadLetters;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.WorkUnit;
import org.manta.segment.service.JobPlanner;

/**
 * Adapter between Kafka Streams and {@link JobPlanner}: plans each job once (the store remembers the
 * planned job ids, so an input announced again after an ingest restart is dropped), forwards its work
 * units (key {@code job/unit}) and its expected count, or a FAILED job record. An unreadable record or
 * any error fails that job, never the stream thread, and the record goes to {@code manta.dead-letters}.
 */
final class PlannerProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = Logger.getLogger(PlannerProcessor.class);
    private static final byte[] PLANNED = {1};
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final JobPlanner planner;
    private final SegmentMetrics metrics;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> planned;

    PlannerProcessor(JobPlanner planner, SegmentMetrics metrics) {
        this.planner = planner;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.planned = context.getStateStore(SegmentTopology.STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String jobId = Keys.jobOf(record.key() == null ? "" : record.key());
        if (planned.get(jobId) != null) {
            metrics.duplicates().increment();
            return;
        }
        planned.put(jobId, PLANNED);
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
        context.commit();        // the fft workers see the units now, not at the next commit interval
        long nanos = CPU.getCurrentThreadCpuTime() - started;     // CPU time of this serial step
        metrics.planTime().record(java.time.Duration.ofNanos(nanos));
        metrics.units().increment(out.units().size());
        metrics.segments().increment(out.plan().getTotalSegments());
        metrics.jobsPlanned().increment();
        LOG.infof("job %s planned in %.1f ms of CPU: %d segments in %d work units", jobId, nanos / 1e6,
                out.plan().getTotalSegments(), out.units().size());
    }

    /** A record it cannot process: its job fails and the record goes to {@code manta.dead-letters}, in this transaction. */
    private void deadLetter(Record<String, byte[]> record, String jobId, String message) {
        fail(record, jobId, message);
        context.forward(DeadLetters.of(record, context.recordMetadata(), "segment-service", message),
                SegmentTopology.DEAD_LETTERS_SINK);
    }

    private void fail(Record<String, byte[]> record, String jobId, String message) {
        metrics.jobsFailed().increment();
        LOG.warnf("job %s failed: %s", jobId, message);
        context.forward(record.withKey(jobId).withValue(JobRecords.failed(jobId, message, Instant.now()).toByteArray()),
                SegmentTopology.JOB_EVENTS_SINK);
    }
}
