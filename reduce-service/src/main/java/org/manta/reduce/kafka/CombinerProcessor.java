package org.manta.reduce.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.manta.core.MantaException;
import org.manta.core.segment.SegmentSet;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.reduce.service.PartialCombiner;

/**
 * Tree level 2 (design.md §2.1): the fft workers' partials of a job (keyed {@code job/shard} over the
 * partitions of {@code manta.partials}) are buffered as they come, each written once (the cost of one
 * partial), and every {@code interval} the buffered partials of each job are combined into one
 * ({@link PartialCombiner}: each decoded once) and published on {@code manta.combined}, where the final
 * merge per job reads them. Exactly once: buffer, outputs and offsets commit together; the segment ranges
 * this task has taken of each job (store {@value ReduceTopology#COMBINE_RANGES}, small) drop a redelivered
 * partial before it could be combined with new ones (which would make a partial overlap the final merge
 * must reject); a partial that overlaps them only in part is passed on alone, for the final merge to reject.
 */
final class CombinerProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = Logger.getLogger(CombinerProcessor.class);

    private final Duration interval;
    private final ReduceMetrics metrics;
    private final PartialCombiner combiner = new PartialCombiner();
    private final Set<String> pending = new LinkedHashSet<>();
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> buffer;
    private KeyValueStore<String, byte[]> ranges;

    CombinerProcessor(Duration interval, ReduceMetrics metrics) {
        this.interval = interval;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.buffer = context.getStateStore(ReduceTopology.COMBINE_BUFFER);
        this.ranges = context.getStateStore(ReduceTopology.COMBINE_RANGES);
        try (KeyValueIterator<String, byte[]> all = buffer.all()) {      // what a predecessor left buffered
            all.forEachRemaining(kv -> pending.add(jobOf(kv.key)));
        }
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, t -> flush());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        MeshPartial p;
        try {
            p = MeshPartial.fromProto(RecordCodec.partial(record.value()));
        } catch (MantaException | IllegalArgumentException e) {
            String job = jobOfKey(record.key());
            String message = "reduce-service: unusable partial accumulator: " + e.getMessage();
            LOG.warnf("job %s failed: %s", job, message);
            context.forward(record.withKey(job).withValue(JobRecords.failed(job, message, Instant.now()).toByteArray()),
                    ReduceTopology.JOBS_SINK);
            return;
        }
        String job = p.jobId();
        byte[] stored = ranges.get(job);
        SegmentSet taken = stored == null ? SegmentSet.empty() : decode(stored);
        if (taken.containsAll(p.processed())) {
            metrics.duplicates().increment();
            return;
        }
        if (taken.intersects(p.processed())) {
            context.forward(record.withKey(job), ReduceTopology.COMBINED_SINK);    // the final merge rejects the job
            return;
        }
        taken.addAll(p.processed());
        ranges.put(job, encode(taken));
        String key = job + "/" + context.recordMetadata().map(m -> m.partition() + ":" + m.offset()).orElse("?");
        buffer.put(key, record.value());
        pending.add(job);
        metrics.combinedIn().increment();
    }

    /** Combines and publishes the buffered partials of every job, then empties the buffer. */
    private void flush() {
        for (String job : pending) {
            List<byte[]> values = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = buffer.prefixScan(job + "/", Serdes.String().serializer())) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    keys.add(kv.key);
                    values.add(kv.value);
                }
            }
            PartialCombiner.Result r = combiner.combine(values);
            long now = context.currentSystemTimeMs();
            for (PartialAccumulator c : r.combined()) {
                context.forward(new Record<>(job, c.toByteArray(), now), ReduceTopology.COMBINED_SINK);
                metrics.combinedOut().increment();
            }
            for (Map.Entry<String, String> f : r.failedJobs().entrySet()) {
                context.forward(new Record<>(job, JobRecords.failed(job, f.getValue(), Instant.now()).toByteArray(), now),
                        ReduceTopology.JOBS_SINK);
            }
            keys.forEach(buffer::delete);
        }
        pending.clear();
    }

    private static String jobOf(String bufferKey) {
        return bufferKey.substring(0, bufferKey.lastIndexOf('/'));
    }

    private static String jobOfKey(String key) {
        if (key == null) {
            return "";
        }
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    private static byte[] encode(SegmentSet r) {
        List<Long> bounds = r.encode();
        ByteBuffer b = ByteBuffer.allocate(8 * bounds.size());
        bounds.forEach(b::putLong);
        return b.array();
    }

    private static SegmentSet decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        List<Long> bounds = new ArrayList<>(bytes.length / 8);
        while (b.remaining() >= 8) {
            bounds.add(b.getLong());
        }
        return SegmentSet.decode(bounds);
    }
}
