package org.manta.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.testing.KafkaTestResource;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.EventBatch;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.Gti;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobRef;
import org.manta.proto.v1.JobServiceGrpc;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.JobStatus;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.RunningProduct;
import org.manta.proto.v1.UploadRequest;

/**
 * The edge against a real broker: specs and paths validated (INVALID_ARGUMENT), unknown jobs
 * (NOT_FOUND), files read onto manta.chunks, a malformed file fails its job and not the service,
 * uploads above the limit are refused (RESOURCE_EXHAUSTED), cancellation, Watch attaches running
 * products (from manta.running) only to jobs that want them. The data root is the
 * reference data in target/test-classes/data; uploads are limited to 4096 bytes here.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class IngestServiceTest {
    private static final Path DATA = Path.of("target/test-classes/data");

    @TestHTTPResource
    URL url;
    @Inject
    KafkaConfig kafka;

    private ManagedChannel channel;
    private JobServiceGrpc.JobServiceBlockingStub jobs;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
        jobs = JobServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static JobSpec.Builder pds(String input) {
        return JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs(input).setDt(1.0 / 16).setSegmentSize(64);
    }

    @Test
    void badSpecsAndPathsAreInvalidArguments() throws Exception {
        assertInvalid(pds("monol_testA.evt").setKind(ProductKind.LC), "kind = LC");
        assertInvalid(pds("monol_testA.evt").setDt(0), "dt = 0.0");
        assertInvalid(pds("/etc/passwd"), "not an absolute path");
        assertInvalid(pds("../../pom.xml"), "no '..'");
        assertInvalid(pds("missing.evt"), "an existing file under the data root");
        Path link = DATA.resolve("outside.evt");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("pom.xml").toAbsolutePath());
        assertInvalid(pds("outside.evt"), "it links outside");
    }

    @Test
    void unknownJobsAreNotFound() {
        JobRef nope = JobRef.newBuilder().setJobId("no-such-job").build();
        for (Runnable call : List.<Runnable>of(() -> jobs.get(nope), () -> jobs.cancel(nope), () -> jobs.watch(nope).next())) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
            assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("no-such-job"));
        }
    }

    @Test
    void aSubmittedFileGoesOntoKafkaInOrderedChunks() throws Exception {
        String jobId = jobs.submit(pds("monol_testA.evt").build()).getJobId();
        JobStatus status = jobs.get(JobRef.newBuilder().setJobId(jobId).build());
        assertEquals(jobId, status.getJobId());
        assertTrue(status.getState() == JobState.QUEUED || status.getState() == JobState.RUNNING, status.getState().name());
        List<EventChunk> chunks = chunksOf(jobId);
        long events = 0;
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(i, chunks.get(i).getSeq());
            assertEquals(i == chunks.size() - 1, chunks.get(i).getLast());
            events += chunks.get(i).getTimeCount();
        }
        assertEquals(1000, events);
        assertEquals(4, chunks.size(), "300 events per chunk");
        assertEquals(ProductKind.PDS, chunks.get(0).getSpec().getKind());
        String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(DATA.resolve("monol_testA.evt"))));
        assertEquals(sha, chunks.get(chunks.size() - 1).getSource().getSha256());
    }

    @Test
    void aMalformedFileFailsItsJobNotTheService() throws Exception {
        Files.writeString(DATA.resolve("broken.evt"), "SIMPLE  =                    T / not really FITS\n");
        String jobId = jobs.submit(pds("broken.evt").build()).getJobId();
        JobProgress last = null;
        Iterator<JobProgress> watch = jobs.watch(JobRef.newBuilder().setJobId(jobId).build());
        while (watch.hasNext()) {
            last = watch.next();
        }
        assertEquals(JobState.FAILED, last.getState());
        assertTrue(last.getMessage().startsWith("broken.evt: "), "named relative to the data root: " + last.getMessage());
        assertEquals(JobState.FAILED, jobs.get(JobRef.newBuilder().setJobId(jobId).build()).getState());
        assertEquals(JobState.CANCELLED, jobs.cancel(JobRef.newBuilder().setJobId(
                jobs.submit(pds("monol_testA.evt").build()).getJobId()).build()).getState(), "the service goes on");
    }

    @Test
    void uploadsAreLimitedWithAClearMessage() throws Exception {
        EventBatch.Builder small = EventBatch.newBuilder().addGti(Gti.newBuilder().setStart(0).setStop(256));
        for (int i = 0; i < 100; i++) {
            small.addTime(i * 2.5);
        }
        String jobId = upload(List.of(small.build())).get(30, TimeUnit.SECONDS).getJobId();
        assertEquals(100, chunksOf(jobId).stream().mapToLong(EventChunk::getTimeCount).sum());

        // one message above the gRPC server's default 256 KiB: refused by the upload limit, with its message
        EventBatch.Builder big = EventBatch.newBuilder().addGti(Gti.newBuilder().setStart(0).setStop(40000));
        for (int i = 0; i < 40000; i++) {
            big.addTime(i);
        }
        assertTrue(big.build().getSerializedSize() > 256 * 1024);
        Exception e = assertThrows(Exception.class, () -> upload(List.of(big.build())).get(30, TimeUnit.SECONDS));
        StatusRuntimeException s = (StatusRuntimeException) e.getCause();
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, s.getStatus().getCode());
        assertTrue(s.getStatus().getDescription().contains("limit of 4096 bytes (manta.ingest.max-upload-bytes)"),
                s.getStatus().getDescription());

        given().get("/q/health/ready").then().statusCode(200);
        assertTrue(given().get("/q/metrics").then().statusCode(200).extract().asString().contains("manta_ingest_jobs_submitted_total"));
    }

    @Test
    void watchAttachesTheNewerRunningProductsOfAJobThatWantsThem() throws Exception {
        String wanted = jobs.submit(pds("monol_testA.evt").setWantRunningProduct(true).build()).getJobId();
        String plain = jobs.submit(pds("monol_testA.evt").build()).getJobId();
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
            assertFalse(next(wantedWatch, p -> p.getMessage().equals("too large for a Watch message")).hasRunningProduct());

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

    /** Every message of a Watch of the job, as they arrive; fails the test if one carries an unwanted running product. */
    private BlockingQueue<JobProgress> watch(String jobId) {
        BlockingQueue<JobProgress> out = new LinkedBlockingQueue<>();
        JobServiceGrpc.newStub(channel).watch(JobRef.newBuilder().setJobId(jobId).build(), new StreamObserver<>() {
            @Override
            public void onNext(JobProgress value) {
                out.add(value);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
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

    private CompletableFuture<JobRef> upload(List<EventBatch> batches) {
        CompletableFuture<JobRef> result = new CompletableFuture<>();
        StreamObserver<UploadRequest> requests = JobServiceGrpc.newStub(channel).upload(new StreamObserver<>() {
            @Override
            public void onNext(JobRef value) {
                result.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        requests.onNext(UploadRequest.newBuilder().setSpec(pds("x").clearInputs()).build());
        for (EventBatch b : batches) {
            requests.onNext(UploadRequest.newBuilder().setEvents(b).build());
        }
        requests.onCompleted();
        return result;
    }

    private void assertInvalid(JobSpec.Builder spec, String fragment) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> jobs.submit(spec.build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains(fragment), e.getStatus().getDescription());
    }

    private List<EventChunk> chunksOf(String jobId) {
        return Chunks.of(kafka, jobId, Duration.ofSeconds(30));
    }
}
