package org.manta.reduce.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.manta.mesh.common.jobs.JobActivity;
import org.manta.mesh.common.jobs.JobFinality;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.DeadLetters;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.reduce.service.PartialCombiner;
import org.manta.mesh.common.kafka.RecordErrors;

/**
 * Tree level 2 (design.md §2.1): the fft workers' partials of a job (keyed {@code job/shard} over the
 * partitions of {@code manta.partials}) are buffered as they come, each written once (the cost of one
 * partial), and the buffered partials of a job are combined into one ({@link PartialCombiner}: each decoded
 * once) and published on {@code manta.combined}, where the final merge per job reads them, once the oldest
 * has waited {@code interval} or no partial of the job has come for {@code idle} (a job whose workers have
 * all committed, or a trickle: nothing to gain by waiting). Under load partials keep coming and the interval
 * sets the fan-in; an idle flush also asks Kafka Streams to commit at once (rather than at the next commit
 * interval), so the job's last partials reach the final merge without waiting for either. Exactly once: buffer, outputs and offsets commit together; the segment ranges
 * this task has taken of each job (store {@value ReduceTopology#COMBINE_RANGES}, small) drop a redelivered
 * partial before it could be combined with new ones (which would make a partial overlap the final merge
 * must reject); a partial that overlaps them only in part is passed on alone, for the final merge to reject.
 *
 * <p>Lifecycle: the partials of a job final on {@code manta.jobs} (cancelled, failed; as far as the
 * {@link JobFinality} has read) are dropped, those buffered are deleted uncombined, and the job's segment
 * ranges go at the next sweep; the ranges of a job with no partial for {@code stateTtl} go too. A final job
 * needs none of them: the final merge (which reads {@code manta.jobs} in the same task as the job's partials)
 * drops whatever still reaches it.
 */
final class CombinerProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = Logger.getLogger(CombinerProcessor.class);

    private final Duration interval;
    private final Duration idle;
    private final ReduceMetrics metrics;
    private final JobFinality finality;
    private final JobActivity activity;
    private final PartialCombiner combiner = new PartialCombiner();
    /** The jobs with buffered partials: when the oldest of them and the newest came (wall clock, ms). */
    private final Map<String, Arrivals> pending = new LinkedHashMap<>();
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> buffer;
    private KeyValueStore<String, byte[]> ranges;

    /** When the oldest and the newest buffered partial of a job came, ms. */
    private record Arrivals(long first, long last) {
    }

    /**
     * @param interval the longest a buffered partial waits
     * @param idle     a job's partials are published once none came for this long; zero: only at the interval
     * @param finality which jobs are final (their partials are dropped)
     * @param stateTtl a job's segment ranges are removed once none of its partials came for this long
     */
    CombinerProcessor(Duration interval, Duration idle, JobFinality finality, Duration stateTtl, ReduceMetrics metrics) {
        this.interval = interval;
        this.idle = idle;
        this.finality = finality;
        this.activity = new JobActivity(stateTtl);
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.buffer = context.getStateStore(ReduceTopology.COMBINE_BUFFER);
        this.ranges = context.getStateStore(ReduceTopology.COMBINE_RANGES);
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, byte[]> all = buffer.all()) {      // what a predecessor left buffered
            all.forEachRemaining(kv -> pending.put(jobOf(kv.key), new Arrivals(now, now)));
        }
        try (KeyValueIterator<String, byte[]> all = ranges.all()) {
            all.forEachRemaining(kv -> activity.touch(kv.key, now));
        }
        Duration tick = idle.isZero() || idle.compareTo(interval) > 0 ? interval : idle;
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::flushDue);
        context.schedule(activity.sweepInterval(), PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    /** Frees the ranges (and anything buffered) of the jobs that are final or idle for the state TTL. */
    private void sweep(long now) {
        int freed = 0;
        for (String job : activity.jobs()) {
            if (finality.isFinal(job)) {
                activity.forget(job);
                free(job);
                freed++;
            }
        }
        List<String> idleJobs = activity.expire(now);
        idleJobs.forEach(this::free);
        metrics.stateExpired().increment(idleJobs.size());
        if (freed + idleJobs.size() > 0) {
            LOG.infof("combiner: freed the segment ranges of %d final and %d idle job(s)", freed, idleJobs.size());
        }
    }

    private void free(String job) {
        ranges.delete(job);
        pending.remove(job);
        deleteBuffered(job);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordErrors.guard(() -> processRecord(record));     // an Error fails the job, not the stream thread
    }

    private void processRecord(Record<String, byte[]> record) {
        MeshPartial p;
        try {
            p = MeshPartial.fromProto(RecordCodec.partial(record.value()));
        } catch (MantaException | IllegalArgumentException e) {
            String job = jobOfKey(record.key());
            String message = "reduce-service: unusable partial accumulator: " + e.getMessage();
            LOG.warnf("job %s failed: %s", job, message);
            context.forward(record.withKey(job).withValue(JobRecords.failed(job, message, Instant.now()).toByteArray()),
                    ReduceTopology.JOB_EVENTS_SINK);
            context.forward(DeadLetters.of(record, context.recordMetadata(), "reduce-service", message),
                    ReduceTopology.DEAD_LETTERS_SINK);
            return;
        }
        String job = p.jobId();
        if (finality.isFinal(job)) {
            metrics.partialsOfFinalJobs().increment();       // cancelled or failed: nothing more to combine
            return;
        }
        activity.touch(job, context.currentSystemTimeMs());
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
        long now = context.currentSystemTimeMs();
        pending.merge(job, new Arrivals(now, now), (old, n) -> new Arrivals(old.first(), now));
        metrics.combinedIn().increment();
    }

    /**
     * Publishes the jobs whose oldest buffered partial has waited the interval or whose newest has waited
     * the idle time; asks for a commit at once when an idle job was published.
     */
    private void flushDue(long now) {
        boolean idleFlush = false;
        for (Iterator<Map.Entry<String, Arrivals>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Arrivals> e = it.next();
            boolean quiet = !idle.isZero() && now - e.getValue().last() >= idle.toMillis();
            if (quiet || now - e.getValue().first() >= interval.toMillis()) {
                flush(e.getKey());
                it.remove();
                idleFlush |= quiet;
            }
        }
        if (idleFlush) {
            context.commit();
        }
    }

    /**
     * Combines and publishes the buffered partials of a job, then removes them from the buffer; those of a job
     * final meanwhile are only removed.
     */
    private void flush(String job) {
        if (finality.isFinal(job)) {
            metrics.partialsOfFinalJobs().increment(deleteBuffered(job));
            return;
        }
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
                    ReduceTopology.JOB_EVENTS_SINK);
        }
        keys.forEach(buffer::delete);
    }

    /** Deletes the buffered partials of a job; returns how many. */
    private int deleteBuffered(String job) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = buffer.prefixScan(job + "/", Serdes.String().serializer())) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(buffer::delete);
        return keys.size();
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
