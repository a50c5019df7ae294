package org.manta.mesh.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.manta.mesh.TopicSpec;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.testing.KafkaSecurityEnv;
import org.manta.mesh.harness.KafkaBroker;

/**
 * A view whose reader stalled while the log cleaner removed a tombstone (a view cut off from the broker for longer
 * than the topic's {@code delete.retention.ms}) does not keep the removed key for ever: on a real broker that cleans
 * every 200 ms, a topic that rolls segments every 100 ms and keeps tombstones 100 ms, the reader is held inside a
 * record while key "gone" is tombstoned and the tombstone compacted away; once released, it finds itself stale
 * (not at the topic's end for longer than its 2 s), reads the topic again and the view drops "gone", keeps the
 * others and hands no record to the fold twice. A reader that keeps up reads the topic once.
 */
class MissedTombstoneTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final TopicSpec TOPIC = new TopicSpec("test.compacted", 1, Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.SEGMENT_MS_CONFIG, "100",
            TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01",
            TopicConfig.DELETE_RETENTION_MS_CONFIG, "100",
            TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0"));
    private static KafkaBroker broker;
    private static KafkaConfig kafka;

    @BeforeAll
    static void startABrokerThatCleansOften() {
        broker = KafkaBroker.builder().brokerProperty("log.cleaner.backoff.ms", "200").start();
        broker.createTopics(TOPIC);
        kafka = KafkaSecurityEnv.kafka(Map.of("KAFKA_BOOTSTRAP", broker.bootstrapServers()));
    }

    @AfterAll
    static void stopTheBroker() {
        broker.close();
    }

    @Test
    void aStalledViewDropsTheKeyWhoseTombstoneItNeverRead() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> decoded = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer();
             KeyedTopicView<String> view = new KeyedTopicView<>(kafka, "test-view", TOPIC, bytes -> {
                 String v = new String(bytes, StandardCharsets.UTF_8);
                 decoded.add(v);
                 if (v.equals("stall")) {
                     stalled.countDown();
                     await(release);         // the reader does not read on: as if cut off from the broker
                 }
                 return v;
             }, (current, next) -> next, CompactedTopicReader.Freshness.of(Duration.ofSeconds(2))).start()) {
            send(producer, "gone", "a");
            send(producer, "kept", "b");
            assertTrue(view.awaitCaughtUp(PATIENCE));
            assertEquals(Optional.of("a"), view.await("gone", PATIENCE));
            assertEquals(1, view.passes(), "one read of the topic");

            send(producer, "stall", "stall");
            assertTrue(stalled.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the reader is held");
            send(producer, "gone", null);
            awaitCompactedAway("gone", producer);
            release.countDown();

            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (view.get("gone").isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(view.get("gone").isEmpty(), "the key whose tombstone was compacted away is dropped");
            assertTrue(view.passes() >= 2, "the topic read again: " + view.passes() + " passes");
            assertEquals(Optional.of("b"), view.get("kept"));
            assertEquals(Optional.of("stall"), view.get("stall"));
            assertEquals(List.of("a", "b", "stall"), decoded.stream().filter(List.of("a", "b", "stall")::contains).toList(),
                    "this test's records folded once each, none again in the second pass");
        }
    }

    @Test
    void aReaderThatKeepsUpReadsTheTopicOnce() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer();
             KeyedTopicView<String> view = new KeyedTopicView<>(kafka, "test-view-2", TOPIC,
                     bytes -> new String(bytes, StandardCharsets.UTF_8), (current, next) -> next,
                     CompactedTopicReader.Freshness.of(Duration.ofSeconds(2))).start()) {
            assertTrue(view.awaitCaughtUp(PATIENCE));
            for (int i = 0; i < 30; i++) {     // 3 s of records, beyond the 2 s after which it would be stale
                send(producer, "steady-" + i, "v" + i);
                Thread.sleep(100);
            }
            assertEquals(Optional.of("v29"), view.await("steady-29", PATIENCE));
            assertEquals(1, view.passes(), "checked every 0.5 s, reached the end each time: no second read");
        }
    }

    /** Appends fillers (each rolls a segment) until no record of {@code key} is left on the topic. */
    private static void awaitCompactedAway(String key, KafkaProducer<String, byte[]> producer) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            Thread.sleep(150);
            send(producer, "filler", "filler-" + i);
            if (!keysOnTheTopic().contains(key)) {
                return;
            }
        }
        throw new AssertionError("the log cleaner did not remove " + key + " within " + PATIENCE);
    }

    /** Every key with a record (value or tombstone) on the topic now. */
    private static Set<String> keysOnTheTopic() {
        Set<String> keys = new HashSet<>();
        try (CompactedTopicReader reader = new CompactedTopicReader(kafka, "test-keys", TOPIC, r -> {
            synchronized (keys) {
                keys.add(r.key());
            }
        }).start()) {
            assertTrue(reader.awaitCaughtUp(PATIENCE));
        }
        synchronized (keys) {
            return new HashSet<>(keys);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return KafkaClients.producer(KafkaClients.producerConfig(kafka, "test", Optional.empty(), List.of(TOPIC)));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC.name(), key, value == null ? null : value.getBytes(StandardCharsets.UTF_8)))
                .get(30, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
