package org.manta.segment.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
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
 *  manta.inputs ──▶ planner (store "planned": job ids planned) ──▶ manta.units     (key job/unit, round-robin)
 *                                                            ├──▶ manta.expected  (key job)
 *                                                            └──▶ manta.job-events (FAILED records)
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
    static final String PROCESSOR = "planner";
    static final String UNITS_SINK = "units";
    static final String EXPECTED_SINK = "expected";
    static final String JOB_EVENTS_SINK = "job-events";
    static final String DEAD_LETTERS_SINK = "dead-letters";

    /** The topology with metrics registered in {@code registry}. */
    @Produces
    public Topology topology(MeterRegistry registry, StorageConfig storage, SegmentConfig config) {
        return build(new JobPlanner(Storage.of(storage), config.sizing()), new SegmentMetrics(
                Counter.builder("manta.segment.segments").description("segments planned").register(registry),
                Counter.builder("manta.segment.units").description("work units published").register(registry),
                Counter.builder("manta.segment.jobs.planned").description("jobs planned").register(registry),
                Counter.builder("manta.segment.jobs.failed").description("jobs failed by segment-service").register(registry),
                Counter.builder("manta.segment.inputs.duplicate").description("job inputs announced again (dropped)")
                        .register(registry),
                Timer.builder("manta.segment.plan.time").description("CPU time to plan one job").register(registry)));
    }

    /** The topology (also for {@code TopologyTestDriver} tests). */
    public static Topology build(JobPlanner planner, SegmentMetrics metrics) {
        Topology t = new Topology();
        t.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.INPUTS);
        t.addProcessor(PROCESSOR, () -> new PlannerProcessor(planner, metrics), SOURCE);
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
