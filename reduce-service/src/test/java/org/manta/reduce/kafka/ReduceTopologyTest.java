package org.manta.reduce.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.manta.core.spectrum.Normalization;
import org.manta.mesh.Topics;
import org.manta.mesh.common.kafka.DeadLetters;
import org.manta.mesh.common.jobs.JobFinality;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.partial.PowerPartial;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;
import org.manta.reduce.TestPartials;
import org.manta.reduce.service.JobReducer;

/**
 * The reduce tree in one topology: worker partials (key job/shard) are combined per interval (level 2) and
 * merged per job (level 3); a redelivered worker partial is dropped at level 2, even when it arrives with new
 * ones, and the job finishes with the one-pass spectrum.
 */
class ReduceTopologyTest {
    /** Sums reassociated by the tree: relative to the largest power. */
    private static final double REASSOCIATION_TOL = 1e-12;
    /** No job known final, a TTL far beyond these tests. */
    private static final ReduceTopology.Lifecycle NO_LIFECYCLE = new ReduceTopology.Lifecycle(JobFinality.NONE,
            Duration.ofDays(1));

    /**
     * Unusable records fail their jobs and go to manta.dead-letters as they were, with the stage, source and error:
     * a worker partial the combiners cannot read, a combined partial the final merge cannot read.
     */
    @Test
    void unusableRecordsFailTheirJobsAndBecomeDeadLetters() {
        JobReducer reducer = new JobReducer("test", 1 << 16, Duration.ofSeconds(1));
        try (TopologyTestDriver driver = new TopologyTestDriver(ReduceTopology.build(reducer, 250,
                new ReduceTopology.CombineTiming(Duration.ofMillis(100), Duration.ZERO), NO_LIFECYCLE, ReduceMetrics.none()), streamsProperties())) {
            TestInputTopic<String, byte[]> partials = driver.createInputTopic(Topics.PARTIALS, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestInputTopic<String, byte[]> combinedIn = driver.createInputTopic(Topics.COMBINED, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<String, byte[]> jobs = driver.createOutputTopic(Topics.JOBS, Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            TestOutputTopic<String, byte[]> deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            partials.pipeInput(Keys.shard("p", 0), new byte[] {8, 1, 18, 1, 'x', 24, (byte) 200});
            combinedIn.pipeInput("c", new byte[] {9, 9, 9});
            List<JobRecord> failed = jobs.readValuesToList().stream().map(RecordCodec::job).toList();
            assertEquals(List.of("p", "c"), failed.stream().map(JobRecord::getJobId).toList());
            failed.forEach(r -> assertEquals(JobState.FAILED, r.getState()));
            List<org.apache.kafka.streams.test.TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
            assertEquals(List.of(Keys.shard("p", 0), "c"), dead.stream().map(r -> r.key()).toList());
            assertArrayEquals(new byte[] {9, 9, 9}, dead.get(1).value());
            for (int i = 0; i < 2; i++) {
                var h = dead.get(i).headers();
                assertEquals("reduce-service", DeadLetters.header(h, DeadLetters.STAGE));
                assertEquals(i == 0 ? Topics.PARTIALS : Topics.COMBINED, DeadLetters.header(h, DeadLetters.TOPIC));
                assertEquals(failed.get(i).getJobId(), DeadLetters.header(h, DeadLetters.JOB));
                assertEquals(failed.get(i).getMessage(), DeadLetters.header(h, DeadLetters.ERROR));
            }
        }
    }

    @Test
    void workerPartialsAreCombinedPerIntervalAndARedeliveryIsDroppedBeforeItMeetsNewOnes() {
        Properties p = streamsProperties();
        ReduceMetrics metrics = ReduceMetrics.none();
        JobReducer reducer = new JobReducer("test", 1 << 16, Duration.ofSeconds(1));
        try (TopologyTestDriver driver = new TopologyTestDriver(
                ReduceTopology.build(reducer, 250, new ReduceTopology.CombineTiming(Duration.ofMillis(100), Duration.ZERO),
                        NO_LIFECYCLE, metrics), p)) {
            TestInputTopic<String, byte[]> partials = driver.createInputTopic(Topics.PARTIALS, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestInputTopic<String, byte[]> expected = driver.createInputTopic(Topics.EXPECTED, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<String, byte[]> combined = driver.createOutputTopic(Topics.COMBINED,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            TestOutputTopic<String, byte[]> jobs = driver.createOutputTopic(Topics.JOBS, Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            double[] times = TestPartials.events(5, 4000);
            List<PartialAccumulator> workers = TestPartials.partials("j", ProductKind.PDS, times, 3);
            expected.pipeInput("j", TestPartials.expected("j", TestPartials.spec(ProductKind.PDS, Norm.LEAHY),
                    times.length).toByteArray());
            int half = workers.size() / 2;
            for (PartialAccumulator w : workers.subList(0, half)) {
                partials.pipeInput(Keys.shard("j", w.getSegmentRanges(0)), w.toByteArray());
            }
            driver.advanceWallClockTime(Duration.ofMillis(150));
            List<PartialAccumulator> out = new ArrayList<>();
            combined.readValuesToList().forEach(v -> out.add(RecordCodec.partial(v)));
            assertEquals(1, out.size(), "one combined partial for the first interval");
            assertEquals(3L * half, MeshPartial.fromProto(out.get(0)).processedCount());

            partials.pipeInput(Keys.shard("j", workers.get(0).getSegmentRanges(0)), workers.get(0).toByteArray());
            for (PartialAccumulator w : workers.subList(half, workers.size())) {
                partials.pipeInput(Keys.shard("j", w.getSegmentRanges(0)), w.toByteArray());
            }
            driver.advanceWallClockTime(Duration.ofMillis(150));
            combined.readValuesToList().forEach(v -> out.add(RecordCodec.partial(v)));
            assertEquals(2, out.size(), "the redelivery did not join the new partials");
            assertEquals(1.0, metrics.duplicates().count(), "the redelivery was dropped at level 2");

            JobRecord last = null;
            for (byte[] v : jobs.readValuesToList()) {
                last = RecordCodec.job(v);
            }
            assertEquals(JobState.SUCCEEDED, last.getState(), last.getMessage());
            MeshPartial one = MeshPartial.fromProto(workers.get(0));
            for (PartialAccumulator w : workers.subList(1, workers.size())) {
                one.merge(MeshPartial.fromProto(w));
            }
            MeshPartial tree = MeshPartial.fromProto(out.get(0)).merge(MeshPartial.fromProto(out.get(1)));
            double[] expectedPower = ((PowerPartial) one).power().result(Normalization.LEAHY).power();
            double scale = java.util.Arrays.stream(expectedPower).max().orElseThrow();
            assertArrayEquals(expectedPower, ((PowerPartial) tree).power().result(Normalization.LEAHY).power(), REASSOCIATION_TOL * scale);
            assertTrue(tree.processed().coversExactly(TestPartials.segmentCount()));
        }
    }

    @Test
    void aJobWhosePartialsStopComingIsCombinedAfterTheIdleTimeAndSteadyPartialsAtTheInterval() {
        Properties p = streamsProperties();
        JobReducer reducer = new JobReducer("test", 1 << 16, Duration.ofSeconds(1));
        Duration interval = Duration.ofMillis(100);
        Duration idle = Duration.ofMillis(10);
        try (TopologyTestDriver driver = new TopologyTestDriver(ReduceTopology.build(reducer, 250,
                new ReduceTopology.CombineTiming(interval, idle), NO_LIFECYCLE, ReduceMetrics.none()), p)) {
            TestInputTopic<String, byte[]> partials = driver.createInputTopic(Topics.PARTIALS, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            TestOutputTopic<String, byte[]> combined = driver.createOutputTopic(Topics.COMBINED,
                    Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            List<PartialAccumulator> workers = TestPartials.partials("j", ProductKind.PDS, TestPartials.events(5, 4000), 1);
            assertTrue(workers.size() >= 24, "enough worker partials: " + workers.size());
            // three at once, then nothing: published one idle time later, long before the interval
            for (PartialAccumulator w : workers.subList(0, 3)) {
                partials.pipeInput(Keys.shard("j", w.getSegmentRanges(0)), w.toByteArray());
            }
            driver.advanceWallClockTime(idle.dividedBy(2));
            assertTrue(combined.isEmpty(), "still within the idle time");
            driver.advanceWallClockTime(idle);
            List<PartialAccumulator> out = combined.readValuesToList().stream().map(RecordCodec::partial).toList();
            assertEquals(1, out.size(), "the three combined into one once idle");
            assertEquals(3, MeshPartial.fromProto(out.get(0)).processedCount());
            // one every half idle time: never idle, so published once the oldest has waited the interval
            int sent = 0;
            for (int i = 3; i < workers.size() && combined.isEmpty(); i++) {
                partials.pipeInput(Keys.shard("j", workers.get(i).getSegmentRanges(0)), workers.get(i).toByteArray());
                sent++;
                driver.advanceWallClockTime(idle.dividedBy(2));
            }
            out = combined.readValuesToList().stream().map(RecordCodec::partial).toList();
            assertEquals(1, out.size());
            long waited = sent * idle.dividedBy(2).toMillis();
            assertTrue(waited >= interval.toMillis() && waited <= interval.toMillis() + idle.toMillis(),
                    "published after " + waited + " ms of steady partials, interval " + interval);
            assertEquals(sent, MeshPartial.fromProto(out.get(0)).processedCount(), "every partial of the interval in one");
        }
    }

    /** The test driver's settings: exactly once, as the service runs. */
    private static Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "reduce-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return p;
    }
}
