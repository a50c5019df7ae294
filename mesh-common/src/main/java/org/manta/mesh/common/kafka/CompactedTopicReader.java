package org.manta.mesh.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.manta.mesh.TopicSpec;
import org.manta.mesh.common.config.KafkaConfig;

/**
 * Reads a compacted topic from the beginning and then live, on a daemon thread: all partitions
 * assigned (no consumer group), {@code read_committed}, every record handed to a handler; reconnects
 * after a failure. Knows when it has caught up with the end offsets it saw at start, so a view built on
 * it can tell "unknown" from "not read yet". Used for the job view ({@code manta.jobs}), the running
 * products ({@code manta.running}) and the product catalog ({@code manta.products}).
 */
public final class CompactedTopicReader implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CompactedTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long RECONNECT_MILLIS = 1000;

    private final KafkaConfig kafka;
    private final String name;
    private final TopicSpec topic;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name    client id and thread name, e.g. {@code manta-job-view}
     * @param handler called for every record, in offset order per partition; an exception skips that
     *                record (logged with its offset), it does not stop the reader
     */
    public CompactedTopicReader(KafkaConfig kafka, String name, TopicSpec topic,
                                Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.kafka = kafka;
        this.name = name;
        this.topic = topic;
        this.handler = handler;
    }

    public CompactedTopicReader start() {
        running = true;
        thread = Thread.ofPlatform().name(name).daemon().start(this::run);
        return this;
    }

    @Override
    public void close() {
        running = false;
        KafkaClients.wakeAndJoin(consumer, thread);
    }

    /** True once the topic was read to its end offsets of the start (waits up to {@code patience}). */
    public boolean awaitCaughtUp(Duration patience) {
        try {
            return caughtUp.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void run() {
        Map<String, Object> config = KafkaClients.consumerConfig(kafka, name, null, Optional.empty(), List.of(topic));
        while (running) {
            try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(config)) {
                consumer = c;
                List<TopicPartition> partitions = c.partitionsFor(topic.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = c.endOffsets(partitions);
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                        try {
                            handler.accept(r);
                        } catch (RuntimeException e) {
                            LOG.warnf("%s offset %d: skipping an unreadable record: %s", topic.name(), r.offset(),
                                    e.getMessage());
                        }
                    }
                    if (caughtUp.getCount() > 0
                            && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        caughtUp.countDown();
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("%s: %s; reconnecting in 1 s", name, e.toString());
                    try {
                        Thread.sleep(RECONNECT_MILLIS);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }
}
