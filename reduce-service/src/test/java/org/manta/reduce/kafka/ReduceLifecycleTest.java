package org.manta.reduce.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.manta.mesh.Topics;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.ReducerPhase;
import org.manta.proto.v1.ReducerState;
import org.manta.reduce.TestPartials;
import org.manta.reduce.service.JobReducer;

/**
 * The job lifecycle in reduce-service's topology: a job cancelled mid-merge is dropped at both levels (its
 * buffered and later partials uncombined, its merged state, rows and running product freed, no product), the
 * next job still finishes; the state TTL fails a job idle while merging and frees every job's entries.
 */
class ReduceLifecycleTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration TTL = Duration.ofMinutes(10);
    /** The sweep runs at most every minute: this much past a TTL every entry older than it is gone. */
    private static final Duration SWEEP = Duration.ofSeconds(61);

    private final Set<String> finalJobs = ConcurrentHashMap.newKeySet();
    private final ReduceMetrics metrics = ReduceMetrics.none();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> partials;
    private TestInputTopic<String, byte[]> expected;
    private TestInputTopic<String, byte[]> jobsIn;
    private TestOutputTopic<String, byte[]> jobs;
    private TestOutputTopic<String, byte[]> combined;
    private TestOutputTopic<String, byte[]> running;
    private TestOutputTopic<String, byte[]> products;

    private TopologyTestDriver start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "reduce-lifecycle-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(ReduceTopology.build(new JobReducer("test", 1 << 16, Duration.ZERO), 0,
                new ReduceTopology.CombineTiming(INTERVAL, Duration.ZERO),
                new ReduceTopology.Lifecycle(finalJobs::contains, TTL), metrics), p, Instant.EPOCH);
        partials = driver.createInputTopic(Topics.PARTIALS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        expected = driver.createInputTopic(Topics.EXPECTED, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        jobsIn = driver.createInputTopic(Topics.JOBS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        jobs = driver.createOutputTopic(Topics.JOBS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        combined = driver.createOutputTopic(Topics.COMBINED, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        running = driver.createOutputTopic(Topics.RUNNING, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        products = driver.createOutputTopic(Topics.PRODUCTS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        return driver;
    }

    private void send(List<PartialAccumulator> workers) {
        for (PartialAccumulator w : workers) {
            partials.pipeInput(Keys.shard(w.getJobId(), w.getSegmentRanges(0)), w.toByteArray());
        }
    }

    private ReducerState state(String jobId) {
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(ReduceTopology.STATE_STORE);
        byte[] v = store.get(jobId);
        return v == null ? null : RecordCodec.reducerState(v);
    }

    private List<JobRecord> jobRecords(String jobId) {
        return jobs.readKeyValuesToList().stream().filter(kv -> kv.key.equals(jobId))
                .map(kv -> RecordCodec.job(kv.value)).toList();
    }

    @Test
    void aJobCancelledMidMergeIsDroppedAtBothLevelsItsStateFreedAndTheNextJobFinishes() {
        try (TopologyTestDriver d = start()) {
            JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.LEAHY).toBuilder().setWantRunningProduct(true).build();
            double[] times = TestPartials.events(5, 4000);
            List<PartialAccumulator> workers = TestPartials.partials("c", ProductKind.PDS, times, 3);
            int third = workers.size() / 3;
            expected.pipeInput("c", TestPartials.expected("c", spec, times.length).toByteArray());
            send(workers.subList(0, third));
            d.advanceWallClockTime(INTERVAL.plusMillis(50));
            assertEquals(1, combined.readValuesToList().size(), "the first third combined");
            ReducerState merging = state("c");
            assertEquals(ReducerPhase.MERGING, merging.getPhase());
            assertTrue(merging.hasMerged());
            assertFalse(running.readValuesToList().isEmpty(), "a running product was published");

            send(workers.subList(third, 2 * third));          // buffered at level 2 when the cancel comes
            finalJobs.add("c");
            jobsIn.pipeInput("c", JobRecords.cancelled("c", Instant.EPOCH).toByteArray());
            ReducerState abandoned = state("c");
            assertEquals(ReducerPhase.ABANDONED, abandoned.getPhase(), "a small marker instead of the merge");
            assertFalse(abandoned.hasMerged());
            assertEquals(1, metrics.jobsAbandoned().count());
            assertEquals(merging.getSerializedSize(), metrics.stateFreedBytes().count(), 0, "the merged state's bytes freed");
            List<KeyValue<String, byte[]>> tombstones = running.readKeyValuesToList();
            assertEquals(1, tombstones.size());
            assertNull(tombstones.get(0).value, "the running product is deleted");

            send(workers.subList(2 * third, workers.size()));
            d.advanceWallClockTime(INTERVAL.plusMillis(50));
            assertTrue(combined.isEmpty(), "nothing of the cancelled job combined, buffered or new");
            assertEquals(workers.size() - third, metrics.partialsOfFinalJobs().count(), 0,
                    "the buffered and the later partials dropped at level 2");
            KeyValueStore<String, byte[]> buffer = d.getKeyValueStore(ReduceTopology.COMBINE_BUFFER);
            assertEquals(0, buffer.approximateNumEntries(), "no partial left buffered");
            assertTrue(products.isEmpty(), "no product");
            assertTrue(jobRecords("c").stream().noneMatch(r -> r.getState() == JobState.SUCCEEDED));

            KeyValueStore<String, byte[]> ranges = d.getKeyValueStore(ReduceTopology.COMBINE_RANGES);
            assertTrue(ranges.get("c") != null, "the ranges go at the next sweep");
            d.advanceWallClockTime(SWEEP);
            assertNull(ranges.get("c"), "the cancelled job's segment ranges freed");

            List<PartialAccumulator> next = TestPartials.partials("n", ProductKind.PDS, times, 3);
            expected.pipeInput("n", TestPartials.expected("n", spec, times.length).toByteArray());
            send(next);
            d.advanceWallClockTime(INTERVAL.plusMillis(50));
            List<JobRecord> n = jobRecords("n");
            assertEquals(JobState.SUCCEEDED, n.get(n.size() - 1).getState(), "the next job finishes");
            assertFalse(products.isEmpty());
        }
    }

    @Test
    void theStateTtlFailsAJobIdleWhileMergingAndFreesEveryEntry() {
        try (TopologyTestDriver d = start()) {
            JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.LEAHY);
            double[] times = TestPartials.events(7, 4000);
            List<PartialAccumulator> stuck = TestPartials.partials("s", ProductKind.PDS, times, 3);
            expected.pipeInput("s", TestPartials.expected("s", spec, times.length).toByteArray());
            send(stuck.subList(0, stuck.size() / 2));
            List<PartialAccumulator> done = TestPartials.partials("f", ProductKind.PDS, times, 3);
            expected.pipeInput("f", TestPartials.expected("f", spec, times.length).toByteArray());
            send(done);
            d.advanceWallClockTime(INTERVAL.plusMillis(50));
            assertEquals(ReducerPhase.MERGING, state("s").getPhase());
            assertEquals(ReducerPhase.FINISHED, state("f").getPhase());
            jobs.readKeyValuesToList();

            d.advanceWallClockTime(TTL.minus(SWEEP));
            assertEquals(ReducerPhase.MERGING, state("s").getPhase(), "kept within the TTL");
            assertTrue(jobRecords("s").isEmpty());

            d.advanceWallClockTime(SWEEP.multipliedBy(2));
            List<JobRecord> s = jobRecords("s");
            assertEquals(1, s.size());
            assertEquals(JobState.FAILED, s.get(0).getState());
            assertTrue(s.get(0).getMessage().contains("manta.reduce.state-ttl-ms"), s.get(0).getMessage());
            assertEquals(ReducerPhase.REJECTED, state("s").getPhase(), "a marker for the stragglers");
            assertFalse(state("s").hasMerged());
            assertNull(state("f"), "the finished job's marker freed");
            KeyValueStore<String, byte[]> ranges = d.getKeyValueStore(ReduceTopology.COMBINE_RANGES);
            assertEquals(0, ranges.approximateNumEntries(), "every job's segment ranges freed");

            d.advanceWallClockTime(TTL.plus(SWEEP));
            KeyValueStore<String, byte[]> states = d.getKeyValueStore(ReduceTopology.STATE_STORE);
            assertEquals(0, states.approximateNumEntries(), "nothing left of either job");
            assertEquals(5, metrics.stateExpired().count(), 0,
                    "ranges of s and f, the reducer entries of s (merging, then its marker) and f");
        }
    }
}
