package org.manta.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.mesh.Topics;
import org.manta.mesh.client.EdgeCredentials;
import org.manta.mesh.client.MeshCallException;
import org.manta.mesh.client.MeshClient;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.jobs.JobView;
import org.manta.mesh.common.testing.KafkaTestResource;
import org.manta.mesh.common.testing.Management;
import org.manta.mesh.common.testing.TestTokens;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.JobStatus;
import org.manta.proto.v1.ProductKind;

/**
 * ingest-service starting on a {@code manta.jobs} that an earlier run of the same instance (id "0")
 * left behind, as after a kill -9 and a compaction: one full record per job, as reduce-service's fold of the
 * job's records publishes it (no partial record survives). It serves Get and Watch of those jobs with their
 * spec and owner (a job cancelled and then given progress counts stays CANCELLED); it prepares the file jobs whose input it had not sent again and
 * publishes their {@code JobInput} (a second time for the job that had published it before the kill),
 * then "input sent"; fails the upload it was receiving (removing its staging directory) and the file job
 * whose file changed; and leaves the cancelled job, the job whose input was sent and another instance's job
 * alone.
 */
@QuarkusTest
@QuarkusTestResource(value = IngestResumeTest.InterruptedJobs.class, restrictToAnnotatedClass = true)
class IngestResumeTest {
    private static final Path DATA = Path.of("target/test-classes/data");
    private static final JobSpec FILE_JOB = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("monol_testA.evt")
            .setDt(1.0 / 16).setSegmentSize(64).build();
    private static final JobSpec UPLOAD_JOB = FILE_JOB.toBuilder().clearInputs().build();
    private static final Path UPLOAD_STAGING = Path.of("target/staging/upload");
    /** monol_testA.evt as opened and located: the input of the file jobs. */
    private static final InputFile OPENED = opened();

