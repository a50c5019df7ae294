package org.manta.fft;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.mesh.common.fold.TestUnits.band;
import static org.manta.mesh.common.fold.TestUnits.spec;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.manta.core.plan.UnitSizing;
import org.manta.mesh.common.fold.TestUnits;
import org.manta.mesh.common.fold.TestUnits.Job;
import org.manta.mesh.common.fold.TestUnits.UnitRecord;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.config.StorageConfig;
import org.manta.mesh.common.kafka.DeadLetters;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.storage.Storage;
import org.manta.mesh.common.testing.KafkaTestResource;
import org.manta.mesh.common.testing.Management;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ProductKind;

/**
 * The service against a real broker: work units on {@code manta.units} (whose rows the workers read from
 * the configured data root) in, committed partials on {@code manta.partials} out that merge to the
 * embedded product; a unit whose input file is missing fails its job on {@code manta.job-events}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class FftServiceTest {
    @Inject
    KafkaConfig kafka;
    @Inject
    StorageConfig storageConfig;

    @Test
    void foldsUnitsIntoPartialsThatMergeToTheEmbeddedProducts() {
        Storage storage = Storage.of(storageConfig);
        UnitSizing small = new UnitSizing(300, 2, 1);
        List<Job> jobs = List.of(
                TestUnits.plan(storage, "job-pds", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.LEAHY), small,
                        "monol_testA.evt"),
                TestUnits.plan(storage, "job-cpds", spec(ProductKind.CPDS, 1.0 / 128, 64, Norm.FRAC)
                        .setBand1(band(0, 10)).setBand2(band(10, 100)), small, "monol_testA.evt"));
        Job lost = TestUnits.plan(storage, "job-lost", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.LEAHY), small,
                "monol_testA.evt");
        InputFile moved = lost.record().getInputs(0).toBuilder().setLocation("data:moved-away.evt").build();
        org.manta.proto.v1.WorkUnit lostUnit = Plans.unit(lost.id(), lost.units().get(0),
                lost.record().toBuilder().setInputs(0, moved).build());

        List<UnitRecord> records = new ArrayList<>();
        jobs.forEach(j -> records.addAll(j.records()));
        Collections.shuffle(records, new Random(7));
        records.add(records.size() / 2, new UnitRecord(Keys.unit(lost.id(), 0), lostUnit.toByteArray()));
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "t",
                Optional.empty(), List.of(Topics.UNITS_TOPIC)))) {
            for (UnitRecord r : records) {
                producer.send(new ProducerRecord<>(Topics.UNITS, r.key(), r.value()));
            }
        }

        Map<String, MeshPartial> merged = new HashMap<>();
        jobs.forEach(j -> merged.put(j.id(), j.emptyPartial()));
        int partials = 0;
        JobRecord failed = null;
        ConsumerRecord<String, byte[]> deadLetter = null;
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(KafkaClients.consumerConfig(kafka, "t",
                "fft-test", Optional.empty(), List.of(Topics.PARTIALS_TOPIC, Topics.COMBINED_TOPIC, Topics.JOB_EVENTS_TOPIC,
                Topics.DEAD_LETTERS_TOPIC)))) {
            // the partials of these small jobs go straight to the final merge (manta.combined), larger jobs' to the
            // combiners (manta.partials): both are read
            consumer.subscribe(List.of(Topics.PARTIALS, Topics.COMBINED, Topics.JOB_EVENTS, Topics.DEAD_LETTERS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((failed == null || deadLetter == null || jobs.stream().anyMatch(j -> merged.get(j.id()).processedCount()
                    < j.plan().segmentCount())) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(Topics.JOB_EVENTS)) {
                        failed = RecordCodec.job(r.value());
                        continue;
                    }
                    if (r.topic().equals(Topics.DEAD_LETTERS)) {
                        deadLetter = r;
                        continue;
                    }
                    MeshPartial p = MeshPartial.fromProto(RecordCodec.partial(r.value()));
                    assertTrue(merged.containsKey(p.jobId()), "no partial of the failed job: " + p.jobId());
                    merged.get(p.jobId()).merge(p);
                    partials++;
                }
            }
        }
        for (Job j : jobs) {
            MeshPartial m = merged.get(j.id());
            assertTrue(m.processed().coversExactly(j.plan().segmentCount()), j.id() + ", every segment once: "
                    + m.processed());
            TestUnits.assertEqualsEmbedded(j, m);
        }
        assertTrue(partials >= 2, "partials: " + partials);
        assertTrue(failed != null, "the job whose file is missing failed");
        assertEquals(lost.id(), failed.getJobId());
        assertEquals(JobState.FAILED, failed.getState());
        assertTrue(failed.getMessage().contains("moved-away.evt") && failed.getMessage().contains("missing"),
                failed.getMessage());
        // the unit that could not be processed is a dead letter, as it was, with where it came from and why
        assertTrue(deadLetter != null, "the lost job's unit on " + Topics.DEAD_LETTERS);
        assertEquals(Keys.unit(lost.id(), 0), deadLetter.key());
        assertArrayEquals(lostUnit.toByteArray(), deadLetter.value());
        assertEquals("fft-service", DeadLetters.header(deadLetter.headers(), DeadLetters.STAGE));
        assertEquals(Topics.UNITS, DeadLetters.header(deadLetter.headers(), DeadLetters.TOPIC));
        assertEquals(lost.id(), DeadLetters.header(deadLetter.headers(), DeadLetters.JOB));
        assertEquals(failed.getMessage(), DeadLetters.header(deadLetter.headers(), DeadLetters.ERROR));
        assertTrue(Long.parseLong(DeadLetters.header(deadLetter.headers(), DeadLetters.OFFSET)) >= 0, "its offset");

        String metrics = given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        int units = jobs.stream().mapToInt(j -> j.units().size()).sum();
        int segments = jobs.stream().mapToInt(j -> j.plan().segmentCount()).sum();
        assertTrue(counter(metrics, "manta_fft_units_total") >= units, "units counted");
        assertTrue(counter(metrics, "manta_fft_segments_total") >= segments, "segments counted");
        assertTrue(counter(metrics, "manta_fft_events_total") > 0, "events counted");
        assertTrue(counter(metrics, "manta_fft_rows_total") >= counter(metrics, "manta_fft_events_total"),
                "every event read is a row read");
        assertTrue(counter(metrics, "manta_fft_jobs_failed_total") >= 1, "failed jobs counted");
        assertTrue(metrics.contains("manta_fft_fold_seconds_count"), "fold time");
        assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag"), "consumer lag exported");
        given().get(Management.url("/q/health/ready")).then().statusCode(200);
    }

    /** The value of a counter (without tags) in the Prometheus text. */
    private static double counter(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " not exported");
    }
}
