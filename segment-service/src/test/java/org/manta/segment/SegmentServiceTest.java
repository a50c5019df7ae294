package org.manta.segment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.manta.core.io.EventFileReader;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.mapping.EventChunkSource;
import org.manta.mesh.common.testing.KafkaTestResource;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ProductKind;

/** The packaged service against a real broker: chunks in, committed segments and the expected count out; health and metrics. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class SegmentServiceTest {
    @jakarta.inject.Inject
    KafkaConfig kafka;

    @Test
    void segmentsAJobFromTheRealBroker() throws Exception {
        JobSpec spec = JobSpec.newBuilder().setKind(ProductKind.DYNPS).addInputs("monol_testA.evt").setDt(1.0 / 16)
                .setSegmentSize(64).build();
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "test",
                Optional.empty(), List.of(Topics.CHUNKS_TOPIC)));
             EventFileReader reader = EventFileReader.open(Path.of(getClass().getResource("/data/monol_testA.evt").toURI()))) {
            EventChunkSource source = new EventChunkSource(reader, "job-1", 0, 300).withSpec(spec, 1);
            for (Optional<EventChunk> c = source.next(); c.isPresent(); c = source.next()) {
                producer.send(new ProducerRecord<>(Topics.CHUNKS, "job-1", c.get().toByteArray()));
            }
            producer.flush();
        }
        Map<String, Object> config = KafkaClients.consumerConfig(kafka, "test", "segment-test", Optional.empty(),
                List.of(Topics.SEGMENTS_TOPIC, Topics.EXPECTED_TOPIC));
        List<Long> indices = new ArrayList<>();
        long expected = -1;
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(config)) {
            consumer.subscribe(List.of(Topics.SEGMENTS, Topics.EXPECTED));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((expected < 0 || indices.size() < expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(Topics.EXPECTED)) {
                        expected = RecordCodec.expected(r.value()).getTotalSegments();
                    } else {
                        indices.add(RecordCodec.segment(r.value()).getSegmentIndex());
                    }
                }
            }
        }
        assertEquals(16, expected);
        assertEquals(16, indices.size());
        assertEquals(16, indices.stream().distinct().count(), "each segment once");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("manta_segment_segments_total"), "segments counter exported");
        assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag"), "consumer lag of the stream thread exported");
        given().get("/q/health/ready").then().statusCode(200);
    }
}
