package org.manta.reduce.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.manta.mesh.Topics;
import org.manta.mesh.common.jobs.JobFinality;
import org.manta.mesh.common.jobs.JobView;
import org.manta.reduce.ReduceConfig;
import org.manta.reduce.service.JobReducer;

/**
 * The Kafka Streams topology of reduce-service (run with {@code processing.guarantee=exactly_once_v2}):
 *
 * <pre>
 *  manta.combined ──┐                                              ┌──▶ manta.products (key job/piece)
 *                   ├──▶ reducer (stores "reducer", "reducer-rows") ┼──▶ manta.running (key job; tombstone when final)
 *  manta.expected ──┤   (co-partitioned: same job, same task)       └──▶ (progress, SUCCEEDED, FAILED) ─┐
 *  manta.jobs     ──┘   (final elsewhere, e.g. cancelled: abandoned)                                   ▼
 *  manta.job-events ──────────────────────────────────────────────▶ job-records (store "job-records") ──▶ manta.jobs
 *  (every service's partial job records; co-partitioned too)          (full merged record per job; a tombstone once
 *                                                                      a final job is older than the retention)
 * </pre>
 *
 * Two sub-topologies: the combiners (tree level 2, {@link CombinerProcessor}: {@code manta.partials} →
 * {@code manta.combined}, their FAILED records → {@code manta.job-events}) and the final merge per job (level
 * 3, below) with the fold of the job records ({@link JobRecordProcessor}: the one writer of {@code manta.jobs}).
 * The final merge hands its job records to the fold in its own task, so a job's final state costs no
 * extra commit.
 * The stores are in memory with changelog topics: a restarted reducer rebuilds its state from them
 * and goes on; outputs, store changes and consumed offsets commit in one transaction.
 */
@ApplicationScoped
public class ReduceTopology {
    public static final String STATE_STORE = "reducer";
    /** Level 2: the worker partials buffered until the next combine, key {@code job/partition:offset}. */
    public static final String COMBINE_BUFFER = "combine-buffer";
    /** Level 2: the segment ranges each combiner task has taken of each job (to drop redeliveries). */
    public static final String COMBINE_RANGES = "combine-ranges";
    static final String COMBINER = "combiner";
    static final String COMBINED_SINK = "combined-sink";
    public static final String ROW_STORE = "reducer-rows";
    static final String PROCESSOR = "reducer";
    static final String PRODUCTS_SINK = "products";
    static final String JOBS_SINK = "jobs";
    /** The fold of every job's records into its full record (the one writer of {@code manta.jobs}). */
    static final String JOB_RECORDS = "job-records";
    /** The full record of every job: store of {@link #JOB_RECORDS}. */
    public static final String JOB_RECORD_STORE = "job-records";
    static final String JOB_EVENTS_SINK = "job-events";
    static final String RUNNING_SINK = "running";
    static final String DEAD_LETTERS_SINK = "dead-letters";

    @Produces
    public Topology topology(MeterRegistry registry, ReduceConfig config, JobView jobs,
                             @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        return build(new JobReducer(version, config.maxValuesPerPiece(),
                Duration.ofMillis(config.runningProductIntervalMs())), config.progressIntervalMs(),
                new CombineTiming(Duration.ofMillis(config.combineIntervalMs()), Duration.ofMillis(config.combineIdleMs())),
                new Lifecycle(jobs, Duration.ofMillis(config.stateTtlMs()), jobRecordRetention(config.jobRecordRetentionMs())),
                ReduceMetrics.of(registry));
    }

    /**
     * What the stages know of the jobs' lives: which are final ({@code manta.jobs} as this process reads it: the
     * combiners drop their partials), how long a job's state stays with no record of it, and how long a final job's
     * record stays after the job finished ({@link #jobRecordRetention}).
     */
    public record Lifecycle(JobFinality finality, Duration stateTtl, Duration jobRecordRetention) {
        /** With the default job-record retention, the products' retention. */
        public Lifecycle(JobFinality finality, Duration stateTtl) {
            this(finality, stateTtl, Duration.ofMillis(Topics.PRODUCTS_RETENTION_MS));
        }
    }

