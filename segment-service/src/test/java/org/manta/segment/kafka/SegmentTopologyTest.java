package org.manta.segment.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.plan.UnitSizing;
import org.manta.mesh.Topics;
import org.manta.mesh.common.kafka.DeadLetters;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.WorkUnit;
import org.manta.segment.service.JobPlanner;

/** The topology wires a job input → keyed work units and the expected count, once per job; bad records fail their job only. */
class SegmentTopologyTest {
    @TempDir
    Path staging;

    private static Properties config() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "segment-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return p;
    }

    /** The planner's state TTL in these tests. */
    private static final Duration TTL = Duration.ofMinutes(10);

    private TopologyTestDriver driver(Storage storage) {
        return driver(storage, SegmentMetrics.none());
    }

    private TopologyTestDriver driver(Storage storage, SegmentMetrics metrics) {
        return new TopologyTestDriver(SegmentTopology.build(new JobPlanner(storage, new UnitSizing(1 << 20, 64, 4)),
                metrics, TTL), config(), Instant.EPOCH);
    }

    private static TestInputTopic<String, byte[]> in(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    private static TestOutputTopic<String, byte[]> out(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    private Storage storage() throws Exception {
        return new Storage(Path.of(getClass().getResource("/data/monol_testA.evt").toURI()).getParent().getParent(), staging);
    }

    private static JobInput input(String jobId, Storage storage) throws Exception {
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("data/monol_testA.evt").setDt(1.0 / 16)
                .setSegmentSize(64).build();
        long size = Files.size(storage.dataRoot().resolve("data/monol_testA.evt"));
        return JobInput.newBuilder().setFormatVersion(org.manta.proto.RecordFormat.CURRENT).setJobId(jobId).setSpec(spec).addInputs(InputFile.newBuilder()
                .setPath("data/monol_testA.evt").setLocation("data:data/monol_testA.evt").setLocationSizeBytes(size)).build();
    }

    @Test
    void aJobInputBecomesKeyedUnitsAndTheExpectedCountOnce() throws Exception {
        Storage storage = storage();
        try (TopologyTestDriver driver = driver(storage)) {
            TestInputTopic<String, byte[]> inputs = driver.createInputTopic(Topics.INPUTS, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<String, byte[]> units = driver.createOutputTopic(Topics.UNITS,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            TestOutputTopic<String, byte[]> expected = driver.createOutputTopic(Topics.EXPECTED,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            inputs.pipeInput("a", input("a", storage).toByteArray());
            List<TestRecord<String, byte[]>> out = units.readRecordsToList();
            assertEquals(4, out.size(), "16 segments, at least 4 units");
            long segments = 0;
            for (int i = 0; i < out.size(); i++) {
                WorkUnit u = RecordCodec.unit(out.get(i).value());
                assertEquals("a/" + i, out.get(i).key());
                assertEquals(i, u.getUnitIndex());
                segments += u.getSegmentTo() - u.getSegmentFrom();
            }
            ExpectedCount count = RecordCodec.expected(expected.readValue());
            assertEquals(16, count.getTotalSegments(), "1025 s of GTI hold 16 segments of 64 s");
            assertEquals(16, segments);
            assertFalse(count.getPreliminary());
            assertEquals(4, count.getPlan().getUnitCount());

            inputs.pipeInput("a", input("a", storage).toByteArray());
            assertTrue(units.isEmpty(), "a job announced twice (ingest restarted) is planned once");
            assertTrue(expected.isEmpty());
        }
    }

    @Test
    void anUnreadableInputFailsThatJobOnly() throws Exception {
        Storage storage = storage();
        try (TopologyTestDriver driver = driver(storage)) {
            TestInputTopic<String, byte[]> inputs = driver.createInputTopic(Topics.INPUTS, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<String, byte[]> jobs = driver.createOutputTopic(Topics.JOB_EVENTS, Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            TestOutputTopic<String, byte[]> units = driver.createOutputTopic(Topics.UNITS,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            TestOutputTopic<String, byte[]> deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            inputs.pipeInput("bad", new byte[] {1, 2, 3});
            JobRecord failed = RecordCodec.job(jobs.readValue());
            assertEquals(JobState.FAILED, failed.getState());
            assertEquals("bad", failed.getJobId());
            assertTrue(failed.getMessage().contains("unreadable job input"), failed.getMessage());
            TestRecord<String, byte[]> dead = deadLetters.readRecord();
            assertEquals("bad", dead.key());
            assertArrayEquals(new byte[] {1, 2, 3}, dead.value(), "the record as it was");
            assertEquals("segment-service", DeadLetters.header(dead.headers(), DeadLetters.STAGE));
            assertEquals(Topics.INPUTS, DeadLetters.header(dead.headers(), DeadLetters.TOPIC));
            assertEquals("0", DeadLetters.header(dead.headers(), DeadLetters.PARTITION));
            assertEquals("0", DeadLetters.header(dead.headers(), DeadLetters.OFFSET));
            assertEquals("bad", DeadLetters.header(dead.headers(), DeadLetters.JOB));
            assertEquals(failed.getMessage(), DeadLetters.header(dead.headers(), DeadLetters.ERROR));
            inputs.pipeInput("good", input("good", storage).toByteArray());
            assertEquals(4, units.readRecordsToList().size(), "the next job is planned");
            assertTrue(deadLetters.isEmpty(), "a good input is no dead letter");
        }
    }

    @Test
    void aJobFinalOnManta_jobsBeforeItsInputIsNotPlanned() throws Exception {
        Storage storage = storage();
        SegmentMetrics metrics = SegmentMetrics.none();
        try (TopologyTestDriver driver = driver(storage, metrics)) {
            TestInputTopic<String, byte[]> inputs = in(driver, Topics.INPUTS);
            TestInputTopic<String, byte[]> jobs = in(driver, Topics.JOBS);
            TestOutputTopic<String, byte[]> units = out(driver, Topics.UNITS);
            jobs.pipeInput("c", JobRecords.running("c", "reading", Instant.EPOCH).toByteArray());
            jobs.pipeInput("c", JobRecords.cancelled("c", Instant.EPOCH).toByteArray());
            inputs.pipeInput("c", input("c", storage).toByteArray());
            assertTrue(units.isEmpty(), "a cancelled job's input is not planned");
            assertEquals(1, metrics.inputsOfFinalJobs().count());
            assertEquals(1, metrics.jobsFinal().count());
            assertEquals(0, metrics.jobsPlanned().count());
            inputs.pipeInput("d", input("d", storage).toByteArray());
            assertEquals(4, units.readRecordsToList().size(), "the next job is planned");
        }
    }

    @Test
    void theStateTtlFreesEveryJobsEntryAndNotBefore() throws Exception {
        Storage storage = storage();
        SegmentMetrics metrics = SegmentMetrics.none();
        try (TopologyTestDriver driver = driver(storage, metrics)) {
            TestInputTopic<String, byte[]> inputs = in(driver, Topics.INPUTS);
            TestInputTopic<String, byte[]> jobs = in(driver, Topics.JOBS);
            TestOutputTopic<String, byte[]> units = out(driver, Topics.UNITS);
            KeyValueStore<String, byte[]> store = driver.getKeyValueStore(SegmentTopology.STORE);
            inputs.pipeInput("a", input("a", storage).toByteArray());
            jobs.pipeInput("b", JobRecords.cancelled("b", Instant.EPOCH).toByteArray());
            assertEquals(4, units.readRecordsToList().size());
            assertEquals(2, store.approximateNumEntries(), "a planned and a final job");

            driver.advanceWallClockTime(TTL.minusSeconds(60));
            assertEquals(2, store.approximateNumEntries(), "kept until the TTL has passed");
            jobs.pipeInput("a", JobRecords.succeeded("a", 16, "done", Instant.EPOCH).toByteArray());
            driver.advanceWallClockTime(Duration.ofSeconds(61));
            assertEquals(1, store.approximateNumEntries(), "b's entry freed; a's was rewritten when it became final");
            assertEquals(1, metrics.entriesExpired().count());
            inputs.pipeInput("a", input("a", storage).toByteArray());
            assertTrue(units.isEmpty(), "a is still known final");
            driver.advanceWallClockTime(TTL);
            assertEquals(0, store.approximateNumEntries(), "every entry freed");
            assertEquals(2, metrics.entriesExpired().count());
        }
    }
}
