package org.manta.mesh.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import org.manta.mesh.TopicSpec;
import org.manta.mesh.common.config.KafkaConfig;

/**
 * A live, in-memory view of a compacted topic keyed by job id: a {@link CompactedTopicReader} folds
 * every record into the current value of its key ({@code fold}; a tombstone removes the key) and tells
 * the key's listeners. Values this process writes can be applied at once with {@link #apply}. Used for
 * the job view ({@code manta.jobs}) and the running products ({@code manta.running}). When the reader reads the
 * topic again (after a reconnect, or stale for half the topic's {@code delete.retention.ms}: a tombstone may have
 * been missed), a key held from before that pass which the topic no longer has is removed.
 *
 * @param <V> the record value type
 */
public final class KeyedTopicView<V> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KeyedTopicView.class);

    private final Map<String, V> values = new ConcurrentHashMap<>();
    /** How long a record this process applied may take to reach the topic: Kafka's {@code delivery.timeout.ms}. */
    static final Duration LOCAL_WRITE_GRACE = Duration.ofMinutes(2);
    /** When each key was last folded from the topic, and applied by this process ({@link System#nanoTime}). */
    private final Map<String, Long> readAt = new ConcurrentHashMap<>();
    private final Map<String, Long> appliedAt = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<V>>> listeners = new ConcurrentHashMap<>();
    private final List<Consumer<V>> everyKey = new CopyOnWriteArrayList<>();
    private final Function<byte[], V> decode;
    private final BinaryOperator<V> fold;
    private final CompactedTopicReader reader;

    /**
     * @param name   client id and thread name of the reader, e.g. {@code manta-job-view}
     * @param decode reads a record value (e.g. {@code RecordCodec::job}); an exception skips the record
     * @param fold   the new current value from the current one and a newer record's
     */
    public KeyedTopicView(KafkaConfig kafka, String name, TopicSpec topic, Function<byte[], V> decode,
                          BinaryOperator<V> fold) {
        this(kafka, name, topic, decode, fold, CompactedTopicReader.Freshness.of(topic));
    }

    /** As above, with the reader's freshness given (tests). */
    public KeyedTopicView(KafkaConfig kafka, String name, TopicSpec topic, Function<byte[], V> decode,
                          BinaryOperator<V> fold, CompactedTopicReader.Freshness freshness) {
        this.decode = decode;
        this.fold = fold;
        this.reader = new CompactedTopicReader(kafka, name, topic, r -> accept(r.key(), r.value()), freshness)
                .onPassEnd(this::passEnded);
    }

    /**
     * The end of a read of the whole topic again (not the first): the keys held from before it that the topic no
     * longer has (their tombstones were missed) are removed, as a tombstone would (listeners are not told). A key this
     * process applied itself within {@link #LOCAL_WRITE_GRACE} before the pass began is kept: its record may have
     * reached the topic after the pass's end offsets were taken.
     */
    void passEnded(CompactedTopicReader.Pass pass) {
        if (pass.number() == 1) {
            return;                 // the first read: nothing here came from the topic before it
        }
        long localBefore = pass.startedNanos() - LOCAL_WRITE_GRACE.toNanos();
        for (String key : values.keySet()) {
            Long read = readAt.get(key);
            Long local = appliedAt.get(key);
            if (!pass.keys().contains(key) && (read == null || read - pass.startedNanos() < 0)
                    && (local == null || local - localBefore < 0)) {
                LOG.infof("%s: no longer on the topic (its tombstone was not read): removed", key);
                remove(key);
            }
        }
    }

    private void remove(String key) {
        values.remove(key);
        readAt.remove(key);
        appliedAt.remove(key);
    }

    /**
     * A record of the topic: folded into its key's value, or, a tombstone ({@code null}), the key removed: it is then
     * unknown, as a key never seen (its listeners are not told; a later record starts it afresh).
     */
    void accept(String key, byte[] value) {
        if (value == null) {
            remove(key);
        } else {
            V v = decode.apply(value);
            readAt.put(key, System.nanoTime());
            fold(key, v);
        }
    }

    /** Starts reading the topic from the beginning (on a daemon thread). */
    public KeyedTopicView<V> start() {
        reader.start();
        return this;
    }

    @Override
    public void close() {
        reader.close();
    }

    /** Folds a value this process just wrote into the view (before it is read back) and tells the key's listeners. */
    public V apply(String key, V value) {
        appliedAt.put(key, System.nanoTime());
        return fold(key, value);
    }

    private V fold(String key, V value) {
        V merged = values.merge(key, value, fold);
        for (Consumer<V> l : everyKey) {
            notify(key, l);
        }
        for (Consumer<V> l : listeners.getOrDefault(key, List.of())) {
            notify(key, l);
        }
        return merged;
    }

    private void notify(String key, Consumer<V> l) {
        try {
            // the current value, not this fold's result: two writers racing may notify in either
            // order, and a listener must never see a value go back (nor a key a tombstone removed meanwhile)
            V v = values.get(key);
            if (v != null) {
                l.accept(v);
            }
        } catch (RuntimeException e) {
            LOG.debugf("%s listener failed: %s", key, e);
        }
    }

    /** Calls {@code listener} with every new value of every key (from the view's thread or a writer's: keep it short). */
    public void watchAll(Consumer<V> listener) {
        everyKey.add(listener);
    }

    /** The current value of a key. */
    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The current values of all keys (a snapshot). */
    public List<V> values() {
        return List.copyOf(values.values());
    }

    /**
     * The current value of a key. Right after a start, waits (up to {@code patience}) until the topic
     * has been read to the end before answering that the key is unknown.
     */
    public Optional<V> get(String key, Duration patience) {
        V v = values.get(key);
        if (v == null) {
            awaitCaughtUp(patience);
            v = values.get(key);
        }
        return Optional.ofNullable(v);
    }

    /**
     * The value of a key, waiting up to {@code patience} in all for it to arrive: first until the topic has been read
     * to the end (right after a start), then for a record of the key (one that another process is writing now).
     * Returns empty once the patience is spent.
     */
    public Optional<V> await(String key, Duration patience) {
        return await(key, v -> true, patience);
    }

    /**
     * The value of a key once it satisfies {@code until}, waiting up to {@code patience} in all: first until the topic
     * has been read to the end (right after a start), then for the records of the key, each tested as it is folded
     * in (woken by the fold, no polling). Once the patience is spent, the value as it is then (empty if none).
     */
    public Optional<V> await(String key, Predicate<? super V> until, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        Optional<V> now = get(key, patience);
        if (now.isPresent() && until.test(now.get())) {
            return now;
        }
        CompletableFuture<V> arrived = new CompletableFuture<>();
        try (AutoCloseable listener = watch(key, v -> {
            if (v != null && until.test(v)) {
                arrived.complete(v);
            }
        })) {
            V v = values.get(key);     // folded between the look above and the listener
            return Optional.ofNullable(v != null && until.test(v) ? v
                    : arrived.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.ofNullable(values.get(key));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.ofNullable(values.get(key));
        } catch (Exception e) {
            throw new IllegalStateException("waiting for " + key + ": " + e, e);
        }
    }

    /** True once the topic was read to its end offsets of the start (waits up to {@code patience}). */
    public boolean awaitCaughtUp(Duration patience) {
        return reader.awaitCaughtUp(patience);
    }

    public boolean isCaughtUp() {
        return reader.isCaughtUp();
    }

    /** The reader's passes over the whole topic so far ({@link CompactedTopicReader#passes}). */
    public int passes() {
        return reader.passes();
    }

    /**
     * Calls {@code listener} with every new value of a key until the returned handle is closed (it is
     * called from the view's thread or a writer's: keep it short and thread-safe).
     */
    public AutoCloseable watch(String key, Consumer<V> listener) {
        listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(key, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }
}
