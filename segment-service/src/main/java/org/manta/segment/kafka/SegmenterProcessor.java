package org.manta.segment.kafka;

import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.Segment;
import org.manta.proto.v1.SegmenterState;
import org.manta.segment.service.SegmentCutter;

/**
 * Adapter between Kafka Streams and {@link SegmentCutter}: loads the job's state, cuts the chunk,
 * forwards a preliminary expected count / segments / the expected count / a FAILED job record, stores
 * the new state. An unreadable record or any error fails that job (a FAILED record on
 * {@code manta.jobs}), never the stream thread.
 */
final class SegmenterProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = Logger.getLogger(SegmenterProcessor.class);

    private final SegmentMetrics metrics;
    private final SegmentCutter cutter = new SegmentCutter();
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;

    SegmenterProcessor(SegmentMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(SegmentTopology.STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String jobId = Keys.jobOf(record.key() == null ? "" : record.key());
        byte[] stored = store.get(jobId);
        SegmenterState state = stored == null ? null : RecordCodec.segmenterState(stored);
        EventChunk chunk;
        try {
            chunk = RecordCodec.chunk(record.value());
        } catch (RuntimeException e) {
            if (state == null || state.getPhase() == org.manta.proto.v1.SegmenterPhase.CUTTING) {
                fail(record, jobId, "segment-service: unreadable event chunk: " + e.getMessage(), state);
            }
            return;
        }
        SegmentCutter.Output out;
        try {
            out = cutter.cut(state, chunk);
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s: cutting chunk %d of input %d failed", jobId, chunk.getSeq(), chunk.getInput());
            fail(record, jobId, "segment-service: internal error while cutting: " + e, state);
            return;
        }
        metrics.chunks().increment();
        metrics.events().increment(chunk.getTimeCount());
        out.preliminary().ifPresent(e -> context.forward(record.withKey(jobId).withValue(e.toByteArray()),
                SegmentTopology.EXPECTED_SINK));
        for (Segment s : out.segments()) {
            context.forward(record.withKey(Keys.segment(jobId, s.getSegmentIndex())).withValue(s.toByteArray()),
                    SegmentTopology.SEGMENTS_SINK);
        }
        metrics.segments().increment(out.segments().size());
        if (out.expected().isPresent()) {
            ExpectedCount e = out.expected().get();
            context.forward(record.withKey(jobId).withValue(e.toByteArray()), SegmentTopology.EXPECTED_SINK);
            metrics.jobsCompleted().increment();
            LOG.infof("job %s: all %d segments published (%d + %d events)", jobId, e.getTotalSegments(),
                    e.getTotalEvents1(), e.getTotalEvents2());
        }
        if (out.failure().isPresent()) {
            forwardFailure(record, jobId, out.failure().get());
        }
        if (out.state() != null) {
            store.put(jobId, out.state().toByteArray());
        }
    }

    private void fail(Record<String, byte[]> record, String jobId, String message, SegmenterState state) {
        SegmenterState.Builder aborted = state == null
                ? SegmenterState.newBuilder().setFormatVersion(org.manta.proto.RecordFormat.CURRENT).setJobId(jobId)
                : state.toBuilder().clearPending1().clearPending2();
        store.put(jobId, aborted.setPhase(org.manta.proto.v1.SegmenterPhase.ABORTED).setMessage(message).build().toByteArray());
        forwardFailure(record, jobId, message);
    }

    private void forwardFailure(Record<String, byte[]> record, String jobId, String message) {
        metrics.jobsFailed().increment();
        LOG.warnf("job %s failed: %s", jobId, message);
        context.forward(record.withKey(jobId).withValue(JobRecords.failed(jobId, message, Instant.now()).toByteArray()),
                SegmentTopology.JOBS_SINK);
    }
}
