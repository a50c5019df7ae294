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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.ingest.kafka.IngestInstances;
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
 * whose file changed; and leaves the cancelled job, the job whose input was sent and another live instance's job
 * alone. Instance "9" is lost (never a member of ingest's group; {@code manta.ingest.adopt-after} is 2 s here):
 * its file job is adopted and prepared here, its upload fails with the reason; instance "1" is live (a member
 * this test keeps in the group) and keeps its job.
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
        private volatile boolean memberRunning;
        private Thread member;

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new java.util.HashMap<>(super.start());
            config.put("manta.ingest.adopt-after", "2s");
            keepInstanceOneLive();
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
                send(p, JobRecords.queued("lost-file", FILE_JOB, "alice", "9", t), JobRecords.running("lost-file", "reading", t),
                        JobRecords.inputsOpened("lost-file", List.of(OPENED), t));
                send(p, JobRecords.queued("lost-upload", UPLOAD_JOB, "alice", "9", t),
                        JobRecords.running("lost-upload", "receiving", t));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return config;
        }

        /** Ingest instance "1" as a live member of ingest's consumer group, as its {@code IngestInstances} joins. */
        private void keepInstanceOneLive() {
            Map<String, Object> c = new java.util.HashMap<>(broker().clientConfig());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, IngestInstances.GROUP);
            c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, IngestInstances.MEMBER_PREFIX + "1");
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            memberRunning = true;
            member = Thread.ofPlatform().daemon().start(() -> {
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                        new ByteArrayDeserializer())) {
                    consumer.subscribe(List.of(Topics.JOBS));
                    while (memberRunning) {
                        consumer.poll(Duration.ofMillis(200));
                    }
                }
            });
        }

        @Override
        public void stop() {
            memberRunning = false;
            if (member != null) {
                try {
                    member.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.stop();
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
        assertEquals(List.of("queued", "resume", "resume"), Inputs.all(kafka).stream().map(JobInput::getJobId)
                .filter(j -> !j.startsWith("lost-")).sorted().toList(), "the jobs with inputs on manta.inputs");
        assertTrue(metric("manta_ingest_jobs_resumed_total") >= 3, "resume, queued and changed were resumed");
    }

    @Test
    void theJobsOfALostInstanceAreTakenOverAndALiveInstancesJobIsLeft() throws Exception {
        assertEquals(List.of(input("lost-file")), Inputs.of(kafka, view, "lost-file"), "the lost instance's file job, prepared here");
        JobRecord adopted = view.get("lost-file", Duration.ZERO).orElseThrow();
        assertEquals("0", adopted.getIngest().getInstanceId(), "adopted by this instance");
        assertEquals(JobState.RUNNING, adopted.getState());
        JobStatus upload = await("lost-upload", s -> s.getState() == JobState.FAILED);
        assertEquals("its ingest instance 9 was lost during the upload; upload again", upload.getMessage());
        assertEquals(FILE_JOB, status("lost-file").getSpec());
        assertEquals(JobState.RUNNING, status("other").getState(), "instance 1 is live: its job is its own");
        assertEquals("reading", status("other").getMessage());
        assertEquals("1", view.get("other", Duration.ZERO).orElseThrow().getIngest().getInstanceId());
        assertEquals(2.0, metric("manta_ingest_jobs_adopted_total"), "the file job and the upload");
    }

    /** A counter of the service's metrics. */
    private static double metric(String name) {
        return given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
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
