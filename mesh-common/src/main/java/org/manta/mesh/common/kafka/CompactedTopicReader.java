package org.manta.mesh.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * assigned (no consumer group), {@code read_committed}, every record handed to a handler once; reconnects
 * after a failure. Knows when it has caught up with the end offsets it saw at start, so a view built on
 * it can tell "unknown" from "not read yet". Used for the job view ({@code manta.jobs}), the running
 * products ({@code manta.running}) and the product catalog ({@code manta.products}).
 *
 * <p><b>Missed tombstones.</b> Compaction removes a tombstone {@code delete.retention.ms} after it cleaned it
 * (Kafka's default: a day): a reader that did not read that far for longer (cut off from the broker, or stalled)
 * may never see it, and a view built on it would keep a removed key for ever. So the reader checks now and then
 * ({@link Freshness#checkEvery}) that it reaches the end offsets of the moment; when it has not done so for
 * {@link Freshness#staleAfter} (half the topic's {@code delete.retention.ms}), and after every reconnect, it reads
 * the topic again from the beginning: a <i>pass</i>. The records of a pass it had handled before are not handed
 * to the handler again, only their keys counted; at the end of each pass {@link #onPassEnd} hears which keys the
 * topic still has, so the view drops those it holds from before the pass and the topic no longer has.
 */
public final class CompactedTopicReader implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CompactedTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long RECONNECT_MILLIS = 1000;
    /** Kafka's default {@code delete.retention.ms}: how long a cleaned tombstone stays (a day). */
    private static final long KAFKA_DELETE_RETENTION_MS = 86_400_000L;
    private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How the reader makes sure it misses no tombstone: it reads the topic again from the beginning once it has not
     * reached the end offsets of some moment for {@code staleAfter}; it asks for those offsets every {@code checkEvery}.
     */
    public record Freshness(Duration staleAfter, Duration checkEvery) {
        /** Half the topic's {@code delete.retention.ms} (Kafka's default a day: 12 h), checked every 10 s. */
        public static Freshness of(TopicSpec topic) {
            long retention = Long.parseLong(topic.configs().getOrDefault(
                    org.apache.kafka.common.config.TopicConfig.DELETE_RETENTION_MS_CONFIG,
                    Long.toString(KAFKA_DELETE_RETENTION_MS)));
            return of(Duration.ofMillis(retention / 2));
        }

        /** Stale after {@code staleAfter}, checked four times as often (at most every 10 s). */
        public static Freshness of(Duration staleAfter) {
            Duration quarter = staleAfter.dividedBy(4);
            return new Freshness(staleAfter, quarter.compareTo(Duration.ofSeconds(10)) < 0 ? quarter : Duration.ofSeconds(10));
        }
    }

    /**
     * A read of the topic from the beginning to the end offsets of its start.
     *
     * @param number       1 for the first read, then 2, 3, ...
     * @param startedNanos when it started ({@link System#nanoTime})
     * @param keys         the keys whose last record in it is not a tombstone: those the topic has
     */
    public record Pass(int number, long startedNanos, Set<String> keys) {
    }

    private final KafkaConfig kafka;
    private final String name;
    private final TopicSpec topic;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final Freshness freshness;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** Per partition, the offset after the last record handed to the handler (a pass skips those before). */
    private final Map<TopicPartition, Long> handledUpTo = new HashMap<>();
    private Consumer<Pass> onPassEnd = pass -> { };
    private final AtomicInteger passes = new AtomicInteger();
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
        this(kafka, name, topic, handler, Freshness.of(topic));
    }

    /** As above, with the given freshness (tests: seconds instead of half a day). */
    public CompactedTopicReader(KafkaConfig kafka, String name, TopicSpec topic,
                                Consumer<ConsumerRecord<String, byte[]>> handler, Freshness freshness) {
        this.kafka = kafka;
        this.name = name;
        this.topic = topic;
        this.handler = handler;
        this.freshness = freshness;
    }

    /**
     * Calls {@code listener} on the reader's thread at the end of every pass (the first read, a reconnect, a read
     * again after being stale), with the keys the topic has; set it before {@link #start}.
     */
    public CompactedTopicReader onPassEnd(Consumer<Pass> listener) {
        this.onPassEnd = listener;
        return this;
    }

    /** The passes ended so far (1 once the first read reached its end offsets). */
    public int passes() {
        return passes.get();
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
        long staleAfter = freshness.staleAfter().toNanos();
        long checkEvery = freshness.checkEvery().toNanos();
        while (running) {
            try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(config)) {
                consumer = c;
                List<TopicPartition> partitions = c.partitionsFor(topic.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(partitions);
                PassInProgress pass = begin(c, partitions);
                long confirmedAt = pass.startedNanos;      // every tombstone before this was read
                Map<TopicPartition, Long> target = null;   // end offsets asked for at targetAt, not reached yet
                long targetAt = 0;
                long nextCheck = pass.startedNanos + checkEvery;
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                        accept(r, pass);
                    }
                    long now = System.nanoTime();
                    if (pass != null && reached(c, pass.end)) {
                        end(pass);
                        pass = null;
                    }
                    if (target != null && reached(c, target)) {
                        confirmedAt = targetAt;
                        target = null;
                    }
                    if (now - confirmedAt > staleAfter) {
                        LOG.infof("%s: %s not read to its end for %d s (over half its delete.retention.ms): reading it "
                                + "again from the beginning, so that no tombstone is missed", name, topic.name(),
                                (now - confirmedAt) / 1_000_000_000L);
                        pass = begin(c, partitions);
                        confirmedAt = pass.startedNanos;
                        target = null;
                    } else if (target == null && now >= nextCheck) {
                        nextCheck = now + checkEvery;
                        targetAt = now;
                        target = endOffsets(c, partitions);
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

    /** A pass being read: its start, its end offsets and the keys seen so far that the topic still has. */
    private static final class PassInProgress {
        final long startedNanos = System.nanoTime();
        final Map<TopicPartition, Long> end;
        final Set<String> keys = new HashSet<>();

        PassInProgress(Map<TopicPartition, Long> end) {
            this.end = end;
        }
    }

    private static PassInProgress begin(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        c.seekToBeginning(partitions);
        return new PassInProgress(c.endOffsets(partitions));
    }

    private void end(PassInProgress pass) {
        int number = passes.incrementAndGet();
        caughtUp.countDown();
        try {
            onPassEnd.accept(new Pass(number, pass.startedNanos, Set.copyOf(pass.keys)));
        } catch (RuntimeException e) {
            LOG.warnf("%s: the end of a pass of %s failed: %s", name, topic.name(), e.toString());
        }
    }

    /** Counts a record's key in the pass, and hands it to the handler unless it was handed before. */
    private void accept(ConsumerRecord<String, byte[]> r, PassInProgress pass) {
        if (pass != null && r.key() != null) {
            if (r.value() == null) {
                pass.keys.remove(r.key());
            } else {
                pass.keys.add(r.key());
            }
        }
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (r.offset() < handledUpTo.getOrDefault(tp, 0L)) {
            return;
        }
        handledUpTo.put(tp, r.offset() + 1);
        try {
            handler.accept(r);
        } catch (RuntimeException e) {
            LOG.warnf("%s offset %d: skipping an unreadable record: %s", topic.name(), r.offset(), e.getMessage());
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue());
    }

    /** The end offsets now, or null when the broker does not answer in time (the next check asks again). */
    private static Map<TopicPartition, Long> endOffsets(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        try {
            return c.endOffsets(partitions, END_OFFSETS_TIMEOUT);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return null;
        }
    }
}
