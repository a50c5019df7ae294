package org.manta.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.testing.KafkaTestResource;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobRef;
import org.manta.proto.v1.JobServiceGrpc;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.JobStatus;
import org.manta.proto.v1.ProductKind;

/**
 * ingest-service starting on a {@code manta.jobs} that an earlier run of the same instance (id "0")
 * left behind, as after a kill -9: it resumes the file job it was sending (every chunk again, same seq,
 * then "input sent"), fails the upload it was receiving and the file job whose file changed, and leaves
 * the cancelled job, the job whose input was sent and another instance's job alone.
 */
@QuarkusTest
@QuarkusTestResource(value = IngestResumeTest.InterruptedJobs.class, restrictToAnnotatedClass = true)
class IngestResumeTest {
    private static final Path DATA = Path.of("target/test-classes/data");
    private static final JobSpec FILE_JOB = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("monol_testA.evt")
            .setDt(1.0 / 16).setSegmentSize(64).build();
    private static final JobSpec UPLOAD_JOB = FILE_JOB.toBuilder().clearInputs().build();

    /** The broker, with the records of the jobs a killed instance "0" left (written before the service starts). */
    public static class InterruptedJobs extends KafkaTestResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = super.start();
            Instant t = Instant.now();
            InputFile opened;
            try {
                Path file = DATA.resolve("monol_testA.evt");
                opened = InputFile.newBuilder().setPath("monol_testA.evt").setSizeBytes(Files.size(file)).setSha256(
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))).build();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            InputFile changed = opened.toBuilder().setSha256("0" + opened.getSha256().substring(1)).build();
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(broker().clientConfig(), new StringSerializer(),
                    new ByteArraySerializer())) {
                send(p, JobRecords.queued("resume", FILE_JOB, "0", t), JobRecords.running("resume", "reading", t),
                        JobRecords.inputsOpened("resume", List.of(opened), 300, t));
                send(p, JobRecords.queued("queued", FILE_JOB, "0", t));
                send(p, JobRecords.queued("changed", FILE_JOB, "0", t), JobRecords.running("changed", "reading", t),
                        JobRecords.inputsOpened("changed", List.of(changed), 300, t));
                send(p, JobRecords.queued("upload", UPLOAD_JOB, "0", t), JobRecords.running("upload", "receiving", t));
                send(p, JobRecords.queued("cancelled", FILE_JOB, "0", t), JobRecords.running("cancelled", "reading", t),
                        JobRecords.cancelled("cancelled", t));
                send(p, JobRecords.queued("sent", FILE_JOB, "0", t), JobRecords.running("sent", "reading", t),
                        JobRecords.inputsOpened("sent", List.of(opened), 300, t), JobRecords.inputSent("sent", t));
                send(p, JobRecords.queued("other", FILE_JOB, "1", t), JobRecords.running("other", "reading", t));
            }
            return config;
        }

        private static void send(KafkaProducer<String, byte[]> p, JobRecord... records) {
            for (JobRecord r : records) {
                try {
                    p.send(new ProducerRecord<>(Topics.JOBS, r.getJobId(), r.toByteArray())).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

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

    @Test
    void aRestartResumesFileJobsFailsUploadsAndLeavesTheRest() throws Exception {
        for (String job : List.of("resume", "queued")) {
            List<EventChunk> chunks = Chunks.of(kafka, job, Duration.ofSeconds(30));
            assertEquals(List.of(0L, 1L, 2L, 3L), chunks.stream().map(EventChunk::getSeq).toList(), job + ": every chunk again");
            assertEquals(1000, chunks.stream().mapToLong(EventChunk::getTimeCount).sum());
            assertTrue(chunks.get(3).getLast());
        }
        JobStatus upload = await("upload", s -> s.getState() == JobState.FAILED);
        assertEquals("the upload was interrupted when ingest-service restarted; upload again", upload.getMessage());
        JobStatus changed = await("changed", s -> s.getState() == JobState.FAILED);
        assertTrue(changed.getMessage().startsWith("monol_testA.evt: changed since the job started"), changed.getMessage());
        await("resume", s -> s.getMessage().equals("reading again after an ingest-service restart: monol_testA.evt"));

        assertEquals(JobState.CANCELLED, status("cancelled").getState());
        for (String job : List.of("sent", "other")) {
            assertEquals(JobState.RUNNING, status(job).getState(), job);
            assertEquals("reading", status(job).getMessage(), job);
        }
        assertEquals(java.util.Set.of("queued", "resume"), Chunks.jobs(kafka), "the jobs with chunks");
        List<String> metrics = given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("manta_ingest_jobs_")).toList();
        assertTrue(metrics.stream().anyMatch(l -> l.matches("manta_ingest_jobs_resumed_total(\\{.*})? 3\\.0")),
                "resume, queued and changed were resumed: " + metrics);
    }

    private JobStatus status(String jobId) {
        return jobs.get(JobRef.newBuilder().setJobId(jobId).build());
    }

    private JobStatus await(String jobId, java.util.function.Predicate<JobStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JobStatus s = status(jobId);
        while (!condition.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            s = status(jobId);
        }
        assertTrue(condition.test(s), jobId + ": " + s.getState() + " " + s.getMessage());
        return s;
    }
}