    private static InputFile opened() {
        try {
            Path file = DATA.resolve("monol_testA.evt");
            return InputFile.newBuilder().setPath("monol_testA.evt").setSizeBytes(Files.size(file)).setSha256(
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))))
                    .setLocation("data:monol_testA.evt").setLocationSizeBytes(Files.size(file)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The input of a file job, as ingest publishes it. */
    private static JobInput input(String jobId) {
        return JobInput.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(jobId).setSpec(FILE_JOB)
                .addInputs(OPENED).build();
    }

    /** The broker, with the records of the jobs a killed instance "0" left (written before the service starts). */
    public static class InterruptedJobs extends KafkaTestResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = super.start();
            Instant t = Instant.now();
            InputFile changed = OPENED.toBuilder().setSha256("0" + OPENED.getSha256().substring(1)).build();
            try {
                // the interrupted upload's first list, still under its temporary name
                Files.createDirectories(UPLOAD_STAGING);
                Files.writeString(UPLOAD_STAGING.resolve(".upload-0.fits.1f2e.part"), "SIMPLE  =    T");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(broker().clientConfig(), new StringSerializer(),
                    new ByteArraySerializer())) {
                send(p, JobRecords.queued("resume", FILE_JOB, "alice", "0", t), JobRecords.running("resume", "reading", t),
                        JobRecords.inputsOpened("resume", List.of(OPENED), t));
                // killed after publishing its input, before recording that
                p.send(new ProducerRecord<>(Topics.INPUTS, "resume", input("resume").toByteArray())).get();
                send(p, JobRecords.queued("queued", FILE_JOB, "alice", "0", t));
                send(p, JobRecords.queued("changed", FILE_JOB, "alice", "0", t), JobRecords.running("changed", "reading", t),
                        JobRecords.inputsOpened("changed", List.of(changed), t));
                send(p, JobRecords.queued("upload", UPLOAD_JOB, "alice", "0", t), JobRecords.running("upload", "receiving", t));
                send(p, JobRecords.queued("cancelled", FILE_JOB, "alice", "0", t), JobRecords.running("cancelled", "reading", t),
                        JobRecords.cancelled("cancelled", t), JobRecords.progress("cancelled", 5, OptionalLong.of(16), t));
                send(p, JobRecords.queued("sent", FILE_JOB, "alice", "0", t), JobRecords.running("sent", "reading", t),
                        JobRecords.inputsOpened("sent", List.of(OPENED), t), JobRecords.inputSent("sent", t));
                send(p, JobRecords.queued("other", FILE_JOB, "alice", "1", t), JobRecords.running("other", "reading", t));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return config;
        }

        /** The job's full record (the fold of its partial records), alone on {@code manta.jobs}: what compaction leaves. */
        private static void send(KafkaProducer<String, byte[]> p, JobRecord... records) {
            JobRecord full = null;
            for (JobRecord r : records) {
                full = JobRecords.merge(full, r);
            }
            try {
                p.send(new ProducerRecord<>(Topics.JOBS, full.getJobId(), full.toByteArray())).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @TestHTTPResource
    URL url;
    @Inject
    KafkaConfig kafka;
    @Inject
    JobView view;

    private MeshClient client;

    @BeforeEach
    void connect() {
        client = MeshClient.connect(url.getHost(), url.getPort(), EdgeCredentials.plaintext(TestTokens.ALICE));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void aRestartResumesFileJobsFailsUploadsAndLeavesTheRest() throws Exception {
        assertEquals(List.of(input("resume"), input("resume")), Inputs.of(kafka, view, "resume"),
                "published again, the same input (segment-service plans a job once)");
        assertEquals(List.of(input("queued")), Inputs.of(kafka, view, "queued"));
        JobStatus upload = await("upload", s -> s.getState() == JobState.FAILED);
        assertEquals("the upload was interrupted when ingest-service restarted; upload again", upload.getMessage());
        assertFalse(Files.exists(UPLOAD_STAGING), "the interrupted upload's staging directory is removed");
        JobStatus changed = await("changed", s -> s.getState() == JobState.FAILED);
        assertTrue(changed.getMessage().startsWith("monol_testA.evt: changed since the job started"), changed.getMessage());
        await("resume", s -> s.getMessage().equals("reading again after an ingest-service restart: monol_testA.evt"));
        assertEquals(List.of(OPENED), view.get("queued", Duration.ZERO).orElseThrow().getIngest().getInputsList(),
                "what the queued job opened is recorded");

        assertEquals(JobState.CANCELLED, status("cancelled").getState());
        for (String job : List.of("sent", "other")) {
            assertEquals(JobState.RUNNING, status(job).getState(), job);
            assertEquals("reading", status(job).getMessage(), job);
        }
        assertEquals(List.of("queued", "resume", "resume"), Inputs.all(kafka).stream().map(JobInput::getJobId).sorted().toList(),
                "the jobs with inputs on manta.inputs");
        List<String> metrics = given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("manta_ingest_jobs_")).toList();
        assertTrue(metrics.stream().anyMatch(l -> l.matches("manta_ingest_jobs_resumed_total(\\{.*})? 3\\.0")),
                "resume, queued and changed were resumed: " + metrics);
    }

    @Test
    void getAndWatchOfJobsFromTheLastRecordPerJobHaveTheirSpecOwnerAndFinalState() {
        JobStatus cancelled = status("cancelled");
        assertEquals(JobState.CANCELLED, cancelled.getState(), "cancelled, then progress counts: still cancelled");
        assertEquals("cancelled by a client", cancelled.getMessage());
        assertEquals(FILE_JOB, cancelled.getSpec(), "the spec survives compaction");
        assertEquals("alice", cancelled.getOwner(), "the owner survives compaction");
        List<JobProgress> watched = client.watch("cancelled", Duration.ofSeconds(10));
        assertEquals(JobState.CANCELLED, watched.getLast().getState(), "Watch ends at once with the final state");
        JobStatus other = status("other");
        assertEquals(FILE_JOB, other.getSpec());
        assertEquals("alice", other.getOwner());
        try (MeshClient bob = MeshClient.connect(url.getHost(), url.getPort(), EdgeCredentials.plaintext(TestTokens.BOB))) {
            MeshCallException e = assertThrows(MeshCallException.class, () -> bob.status("cancelled"));
            assertTrue(e.getMessage().contains("NOT_FOUND"), "another principal does not see alice's job: " + e.getMessage());
        }
    }

    private JobStatus status(String jobId) {
        return client.status(jobId);
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
