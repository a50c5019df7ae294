package org.manta.reduce;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Spectra;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.testing.KafkaTestResource;
import org.manta.mesh.common.auth.BearerTokenInterceptor;
import org.manta.mesh.common.testing.Management;
import org.manta.mesh.common.testing.TestTokens;
import org.manta.proto.ProductPieces;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductRequest;
import org.manta.proto.v1.ProductServiceGrpc;
import org.manta.proto.v1.RunningProduct;

/**
 * The service against a real broker: partials and the expected count in, the product out over gRPC
 * (in pieces of the client's size), NOT_FOUND / FAILED_PRECONDITION before that, running products on
 * manta.running and a tombstone at the end; gRPC health, HTTP health and metrics.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class ReduceServiceTest {
    /** Merged partials against the one-pass spectrum: a few ulp of the largest power. */
    private static final double REASSOCIATION_TOL = 1e-12;

    @TestHTTPResource
    URL url;
    @Inject
    KafkaConfig kafka;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = channel(TestTokens.ALICE);
    }

    /** A plaintext channel (no TLS under test) sending {@code token} as the bearer token; null: none. */
    private ManagedChannel channel(String token) {
        ManagedChannelBuilder<?> b = ManagedChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext();
        if (token != null) {
            Metadata headers = new Metadata();
            headers.put(BearerTokenInterceptor.AUTHORIZATION, "Bearer " + token);
            b.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        return b.build();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void servesTheProductOnceTheJobIsComplete() throws Exception {
        var stub = ProductServiceGrpc.newBlockingStub(channel);
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> stub.get(ProductRequest.newBuilder().setJobId("nope").build()).next());
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        assertTrue(unknown.getStatus().getDescription().contains("no such job"));

        double[] times = TestPartials.events(21, 6000);
        JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.LEAHY).toBuilder().setWantRunningProduct(true).build();
        List<ConsumerRecord<String, byte[]>> running = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "t",
                Optional.empty(), Topics.all()));
             KafkaConsumer<String, byte[]> runningTopic = KafkaClients.consumer(KafkaClients.consumerConfig(kafka, "t",
                     "reduce-test-running", Optional.empty(), List.of(Topics.RUNNING_TOPIC)))) {
            runningTopic.subscribe(List.of(Topics.RUNNING));
            producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, "r", JobRecords.queued("r", spec, "alice", "0", Instant.now()).toByteArray())).get();
            awaitStatus(stub, "r", Status.Code.FAILED_PRECONDITION);
            producer.send(new ProducerRecord<>(Topics.EXPECTED, "r", TestPartials.preliminary("r", spec).toByteArray())).get();
            for (PartialAccumulator p : TestPartials.partials("r", ProductKind.PDS, times, 9)) {
                producer.send(new ProducerRecord<>(Topics.PARTIALS, "r", p.toByteArray())).get();
                // until the first running product: a partial merged before the preliminary count makes none
                for (long end = System.nanoTime() + 2_000_000_000L; running.isEmpty() && System.nanoTime() < end; ) {
                    runningTopic.poll(java.time.Duration.ofMillis(100)).forEach(running::add);
                }
            }
            producer.send(new ProducerRecord<>(Topics.EXPECTED, "r",
                    TestPartials.expected("r", spec, times.length).toByteArray()));
            for (long end = System.nanoTime() + 30_000_000_000L; (running.isEmpty()
                    || running.get(running.size() - 1).value() != null) && System.nanoTime() < end; ) {
                runningTopic.poll(java.time.Duration.ofMillis(100)).forEach(running::add);
            }
        }
        assertTrue(running.size() >= 2, "a running product and a tombstone: " + running.size() + " records");
        assertTrue(running.get(running.size() - 1).value() == null, "a tombstone once the job is final");
        RunningProduct first = RecordCodec.running(running.get(0).value());
        assertEquals("r", running.get(0).key());
        assertTrue(first.getProduct().getM() > 0 && first.getProduct().getM() < TestPartials.segmentCount(),
                "m = " + first.getProduct().getM());
        List<ProductPiece> pieces = awaitProduct(stub, "r", 50);
        assertTrue(pieces.size() > 2, "pieces of at most 50 values: " + pieces.size());
        Product product = ProductPieces.assemble(pieces);
        double[] expected = Spectra.averagedPowerSpectrum(times, TestPartials.GTI, TestPartials.SPEC, Normalization.LEAHY,
                true).power();
        double[] actual = product.getPower().getReList().stream().mapToDouble(Double::doubleValue).toArray();
        assertArrayEquals(expected, actual, REASSOCIATION_TOL * java.util.Arrays.stream(expected).max().orElseThrow());
        List<ProductPiece> stored = awaitProduct(stub, "r", 0);
        assertEquals(ProductPieces.split(product, ProductPieces.DEFAULT_MAX_VALUES_PER_PIECE), stored,
                "the default piece size: the stored pieces as they are");

        ProductRequest r = ProductRequest.newBuilder().setJobId("r").build();
        for (String token : java.util.Arrays.asList(null, "wrong", TestTokens.BOB, TestTokens.ADMIN)) {
            ManagedChannel other = channel(token);
            try {
                var as = ProductServiceGrpc.newBlockingStub(other);
                if (TestTokens.ADMIN.equals(token)) {
                    assertEquals(product, ProductPieces.assemble(awaitProduct(as, "r", 50)), "an admin fetches any product");
                } else {
                    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> as.get(r).next());
                    assertEquals(TestTokens.BOB.equals(token) ? Status.Code.NOT_FOUND : Status.Code.UNAUTHENTICATED,
                            e.getStatus().getCode(), "token " + token + ": " + e.getStatus());
                }
            } finally {
                other.shutdownNow();
            }
        }

        StatusRuntimeException noHealth = assertThrows(StatusRuntimeException.class,
                () -> HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNIMPLEMENTED, noHealth.getStatus().getCode(), "no gRPC health on the public port");
        String metrics = given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("manta_reduce_segments_total"), "segments merged counter");
        given().get(Management.url("/q/health/ready")).then().statusCode(200);
    }

    private static void awaitStatus(ProductServiceGrpc.ProductServiceBlockingStub stub, String job, Status.Code code)
            throws InterruptedException {
        Status.Code last = null;
        for (int i = 0; i < 200 && last != code; i++) {
            try {
                stub.get(ProductRequest.newBuilder().setJobId(job).build()).next();
            } catch (StatusRuntimeException e) {
                last = e.getStatus().getCode();
            }
            Thread.sleep(50);
        }
        assertEquals(code, last);
    }

    private static List<ProductPiece> awaitProduct(ProductServiceGrpc.ProductServiceBlockingStub stub, String job, int max)
            throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                List<ProductPiece> out = new ArrayList<>();
                Iterator<ProductPiece> it = stub.get(ProductRequest.newBuilder().setJobId(job).setMaxValuesPerPiece(max).build());
                it.forEachRemaining(out::add);
                return out;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.FAILED_PRECONDITION) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no product for job " + job);
    }
}
