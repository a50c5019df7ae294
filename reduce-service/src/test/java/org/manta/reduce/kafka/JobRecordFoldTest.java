package org.manta.reduce.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
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
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;
import org.manta.reduce.TestPartials;
import org.manta.reduce.service.JobReducer;

/**
 * The one writer of {@code manta.jobs} ({@link JobRecordProcessor} in reduce-service's topology): every
 * service's partial records on {@code manta.job-events} and the final merge's own records fold into one full
 * record per job, so what compaction leaves of {@code manta.jobs} (the last record per job) is the whole job:
 * spec, owner, ingest's bookkeeping and the first final state, also for a job cancelled while the reducer
 * still merged it. A final job's record goes (a tombstone) once it finished longer ago than the retention. The
 * driver's wall clock starts at {@link #T0}; a record's timestamp is its {@code updated} time.
 */
class JobRecordFoldTest {
    private static final Instant T0 = Instant.ofEpochSecond(1_000_000);
    /** A test retention, shorter than manta.job-events' (which the service refuses): records of a removed job arrive. */
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final String INGEST = "ingest-7";
    private static final List<InputFile> INPUTS = List.of(InputFile.newBuilder().setPath("a.evt").setSha256("ab12")
            .setSizeBytes(2880).setLocation("data:a.evt").build());

