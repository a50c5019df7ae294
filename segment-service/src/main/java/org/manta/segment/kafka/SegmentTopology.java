package org.manta.segment.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.StorageConfig;
import org.manta.mesh.common.storage.Storage;
import org.manta.segment.SegmentConfig;
import org.manta.segment.service.JobPlanner;

/**
 * The Kafka Streams topology of segment-service (run with {@code processing.guarantee=exactly_once_v2}):
 *
 * <pre>
 *  manta.inputs ──▶ planner (store "planned": job ids planned ──▶ manta.units     (key job/unit, round-robin)
 *  manta.jobs   ──┘  or final, each until the state TTL)      ├──▶ manta.expected  (key job)
 *  (co-partitioned: same job, same task)                      ├──▶ manta.job-events (FAILED records)
 *                                                             └──▶ manta.dead-letters
 * </pre>
 *
 * Units, the expected count, the store change and the consumed offset commit in one transaction, so a
 * killed instance either published a job's whole plan or none of it, and plans it again (the same
 * units: planning is deterministic) after a restart.
 */
@ApplicationScoped
public class SegmentTopology {
    public static final String STORE = "planned";
    static final String SOURCE = "inputs";
    static final String JOBS_SOURCE = "job-records";
    static final String PROCESSOR = "planner";
    static final String UNITS_SINK = "units";
    static final String EXPECTED_SINK = "expected";
    static final String JOB_EVENTS_SINK = "job-events";
    static final String DEAD_LETTERS_SINK = "dead-letters";

    /** The topology with metrics registered in {@code registry}. */
    @Produces
    public Topology topology(MeterRegistry registry, StorageConfig storage, SegmentConfig config) {
        return build(new JobPlanner(Storage.of(storage), config.sizing()), SegmentMetrics.of(registry),
                Duration.ofMillis(config.stateTtlMs()));
    }

    /** The topology (also for {@code TopologyTestDriver} tests). */
    public static Topology build(JobPlanner planner, SegmentMetrics metrics, Duration stateTtl) {
        Topology t = new Topology();
        t.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.INPUTS);
        t.addSource(JOBS_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.JOBS);
        t.addProcessor(PROCESSOR, () -> new PlannerProcessor(planner, metrics, stateTtl), SOURCE, JOBS_SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of(TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd")), PROCESSOR);
        t.addSink(UNITS_SINK, Topics.UNITS, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                new UnitPartitioner(), PROCESSOR);
        t.addSink(EXPECTED_SINK, Topics.EXPECTED, Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        t.addSink(JOB_EVENTS_SINK, Topics.JOB_EVENTS, Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        t.addSink(DEAD_LETTERS_SINK, Topics.DEAD_LETTERS, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                PROCESSOR);
        return t;
    }
}
