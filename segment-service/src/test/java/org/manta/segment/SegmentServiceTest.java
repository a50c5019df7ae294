package org.manta.segment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.testing.KafkaTestResource;
import org.manta.mesh.common.testing.Management;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.WorkUnit;

/** The packaged service against a real broker: a job input in, committed work units and the expected count out; health and metrics. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class SegmentServiceTest {
    @jakarta.inject.Inject
    KafkaConfig kafka;

    @Test
    void plansAJobFromTheRealBroker() throws Exception {
        String file = "data/monol_testA.evt";
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.DYNPS).addInputs(file).setDt(1.0 / 16)
                .setSegmentSize(64).build();
        long size = Files.size(Path.of("target/test-classes").resolve(file));
        JobInput input = JobInput.newBuilder().setFormatVersion(org.manta.proto.RecordFormat.CURRENT).setJobId("job-1").setSpec(spec).addInputs(InputFile.newBuilder()
                .setPath(file).setLocation("data:" + file).setLocationSizeBytes(size)).build();
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "test",
                Optional.empty(), List.of(Topics.INPUTS_TOPIC)))) {
            producer.send(new ProducerRecord<>(Topics.INPUTS, "job-1", input.toByteArray())).get();
        }
        Map<String, Object> config = KafkaClients.consumerConfig(kafka, "test", "segment-test", Optional.empty(),
                List.of(Topics.UNITS_TOPIC, Topics.EXPECTED_TOPIC));
        TreeSet<Long> segments = new TreeSet<>();
        long expected = -1;
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(config)) {
            consumer.subscribe(List.of(Topics.UNITS, Topics.EXPECTED));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((expected < 0 || segments.size() < expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(Topics.EXPECTED)) {
                        expected = RecordCodec.expected(r.value()).getTotalSegments();
                    } else {
                        WorkUnit u = RecordCodec.unit(r.value());
                        for (long k = u.getSegmentFrom(); k < u.getSegmentTo(); k++) {
                            assertTrue(segments.add(k), "segment " + k + " in one unit only");
                        }
                    }
                }
            }
        }
        assertEquals(16, expected);
        assertEquals(16, segments.size(), "every segment in some unit");

        String metrics = given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("manta_segment_units_total"), "units counter exported");
        assertTrue(metrics.contains("manta_segment_plan_time"), "planning time exported");
        assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag"), "consumer lag of the stream thread exported");
        given().get(Management.url("/q/health/ready")).then().statusCode(200);
    }
}