    @Test
    void aJobCancelledWhileTheReducerMergesStaysCancelledWithItsSpecAndOwnerInItsLastRecord() {
        try (Mesh mesh = new Mesh()) {
            JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.LEAHY);
            mesh.ingestRecords("c", spec, "alice");
            mesh.event(JobRecords.cancelled("c", T0.plusSeconds(3)));
            mesh.reduceWholeJob("c", spec);     // the reducer never heard of the cancel: progress, then SUCCEEDED

            List<JobRecord> published = mesh.published("c");
            JobRecord last = published.getLast();
            assertEquals(JobState.CANCELLED, last.getState(), "the first final state wins: " + last.getMessage());
            assertEquals("cancelled by a client", last.getMessage());
            assertFullJob(last, spec, "alice");
            assertEquals(1, published.stream().filter(r -> JobRecords.isFinal(r.getState())).count(),
                    "nothing is published after the final state (the reducer's progress and SUCCEEDED change nothing)");
            assertEquals(mesh.foldOfEverything("c"), last, "the last record is the fold of all the job's records");
        }
    }

    @Test
    void aJobThatSucceedsEndsWithItsSpecOwnerIngestBookkeepingAndCounts() {
        try (Mesh mesh = new Mesh()) {
            JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.FRAC);
            mesh.ingestRecords("s", spec, "bob");
            mesh.event(JobRecords.inputSent("s", T0.plusSeconds(3)));
            mesh.reduceWholeJob("s", spec);
            JobRecord last = mesh.published("s").getLast();
            assertEquals(JobState.SUCCEEDED, last.getState(), last.getMessage());
            assertFullJob(last, spec, "bob");
            assertTrue(last.getIngest().getInputSent());
            assertEquals(TestPartials.segmentCount(), last.getSegmentsDone());
            assertEquals(TestPartials.segmentCount(), last.getSegmentsExpected());
            assertEquals(mesh.foldOfEverything("s"), last);
        }
    }

    @Test
    void recordsThatChangeNothingAreNotPublishedAndRedeliveredEventsAreHarmless() {
        try (Mesh mesh = new Mesh()) {
            JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.LEAHY);
            JobRecord queued = JobRecords.queued("r", spec, "carol", INGEST, T0);
            mesh.event(queued);
            mesh.event(queued);    // a redelivery (ingest's idempotent producer retried): the same state
            mesh.event(JobRecords.progress("r", 4, OptionalLong.of(16), T0.plusSeconds(1)));
            mesh.event(JobRecords.progress("r", 3, OptionalLong.of(16), T0.plusSeconds(1)));   // an older count
            mesh.event(JobRecords.failed("r", "segment-service: no GTI as long as a segment", T0.plusSeconds(2)));
            mesh.event(JobRecords.progress("r", 9, OptionalLong.of(16), T0.plusSeconds(3)));
            List<JobRecord> published = mesh.published("r");
            assertEquals(List.of(JobState.QUEUED, JobState.RUNNING, JobState.FAILED),
                    published.stream().map(JobRecord::getState).toList(),
                    "one record per change: the redelivery and the late count changed nothing");
            JobRecord last = published.getLast();
            assertEquals(4, last.getSegmentsDone(), "counts only grow, and not after the final state");
            assertEquals("segment-service: no GTI as long as a segment", last.getMessage());
            assertEquals(spec, last.getSpec());
            assertEquals("carol", last.getOwner());
        }
    }

    @Test
    void aFinalJobOlderThanTheRetentionGetsOneTombstoneAndLeavesTheStoreWhileRunningAndRecentJobsStay() {
        try (Mesh mesh = new Mesh(RETENTION)) {
            JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.LEAHY);
            mesh.ingestRecords("old", spec, "alice");
            mesh.event(JobRecords.failed("old", "segment-service: no GTI as long as a segment", T0.plusSeconds(3)));
            mesh.ingestRecords("running", spec, "bob");
            mesh.event(JobRecords.progress("running", 4, OptionalLong.of(16), T0.plusSeconds(5)));
            mesh.ingestRecords("recent", spec, "carol");
            mesh.event(JobRecords.cancelled("recent", T0.plus(RETENTION.dividedBy(2))));

            mesh.advanceTo(T0.plus(RETENTION).plusSeconds(2));     // "old" finished exactly a retention ago: not older
            assertEquals(0, mesh.tombstones("old"), "a job is removed only once it finished longer ago than the retention");
            mesh.advanceTo(T0.plus(RETENTION).plusSeconds(120));     // past it, and a sweep (each minute) later
            assertEquals(1, mesh.tombstones("old"), "the old final job gets a tombstone on manta.jobs");
            assertNull(mesh.store().get("old"), "and leaves the fold's store");
            assertEquals(JobState.FAILED, mesh.published("old").get(mesh.published("old").size() - 2).getState(),
                    "its last record before the tombstone was its final one");
            assertNotNull(mesh.store().get("recent"), "a job final for less than the retention stays");
            assertEquals(1.0, mesh.removedCount());

            mesh.advanceTo(T0.plus(RETENTION.multipliedBy(3)));
            assertEquals(1, mesh.tombstones("old"), "exactly one tombstone, however many sweeps follow");
            assertEquals(1, mesh.tombstones("recent"), "the recent final job goes in its turn");
            assertNull(mesh.store().get("recent"));
            assertEquals(0, mesh.tombstones("running"), "a job not final is never removed");
            assertEquals(JobState.RUNNING, RecordCodec.job(mesh.store().get("running")).getState());
            assertEquals(2.0, mesh.removedCount(), "manta_reduce_job_records_removed_total counts each removed job once");
        }
    }

    /**
     * A record of a removed job that reaches the fold after the removal, written before it (reduce-service lagged; in
     * production manta.job-events deletes it first, its retention being shorter than the job records'), is older
     * than the retention: it is dropped, it does not start the job afresh without its spec. A new job's first
     * record, fresh, is folded as always.
     */
    @Test
    void aLateRecordOfARemovedJobOlderThanTheRetentionIsDroppedWhileANewJobStarts() {
        try (Mesh mesh = new Mesh(RETENTION)) {
            JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.LEAHY);
            mesh.ingestRecords("old", spec, "alice");
            mesh.event(JobRecords.cancelled("old", T0.plusSeconds(3)));
            Instant now = T0.plus(RETENTION).plusSeconds(120);
            mesh.advanceTo(now);
            assertEquals(1, mesh.tombstones("old"));
            int before = mesh.published("old").size();

            mesh.event(JobRecords.progress("old", 9, OptionalLong.of(16), T0.plusSeconds(4)));    // a straggler, late
            assertEquals(before, mesh.published("old").size(), "nothing published for the removed job");
            assertNull(mesh.store().get("old"), "and nothing stored");

            mesh.event(JobRecords.queued("new", spec, "dave", INGEST, now));
            assertEquals(List.of(JobState.QUEUED), mesh.published("new").stream().map(JobRecord::getState).toList());
            assertNotNull(mesh.store().get("new"));
        }
    }

    @Test
    void theRetentionDefaultsToTheProductsAndMustBeLongerThanTheJobEventsRetention() {
        assertEquals(Duration.ofMillis(Topics.PRODUCTS_RETENTION_MS), ReduceTopology.jobRecordRetention(OptionalLong.empty()));
        long longer = Topics.JOB_EVENTS_RETENTION_MS + 1;
        assertEquals(Duration.ofMillis(longer), ReduceTopology.jobRecordRetention(OptionalLong.of(longer)));
        for (long tooShort : new long[] {Topics.JOB_EVENTS_RETENTION_MS, 86_400_000}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReduceTopology.jobRecordRetention(OptionalLong.of(tooShort)));
            assertTrue(e.getMessage().startsWith("manta.reduce.job-record-retention-ms is " + tooShort + " ms;"), e.getMessage());
            assertTrue(e.getMessage().contains("longer than the retention of manta.job-events, "
                    + Topics.JOB_EVENTS_RETENTION_MS + " ms"), e.getMessage());
        }
    }

    private static void assertFullJob(JobRecord r, JobSpec spec, String owner) {
        assertEquals(spec, r.getSpec(), "the spec survives");
        assertEquals(owner, r.getOwner(), "the owner survives");
        assertEquals(INGEST, r.getIngest().getInstanceId(), "ingest's instance survives");
        assertEquals(INPUTS, r.getIngest().getInputsList(), "the opened inputs survive");
        assertEquals(1_000_000, r.getTimings().getSubmitted().getSeconds());
        assertEquals(1_000_001, r.getTimings().getStarted().getSeconds());
        assertFalse(r.getJobId().isEmpty());
    }

    /** reduce-service's topology in a test driver, with every record fed to it kept for comparison. */
    private static final class Mesh implements AutoCloseable {
        private final TopologyTestDriver driver;
        private final TestInputTopic<String, byte[]> events;
        private final TestInputTopic<String, byte[]> partials;
        private final TestInputTopic<String, byte[]> expected;
        private final TestOutputTopic<String, byte[]> jobs;
        /** Every record published on manta.jobs per job, in order; null for a tombstone. */
        private final Map<String, List<JobRecord>> published = new LinkedHashMap<>();
        private final ReduceMetrics metrics = ReduceMetrics.none();
        private Instant wallClock = T0;

        Mesh() {
            this(Duration.ofMillis(Topics.PRODUCTS_RETENTION_MS));
        }

        /** @param retention of final jobs' records */
        Mesh(Duration retention) {
            Properties p = new Properties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, "reduce-test");
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            driver = new TopologyTestDriver(ReduceTopology.build(new JobReducer("test", 1 << 16, Duration.ofSeconds(1)), 0,
                    new ReduceTopology.CombineTiming(Duration.ofMillis(100), Duration.ZERO), new ReduceTopology.Lifecycle(org.manta.mesh.common.jobs.JobFinality.NONE,
                    Duration.ofHours(6), retention), metrics), p, T0);
            events = driver.createInputTopic(Topics.JOB_EVENTS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
            partials = driver.createInputTopic(Topics.PARTIALS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
            expected = driver.createInputTopic(Topics.EXPECTED, Serdes.String().serializer(), Serdes.ByteArray().serializer());
            jobs = driver.createOutputTopic(Topics.JOBS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        }

        /** What ingest writes of a job before its input is sent: QUEUED, RUNNING, the inputs opened. */
        void ingestRecords(String job, JobSpec spec, String owner) {
            event(JobRecords.queued(job, spec, owner, INGEST, T0));
            event(JobRecords.running(job, "reading a.evt", T0.plusSeconds(1)));
            event(JobRecords.inputsOpened(job, INPUTS, T0.plusSeconds(2)));
        }

        /** A record on manta.job-events, timestamped when it was written (its {@code updated} time). */
        void event(JobRecord r) {
            events.pipeInput(r.getJobId(), r.toByteArray(), Protos.instant(r.getUpdated()));
        }

        /** Moves the wall clock on to {@code t} (the punctuators run). */
        void advanceTo(Instant t) {
            driver.advanceWallClockTime(Duration.between(wallClock, t));
            wallClock = t;
        }

        /** The fold's store of full job records. */
        KeyValueStore<String, byte[]> store() {
            return driver.getKeyValueStore(ReduceTopology.JOB_RECORD_STORE);
        }

        /** How many tombstones manta.jobs got for the job so far. */
        long tombstones(String job) {
            return published(job).stream().filter(java.util.Objects::isNull).count();
        }

        /** {@code manta_reduce_job_records_removed_total}. */
        double removedCount() {
            return metrics.jobRecordsRemoved().count();
        }

        /** The expected count and every worker partial of a job, through the combiners and the final merge. */
        void reduceWholeJob(String job, JobSpec spec) {
            double[] times = TestPartials.events(11, 4000);
            expected.pipeInput(job, TestPartials.expected(job, spec, times.length).toByteArray());
            for (PartialAccumulator w : TestPartials.partials(job, ProductKind.PDS, times, 3)) {
                partials.pipeInput(Keys.shard(job, w.getSegmentRanges(0)), w.toByteArray());
                driver.advanceWallClockTime(Duration.ofMillis(60));
            }
            driver.advanceWallClockTime(Duration.ofMillis(200));
        }

        /** Every record published on {@code manta.jobs} for the job so far, in order. */
        List<JobRecord> published(String job) {
            for (KeyValue<String, byte[]> kv : jobs.readKeyValuesToList()) {
                published.computeIfAbsent(kv.key, k -> new java.util.ArrayList<>())
                        .add(kv.value == null ? null : RecordCodec.job(kv.value));
            }
            return published.getOrDefault(job, List.of());
        }

        /** A fresh view's fold of every record published for the job (what a reader saw before compaction). */
        JobRecord foldOfEverything(String job) {
            JobRecord r = null;
            for (JobRecord next : published(job)) {
                r = JobRecords.merge(r, next);
            }
            return r;
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
