package org.manta.segment.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.manta.core.io.EventFileReader;
import org.manta.mesh.Topics;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.mapping.EventChunkSource;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.ProductKind;

/** The topology wires chunks → segments / expected count / FAILED records with the mesh keys. */
class SegmentTopologyTest {
    private static Properties config() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "segment-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return p;
    }

    @Test
    void chunksBecomeKeyedSegmentsThenTheExpectedCount() throws Exception {
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("monol_testA.evt").setDt(1.0 / 16)
                .setSegmentSize(64).build();
        try (TopologyTestDriver driver = new TopologyTestDriver(SegmentTopology.build(SegmentMetrics.none()), config())) {
            TestInputTopic<String, byte[]> chunks = driver.createInputTopic(Topics.CHUNKS, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<String, byte[]> segments = driver.createOutputTopic(Topics.SEGMENTS,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            TestOutputTopic<String, byte[]> expected = driver.createOutputTopic(Topics.EXPECTED,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            Path file = Path.of(getClass().getResource("/data/monol_testA.evt").toURI());
            try (EventFileReader reader = EventFileReader.open(file)) {
                EventChunkSource source = new EventChunkSource(reader, "a", 0, 250).withSpec(spec, 1);
                for (Optional<EventChunk> c = source.next(); c.isPresent(); c = source.next()) {
                    chunks.pipeInput("a", c.get().toByteArray());
                }
            }
            List<TestRecord<String, byte[]>> out = segments.readRecordsToList();
            for (int i = 0; i < out.size(); i++) {
                assertEquals("a/" + i, out.get(i).key());
                assertEquals(i, RecordCodec.segment(out.get(i).value()).getSegmentIndex());
            }
            ExpectedCount count = RecordCodec.expected(expected.readValue());
            assertEquals(out.size(), count.getTotalSegments());
            assertEquals(16, count.getTotalSegments(), "1025 s of GTI hold 16 segments of 64 s");
            assertTrue(expected.isEmpty());
        }
    }

    @Test
    void anUnreadableChunkFailsThatJobOnly() {
        try (TopologyTestDriver driver = new TopologyTestDriver(SegmentTopology.build(SegmentMetrics.none()), config())) {
            TestInputTopic<String, byte[]> chunks = driver.createInputTopic(Topics.CHUNKS, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<String, byte[]> jobs = driver.createOutputTopic(Topics.JOBS, Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            chunks.pipeInput("bad", new byte[] {1, 2, 3});
            chunks.pipeInput("bad", new byte[] {1, 2, 3});
            JobRecord failed = RecordCodec.job(jobs.readValue());
            assertEquals(JobState.FAILED, failed.getState());
            assertEquals("bad", failed.getJobId());
            assertTrue(failed.getMessage().contains("unreadable event chunk"), failed.getMessage());
        }
    }
}
