package org.manta.mesh.common.fold;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.config.UnitLoopConfig;
import org.manta.mesh.common.jobs.JobFinality;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.DeadLetters;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.TransactionalBatchLoop;
import org.manta.proto.v1.PartialAccumulator;

/**
 * One worker of {@code manta.units} (tree level 1), fft-service's and gpu-service's alike (they differ in
 * their folder's {@link FoldEngine}): an exactly-once {@link TransactionalBatchLoop} over {@code manta.units}.
 * Work units of one or more polls (up to {@code maxUnits}, or for at most the linger time) are read from the
 * shared storage and folded into one partial per job ({@link BatchFolder}); the partials, the jobs a bad unit
 * failed and the consumed offsets commit in one transaction. A partial of a job cut into more than
 * {@code directMaxUnits} units goes to the combiners ({@code manta.partials}, key {@code job/shard}, the shard
 * being the partial's first segment, so a job's partials spread over them); one of a smaller job goes
 * straight to its final merge ({@code manta.combined}, key = job id), sparing a small job a stage of latency
 * (docs/mesh.md, "The reduce tree"). The bad units themselves go to {@code manta.dead-letters} ({@link DeadLetters})
 * in the same transaction. Units of a job that is final on {@code manta.jobs} (cancelled from any ingest
 * replica, failed by another stage) are skipped unread and their offsets committed with the batch. A worker
 * killed mid-batch, also while it reads a unit, leaves an open transaction that its restarted self aborts:
 * the batch's units are read and folded again. No state outlives a transaction but the folder's caches
 * (plans, open input files, FFT plans), which a unit record determines; they are closed when the worker stops.
 */
