package org.manta.segment.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.manta.mesh.Topics;

/**
 * The Kafka Streams topology of segment-service (run with {@code processing.guarantee=exactly_once_v2}):
 *
 * <pre>
 *  manta.chunks ──▶ segmenter (store "segmenter": SegmenterState per job) ──▶ manta.segments  (key job/index)
 *                                                                        ├──▶ manta.expected  (key job)
 *                                                                        └──▶ manta.jobs      (FAILED records)
 * </pre>
 *
 * The store is in memory and backed by a changelog topic; outputs, store changes and the consumed
 * offsets commit in one transaction, so a killed instance resumes exactly where the last commit left
 * it: no segment is published twice or lost.
 */
@ApplicationScoped
public class SegmentTopology {
    public static final String STORE = "segmenter";
    static final String SOURCE = "chunks";
    static final String PROCESSOR = "segmenter";
    static final String SEGMENTS_SINK = "segments";
    static final String EXPECTED_SINK = "expected";
    static final String JOBS_SINK = "jobs";

    /** The topology with metrics registered in {@code registry}. */
    @Produces
    public Topology topology(MeterRegistry registry) {
        return build(new SegmentMetrics(
                Counter.builder("manta.segment.segments").description("segments published").register(registry),
                Counter.builder("manta.segment.chunks").description("event chunks processed").register(registry),
                Counter.builder("manta.segment.events").description("events read from chunks").register(registry),
                Counter.builder("manta.segment.jobs.completed").description("jobs whose segments are all published").register(registry),
                Counter.builder("manta.segment.jobs.failed").description("jobs failed by segment-service").register(registry)));
    }

    /** The topology (also for {@code TopologyTestDriver} tests). */
    public static Topology build(SegmentMetrics metrics) {
        int maxBytes = Topics.SEGMENTS_TOPIC.maxMessageBytes();
        Topology t = new Topology();
        t.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.CHUNKS);
        t.addProcessor(PROCESSOR, () -> new SegmenterProcessor(metrics), SOURCE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxBytes),
                        TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd"))
                .withCachingEnabled(), PROCESSOR);   // a job's state goes to the changelog once per commit
        t.addSink(SEGMENTS_SINK, Topics.SEGMENTS, Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        t.addSink(EXPECTED_SINK, Topics.EXPECTED, Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        t.addSink(JOBS_SINK, Topics.JOBS, Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        return t;
    }
}
