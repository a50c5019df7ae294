package org.manta.reduce.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.testing.KafkaSecurityEnv;
import org.manta.mesh.harness.KafkaBroker;
import org.manta.proto.ProductPieces;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.ComplexArray;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductRecord;

/**
 * The product catalog on a real broker: products beyond its memory budget are fetched from {@code manta.products}
 * by their offsets, whole and equal to what was written, while the pieces it holds stay within the budget; a
 * tombstone makes a product deleted.
 */
class ProductCatalogTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Values per product: frequencies, powers and errors, in pieces of at most 2,000 values (about 150 kB). */
    private static final int VALUES = 6000;
    private static KafkaBroker broker;
    private static KafkaConfig kafka;

    @BeforeAll
    static void startABroker() {
        broker = KafkaBroker.builder().start();
        broker.createTopics(Topics.PRODUCTS_TOPIC);
        kafka = KafkaSecurityEnv.kafka(Map.of("KAFKA_BOOTSTRAP", broker.bootstrapServers()));
    }

    @AfterAll
    static void stopTheBroker() {
        broker.close();
    }

    @Test
    void productsBeyondTheBudgetAreFetchedFromTheTopicWholeAndDeletedOnesAreGone() throws Exception {
        List<String> jobs = IntStream.range(0, 6).mapToObj(i -> "catalog-" + i).toList();
        Map<String, List<ProductPiece>> written = new java.util.TreeMap<>();
        long productBytes = 0;
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "t",
                Optional.empty(), List.of(Topics.PRODUCTS_TOPIC)))) {
            for (int j = 0; j < jobs.size(); j++) {
                List<ProductPiece> pieces = ProductPieces.split(product(j), VALUES / 3);
                written.put(jobs.get(j), pieces);
                productBytes = 0;
                for (int i = 0; i < pieces.size(); i++) {
                    byte[] value = ProductRecord.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(jobs.get(j)).setPieceIndex(i)
                            .setPieceCount(pieces.size()).setPiece(pieces.get(i)).build().toByteArray();
                    productBytes += value.length;
                    producer.send(new ProducerRecord<>(Topics.PRODUCTS, Keys.productPiece(jobs.get(j), i), value))
                            .get(30, TimeUnit.SECONDS);
                }
            }
        }
        long budget = 2 * productBytes + productBytes / 2;       // two products and a half
        ProductCatalog catalog = new ProductCatalog().open(kafka, budget);
        try {
            assertTrue(catalog.awaitCaughtUp(PATIENCE), "read " + Topics.PRODUCTS);
            assertTrue(catalog.cachedBytes() <= budget, catalog.cachedBytes() + " bytes held, budget " + budget);
            assertTrue(catalog.cachedBytes() >= 2 * productBytes, "the last two products held: " + catalog.cachedBytes());
            for (String job : jobs) {        // the first four come from the topic, each then evicts an older one
                assertTrue(catalog.has(job), job);
                assertEquals(written.get(job), catalog.await(job, PATIENCE).orElseThrow(), job + ": the pieces written");
                assertTrue(catalog.cachedBytes() <= budget, catalog.cachedBytes() + " bytes held, budget " + budget);
            }

            assertEquals(written.get(jobs.get(0)).size(), catalog.delete(jobs.get(0)), "a tombstone per piece");
            assertTrue(catalog.wasDeleted(jobs.get(0)));
            assertFalse(catalog.has(jobs.get(0)));
            assertTrue(catalog.pieces(jobs.get(0)).isEmpty(), "a deleted product is not served");
            assertEquals(0, catalog.delete(jobs.get(0)), "deleting twice deletes nothing");
        } finally {
            catalog.close();
        }

        ProductCatalog none = new ProductCatalog().open(kafka, 0);      // a restarted reducer that holds nothing
        try {
            assertTrue(none.awaitCaughtUp(PATIENCE));
            assertTrue(none.wasDeleted(jobs.get(0)), "the tombstones read at the start");
            for (String job : jobs.subList(1, jobs.size())) {
                assertEquals(written.get(job), none.await(job, PATIENCE).orElseThrow(), job + " fetched");
            }
            assertEquals(0, none.cachedBytes(), "nothing held with a budget of 0");
        } finally {
            none.close();
        }
    }

    /** A PDS whose values say which job it is ({@code j}) and where they stand. */
    private static Product product(int j) {
        List<Double> freq = new ArrayList<>(VALUES);
        ComplexArray.Builder power = ComplexArray.newBuilder();
        ComplexArray.Builder err = ComplexArray.newBuilder();
        for (int i = 0; i < VALUES; i++) {
            freq.add((i + 1) * 0.015625);
            power.addRe(j + i * 1e-3);
            err.addRe(1.0 / (1 + i + j));
        }
        return Product.newBuilder().setKind(ProductKind.PDS).setJobId("catalog-" + j).addAllFreq(freq)
                .setPower(power).setPowerErr(err).setM(7).build();
    }
}
