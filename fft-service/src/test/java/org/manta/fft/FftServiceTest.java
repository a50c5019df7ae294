package org.manta.fft;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Spectra;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.testing.KafkaTestResource;
import org.manta.proto.v1.Segment;

/** The service against a real broker: segments in, committed partials out that merge to the one-pass spectrum. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class FftServiceTest {
    /** Partials fold segments in arrival order and merge in another: a few ulp of the largest power. */
    private static final double REASSOCIATION_TOL = 1e-12;

    @Inject
    KafkaConfig kafka;

    @Test
    void foldsSegmentsIntoPartialsThatMergeToTheOnePassSpectrum() {
        double[] times = TestSegments.events(3, 20000);
        List<Segment> segments = TestSegments.segments("job-f", times);
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "t",
                Optional.empty(), List.of(Topics.SEGMENTS_TOPIC)))) {
            for (Segment s : segments) {
                producer.send(new ProducerRecord<>(Topics.SEGMENTS, Keys.segment("job-f", s.getSegmentIndex()), s.toByteArray()));
            }
        }
        MeshPartial merged = MeshPartial.empty("job-f", segments.get(0).getKind(), TestSegments.SPEC,
                segments.get(0).getPerSegmentSums());
        int partials = 0;
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(KafkaClients.consumerConfig(kafka, "t",
                "fft-test", Optional.empty(), List.of(Topics.PARTIALS_TOPIC)))) {
            consumer.subscribe(List.of(Topics.PARTIALS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (merged.processedCount() < segments.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    merged.merge(MeshPartial.fromProto(RecordCodec.partial(r.value())));
                    partials++;
                }
            }
        }
        assertTrue(merged.processed().coversExactly(segments.size()), "every segment once: " + merged.processed());
        AveragedPowerSpectrum expected = Spectra.averagedPowerSpectrum(times, TestSegments.GTI, TestSegments.SPEC,
                Normalization.LEAHY, true);
        AveragedPowerSpectrum actual = merged.power().result(Normalization.LEAHY, true);
        assertEquals(expected.segments(), actual.segments());
        double scale = java.util.Arrays.stream(expected.power()).max().orElseThrow();
        assertArrayEquals(expected.power(), actual.power(), REASSOCIATION_TOL * scale);
        assertTrue(partials >= 1);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("manta_fft_segments_total"), "segments counter");
        assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag"), "consumer lag exported");
        given().get("/q/health/ready").then().statusCode(200);
    }
}
