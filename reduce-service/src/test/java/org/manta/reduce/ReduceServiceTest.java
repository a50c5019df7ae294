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
import java.util.Map;
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
import org.manta.mesh.common.testing.TestJwts;
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
        // static tokens and the test provider's JWTs (manta.auth.mode=jwt,tokens): who may fetch alice's product
        Map<String, Status.Code> refusal = new java.util.LinkedHashMap<>();
        refusal.put(null, Status.Code.UNAUTHENTICATED);          // no token
        refusal.put("wrong", Status.Code.UNAUTHENTICATED);
        refusal.put(TestTokens.BOB, Status.Code.NOT_FOUND);
        refusal.put(TestTokens.ADMIN, null);
        refusal.put(TestJwts.of("alice"), null);
        refusal.put(TestJwts.of("bob", "astro"), Status.Code.NOT_FOUND);
        refusal.put(TestJwts.of("ops", TestJwts.ADMIN_GROUP), null);
        refusal.put(TestJwts.forged("ops", TestJwts.ADMIN_GROUP), Status.Code.UNAUTHENTICATED);
        for (Map.Entry<String, Status.Code> t : refusal.entrySet()) {
            ManagedChannel other = channel(t.getKey());
            try {
                var as = ProductServiceGrpc.newBlockingStub(other);
                if (t.getValue() == null) {
                    assertEquals(product, ProductPieces.assemble(awaitProduct(as, "r", 50)), "the owner or an admin: " + t.getKey());
                } else {
                    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> as.get(r).next());
                    assertEquals(t.getValue(), e.getStatus().getCode(), "token " + t.getKey() + ": " + e.getStatus());
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

    /**
     * ProductService.Delete: FAILED_PRECONDITION while the job runs, NOT_FOUND for another user (the product stays),
     * for the owner a tombstone per piece on manta.products and NOT_FOUND ("deleted") from Get; twice: 0 pieces.
     */
    @Test
    void onlyTheOwnerDeletesAFinalJobsProductWithATombstonePerPiece() throws Exception {
        var alice = ProductServiceGrpc.newBlockingStub(channel);
        ProductRequest d = ProductRequest.newBuilder().setJobId("d").build();
        double[] times = TestPartials.events(23, 3000);
        JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.LEAHY);
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "t",
                Optional.empty(), Topics.all()))) {
            producer.send(new ProducerRecord<>(Topics.JOBS, "d", JobRecords.queued("d", spec, "alice", "0", Instant.now())
                    .toByteArray())).get();
            awaitStatus(alice, "d", Status.Code.FAILED_PRECONDITION);
            StatusRuntimeException running = assertThrows(StatusRuntimeException.class, () -> alice.delete(d));
            assertEquals(Status.Code.FAILED_PRECONDITION, running.getStatus().getCode(), running.getStatus().toString());
            assertTrue(running.getStatus().getDescription().contains("cancel the job first"), running.getStatus().toString());
            producer.send(new ProducerRecord<>(Topics.EXPECTED, "d", TestPartials.expected("d", spec, times.length)
                    .toByteArray())).get();
            for (PartialAccumulator p : TestPartials.partials("d", ProductKind.PDS, times, 9)) {
                producer.send(new ProducerRecord<>(Topics.PARTIALS, "d", p.toByteArray())).get();
            }
        }
        Product product = ProductPieces.assemble(awaitProduct(alice, "d", 50));
        ManagedChannel bob = channel(TestTokens.BOB);
        try {
            StatusRuntimeException notHers = assertThrows(StatusRuntimeException.class,
                    () -> ProductServiceGrpc.newBlockingStub(bob).delete(d));
            assertEquals(Status.Code.NOT_FOUND, notHers.getStatus().getCode(), "another user's job");
        } finally {
            bob.shutdownNow();
        }
        assertEquals(product, ProductPieces.assemble(awaitProduct(alice, "d", 50)), "still served after bob's try");

        int pieces = alice.delete(d).getPiecesDeleted();
        assertTrue(pieces >= 1, "pieces deleted: " + pieces);
        StatusRuntimeException gone = assertThrows(StatusRuntimeException.class, () -> alice.get(d).next());
        assertEquals(Status.Code.NOT_FOUND, gone.getStatus().getCode());
        assertTrue(gone.getStatus().getDescription().contains("deleted"), gone.getStatus().getDescription());
        assertEquals(0, alice.delete(d).getPiecesDeleted(), "deleting twice deletes nothing");
        java.util.Map<String, byte[]> last = new java.util.HashMap<>();
        try (KafkaConsumer<String, byte[]> products = KafkaClients.consumer(KafkaClients.consumerConfig(kafka, "t",
                "reduce-test-products", Optional.empty(), List.of(Topics.PRODUCTS_TOPIC)))) {
            products.subscribe(List.of(Topics.PRODUCTS));
            for (long end = System.nanoTime() + 20_000_000_000L; System.nanoTime() < end
                    && (last.size() < pieces || last.values().stream().anyMatch(java.util.Objects::nonNull)); ) {
                products.poll(java.time.Duration.ofMillis(100)).forEach(r -> {
                    if (r.key().startsWith("d/")) {
                        last.put(r.key(), r.value());
                    }
                });
            }
        }
        assertEquals(pieces, last.size(), "every piece of d: " + last.keySet());
        assertTrue(last.values().stream().allMatch(java.util.Objects::isNull), "each piece's last record is a tombstone");
    }

    /** A job cancelled before its partials come: the final merge abandons it and no product is ever served. */
    @Test
    void aCancelledJobNeverGetsAProduct() throws Exception {
        var alice = ProductServiceGrpc.newBlockingStub(channel);
        double[] times = TestPartials.events(29, 3000);
        JobSpec spec = TestPartials.spec(ProductKind.PDS, Norm.LEAHY);
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "t",
                Optional.empty(), Topics.all()))) {
            producer.send(new ProducerRecord<>(Topics.JOBS, "x", JobRecords.queued("x", spec, "alice", "0", Instant.now())
                    .toByteArray())).get();
            producer.send(new ProducerRecord<>(Topics.JOBS, "x", JobRecords.cancelled("x", Instant.now()).toByteArray())).get();
            producer.send(new ProducerRecord<>(Topics.EXPECTED, "x", TestPartials.expected("x", spec, times.length)
                    .toByteArray())).get();
            for (PartialAccumulator p : TestPartials.partials("x", ProductKind.PDS, times, 9)) {
                producer.send(new ProducerRecord<>(Topics.PARTIALS, "x", p.toByteArray())).get();
            }
        }
        List<String> productKeys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> products = KafkaClients.consumer(KafkaClients.consumerConfig(kafka, "t",
                "reduce-test-cancelled", Optional.empty(), List.of(Topics.PRODUCTS_TOPIC)))) {
            products.subscribe(List.of(Topics.PRODUCTS));
            for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {   // both levels are done by then
                products.poll(java.time.Duration.ofMillis(100)).forEach(r -> productKeys.add(r.key()));
            }
        }
        assertTrue(productKeys.stream().noneMatch(k -> k.startsWith("x/")), "no product made: " + productKeys);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> alice.get(ProductRequest.newBuilder().setJobId("x").build()).next());
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().contains("CANCELLED"), e.getStatus().getDescription());
        String metrics = given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("manta_reduce_partials_final_total")
                || l.startsWith("manta_reduce_jobs_abandoned_total")), "lifecycle counters exported");
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
