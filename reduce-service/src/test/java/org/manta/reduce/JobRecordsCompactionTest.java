package org.manta.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.CompactedTopicReader;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.kafka.KeyedTopicView;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.testing.KafkaTestResource;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ProductKind;

/**
 * {@code manta.jobs} really compacted, on a real broker whose log cleaner runs every 200 ms: every service's
 * partial records go to {@code manta.job-events}, reduce-service's fold publishes each job's full record on
 * {@code manta.jobs}; then the topic is set to roll segments every 100 ms and clean at any dirty ratio, so the
 * log cleaner leaves one record per job; a view rebuilt from what is left (as a restarted ingest-service
 * rebuilds its {@code JobView}) has every job whole: spec, owner, ingest's bookkeeping and the first final
 * state — a job cancelled and then given progress counts stays CANCELLED.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = KafkaTestResource.BROKER_PROPERTY + "log.cleaner.backoff.ms", value = "200"))
class JobRecordsCompactionTest {
    /** How long the fold, the log cleaner and a view each may take (a loaded machine). */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JobSpec SPEC = TestPartials.spec(ProductKind.PDS, Norm.FRAC);
    private static final List<InputFile> INPUTS = List.of(InputFile.newBuilder().setPath("obs/a.evt").setSha256("ab12")
            .setSizeBytes(2880).setLocation("data:obs/a.evt").build());

    @Inject
    KafkaConfig kafka;

    @Test
    void aViewRebuiltFromTheCompactedTopicHasEveryJobWhole() throws Exception {
        Instant t = Instant.now();
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "t",
                Optional.empty(), List.of(Topics.JOB_EVENTS_TOPIC)))) {
            // "x": cancelled, then the reducer (which never heard of the cancel) still reports progress
            send(producer, JobRecords.queued("x", SPEC, "alice", "ingest-0", t));
            send(producer, JobRecords.running("x", "reading obs/a.evt", t));
            send(producer, JobRecords.inputsOpened("x", INPUTS, t));
            send(producer, JobRecords.cancelled("x", t));
            send(producer, JobRecords.progress("x", 5, OptionalLong.empty(), t));
            send(producer, JobRecords.progress("x", 7, OptionalLong.of(16), t));
            // "y": through to SUCCEEDED
            send(producer, JobRecords.queued("y", SPEC, "bob", "ingest-1", t));
            send(producer, JobRecords.running("y", "reading obs/a.evt", t));
            send(producer, JobRecords.inputsOpened("y", INPUTS, t));
            send(producer, JobRecords.inputSent("y", t));
            send(producer, JobRecords.progress("y", 9, OptionalLong.of(16), t));
            send(producer, JobRecords.succeeded("y", 16, "product of 16 segments", t));

            Map<String, JobRecord> before = awaitFinal(Set.of("x", "y"));
            Map<String, Integer> counts = recordsPerJob();
            assertTrue(counts.get("x") > 1 && counts.get("y") > 1, "several records per job before compaction: " + counts);

            compactAggressively();
            Thread.sleep(300);     // older than segment.ms: the next appends roll new segments on every partition
            for (String roll : oneJobPerPartition()) {
                send(producer, JobRecords.queued(roll, SPEC, "carol", "ingest-0", t));
            }
            awaitFinalOrQueued(oneJobPerPartition());
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while ((counts.get("x") > 1 || counts.get("y") > 1) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                counts = recordsPerJob();
            }
            assertEquals(1, counts.get("x"), "the log cleaner left one record of x: " + counts);
            assertEquals(1, counts.get("y"), "the log cleaner left one record of y: " + counts);

            Map<String, JobRecord> after = rebuiltView(Set.of("x", "y"));
            assertEquals(before, after, "the view rebuilt from the compacted topic equals the one of every record");
            JobRecord x = after.get("x");
            assertEquals(JobState.CANCELLED, x.getState(), x.getMessage());
            assertEquals(SPEC, x.getSpec());
            assertEquals("alice", x.getOwner());
            assertEquals("ingest-0", x.getIngest().getInstanceId());
            assertEquals(INPUTS, x.getIngest().getInputsList());
            JobRecord y = after.get("y");
            assertEquals(JobState.SUCCEEDED, y.getState(), y.getMessage());
            assertEquals(SPEC, y.getSpec());
            assertEquals("bob", y.getOwner());
            assertTrue(y.getIngest().getInputSent());
            assertEquals(16, y.getSegmentsDone());
            assertEquals("product of 16 segments", y.getMessage());
        }
    }

    /** {@code manta.jobs}: roll a segment every 100 ms and clean at any dirty ratio, with no compaction lag. */
    private void compactAggressively() throws Exception {
        ConfigResource jobs = new ConfigResource(ConfigResource.Type.TOPIC, Topics.JOBS);
        List<AlterConfigOp> ops = List.of(
                new AlterConfigOp(new ConfigEntry(TopicConfig.SEGMENT_MS_CONFIG, "100"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry(TopicConfig.DELETE_RETENTION_MS_CONFIG, "100"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0"), AlterConfigOp.OpType.SET));
        KafkaTestResource.broker().admin().incrementalAlterConfigs(Map.of(jobs, ops)).all().get(30, TimeUnit.SECONDS);
    }

    private static void send(KafkaProducer<String, byte[]> producer, JobRecord r) throws Exception {
        producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, r.getJobId(), r.toByteArray())).get(30, TimeUnit.SECONDS);
    }

    /** Job ids that land on every partition of {@code manta.jobs} (the default partitioner's murmur2 of the key). */
    private static List<String> oneJobPerPartition() {
        Map<Integer, String> ids = new TreeMap<>();
        for (int i = 0; ids.size() < Topics.JOB_KEYED_PARTITIONS; i++) {
            String id = "roll-" + i;
            ids.putIfAbsent(Utils.toPositive(Utils.murmur2(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    % Topics.JOB_KEYED_PARTITIONS, id);
        }
        return List.copyOf(ids.values());
    }

    /** A view of {@code manta.jobs} (as {@code JobView} folds it) once it has the given jobs final. */
    private Map<String, JobRecord> awaitFinal(Set<String> jobs) throws InterruptedException {
        return await(jobs, r -> JobRecords.isFinal(r.getState()));
    }

    private void awaitFinalOrQueued(Collection<String> jobs) throws InterruptedException {
        await(new HashSet<>(jobs), r -> true);
    }

    private Map<String, JobRecord> await(Set<String> jobs, java.util.function.Predicate<JobRecord> done)
            throws InterruptedException {
        try (KeyedTopicView<JobRecord> view = new KeyedTopicView<>(kafka, "compaction-test-view", Topics.JOBS_TOPIC,
                RecordCodec::job, JobRecords::merge).start()) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                Map<String, JobRecord> seen = new TreeMap<>();
                jobs.forEach(j -> view.get(j).filter(done).ifPresent(r -> seen.put(j, r)));
                if (seen.size() == jobs.size()) {
                    return seen;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("jobs " + jobs + " not there on " + Topics.JOBS + " within " + PATIENCE + ": "
                    + view.values().stream().map(r -> r.getJobId() + " " + r.getState()).toList());
        }
    }

    /** A fresh view of the topic as it is now, read to its end. */
    private Map<String, JobRecord> rebuiltView(Set<String> jobs) {
        try (KeyedTopicView<JobRecord> view = new KeyedTopicView<>(kafka, "compaction-test-rebuilt", Topics.JOBS_TOPIC,
                RecordCodec::job, JobRecords::merge).start()) {
            assertTrue(view.awaitCaughtUp(PATIENCE), "the rebuilt view read " + Topics.JOBS);
            Map<String, JobRecord> out = new TreeMap<>();
            jobs.forEach(j -> out.put(j, view.get(j).orElseThrow()));
            return out;
        }
    }

    /** The number of records of each job on {@code manta.jobs} now, from the beginning to the end. */
    private Map<String, Integer> recordsPerJob() {
        Map<String, Integer> counts = new TreeMap<>();
        List<String> keys = new ArrayList<>();
        try (CompactedTopicReader reader = new CompactedTopicReader(kafka, "compaction-test-count", Topics.JOBS_TOPIC,
                r -> {
                    synchronized (keys) {
                        keys.add(r.key());
                    }
                }).start()) {
            assertTrue(reader.awaitCaughtUp(PATIENCE), "read " + Topics.JOBS);
        }
        synchronized (keys) {
            keys.forEach(k -> counts.merge(k, 1, Integer::sum));
        }
        return counts;
    }
}
