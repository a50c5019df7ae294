package org.manta.mesh.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.manta.mesh.TopicSpec;
import org.manta.mesh.Topics;
import org.manta.mesh.client.MeshCallException;
import org.manta.mesh.client.EdgeCredentials;
import org.manta.mesh.client.MeshClient;
import org.manta.mesh.common.kafka.DeadLetters;
import org.manta.mesh.harness.LocalMesh;
import org.manta.mesh.harness.MeshService;
import org.manta.mesh.harness.ServiceProcess;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.JobStatus;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;

/**
 * Faults the mesh must survive (issue 11), on a real broker and the services as separate JVMs:
 * <ol>
 *   <li>kill -9 of the broker mid-job, restarted on its data: the job completes with the clean product;</li>
 *   <li>two instances of segment-service and of reduce-service, one of each killed mid-job: the survivors
 *       take the partitions over (a rebalance) and the product is the clean one;</li>
 *   <li>two ingest replicas: jobs submitted to either are watched and served by both;</li>
 *   <li>poison records on the inputs, units and partials topics fail their (made-up) jobs, each is on
 *       {@code manta.dead-letters} once with its stage, source and its job's reason, and every stage serves the
 *       next job;</li>
 *   <li>with {@code -Dmanta.chaos.rounds=N}: N rounds of a random job and a kill -9 of a random service or
 *       the broker at a random moment (summary in {@code target/chaos.md});</li>
 *   <li>a job cancelled on the other ingest replica stops every stage and frees its state.</li>
 * </ol>
 * "The clean product": the same numbers as the embedded pipeline's (mesh == embedded is the guarantee;
 * {@link Products#POWER_TOL}), m exactly the job's segment count and every expected segment merged, so a
 * segment lost or merged twice shows as a wrong m and powers off by ~1/m, far above the tolerance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeshFaultsIT {
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration READY = Duration.ofSeconds(180);
    /** Submit to {@code JobInput} on manta.inputs: a job's file is hashed, opened and planned in well under a second. */
    private static final Duration PROMPT_INPUT = Duration.ofSeconds(3);
    private static final JobSpec SIM_PDS = SimulatedObservation.SIM_PDS;
    /** The jobs of the chaos rounds: 4000 segments each. */
    private static final List<JobSpec> CHAOS_JOBS = List.of(SIM_PDS,
            SIM_PDS.toBuilder().setKind(ProductKind.DYNPS).setNorm(Norm.FRAC).build(),
            SIM_PDS.toBuilder().setKind(ProductKind.CPDS).addInputs("sim.evt").setNorm(Norm.ABS).build());

    private Path target;
    private Path dataRoot;
    private LocalMesh mesh;
    private MeshClient client;
    private long simSegments;
    private final Map<JobSpec, Product> clean = new java.util.HashMap<>();

    @BeforeAll
    void startMesh() throws IOException {
        Path root = Path.of(System.getProperty("manta.repo.root", "..")).toAbsolutePath().normalize();
        target = root.resolve("mesh-e2e").resolve("target");
        dataRoot = Files.createDirectories(target.resolve("faults-data"));
        SimulatedObservation.writeSimUnlessPresent(dataRoot);
        simSegments = SimulatedObservation.simSegments();
        mesh = LocalMesh.builder(root).dataRoot(dataRoot)
                .workDir(target.resolve("faults-mesh-" + System.currentTimeMillis()))
                .property(MeshService.FFT, "manta.fft.workers", "2")
                // many small transactions and units, so that a kill lands mid-job
                .property(MeshService.FFT, "manta.fft.max-units-per-batch", "1")
                // the workers' partials straight to the final merge (tree depth 2; MeshEndToEndIT runs depth 3),
                // except the poison record's, which the combiners read
                .property(MeshService.FFT, "manta.fft.direct-max-units", "100000")
                .property(MeshService.SEGMENT, "manta.segment.unit-max-segments", "16")
                .readyTimeout(READY)
                .start();
        client = MeshClient.connect(mesh.grpcTarget(), EdgeCredentials.tls(mesh.caCertificate(), mesh.token()));
    }

    @AfterAll
    void stopMesh() {
        if (client != null) {
            client.close();
        }
        if (mesh != null) {
            mesh.close();
        }
    }

    /** The product of a job without faults: the embedded pipeline's (computed once per spec). */
    private Product clean(JobSpec spec) {
        return clean.computeIfAbsent(spec, s -> Embedded.product(s, dataRoot));
    }

    @Test
    @Order(1)
    void brokerKilledMidJobAndRestartedOnItsDataGivesTheCleanProduct() throws Exception {
        String job = client.submit(SIM_PDS);
        JobStatus atKill = awaitStatus(client, job, s -> s.getSegmentsDone() >= simSegments / 10, "10 % of the segments merged");
        long port = mesh.broker().port();
        mesh.broker().kill();
        System.out.printf("kill -9 of the broker at %d of %d segments merged%n", atKill.getSegmentsDone(), simSegments);
        assertTrue(atKill.getSegmentsDone() < simSegments, "killed mid-job: " + atKill.getSegmentsDone());
        Thread.sleep(2000);
        mesh.broker().restart();
        assertEquals(port, mesh.broker().port(), "the same port");
        System.out.printf("broker restarted in %d ms%n", mesh.broker().startupTime().toMillis());
        assertCleanRun("broker killed at " + atKill.getSegmentsDone() + "/" + simSegments, client, job, SIM_PDS);
    }

    /**
     * Two instances of segment-service and of reduce-service; the added ones are killed while jobs are
     * planned and merged. The survivors take over their partitions (static members: after the session
     * timeout) and every job ends with the clean product.
     */
    @Test
    @Order(2)
    void secondInstancesOfSegmentAndReduceKilledMidJobGiveTheCleanProduct() throws Exception {
        ServiceProcess segment = mesh.addInstance(MeshService.SEGMENT, READY);
        ServiceProcess reduce = mesh.addInstance(MeshService.REDUCE, READY);
        try {
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                jobs.add(client.submit(SIM_PDS));
            }
            awaitStatus(client, jobs.get(0), JobStatus::hasSegmentsExpected, "the first job planned");
            segment.kill();
            JobStatus atKill = awaitStatus(client, jobs.get(0), s -> s.getSegmentsDone() >= simSegments / 10,
                    "10 % of the first job merged");
            reduce.kill();
            System.out.printf("kill -9 of the second segment-service after the first job was planned, of the second"
                    + " reduce-service at %d of %d segments merged%n", atKill.getSegmentsDone(), simSegments);
            assertTrue(atKill.getSegmentsDone() < simSegments, "killed mid-job: " + atKill.getSegmentsDone());
            for (String job : jobs) {
                assertCleanRun("second segment and reduce instances killed: " + job, client, job, SIM_PDS);
            }
        } finally {
            mesh.removeAddedInstances(MeshService.SEGMENT, Duration.ofSeconds(10));
            mesh.removeAddedInstances(MeshService.REDUCE, Duration.ofSeconds(10));
        }
    }

    /** Two ingest replicas behind two targets: a job submitted to one is watched and fetched on both. */
    @Test
    @Order(3)
    void twoIngestReplicasServeEachOthersJobs() throws Exception {
        try (MeshClient other = secondIngest()) {
            String first = client.submit(SIM_PDS);
            String viaOther = other.submit(SIM_PDS);
            assertCleanRun("submitted to the first ingest, watched on the second", other, first, SIM_PDS);
            assertCleanRun("submitted to the second ingest, watched on the first", client, viaOther, SIM_PDS);
            Products.assertSameProduct("the first replica serves the second's job", other.product(viaOther),
                    client.product(viaOther));
            Products.assertSameProduct("the second replica serves the first's job", client.product(first),
                    other.product(first));
        } finally {
            mesh.removeAddedInstances(MeshService.INGEST, Duration.ofSeconds(10));
        }
    }

    /**
     * One unreadable record on each of manta.inputs, manta.units and manta.partials: each fails its job
     * with the stage's reason, and the stages (segment-service, fft-service, reduce-service's combiners)
     * go on to serve the next job.
     */
    @Test
    @Order(4)
    void poisonRecordsFailTheirJobsAndEveryStageServesTheNextJob() throws Exception {
        byte[] garbage = {0x0a, (byte) 0xff, (byte) 0xff, 0x7f, 0x01};
        Map<String, Object> p = new java.util.HashMap<>(mesh.broker().clientConfig());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.INPUTS, "poison-input", garbage)).get();
            producer.send(new ProducerRecord<>(Topics.UNITS, "poison-unit/0", garbage)).get();
            producer.send(new ProducerRecord<>(Topics.PARTIALS, "poison-partial/0", garbage)).get();
        }
        assertFailed("poison-input", "segment-service: unreadable job input");
        assertFailed("poison-unit", "fft-service: cannot process work unit poison-unit/0");
        assertFailed("poison-partial", "reduce-service: unusable partial accumulator");
        // each poison record is on manta.dead-letters once (committed), as it was, saying which stage could not
        // process it, where it came from and why: the reason its job failed with
        Map<String, ConsumerRecord<String, byte[]>> dead = deadLetters(List.of("poison-input", "poison-unit/0",
                "poison-partial/0"));
        Map<String, List<String>> expected = Map.of("poison-input", List.of("segment-service", Topics.INPUTS, "poison-input"),
                "poison-unit/0", List.of("fft-service", Topics.UNITS, "poison-unit"),
                "poison-partial/0", List.of("reduce-service", Topics.PARTIALS, "poison-partial"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            ConsumerRecord<String, byte[]> d = dead.get(e.getKey());
            org.junit.jupiter.api.Assertions.assertArrayEquals(garbage, d.value(), e.getKey() + ": the record as it was");
            assertEquals(e.getValue(), List.of(DeadLetters.header(d.headers(), DeadLetters.STAGE),
                    DeadLetters.header(d.headers(), DeadLetters.TOPIC), DeadLetters.header(d.headers(), DeadLetters.JOB)),
                    e.getKey() + ": stage, topic, job");
            assertTrue(Long.parseLong(DeadLetters.header(d.headers(), DeadLetters.OFFSET)) >= 0, e.getKey() + ": its offset");
            assertEquals(client.status(e.getValue().get(2)).getMessage(), DeadLetters.header(d.headers(), DeadLetters.ERROR),
                    e.getKey() + ": the error is its job's reason");
        }
        String next = client.submit(SIM_PDS);
        assertCleanRun("the job after the poison records", client, next, SIM_PDS);
        for (MeshService s : List.of(MeshService.SEGMENT, MeshService.FFT, MeshService.REDUCE)) {
            mesh.service(s).awaitReady(Duration.ofSeconds(5));
        }
    }

    /**
     * {@code -Dmanta.chaos.rounds=N} (default 0: skipped): N rounds, each a random job of {@link #CHAOS_JOBS}
     * with kill -9 of a random service or the broker after a random delay (0 to a clean job's duration: while
     * the job is prepared, planned, folded or merged), a random downtime (0 to 3 s), a restart; then the job must
     * end SUCCEEDED with the clean product, no segment lost or merged twice. A line per round on stdout;
     * {@code target/chaos.md} sums them up; the test fails if any round did.
     */
    @Test
    @Order(5)
    void chaos() throws Exception {
        int rounds = Integer.getInteger("manta.chaos.rounds", 0);
        Assumptions.assumeTrue(rounds > 0, "chaos is off: run with -Dmanta.chaos.rounds=N");
        long seed = Long.getLong("manta.chaos.seed", System.nanoTime());
        Random rnd = new Random(seed);
        long t0 = System.nanoTime();
        String warmUp = client.submit(SIM_PDS);
        assertCleanRun("chaos: a clean job", client, warmUp, SIM_PDS);
        long cleanMillis = (System.nanoTime() - t0) / 1_000_000;
        List<String> victims = new ArrayList<>(List.of("broker"));
        mesh.services().forEach(s -> victims.add(s.module()));

        List<ChaosRound> done = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            int kind = rnd.nextInt(CHAOS_JOBS.size());
            JobSpec spec = CHAOS_JOBS.get(kind);
            String victim = victims.get(rnd.nextInt(victims.size()));
            long delay = (long) (rnd.nextDouble() * cleanMillis);
            long down = rnd.nextInt(3000);
            Product expected = clean(spec);
            long start = System.nanoTime();
            String job = client.submit(spec);
            Thread.sleep(delay);
            long mergedAtKill = statusOrNull(job);
            kill(victim);
            Thread.sleep(down);
            long restart = System.nanoTime();
            restart(victim);
            long restartMillis = (System.nanoTime() - restart) / 1_000_000;
            ChaosRound r = ChaosRound.check(round, spec.getKind() + (spec.getInputsCount() > 1 ? " sim x sim" : " sim"),
                    victim, delay, mergedAtKill, down, restartMillis, expected, () -> finish(job));
            r = r.took((System.nanoTime() - start) / 1_000_000);
            done.add(r);
            System.out.println(r.line());
        }
        Path summary = target.resolve("chaos.md");
        Files.writeString(summary, ChaosRound.summary(done, seed, cleanMillis));
        System.out.println(Files.readString(summary));
        assertTrue(done.stream().allMatch(ChaosRound::ok), "failed chaos rounds:\n"
                + String.join("\n", done.stream().filter(r -> !r.ok()).map(ChaosRound::line).toList()));
    }

    /** Waits for the job's end, retrying while the edge restarts; its final progress and product (if it succeeded). */
    private ChaosRound.Outcome finish(String job) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (true) {
            try {
                List<JobProgress> progress = client.watch(job, JOB_TIMEOUT);
                JobProgress last = progress.get(progress.size() - 1);
                return new ChaosRound.Outcome(last, last.getState() == JobState.SUCCEEDED ? client.product(job) : null);
            } catch (MeshCallException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private long statusOrNull(String job) {
        try {
            return client.status(job).getSegmentsDone();
        } catch (MeshCallException e) {
            return -1;
        }
    }

    /**
     * A job submitted to the first ingest replica and cancelled mid-run on the second (issue 11, lifecycle): it
     * ends CANCELLED; every stage hears of it through manta.jobs: the fft workers skip its remaining units
     * unread (units folded + units skipped = units planned, some skipped) and fold no more once it is final,
     * reduce-service drops its merge state (abandoned, bytes freed), segment-service marks it final; no product
     * is served (FAILED_PRECONDITION on both replicas) and the next job gets the clean product, which its owner
     * then deletes through the edge (NOT_FOUND afterwards on both replicas).
     */
    @Test
    @Order(6)
    void aJobCancelledOnTheOtherIngestReplicaStopsEveryStageAndFreesItsState() throws Exception {
        try (MeshClient other = secondIngest()) {
            String fftBefore = mesh.service(MeshService.FFT).metrics();
            String segmentBefore = mesh.service(MeshService.SEGMENT).metrics();
            String reduceBefore = mesh.service(MeshService.REDUCE).metrics();
            String job = client.submit(SIM_PDS);
            JobStatus atCancel = awaitStatus(client, job, s -> s.getSegmentsDone() >= simSegments / 10,
                    "10 % of the segments merged");
            JobStatus cancelled = other.cancel(job);
            assertEquals(JobState.CANCELLED, cancelled.getState(), "the other replica cancels it: " + cancelled.getMessage());
            List<JobProgress> watched = client.watch(job, JOB_TIMEOUT);
            JobProgress last = watched.get(watched.size() - 1);
            assertEquals(JobState.CANCELLED, last.getState(), "the owning replica's Watch ends CANCELLED");
            assertTrue(last.getSegmentsDone() < simSegments, "cancelled mid-run: " + last.getSegmentsDone());
            System.out.printf("cancelled on the second ingest replica at %d of %d segments merged%n",
                    atCancel.getSegmentsDone(), simSegments);

            double planned = delta(segmentBefore, MeshService.SEGMENT, "manta_segment_units_total");
            long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
            double folded;
            double skipped;
            do {
                Thread.sleep(200);
                folded = delta(fftBefore, MeshService.FFT, "manta_fft_units_total");
                skipped = delta(fftBefore, MeshService.FFT, "manta_fft_units_skipped_total");
            } while (folded + skipped < planned && System.nanoTime() < deadline);
            System.out.printf("units: %.0f planned, %.0f folded, %.0f skipped unread%n", planned, folded, skipped);
            assertEquals(planned, folded + skipped, "every unit consumed once: folded or skipped");
            assertTrue(skipped > 0, "the fft workers skipped the cancelled job's remaining units");
            Thread.sleep(2000);
            assertEquals(folded, delta(fftBefore, MeshService.FFT, "manta_fft_units_total"),
                    "no unit folded once the job is final");

            double abandoned = delta(reduceBefore, MeshService.REDUCE, "manta_reduce_jobs_abandoned_total");
            double freed = delta(reduceBefore, MeshService.REDUCE, "manta_reduce_state_freed_bytes_total");
            System.out.printf("reduce-service: %.0f job(s) abandoned, %.0f bytes of merge state freed%n", abandoned, freed);
            assertEquals(1, abandoned, "reduce-service dropped the cancelled job's merge");
            assertTrue(freed > 0, "its merge state freed: " + freed);
            assertTrue(delta(segmentBefore, MeshService.SEGMENT, "manta_segment_jobs_final_total") >= 1,
                    "segment-service knows the job is final");
            for (MeshClient via : List.of(client, other)) {
                MeshCallException e = org.junit.jupiter.api.Assertions.assertThrows(MeshCallException.class,
                        () -> via.product(job));
                assertEquals(io.grpc.Status.Code.FAILED_PRECONDITION, e.code(), "no product of a cancelled job: " + e);
            }

            // the next job, through the replica that cancelled, is watched at once on the first replica, which learns
            // of it only through reduce-service's fold onto manta.jobs (it waits for a job it does not know yet), and
            // its input is published promptly
            long submittedAt = System.currentTimeMillis();
            String next = other.submit(SIM_PDS);
            long acceptedAt = System.currentTimeMillis();
            assertCleanRun("the job after the cancelled one", client, next, SIM_PDS);
            Duration toInput = Duration.ofMillis(inputPublishedAt(next) - submittedAt);
            System.out.printf("the job after the cancelled one: Submit answered in %d ms, JobInput on %s %d ms after the"
                    + " call%n", acceptedAt - submittedAt, Topics.INPUTS, toInput.toMillis());
            assertTrue(toInput.compareTo(PROMPT_INPUT) < 0, "the job's input published within " + PROMPT_INPUT + ": " + toInput);

            // products: deleted by the owner through either replica (forwarded to reduce-service), then NOT_FOUND
            assertTrue(other.deleteProduct(next) >= 1, "the product's pieces deleted");
            for (MeshClient via : List.of(client, other)) {
                MeshCallException gone = org.junit.jupiter.api.Assertions.assertThrows(MeshCallException.class,
                        () -> via.product(next));
                assertEquals(io.grpc.Status.Code.NOT_FOUND, gone.code(), "a deleted product: " + gone);
            }
            assertEquals(0, client.deleteProduct(next), "deleted once");
        } finally {
            mesh.removeAddedInstances(MeshService.INGEST, Duration.ofSeconds(10));
        }
    }

    /** A second ingest replica (instance id 1) and a client of it (removed in the test's finally). */
    private MeshClient secondIngest() {
        ServiceProcess second = mesh.addInstance(MeshService.INGEST, READY);
        return MeshClient.connect("127.0.0.1:" + second.port(), EdgeCredentials.tls(mesh.caCertificate(), mesh.token()));
    }

    /** How much a counter of a service grew since {@code before} (its metrics then). */
    private double delta(String before, MeshService service, String counter) {
        return MeshMetrics.counter(mesh.service(service).metrics(), counter) - MeshMetrics.counter(before, counter);
    }

    private void kill(String victim) {
        if (victim.equals("broker")) {
            mesh.broker().kill();
        } else {
            mesh.service(service(victim)).kill();
        }
    }

    private void restart(String victim) {
        if (victim.equals("broker")) {
            mesh.broker().restart();
        } else {
            mesh.restart(service(victim), READY);
        }
    }

    private static MeshService service(String module) {
        for (MeshService s : MeshService.values()) {
            if (s.module().equals(module)) {
                return s;
            }
        }
        throw new IllegalArgumentException(module);
    }

    /** The job succeeded with every expected segment merged once and the clean product's numbers. */
    private void assertCleanRun(String what, MeshClient via, String job, JobSpec spec) {
        List<JobProgress> progress = via.watch(job, JOB_TIMEOUT);
        JobProgress last = progress.get(progress.size() - 1);
        assertEquals(JobState.SUCCEEDED, last.getState(), what + ": " + last.getMessage());
        assertEquals(simSegments, last.getSegmentsExpected(), what + ": segments expected");
        assertEquals(simSegments, last.getSegmentsDone(), what + ": segments merged");
        Product product = via.product(job);
        assertEquals(simSegments, product.getM(), what + ": m (a segment lost or merged twice changes it)");
        Products.assertSameProduct(what, clean(spec), product);
    }

    /**
     * The committed dead letters with these keys (each must come once within the job timeout), read from the start
     * of {@code manta.dead-letters}.
     */
    private Map<String, ConsumerRecord<String, byte[]>> deadLetters(List<String> keys) {
        Map<String, ConsumerRecord<String, byte[]>> found = new java.util.HashMap<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = fromTheStart(Topics.DEAD_LETTERS_TOPIC)) {
            long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
            while (!found.keySet().containsAll(keys) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(r.key())) {
                        found.put(r.key(), r);
                        seen.merge(r.key(), 1, Integer::sum);
                    }
                }
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {     // none twice
                if (keys.contains(r.key())) {
                    seen.merge(r.key(), 1, Integer::sum);
                }
            }
        }
        for (String k : keys) {
            assertEquals(1, seen.getOrDefault(k, 0), k + ": dead letters on " + Topics.DEAD_LETTERS);
        }
        return found;
    }

    /** When a job's (first) {@code JobInput} went on {@code manta.inputs}: its record's timestamp, epoch ms. */
    private long inputPublishedAt(String job) {
        try (KafkaConsumer<String, byte[]> consumer = fromTheStart(Topics.INPUTS_TOPIC)) {
            long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key().equals(job)) {
                        return r.timestamp();
                    }
                }
            }
        }
        throw new AssertionError("no JobInput of job " + job + " on " + Topics.INPUTS);
    }

    /** A consumer of every partition of a topic from its beginning, committed records only. */
    private KafkaConsumer<String, byte[]> fromTheStart(TopicSpec topic) {
        Map<String, Object> c = new java.util.HashMap<>(mesh.broker().clientConfig());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, topic.maxMessageBytes());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int i = 0; i < topic.partitions(); i++) {
            partitions.add(new TopicPartition(topic.name(), i));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private void assertFailed(String job, String reason) throws InterruptedException {
        JobStatus s = awaitStatus(client, job, st -> st.getState() == JobState.FAILED, "FAILED");
        assertTrue(s.getMessage().startsWith(reason), job + ": '" + s.getMessage() + "' should start with '" + reason + "'");
    }

    /** Polls {@code JobService.Get} until {@code condition} (an unknown job is polled again: its first record may be on its way). */
    private static JobStatus awaitStatus(MeshClient via, String jobId, java.util.function.Predicate<JobStatus> condition,
                                         String what) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JobStatus s = via.status(jobId);
                if (condition.test(s)) {
                    return s;
                }
            } catch (MeshCallException e) {
                if (e.code() != io.grpc.Status.Code.NOT_FOUND) {
                    throw e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + jobId + " never reached " + what);
    }
}