    /**
     * The retention of final jobs' records ({@code manta.reduce.job-record-retention-ms}; unset: the products'
     * retention, so a job's product and its record go together).
     *
     * @throws IllegalArgumentException unless it is longer than {@code manta.job-events}' retention: a partial record
     *                                  of a job still there after the job was removed would start it afresh, without
     *                                  its spec
     */
    public static Duration jobRecordRetention(OptionalLong setting) {
        long ms = setting.orElse(Topics.PRODUCTS_RETENTION_MS);
        if (ms <= Topics.JOB_EVENTS_RETENTION_MS) {
            throw new IllegalArgumentException("manta.reduce.job-record-retention-ms is " + ms + " ms"
                    + (setting.isPresent() ? "" : " (unset: the products' retention, manta.topics.products-retention-ms)")
                    + "; it must be longer than the retention of " + Topics.JOB_EVENTS + ", " + Topics.JOB_EVENTS_RETENTION_MS
                    + " ms (manta.topics.job-events-retention-ms), so that no record of a removed job can still arrive"
                    + " and start it afresh without its spec");
        }
        return Duration.ofMillis(ms);
    }

    /**
     * When the combiners publish a job's buffered partials: once the oldest waited {@code interval}, or none
     * came for {@code idle} (zero: never idle).
     */
    public record CombineTiming(Duration interval, Duration idle) {
    }

    public static Topology build(JobReducer reducer, long progressIntervalMs, CombineTiming combine, Lifecycle lifecycle,
                                 ReduceMetrics metrics) {
        // partials and states of partial size, written as the producer sends them (uncompressed, as manta.combined)
        Map<String, String> changelog = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(Topics.PARTIALS_TOPIC.maxMessageBytes()), TopicConfig.COMPRESSION_TYPE_CONFIG,
                Topics.UNCOMPRESSED);
        Topology t = new Topology();
        // level 2: worker partials → one combined partial per job and interval
        t.addSource("partials", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.PARTIALS);
        t.addProcessor(COMBINER, () -> new CombinerProcessor(combine.interval(), combine.idle(), lifecycle.finality(),
                lifecycle.stateTtl(), metrics), "partials");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(COMBINE_BUFFER), Serdes.String(),
                Serdes.ByteArray()).withLoggingEnabled(changelog).withCachingEnabled(), COMBINER);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(COMBINE_RANGES), Serdes.String(),
                Serdes.ByteArray()).withLoggingEnabled(changelog).withCachingEnabled(), COMBINER);
        t.addSink(COMBINED_SINK, Topics.COMBINED, Serdes.String().serializer(), Serdes.ByteArray().serializer(), COMBINER);
        // level 3: the final merge per job
        t.addSource("combined", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.COMBINED);
        t.addSource("expected", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.EXPECTED);
        // the full job records (what the fold below publishes): a job final elsewhere (cancelled) is abandoned
        t.addSource("jobs-source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.JOBS);
        t.addProcessor(PROCESSOR, () -> new ReducerProcessor(reducer, progressIntervalMs, lifecycle.stateTtl(), metrics),
                "combined", "expected", "jobs-source");
        // cached: a job's state goes to the changelog once per commit, not once per merged partial
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STATE_STORE), Serdes.String(),
                Serdes.ByteArray()).withLoggingEnabled(changelog).withCachingEnabled(), PROCESSOR);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ROW_STORE), Serdes.String(),
                Serdes.ByteArray()).withLoggingEnabled(changelog), PROCESSOR);
        t.addSink(PRODUCTS_SINK, Topics.PRODUCTS, Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        t.addSink(JOB_EVENTS_SINK, Topics.JOB_EVENTS, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                COMBINER);
        // the job records: every service's partial records and the final merge's → the full record per job
        t.addSource(Topics.JOB_EVENTS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.JOB_EVENTS);
        t.addProcessor(JOB_RECORDS, () -> new JobRecordProcessor(lifecycle.jobRecordRetention(), metrics),
                Topics.JOB_EVENTS, PROCESSOR);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(JOB_RECORD_STORE), Serdes.String(),
                Serdes.ByteArray()).withLoggingEnabled(Map.of(TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd"))
                .withCachingEnabled(), JOB_RECORDS);
        t.addSink(JOBS_SINK, Topics.JOBS, Serdes.String().serializer(), Serdes.ByteArray().serializer(), JOB_RECORDS);
        t.addSink(RUNNING_SINK, Topics.RUNNING, Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        t.addSink(DEAD_LETTERS_SINK, Topics.DEAD_LETTERS, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                PROCESSOR, COMBINER);
        return t;
    }
}
