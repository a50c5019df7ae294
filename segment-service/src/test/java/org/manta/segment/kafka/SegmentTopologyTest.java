package org.manta.segment.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
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
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ProductKind;

/**
 * The topology wires chunks → segments / expected count (preliminary first for a running product) / FAILED
 * records with the mesh keys.
 */
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
            for (EventChunk c : chunks("a", spec)) {
                chunks.pipeInput("a", c.toByteArray());
            }
            List<TestRecord<String, byte[]>> out = segments.readRecordsToList();
            for (int i = 0; i < out.size(); i++) {
                assertEquals("a/" + i, out.get(i).key());
                assertEquals(i, RecordCodec.segment(out.get(i).value()).getSegmentIndex());
            }
            ExpectedCount count = RecordCodec.expected(expected.readValue());
            assertEquals(out.size(), count.getTotalSegments());
            assertEquals(16, count.getTotalSegments(), "1025 s of GTI hold 16 segments of 64 s");
            assertFalse(count.getPreliminary());
            assertTrue(expected.isEmpty(), "no preliminary count for a job without a running product");
        }
    }

    @Test
    void aJobWantingARunningProductGetsAPreliminaryCountWithItsFirstChunk() throws Exception {
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("monol_testA.evt").setDt(1.0 / 16)
                .setSegmentSize(64).setNorm(Norm.FRAC).setWantRunningProduct(true).build();
        try (TopologyTestDriver driver = new TopologyTestDriver(SegmentTopology.build(SegmentMetrics.none()), config())) {
            TestInputTopic<String, byte[]> chunks = driver.createInputTopic(Topics.CHUNKS, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<String, byte[]> segments = driver.createOutputTopic(Topics.SEGMENTS,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            TestOutputTopic<String, byte[]> expected = driver.createOutputTopic(Topics.EXPECTED,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            List<EventChunk> all = chunks("r", spec);
            chunks.pipeInput("r", all.get(0).toByteArray());
            TestRecord<String, byte[]> first = expected.readRecord();
            assertEquals("r", first.key());
            ExpectedCount preliminary = RecordCodec.expected(first.value());
            assertTrue(preliminary.getPreliminary());
            assertEquals(spec, preliminary.getSpec());
            assertEquals(all.get(0).getGtiList(), preliminary.getGtiList());
            assertEquals(16, preliminary.getTotalSegments());
            assertEquals(0, preliminary.getInputsCount(), "what was read is not known yet");
            assertEquals(0, preliminary.getTotalEvents1());
            assertTrue(expected.isEmpty());

            for (EventChunk c : all.subList(1, all.size())) {
                chunks.pipeInput("r", c.toByteArray());
            }
            ExpectedCount count = RecordCodec.expected(expected.readValue());
            assertFalse(count.getPreliminary());
            assertEquals(16, count.getTotalSegments());
            assertEquals(1, count.getInputsCount());
            assertTrue(count.getTotalEvents1() > 0);
            assertEquals(16, segments.readRecordsToList().size());
            assertTrue(expected.isEmpty(), "one preliminary, one final count");
        }
    }

    /** monol_testA.evt in chunks of 250 events, the spec on the first. */
    private List<EventChunk> chunks(String jobId, JobSpec spec) throws Exception {
        Path file = Path.of(getClass().getResource("/data/monol_testA.evt").toURI());
        List<EventChunk> out = new ArrayList<>();
        try (EventFileReader reader = EventFileReader.open(file)) {
            EventChunkSource source = new EventChunkSource(reader, jobId, 0, 250).withSpec(spec, 1);
            for (Optional<EventChunk> c = source.next(); c.isPresent(); c = source.next()) {
                out.add(c.get());
            }
        }
        return out;
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