public final class UnitWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(UnitWorker.class);
    /** The consumer group of every worker of {@code manta.units}: fft and gpu workers share the units. */
    public static final String GROUP = "manta-fft";

    private final BatchFolder folder;
    private final JobFinality finality;
    private final TransactionalBatchLoop loop;
    private final long directMaxUnits;

    /**
     * @param name        unique and stable per worker: its transactional id and static membership
     * @param maxUnits    work units per transaction
     * @param pollTimeout how long one poll may wait
     * @param linger      how long a batch keeps collecting units
     * @param directMaxUnits the partials of a job of at most this many work units skip the combiners
     * @param finality    which jobs are final (cancelled, failed, done): their units are skipped, not read
     */
    public UnitWorker(String name, KafkaConfig kafka, BatchFolder folder, int maxUnits, Duration pollTimeout,
                      Duration linger, long directMaxUnits, JobFinality finality, Metrics metrics) {
        this.folder = folder;
        this.directMaxUnits = directMaxUnits;
        this.finality = finality;
        TransactionalBatchLoop.Settings settings = new TransactionalBatchLoop.Settings(name, GROUP, Topics.UNITS_TOPIC,
                List.of(Topics.PARTIALS_TOPIC, Topics.COMBINED_TOPIC, Topics.JOB_EVENTS_TOPIC, Topics.DEAD_LETTERS_TOPIC),
                maxUnits, pollTimeout, linger);
        this.loop = new TransactionalBatchLoop(kafka, settings, batch -> process(batch, metrics), metrics.binder());
    }

    /** A worker with the loop's settings of its service ({@code manta.fft.*} or {@code manta.gpu.*}). */
    public UnitWorker(String name, KafkaConfig kafka, BatchFolder folder, UnitLoopConfig config, JobFinality finality,
                      Metrics metrics) {
        this(name, kafka, folder, config.maxUnitsPerBatch(), Duration.ofMillis(config.pollTimeoutMs()),
                Duration.ofMillis(config.lingerMs()), config.directMaxUnits(), finality, metrics);
    }

    /** Whether the loop has its Kafka clients up. */
    public boolean healthy() {
        return loop.healthy();
    }

    public void stop() {
        loop.stop();
    }

    @Override
    public void run() {
        try {
            loop.run();
        } finally {
            folder.close();
        }
    }

    private List<ProducerRecord<String, byte[]>> process(List<ConsumerRecord<String, byte[]>> records, Metrics metrics) {
        List<String> keys = new ArrayList<>(records.size());
        List<byte[]> values = new ArrayList<>(records.size());
        long skipped = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.key() != null && finality.isFinal(Keys.jobOf(r.key()))) {
                skipped++;      // a cancelled (or otherwise final) job: no read, no FFT, no partial
                continue;
            }
            keys.add(r.key());
            values.add(r.value());
        }
        metrics.unitsSkipped().increment(skipped);
        Timer.Sample sample = Timer.start();
        BatchFolder.Result result = folder.fold(keys, values);
        sample.stop(metrics.foldTime());
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        for (PartialAccumulator p : result.partials()) {
            out.add(route(p, result.unitCounts().getOrDefault(p.getJobId(), 0L)));
        }
        for (Map.Entry<Integer, String> bad : result.badRecords().entrySet()) {
            ConsumerRecord<String, byte[]> r = records.get(bad.getKey());
            out.add(DeadLetters.record(folder.service(), r.topic(), r.partition(), r.offset(), r.key(), r.value(), bad.getValue()));
        }
        for (Map.Entry<String, String> f : result.failedJobs().entrySet()) {
            if (f.getKey().isBlank()) {
                LOG.errorf("dropped a work unit without a job id: %s", f.getValue());
                continue;
            }
            LOG.warnf("job %s failed: %s", f.getKey(), f.getValue());
            out.add(new ProducerRecord<>(Topics.JOB_EVENTS, f.getKey(),
                    JobRecords.failed(f.getKey(), f.getValue(), Instant.now()).toByteArray()));
        }
        metrics.units().increment(result.units());
        metrics.segments().increment(result.segments());
        metrics.events().increment(result.events());
        metrics.rows().increment(result.rows());
        metrics.partials().increment(result.partials().size());
        metrics.failedJobs().increment(result.failedJobs().size());
        return out;
    }

    /** A partial's record: to the final merge for a small job, else to the combiners (an unknown count is large). */
    ProducerRecord<String, byte[]> route(PartialAccumulator p, long unitCount) {
        if (unitCount > 0 && unitCount <= directMaxUnits) {
            return new ProducerRecord<>(Topics.COMBINED, p.getJobId(), p.toByteArray());
        }
        long shard = p.getSegmentRangesCount() == 0 ? 0 : p.getSegmentRanges(0);
        return new ProducerRecord<>(Topics.PARTIALS, Keys.shard(p.getJobId(), shard), p.toByteArray());
    }

    /** What a worker counts (the services name the meters: {@code manta.fft.*}, {@code manta.gpu.*}). */
    public record Metrics(Counter units, Counter unitsSkipped, Counter segments, Counter events, Counter rows,
                          Counter partials, Counter failedJobs, Timer foldTime,
                          Function<KafkaConsumer<String, byte[]>, AutoCloseable> binder) {

        /**
         * The meters {@code <prefix>.units}, {@code .units.skipped} (units of final jobs), {@code .segments}, {@code .events}, {@code .rows}, {@code .partials},
         * {@code .jobs.failed} (counters) and {@code .fold} (timer) in {@code registry}, and the consumers' client
         * metrics (their lag).
         */
        public static Metrics register(MeterRegistry registry, String prefix) {
            return new Metrics(
                    Counter.builder(prefix + ".units").description("work units folded").register(registry),
                    Counter.builder(prefix + ".units.skipped")
                            .description("work units of final (cancelled, failed) jobs skipped unread").register(registry),
                    Counter.builder(prefix + ".segments").description("segments folded").register(registry),
                    Counter.builder(prefix + ".events").description("events read into the folded segments, all channels")
                            .register(registry),
                    Counter.builder(prefix + ".rows")
                            .description("event table rows read from the input files, all channels").register(registry),
                    Counter.builder(prefix + ".partials").description("partial accumulators published").register(registry),
                    Counter.builder(prefix + ".jobs.failed")
                            .description("jobs failed by a bad work unit or input file (once per batch)").register(registry),
                    Timer.builder(prefix + ".fold")
                            .description("time to read, histogram, FFT and fold one batch of work units").register(registry),
                    consumer -> {
                        KafkaClientMetrics m = new KafkaClientMetrics(consumer);
                        m.bindTo(registry);
                        return m;
                    });
        }
    }
}
