package org.manta.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.core.events.EventList;
import org.manta.core.io.EventFileReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.manta.mesh.TopicSpec;
import org.manta.mesh.Topics;
import org.manta.mesh.client.MeshCallException;
import org.manta.mesh.client.EdgeCredentials;
import org.manta.mesh.client.MeshClient;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.jobs.JobView;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.storage.Storage;
import org.manta.mesh.common.testing.KafkaTestResource;
import org.manta.mesh.common.testing.Management;
import org.manta.mesh.common.testing.TestTokens;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.EventBatch;
import org.manta.proto.v1.Gti;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.JobRef;
import org.manta.proto.v1.JobServiceGrpc;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.JobStatus;
import org.manta.proto.v1.ObservationInfo;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.RunningProduct;
import org.manta.proto.v1.UploadRequest;

/**
 * The edge against a real broker: specs and paths validated (INVALID_ARGUMENT), unknown jobs
 * (NOT_FOUND), each job's input published once on manta.inputs by reference (a plain file where it lies,
 * a .gz file and uploads staged as event files holding the same events), a malformed or unplannable file
 * fails its job and not the service, uploads above the limit are refused (RESOURCE_EXHAUSTED) and leave
 * nothing, cancellation, Watch attaches running products (from manta.running) only to jobs that want them.
 * The data root is the reference data in target/test-classes/data, the staging root target/staging;
 * uploads are limited to 4096 bytes here.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class IngestServiceTest {
    private static final Path DATA = Path.of("target/test-classes/data");

    @TestHTTPResource
    URL url;
    @Inject
    KafkaConfig kafka;
    @Inject
    JobView view;
    @Inject
    Storage storage;

    private MeshClient client;

    @BeforeEach
    void connect() {
        client = MeshClient.connect(url.getHost(), url.getPort(), EdgeCredentials.plaintext(TestTokens.ALICE));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static JobSpec.Builder pds(String input) {
        return JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs(input).setDt(1.0 / 16).setSegmentSize(64);
    }

    @Test
    void badSpecsAndPathsAreInvalidArguments() throws Exception {
        assertInvalid(pds("monol_testA.evt").setKind(ProductKind.PRODUCT_KIND_UNSPECIFIED), "kind = PRODUCT_KIND_UNSPECIFIED");
        assertInvalid(pds("monol_testA.evt").setKind(ProductKind.LC), "segment_size = 64.0: expected unset for LC");
        assertInvalid(pds("monol_testA.evt").setDt(0), "dt = 0.0");
        assertInvalid(pds("/etc/passwd"), "not an absolute path");
        assertInvalid(pds("../../pom.xml"), "no '..'");
        assertInvalid(pds("missing.evt"), "an existing file under the data root");
        MeshCallException missing = assertThrows(MeshCallException.class, () -> client.submit(pds("missing.evt").build()));
        assertEquals("inputs[0]", missing.fieldViolation().orElseThrow().getField(), "the field, for a client's words");
        assertEquals("expected an existing file under the data root", missing.fieldViolation().orElseThrow()
                .getDescription());
        assertEquals("segment_size", assertThrows(MeshCallException.class, () -> client.submit(pds("monol_testA.evt")
                .setSegmentSize(1e9).build())).fieldViolation().orElseThrow().getField());
        Path link = DATA.resolve("outside.evt");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("pom.xml").toAbsolutePath());
        assertInvalid(pds("outside.evt"), "it links outside");
    }

    @Test
    void aCallWithoutATokenOrWithAWrongOneIsUnauthenticated() {
        for (EdgeCredentials c : List.of(EdgeCredentials.none(), EdgeCredentials.plaintext("not-a-token"))) {
            try (MeshClient stranger = MeshClient.connect(url.getHost(), url.getPort(), c)) {
                for (Runnable call : List.<Runnable>of(() -> stranger.submit(pds("monol_testA.evt").build()),
                        () -> stranger.status("no-such-job"), () -> stranger.product("no-such-job"))) {
                    MeshCallException e = assertThrows(MeshCallException.class, call::run);
                    assertEquals(Status.Code.UNAUTHENTICATED, e.code(), e.getMessage());
                    assertTrue(e.description().startsWith("unauthenticated"), e.description());
                }
            }
        }
    }

    @Test
    void aUserSeesWatchesFetchesAndCancelsOnlyItsOwnJobsAndAnAdminSeesAll() {
        String alices = client.submit(pds("monol_testA.evt").build());
        assertEquals("alice", client.status(alices).getOwner(), "the job is the submitter's");
        assertEquals("alice", view.get(alices, Duration.ofSeconds(5)).orElseThrow().getOwner(), "in the job view");
        try (MeshClient bob = MeshClient.connect(url.getHost(), url.getPort(), EdgeCredentials.plaintext(TestTokens.BOB));
             MeshClient admin = MeshClient.connect(url.getHost(), url.getPort(), EdgeCredentials.plaintext(TestTokens.ADMIN))) {
            for (Runnable call : List.<Runnable>of(() -> bob.status(alices), () -> bob.cancel(alices),
                    () -> bob.watch(alices, Duration.ofSeconds(30)), () -> bob.product(alices))) {
                MeshCallException e = assertThrows(MeshCallException.class, call::run);
                assertEquals(Status.Code.NOT_FOUND, e.code(), "another user's job reads as unknown: " + e.getMessage());
                assertTrue(e.description().contains(alices) && e.description().contains("no such job"), e.description());
            }
            assertFalse(client.status(alices).getState() == JobState.CANCELLED, "bob's cancel did nothing");
            JobStatus seen = admin.status(alices);
            assertEquals("alice", seen.getOwner(), "an admin sees every job");
            String bobs = bob.submit(pds("monol_testA.evt").build());
            assertEquals("bob", admin.status(bobs).getOwner());
            assertEquals(Status.Code.NOT_FOUND, assertThrows(MeshCallException.class, () -> client.status(bobs)).code());
            assertEquals(JobState.CANCELLED, admin.cancel(bobs).getState(), "an admin cancels any job");
            assertEquals(JobState.CANCELLED, bob.status(bobs).getState());
        }
    }

    @Test
    void unknownJobsAreNotFound() {
        String nope = "no-such-job";
        for (Runnable call : List.<Runnable>of(() -> client.status(nope), () -> client.cancel(nope),
                () -> client.watch(nope, Duration.ofSeconds(30)))) {
            MeshCallException e = assertThrows(MeshCallException.class, call::run);
            assertEquals(Status.Code.NOT_FOUND, e.code());
            assertTrue(e.description().contains("no-such-job"), e.description());
        }
    }

    /**
     * Calls about unknown jobs wait for them (2 s here), at most {@code manta.ingest.unknown-job-waits} (2 here) at
     * once: a third is RESOURCE_EXHAUSTED at once, naming the setting; once the two are answered (NOT_FOUND), an unknown
     * id waits again.
     */
    @Test
    void callsWaitingForUnknownJobsAreBounded() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Status.Code>> waiting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String id = "unknown-" + i;
                waiting.add(callers.submit(() -> assertThrows(MeshCallException.class, () -> client.status(id)).code()));
            }
            Thread.sleep(500);       // both are waiting for their job (2 s)
            long t0 = System.nanoTime();
            MeshCallException refused = assertThrows(MeshCallException.class, () -> client.status("unknown-2"));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.code(), refused.description());
            assertTrue(refused.description().contains("manta.ingest.unknown-job-waits"), refused.description());
            assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "refused at once, not after a wait");
            for (Future<Status.Code> f : waiting) {
                assertEquals(Status.Code.NOT_FOUND, f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(Status.Code.NOT_FOUND, assertThrows(MeshCallException.class,
                    () -> client.status("unknown-3")).code(), "a wait is free again");
        } finally {
            callers.shutdownNow();
        }
    }

    /**
     * A final job whose record reduce-service's job-record retention removed (a tombstone on manta.jobs) is unknown
     * here, as a job that never existed: Get, Watch and Cancel answer NOT_FOUND, and the view no longer holds it.
     */
    @Test
    void aJobRemovedByATombstoneOnTheJobsTopicIsNotFound() throws Exception {
        String jobId = UUID.randomUUID().toString();
        JobRecord done = JobRecords.merge(JobRecords.queued(jobId, pds("monol_testA.evt").build(), "alice", "another-replica",
                Instant.now()), JobRecords.succeeded(jobId, 16, "done", Instant.now()));
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "t",
                Optional.empty(), List.of(Topics.JOBS_TOPIC)))) {
            producer.send(new ProducerRecord<>(Topics.JOBS, jobId, done.toByteArray())).get();   // the fold's full record
            assertEquals(JobState.SUCCEEDED, client.status(jobId).getState());
            producer.send(new ProducerRecord<>(Topics.JOBS, jobId, (byte[]) null)).get();         // the retention's tombstone
        }
        await(() -> view.get(jobId, Duration.ZERO).isEmpty(), "the tombstone to remove the job from the view");
        assertTrue(view.all().stream().noneMatch(r -> r.getJobId().equals(jobId)));
        for (Runnable call : List.<Runnable>of(() -> client.status(jobId), () -> client.cancel(jobId),
                () -> client.watch(jobId, Duration.ofSeconds(30)))) {
            MeshCallException e = assertThrows(MeshCallException.class, call::run);
            assertEquals(Status.Code.NOT_FOUND, e.code(), e.description());
            assertTrue(e.description().contains(jobId), e.description());
        }
    }

    /**
     * A job that another replica accepted reaches this one's view only when reduce-service has folded its records onto
     * manta.jobs, a moment after that replica's Submit returned: a Get in that moment waits for it (up to
     * {@code manta.ingest.unknown-job-patience}, 2 s here) instead of answering NOT_FOUND.
     */
    @Test
    void aJobAcceptedByAnotherReplicaIsAnsweredOnceItsRecordArrives() throws Exception {
        String jobId = UUID.randomUUID().toString();
        JobRecord queued = JobRecords.queued(jobId, pds("monol_testA.evt").build(), "alice", "another-replica", Instant.now());
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "t",
                Optional.empty(), List.of(Topics.JOBS_TOPIC)))) {
            producer.partitionsFor(Topics.JOBS);       // connected before the clock starts
            long start = System.nanoTime();
            CompletableFuture<Long> answered = CompletableFuture.supplyAsync(() -> client.status(jobId))
                    .thenApply(status -> {
                        assertEquals(jobId, status.getJobId());
                        assertEquals(JobState.QUEUED, status.getState());
                        assertEquals("alice", status.getOwner());
                        return System.nanoTime();
                    });
            Thread.sleep(400);
            producer.send(new ProducerRecord<>(Topics.JOBS, jobId, queued.toByteArray())).get();   // reduce-service's fold
            long sent = System.nanoTime();
            long at = answered.get(10, TimeUnit.SECONDS);
            System.out.printf("a job unknown for %d ms answered %d ms after its record was written%n",
                    (sent - start) / 1_000_000, (at - sent) / 1_000_000);
            assertTrue(at > sent, "answered once the record arrived, not before");
        }
    }

    @Test
    void aSubmittedFileIsPublishedOnceByReference() throws Exception {
        JobSpec spec = pds("monol_testA.evt").build();
        String jobId = client.submit(spec);
        JobStatus status = client.status(jobId);
        assertEquals(jobId, status.getJobId());
        assertTrue(status.getState() == JobState.QUEUED || status.getState() == JobState.RUNNING, status.getState().name());

        List<JobInput> published = Inputs.of(kafka, view, jobId);
        assertEquals(1, published.size(), "one JobInput per job");
        JobInput input = published.get(0);
        assertEquals(RecordFormat.CURRENT, input.getFormatVersion());
        assertEquals(spec, input.getSpec());
        Path file = DATA.resolve("monol_testA.evt");
        assertEquals(List.of(InputFile.newBuilder().setPath("monol_testA.evt").setSha256(sha256(file)).setSizeBytes(28800)
                .setLocation("data:monol_testA.evt").setLocationSizeBytes(28800).build()), input.getInputsList());
        assertEquals(file.toRealPath(), storage.resolve(input.getInputs(0).getLocation()));
        JobRecord record = view.get(jobId, Duration.ZERO).orElseThrow();
        assertEquals(input.getInputsList(), record.getIngest().getInputsList(), "what was opened is on the job record");
        assertEquals(JobState.RUNNING, record.getState(), "running until the reducer finishes it");
        assertFalse(Files.exists(storage.stagingRoot().resolve(jobId)), "nothing staged for a plain file");
    }

    @Test
    void aGzipInputIsStagedOnceWithTheSameEvents() throws Exception {
        String jobId = client.submit(pds("xte_test.evt.gz").build());
        List<JobInput> published = Inputs.of(kafka, view, jobId);
        assertEquals(1, published.size());
        InputFile input = published.get(0).getInputs(0);
        Path file = DATA.resolve("xte_test.evt.gz");
        assertEquals("xte_test.evt.gz", input.getPath());
        assertEquals(sha256(file), input.getSha256(), "of the bytes as given");
        assertEquals(Files.size(file), input.getSizeBytes());
        assertEquals("staging:" + jobId + "/input-0.fits", input.getLocation());
        Path staged = storage.resolve(input.getLocation());
        assertEquals(Files.size(staged), input.getLocationSizeBytes());
        try (EventFileReader original = EventFileReader.open(file); EventFileReader copy = EventFileReader.open(staged)) {
            EventList a = original.readAll(null);
            EventList b = copy.readAll(null);
            assertEquals(1000, b.size());
            assertArrayEquals(a.time(), b.time());
            assertArrayEquals(a.energy(), b.energy());
            assertArrayEquals(a.pi(), b.pi());
            assertEquals(a.gti(), b.gti());
        }
    }

    @Test
    void aMalformedOrUnplannableFileFailsItsJobNotTheService() throws Exception {
        Files.writeString(DATA.resolve("broken.evt"), "SIMPLE  =                    T / not really FITS\n");
        JobProgress last = last(client.submit(pds("broken.evt").build()));
        assertEquals(JobState.FAILED, last.getState());
        assertTrue(last.getMessage().startsWith("broken.evt: "), "named relative to the data root: " + last.getMessage());
        assertEquals(JobState.FAILED, client.status(last.getJobId()).getState());

        // monol_testA.evt has one GTI of 1025 s: no segment of 2048 s fits
        JobProgress tooLong = last(client.submit(pds("monol_testA.evt").setSegmentSize(2048).build()));
        assertEquals(JobState.FAILED, tooLong.getState());
        assertTrue(tooLong.getMessage().contains("2048"), tooLong.getMessage());
        Set<String> published = Inputs.all(kafka).stream().map(JobInput::getJobId).collect(Collectors.toSet());
        assertFalse(published.contains(last.getJobId()) || published.contains(tooLong.getJobId()), "no JobInput of a failed job");

        assertEquals(JobState.CANCELLED, client.cancel(client.submit(pds("monol_testA.evt").build())).getState(),
                "the service goes on");
    }

    /**
     * Jobs larger than the edge's limits are refused before any data moves, naming the limit and its property: a
     * CPDS whose partial (4 sums of 2^21 frequencies) is above the record limit of manta.partials at Submit, with no
     * job made; an upload whose first batch's GTI [0, 1e8] s makes 1e8 one-second segments (2.4 GB of segment
     * bounds, counted and not made) at that batch, its job FAILED without a staging directory; an upload whose first
     * batch brings more GTIs than manta.ingest.max-gtis (64 here), naming the list and the property.
     */
    @Test
    void jobsLargerThanTheLimitsAreRefusedBeforeAnyDataMoves() throws Exception {
        Set<String> before = view.all().stream().map(JobRecord::getJobId).collect(Collectors.toSet());
        JobSpec cross = JobSpec.newBuilder().setKind(ProductKind.CPDS).addInputs("monol_testA.evt").setDt(1.0 / (1 << 22))
                .setSegmentSize(1).setBand1(Band.newBuilder().setLo(0.5).setHi(2)).setBand2(Band.newBuilder().setLo(2).setHi(10))
                .build();
        MeshCallException partial = assertThrows(MeshCallException.class, () -> client.submit(cross));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, partial.code());
        assertTrue(partial.description().startsWith("a CPDS partial accumulator of 4194304 bins (about "), partial.description());
        assertTrue(partial.description().endsWith("(max.message.bytes of manta.partials and manta.combined (mesh-topics "
                + "Topics; the KafkaTopics in k8s))"), partial.description());
        assertEquals(before, view.all().stream().map(JobRecord::getJobId).collect(Collectors.toSet()), "no job made");

        EventBatch first = EventBatch.newBuilder().addGti(gti(0, 1e8)).addTime(1).addTime(2).build();
        MeshCallException segments = assertThrows(MeshCallException.class, () -> client.upload(JobSpec.newBuilder()
                .setKind(ProductKind.PDS).setDt(0.5).setSegmentSize(1).build(), List.of(first)));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, segments.code());
        assertEquals("the job's 100000000 segments of 1.0 s exceeds the limit of 1000000 segments (manta.ingest.max-segments)",
                segments.description());
        EventBatch.Builder gtis = EventBatch.newBuilder().addTime(1).addTime(2);
        for (int i = 0; i <= 64; i++) {       // manta.ingest.max-gtis is 64 here
            gtis.addGti(gti(10 * i, 10 * i + 8));
        }
        MeshCallException manyGtis = assertThrows(MeshCallException.class, () -> client.upload(JobSpec.newBuilder()
                .setKind(ProductKind.PDS).setDt(0.5).setSegmentSize(1).build(), List.of(gtis.build())));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, manyGtis.code());
        assertEquals("upload 0 with 65 GTIs exceeds the limit of 64 GTIs per input (manta.ingest.max-gtis)",
                manyGtis.description());

        List<JobRecord> refused = view.all().stream().filter(r -> !before.contains(r.getJobId()))
                .sorted(Comparator.comparing(JobRecord::getMessage)).toList();
        assertEquals(2, refused.size(), "the refused uploads' jobs");
        assertEquals("upload refused: " + manyGtis.description(), refused.get(1).getMessage());
        assertEquals(JobState.FAILED, refused.get(0).getState());
        assertEquals("upload refused: " + segments.description(), refused.get(0).getMessage());
        assertFalse(Files.exists(storage.stagingRoot().resolve(refused.get(0).getJobId())), "no staging directory");
    }

    /**
     * Per principal (bob here, so alice's jobs of the other tests do not count): at most
     * manta.ingest.max-uploads-per-client (4) uploads in progress and manta.ingest.max-open-jobs-per-client (64) jobs
     * not final; one more is RESOURCE_EXHAUSTED naming the bound, and a slot freed (an upload done, a job cancelled)
     * takes the next one.
     */
    @Test
    void eachClientIsBoundedInUploadsInProgressAndJobsNotFinal() throws Exception {
        try (MeshClient bob = MeshClient.connect(url.getHost(), url.getPort(), EdgeCredentials.plaintext(TestTokens.BOB))) {
            JobSpec upload = pds("x").clearInputs().build();
            EventBatch batch = EventBatch.newBuilder().addGti(gti(0, 256)).addTime(1).addTime(2).build();
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.ExecutorService uploads = java.util.concurrent.Executors.newFixedThreadPool(4);
            long open = openJobs("bob");
            List<java.util.concurrent.Future<String>> held = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(uploads.submit(() -> bob.upload(upload, heldAfterFirst(batch, release), n -> { })));
            }
            await(() -> openJobs("bob") == open + 4, "bob's 4 uploads in progress");
            MeshCallException fifth = assertThrows(MeshCallException.class, () -> bob.upload(upload, List.of(batch)));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, fifth.code());
            assertEquals("a new upload of 'bob' (4 in progress) exceeds the limit of 4 uploads per client "
                    + "(manta.ingest.max-uploads-per-client)", fifth.description());
            assertFalse(client.upload(upload, List.of(batch)).isEmpty(), "alice's upload is not bob's");
            release.countDown();
            for (java.util.concurrent.Future<String> f : held) {
                assertFalse(f.get(60, TimeUnit.SECONDS).isEmpty(), "a held upload completes");
            }
            uploads.shutdown();
            assertFalse(bob.upload(upload, List.of(batch)).isEmpty(), "the slots are free again");

            // bob's uploads on another ingest replica (their records on manta.jobs: not final, input not sent) count here
            try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "t",
                    Optional.empty(), List.of(Topics.JOBS_TOPIC)))) {
                for (int i = 0; i < 5; i++) {
                    String id = "bob-upload-elsewhere-" + i;
                    JobRecord receiving = JobRecords.merge(JobRecords.queued(id, upload, "bob", "other-ingest", Instant.now()),
                            JobRecords.running(id, "receiving an upload", Instant.now()));
                    JobRecord record = i < 4 ? receiving : JobRecords.merge(receiving, JobRecords.inputSent(id, Instant.now()));
                    producer.send(new ProducerRecord<>(Topics.JOBS, id, record.toByteArray())).get();
                }
            }
            await(() -> view.get("bob-upload-elsewhere-4", Duration.ZERO).isPresent(), "the other replica's records in the view");
            MeshCallException elsewhere = assertThrows(MeshCallException.class, () -> bob.upload(upload, List.of(batch)));
            assertEquals("a new upload of 'bob' (4 in progress) exceeds the limit of 4 uploads per client "
                    + "(manta.ingest.max-uploads-per-client)", elsewhere.description(), "4 receiving elsewhere; the 5th sent its input");

            List<String> submitted = new java.util.ArrayList<>();
            while (openJobs("bob") < 64) {
                submitted.add(bob.submit(pds("monol_testA.evt").build()));
            }
            MeshCallException over = assertThrows(MeshCallException.class, () -> bob.submit(pds("monol_testA.evt").build()));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, over.code());
            assertEquals("a new job of 'bob' (64 queued or running) exceeds the limit of 64 jobs per client that are not "
                    + "final (manta.ingest.max-open-jobs-per-client)", over.description());
            bob.cancel(submitted.get(0));
            submitted.add(bob.submit(pds("monol_testA.evt").build()));
            for (JobRecord r : view.all()) {
                if (r.getOwner().equals("bob") && !JobRecords.isFinal(r.getState())) {
                    bob.cancel(r.getJobId());
                }
            }
            assertEquals(0, openJobs("bob"));
        }
    }

    private long openJobs(String owner) {
        return view.all().stream().filter(r -> r.getOwner().equals(owner) && !JobRecords.isFinal(r.getState())).count();
    }

    /** One batch, then waits for {@code release} before the stream ends (an upload in progress). */
    private static java.util.Iterator<EventBatch> heldAfterFirst(EventBatch batch, java.util.concurrent.CountDownLatch release) {
        return new java.util.Iterator<>() {
            private int sent;

            @Override
            public boolean hasNext() {
                if (sent == 1) {
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return sent == 0;
            }

            @Override
            public EventBatch next() {
                sent++;
                return batch;
            }
        };
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void anUploadOfTwoListsForACpdsWithBothBandsIsStagedAndPublishedBeforeTheReply() throws Exception {
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.CPDS).setDt(0.5).setSegmentSize(16)
                .setBand1(Band.newBuilder().setLo(6).setHi(12)).setBand2(Band.newBuilder().setLo(0.5).setHi(2))
                .setUploadInputs(2).build();
        ObservationInfo info = ObservationInfo.newBuilder().setMission("NUSTAR").setTelescope("NUSTAR").setInstrument("FPMA")
                .setTimesys("TT").setTimedel(1.0 / 1024).build();
        EventBatch.Builder first = EventBatch.newBuilder().setInput(0).addGti(gti(0, 64)).setInfo(info);
        EventBatch.Builder second = EventBatch.newBuilder().setInput(1).addGti(gti(8, 72))
                .setInfo(info.toBuilder().setInstrument("FPMB"));
        for (int i = 0; i < 100; i++) {      // 2000 + 1600 bytes: under the 4096 of this test's limit
            first.addTime(0.25 + 0.625 * i).addEnergy(0.5 + 0.125 * i).addPi(100 + i);
            second.addTime(8.5 + 0.5 * i).addEnergy(12.0 - 0.0625 * i);
        }
        String jobId = client.upload(spec, List.of(first.build(), second.build()));
        assertTrue(view.get(jobId, Duration.ZERO).orElseThrow().getIngest().getInputSent(),
                "the input is durable on manta.inputs when the reply comes");

        List<JobInput> published = Inputs.of(kafka, view, jobId);
        assertEquals(1, published.size());
        assertEquals(spec, published.get(0).getSpec());
        List<InputFile> inputs = published.get(0).getInputsList();
        assertEquals(List.of("upload:0", "upload:1"), inputs.stream().map(InputFile::getPath).toList());
        EventBatch[] sent = {first.build(), second.build()};
        for (int i = 0; i < 2; i++) {
            InputFile f = inputs.get(i);
            assertEquals("staging:" + jobId + "/upload-" + i + ".fits", f.getLocation());
            Path staged = storage.resolve(f.getLocation());
            assertEquals(sha256(staged), f.getSha256());
            assertEquals(Files.size(staged), f.getSizeBytes());
            assertEquals(Files.size(staged), f.getLocationSizeBytes());
            try (EventFileReader r = EventFileReader.open(staged)) {
                EventList events = r.readAll(null);
                assertArrayEquals(sent[i].getTimeList().stream().mapToDouble(Double::doubleValue).toArray(), events.time());
                assertArrayEquals(sent[i].getEnergyList().stream().mapToDouble(Double::doubleValue).toArray(), events.energy());
                assertEquals(Protos.gtiList(sent[i].getGtiList()), events.gti());
                assertEquals(i == 0 ? "FPMA" : "FPMB", events.info().instrument());
            }
        }
    }

    @Test
    void uploadsAreLimitedWithAClearMessageAndARefusedUploadLeavesNothing() throws Exception {
        EventBatch.Builder small = EventBatch.newBuilder().addGti(gti(0, 256));
        for (int i = 0; i < 100; i++) {
            small.addTime(i * 2.5);
        }
        String jobId = client.upload(pds("x").clearInputs().build(), List.of(small.build()));
        List<JobInput> published = Inputs.of(kafka, view, jobId);
        assertEquals(1, published.size());
        try (EventFileReader r = EventFileReader.open(storage.resolve(published.get(0).getInputs(0).getLocation()))) {
            assertArrayEquals(small.getTimeList().stream().mapToDouble(Double::doubleValue).toArray(), r.readAll(null).time());
        }

        // one message above the gRPC server's default 256 KiB: refused by the upload limit, with its message
        EventBatch.Builder big = EventBatch.newBuilder().addGti(gti(0, 40000));
        for (int i = 0; i < 40000; i++) {
            big.addTime(i);
        }
        assertTrue(big.build().getSerializedSize() > 256 * 1024);
        Set<String> before = view.all().stream().map(JobRecord::getJobId).collect(Collectors.toSet());
        MeshCallException s = assertThrows(MeshCallException.class, () -> client.upload(pds("x").clearInputs().build(),
                List.of(small.build(), big.build())));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, s.code());
        assertTrue(s.description().contains("limit of 4096 bytes (manta.ingest.max-upload-bytes)"), s.description());
        List<JobRecord> refused = view.all().stream().filter(r -> !before.contains(r.getJobId())).toList();
        assertEquals(1, refused.size(), "the refused upload's job");
        assertEquals(JobState.FAILED, refused.get(0).getState());
        assertTrue(refused.get(0).getMessage().startsWith("upload refused: the upload ("), refused.get(0).getMessage());
        assertFalse(Files.exists(storage.stagingRoot().resolve(refused.get(0).getJobId())), "no staging directory");
        assertFalse(Inputs.all(kafka).stream().anyMatch(i -> i.getJobId().equals(refused.get(0).getJobId())), "no JobInput");

        given().get(Management.url("/q/health/ready")).then().statusCode(200);
        assertTrue(given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString().contains("manta_ingest_jobs_submitted_total"));
    }

    @Test
    void watchAttachesTheNewerRunningProductsOfAJobThatWantsThem() throws Exception {
        String wanted = client.submit(pds("monol_testA.evt").setWantRunningProduct(true).build());
        String plain = client.submit(pds("monol_testA.evt").build());
        BlockingQueue<JobProgress> wantedWatch = watch(wanted);
        BlockingQueue<JobProgress> plainWatch = watch(plain);
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "t",
                Optional.empty(), List.of(Topics.JOBS_TOPIC, Topics.RUNNING_TOPIC)))) {
            producer.send(new ProducerRecord<>(Topics.RUNNING, wanted, running(wanted, 4, 3).toByteArray())).get();
            producer.send(new ProducerRecord<>(Topics.RUNNING, plain, running(plain, 4, 3).toByteArray())).get();
            assertEquals(3, next(wantedWatch, JobProgress::hasRunningProduct).getRunningProduct().getM());

            for (String job : List.of(wanted, plain)) {
                producer.send(new ProducerRecord<>(Topics.JOBS, job, JobRecords.progress(job, 6, OptionalLong.empty(),
                        Instant.now()).toByteArray())).get();
            }
            assertFalse(next(wantedWatch, p -> p.getSegmentsDone() == 6).hasRunningProduct(), "a running product is sent once");
            assertFalse(next(plainWatch, p -> p.getSegmentsDone() == 6).hasRunningProduct(), "not wanted: never sent");

            producer.send(new ProducerRecord<>(Topics.RUNNING, wanted, running(wanted, 8, 7).toByteArray())).get();
            assertEquals(7, next(wantedWatch, JobProgress::hasRunningProduct).getRunningProduct().getM());
            producer.send(new ProducerRecord<>(Topics.RUNNING, wanted, RunningProduct.newBuilder().setFormatVersion(1)
                    .setJobId(wanted).setSegmentsDone(9).setOmitted("too large for a Watch message").build().toByteArray())).get();
            assertFalse(next(wantedWatch, p -> p.getRunningProductOmitted().equals("too large for a Watch message")).hasRunningProduct());

            for (String job : List.of(wanted, plain)) {
                producer.send(new ProducerRecord<>(Topics.JOBS, job, JobRecords.succeeded(job, 16, "done", Instant.now())
                        .toByteArray())).get();
            }
            JobProgress finished = next(wantedWatch, p -> p.getState() == JobState.SUCCEEDED);
            assertFalse(finished.hasRunningProduct(), "the final product comes from ProductService.Get");
            next(plainWatch, p -> p.getState() == JobState.SUCCEEDED);
            assertTrue(plainWatch.isEmpty());
        }
    }

    /** A running product of m segments (its numbers do not matter to the edge). */
    private static RunningProduct running(String jobId, long segmentsDone, long m) {
        return RunningProduct.newBuilder().setFormatVersion(1).setJobId(jobId).setSegmentsDone(segmentsDone)
                .setProduct(Product.newBuilder().setKind(ProductKind.PDS).setJobId(jobId).setM(m).addFreq(0.5)
                        .setPower(ComplexArray.newBuilder().addRe(2.0)))
                .build();
    }

    /**
     * Every message of a Watch of the job, as they arrive (the Watch runs on its own thread until the job is
     * final or the client closes).
     */
    private BlockingQueue<JobProgress> watch(String jobId) {
        BlockingQueue<JobProgress> out = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().name("watch-" + jobId).start(() -> {
            try {
                client.watch(jobId, out::add);
            } catch (MeshCallException e) {
                // the client closed at the end of the test
            }
        });
        return out;
    }

    /** The next message that matches, skipping others; a message with a running product must match. */
    private static JobProgress next(BlockingQueue<JobProgress> watch, Predicate<JobProgress> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JobProgress p = watch.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && condition.test(p)) {
                return p;
            }
            assertTrue(p == null || !p.hasRunningProduct(), "unexpected running product: " + p);
        }
        throw new AssertionError("no such Watch message within 30 s");
    }

    @Test
    void aJobInputThatKafkaRejectsFailsTheJobNamingTheCause() throws Exception {
        // manta.inputs takes no record of a job input's size for a while: the broker rejects the send
        ConfigResource inputs = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INPUTS);
        setTopicConfig(inputs, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "100");
        try {
            JobProgress last = last(client.submit(pds("monol_testA.evt").build()));
            assertEquals(JobState.FAILED, last.getState(), last.getMessage());
            assertTrue(last.getMessage().startsWith("ingest-service: cannot write to manta.inputs: ")
                    && last.getMessage().contains("RecordTooLargeException"), "the topic and the cause: " + last.getMessage());
            JobStatus status = client.status(last.getJobId());
            assertEquals(JobState.FAILED, status.getState());
            assertEquals(last.getMessage(), status.getMessage());
            assertFalse(Inputs.all(kafka).stream().anyMatch(i -> i.getJobId().equals(last.getJobId())), "no JobInput");
        } finally {
            setTopicConfig(inputs, TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                    Integer.toString(TopicSpec.KAFKA_DEFAULT_MAX_MESSAGE_BYTES));
        }
    }

    /** Sets a topic config and waits until the broker has it. */
    private static void setTopicConfig(ConfigResource topic, String key, String value) throws Exception {
        Admin admin = KafkaTestResource.broker().admin();
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(new ConfigEntry(key, value),
                AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!value.equals(admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic).get(key).value())
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /**
     * Lifecycle: the staging directory of a job goes once the job is final, whoever wrote the final record (here
     * a SUCCEEDED record as reduce-service writes it, and a cancel); counted in manta_ingest_staging_removed_total.
     */
    @Test
    void theStagingDirectoryOfAFinalJobIsRemoved() throws Exception {
        String done = client.submit(pds("xte_test.evt.gz").build());
        String cancelled = client.submit(pds("xte_test.evt.gz").build());
        for (String jobId : List.of(done, cancelled)) {
            Inputs.of(kafka, view, jobId);
            assertTrue(Files.exists(storage.stagingRoot().resolve(jobId).resolve("input-0.fits")), "staged while it runs");
        }
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "t",
                Optional.empty(), List.of(Topics.JOBS_TOPIC)))) {
            producer.send(new ProducerRecord<>(Topics.JOBS, done, JobRecords.succeeded(done, 16, "done", Instant.now())
                    .toByteArray())).get();
        }
        client.cancel(cancelled);
        for (String jobId : List.of(done, cancelled)) {
            Path dir = storage.stagingRoot().resolve(jobId);
            for (long end = System.nanoTime() + 10_000_000_000L; Files.exists(dir) && System.nanoTime() < end; ) {
                Thread.sleep(20);
            }
            assertFalse(Files.exists(dir), "the staging directory of final job " + jobId + " is removed");
        }
        String metrics = given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        double removed = metrics.lines().filter(l -> l.startsWith("manta_ingest_staging_removed_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertTrue(removed >= 2, "counted: " + removed);
    }

    /**
     * Cancel reaches an upload in progress (here through the same replica; another replica's cancel reaches it the
     * same way, through the job view): the stream ends FAILED_PRECONDITION naming the state, the job stays
     * CANCELLED (not failed) and nothing stays staged.
     */
    @Test
    void anUploadWhoseJobIsCancelledMeanwhileStopsAndLeavesNothingStaged() throws Exception {
        JobSpec spec = pds("x").clearInputs().setSegmentSize(48).build();
        io.grpc.ManagedChannel channel = channel(TestTokens.ALICE);
        try {
            java.util.concurrent.CompletableFuture<Status> end = new java.util.concurrent.CompletableFuture<>();
            io.grpc.stub.StreamObserver<UploadRequest> upload = uploadStream(channel, end);
            upload.onNext(UploadRequest.newBuilder().setSpec(spec).build());
            EventBatch.Builder first = EventBatch.newBuilder().setInput(0).addGti(gti(0, 200));
            for (int i = 0; i < 20; i++) {
                first.addTime(0.5 + i);
            }
            upload.onNext(UploadRequest.newBuilder().setEvents(first).build());
            String jobId = null;
            for (long t = System.nanoTime() + 10_000_000_000L; jobId == null && System.nanoTime() < t; ) {
                jobId = view.all().stream().filter(r -> r.getSpec().equals(spec)).map(JobRecord::getJobId).findFirst()
                        .orElse(null);
                Thread.sleep(10);
            }
            assertTrue(jobId != null, "the upload's job is in the view");
            assertEquals(JobState.CANCELLED, client.cancel(jobId).getState());
            upload.onNext(UploadRequest.newBuilder().setEvents(EventBatch.newBuilder().setInput(0).addTime(30.5)).build());
            Status status = end.get(10, TimeUnit.SECONDS);
            assertEquals(Status.Code.FAILED_PRECONDITION, status.getCode(), status.toString());
            assertTrue(status.getDescription().contains("CANCELLED"), status.getDescription());
            assertEquals(JobState.CANCELLED, client.status(jobId).getState(), "stays cancelled, not failed");
            Path dir = storage.stagingRoot().resolve(jobId);
            for (long t = System.nanoTime() + 10_000_000_000L; Files.exists(dir) && System.nanoTime() < t; ) {
                Thread.sleep(20);
            }
            assertFalse(Files.exists(dir), "nothing staged");
        } finally {
            channel.shutdownNow();
        }
    }

    /**
     * An upload the client stops midway is over on the server at once: its job FAILED, its staging directory (with
     * the staged file it was writing) gone, no longer counted against manta.ingest.max-uploads-per-client. Here 4 of
     * alice's uploads hold her limit; 3 are cancelled by the client (as Ctrl-C on 'manta submit' does), the 4th is
     * left open and silent (a client gone without a cancel) and dropped after manta.ingest.upload-idle-timeout (10 s
     * here); then alice uploads again.
     */
    @Test
    void anUploadCancelledOrAbandonedMidwayFailsLeavesNothingStagedAndFreesItsSlot() throws Exception {
        io.grpc.ManagedChannel channel = channel(TestTokens.ALICE);
        try {
            List<io.grpc.stub.ClientCallStreamObserver<UploadRequest>> streams = new ArrayList<>();
            List<CompletableFuture<Status>> ends = new ArrayList<>();
            List<String> jobIds = new ArrayList<>();
            for (int u = 0; u < 4; u++) {
                JobSpec spec = pds("x").clearInputs().setSegmentSize(40 + u).build();   // tells the jobs apart
                CompletableFuture<Status> end = new CompletableFuture<>();
                io.grpc.stub.ClientCallStreamObserver<UploadRequest> stream = uploadStream(channel, end);
                stream.onNext(UploadRequest.newBuilder().setSpec(spec).build());
                EventBatch.Builder first = EventBatch.newBuilder().setInput(0).addGti(gti(0, 200));
                for (int i = 0; i < 20; i++) {
                    first.addTime(0.5 + i);
                }
                stream.onNext(UploadRequest.newBuilder().setEvents(first).build());
                String[] found = new String[1];
                await(() -> (found[0] = view.all().stream().filter(r -> r.getSpec().equals(spec)).map(JobRecord::getJobId)
                        .findFirst().orElse(null)) != null, "upload " + u + "'s job in the view");
                Path dir = storage.stagingRoot().resolve(found[0]);
                await(() -> stagedFiles(dir) > 0, "upload " + u + "'s events staged");
                streams.add(stream);
                ends.add(end);
                jobIds.add(found[0]);
            }
            JobSpec another = pds("x").clearInputs().build();
            EventBatch batch = EventBatch.newBuilder().addGti(gti(0, 256)).addTime(1).addTime(2).build();
            MeshCallException fifth = assertThrows(MeshCallException.class, () -> client.upload(another, List.of(batch)));
            assertEquals("a new upload of 'alice' (4 in progress) exceeds the limit of 4 uploads per client "
                    + "(manta.ingest.max-uploads-per-client)", fifth.description());

            for (int u = 0; u < 3; u++) {
                streams.get(u).cancel("interrupted", null);
                assertEquals(Status.Code.CANCELLED, ends.get(u).get(10, TimeUnit.SECONDS).getCode());
            }
            for (int u = 0; u < 4; u++) {
                String jobId = jobIds.get(u);
                Path dir = storage.stagingRoot().resolve(jobId);
                await(() -> view.get(jobId, Duration.ZERO).map(r -> r.getState() == JobState.FAILED).orElse(false)
                        && !Files.exists(dir), "upload " + u + "'s job FAILED and its staging directory gone");
                assertEquals(u < 3 ? "upload aborted by the client: CANCELLED: client cancelled"
                                : "the upload stalled: nothing came from the client for 10 s "
                                + "(manta.ingest.upload-idle-timeout); upload again",
                        client.status(jobId).getMessage(), "upload " + u);
            }
            assertFalse(client.upload(another, List.of(batch)).isEmpty(), "alice's slots are free again");
            streams.get(3).onNext(UploadRequest.newBuilder().setEvents(EventBatch.newBuilder().setInput(0).addTime(30.5)).build());
            Status late = ends.get(3).get(10, TimeUnit.SECONDS);
            assertEquals(Status.Code.FAILED_PRECONDITION, late.getCode(), "a batch after the drop: " + late);
            assertTrue(late.getDescription().contains("upload-idle-timeout"), late.getDescription());
        } finally {
            channel.shutdownNow();
        }
    }

    /** The files in a job's staging directory (0 if there is none). */
    private static long stagedFiles(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** A plaintext channel to the edge calling as the principal of {@code token}. */
    private io.grpc.ManagedChannel channel(String token) {
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(org.manta.mesh.common.auth.BearerTokenInterceptor.AUTHORIZATION, "Bearer " + token);
        return io.grpc.ManagedChannelBuilder.forAddress(url.getHost(), url.getPort())
                .usePlaintext().intercept(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers)).build();
    }

    /** An Upload call whose messages the test sends; {@code end} gets the status it ends with. */
    private static io.grpc.stub.ClientCallStreamObserver<UploadRequest> uploadStream(io.grpc.ManagedChannel channel,
                                                                                    CompletableFuture<Status> end) {
        return (io.grpc.stub.ClientCallStreamObserver<UploadRequest>) JobServiceGrpc.newStub(channel).upload(
                new io.grpc.stub.StreamObserver<>() {
                    @Override
                    public void onNext(JobRef ref) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        end.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        end.complete(Status.OK);
                    }
                });
    }

    private void assertInvalid(JobSpec.Builder spec, String fragment) {
        MeshCallException e = assertThrows(MeshCallException.class, () -> client.submit(spec.build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
        assertTrue(e.description().contains(fragment), e.description());
    }

    /** The last message of a Watch of the job (its final state). */
    private JobProgress last(String jobId) {
        return client.watch(jobId, p -> { });
    }

    private static Gti gti(double start, double stop) {
        return Gti.newBuilder().setStart(start).setStop(stop).build();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
