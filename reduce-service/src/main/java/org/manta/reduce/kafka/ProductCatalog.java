package org.manta.reduce.kafka;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.CompactedTopicReader;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductRecord;
import org.manta.reduce.ReduceConfig;

/**
 * The finished products, read from the compacted {@code manta.products} (from the beginning, then live,
 * {@code read_committed}): a restarted reducer serves every job finished before. In memory it keeps an index, where
 * each product's pieces lie on the topic (partition and offset, a few dozen bytes per product), and the pieces of the
 * products used last up to {@code manta.reduce.product-cache-bytes} ({@link RecentProducts}: a job just finished is
 * served from there); any other product is fetched from the topic by its offsets when asked for. So the memory of a
 * reducer does not grow with the products of the topic's retention (30 days), only its index does. A product is
 * available once all its pieces are here. {@link #delete} writes a tombstone for each piece of a product (compaction
 * then removes it from the topic); a tombstone read removes the whole product here and on every other instance, and
 * the job is remembered as deleted (the last {@value #DELETED_KEPT}) so that Get says so at once. A product whose
 * newest piece is older than the topic's retention ({@link Topics#PRODUCTS_RETENTION_MS}) leaves the index, as the
 * broker deletes it.
 */
@ApplicationScoped
public class ProductCatalog {
    private static final Logger LOG = Logger.getLogger(ProductCatalog.class);
    static final int DELETED_KEPT = 4096;
    private static final Duration DURABLE = Duration.ofSeconds(30);
    /** How long a fetch of a product's pieces from the topic may take. */
    private static final Duration FETCH_PATIENCE = Duration.ofSeconds(30);
    private static final long SWEEP_MILLIS = 60_000;

    @Inject
    KafkaConfig kafka;
    @Inject
    ReduceConfig config;

    /**
     * Where a product's pieces lie: partition and offset of each, -1 for a piece not read yet; the newest's time
     * (its record's timestamp) and when this instance read it ({@link System#nanoTime}).
     */
    private record Stored(int[] partitions, long[] offsets, long timestamp, long readNanos) {
        boolean complete() {
            return java.util.Arrays.stream(offsets).allMatch(o -> o >= 0);
        }
    }

    private final Map<String, Stored> index = new ConcurrentHashMap<>();
    private final Map<String, Boolean> deleted = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > DELETED_KEPT;
                }
            });
    private RecentProducts recent;
    private CompactedTopicReader reader;
    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> fetcher;
    private long nextSweep;
    /** Pieces read so far (under this object's lock): a waiting call sleeps only if none came since it looked. */
    private volatile long arrivals;
    private final Object fetchLock = new Object();

    void start(@Observes StartupEvent event) {
        open(kafka, config.productCacheBytes());
    }

    /** Starts reading {@code manta.products} with a cache of {@code cacheBytes} (a test starts it so, without CDI). */
    ProductCatalog open(KafkaConfig kafka, long cacheBytes) {
        this.kafka = kafka;
        recent = new RecentProducts(cacheBytes);
        reader = new CompactedTopicReader(kafka, "manta-product-catalog", Topics.PRODUCTS_TOPIC, r -> {
            if (r.value() == null) {
                removed(Keys.jobOf(r.key()));
            } else {
                add(RecordCodec.product(r.value()), r.partition(), r.offset(), r.timestamp(), r.value().length);
            }
        }).onPassEnd(this::passEnded).start();
        return this;
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }

    void close() {
        if (reader != null) {
            reader.close();
        }
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(10));
            }
        }
        synchronized (fetchLock) {
            if (fetcher != null) {
                fetcher.close(Duration.ofSeconds(5));
            }
        }
    }

    /**
     * Deletes a job's product: a tombstone per piece on {@code manta.products}, durable when this returns; the
     * product is not served from then on. Returns the pieces deleted (0 when there is no product).
     */
    public int delete(String jobId) {
        Stored stored = index.get(jobId);
        if (stored == null) {
            return 0;
        }
        int count = stored.offsets().length;
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        KafkaProducer<String, byte[]> p = producer();
        for (int i = 0; i < count; i++) {
            sends.add(p.send(new ProducerRecord<>(Topics.PRODUCTS, Keys.productPiece(jobId, i), null)));
        }
        for (Future<RecordMetadata> s : sends) {
            try {
                s.get(DURABLE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("deleting the product of job " + jobId + " on manta.products: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while deleting the product of job " + jobId, e);
            }
        }
        removed(jobId);
        return count;
    }

    /** True when this instance saw the job's product deleted (the last {@value #DELETED_KEPT} deletions). */
    public boolean wasDeleted(String jobId) {
        return deleted.containsKey(jobId);
    }

    private void removed(String jobId) {
        deleted.put(jobId, Boolean.TRUE);
        index.remove(jobId);
        recent.remove(jobId);
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "manta-product-catalog", Optional.empty(),
                    List.of(Topics.PRODUCTS_TOPIC)));
        }
        return producer;
    }

    private void add(ProductRecord r, int partition, long offset, long timestamp, long size) {
        deleted.remove(r.getJobId());
        int count = r.getPieceCount();
        int i = r.getPieceIndex();
        if (count < 1 || i < 0 || i >= count) {
            throw new IllegalArgumentException("piece " + i + " of " + count);
        }
        index.compute(r.getJobId(), (k, s) -> {
            boolean fresh = s == null || s.offsets().length != count;
            int[] partitions = fresh ? new int[count] : s.partitions().clone();
            long[] offsets = fresh ? filled(count) : s.offsets().clone();
            partitions[i] = partition;
            offsets[i] = offset;
            return new Stored(partitions, offsets, fresh ? timestamp : Math.max(timestamp, s.timestamp()),
                    System.nanoTime());
        });
        recent.put(r, size);
        sweep();
        synchronized (this) {
            arrivals++;
            notifyAll();          // wakes the calls waiting for a product
        }
    }

    /**
     * The end of a read of the whole topic (after a reconnect, or when the reader was stale long enough to miss a
     * tombstone): a product read before it of which the topic has no piece any more is forgotten.
     */
    private void passEnded(CompactedTopicReader.Pass pass) {
        if (pass.number() == 1) {
            return;                 // the first read: everything here came from it
        }
        index.forEach((jobId, stored) -> {
            boolean onTopic = java.util.stream.IntStream.range(0, stored.offsets().length)
                    .anyMatch(i -> pass.keys().contains(Keys.productPiece(jobId, i)));
            if (!onTopic && stored.readNanos() - pass.startedNanos() < 0) {
                LOG.infof("job %s: its product is no longer on %s (a tombstone not read): forgotten", jobId,
                        Topics.PRODUCTS);
                index.remove(jobId, stored);
                recent.remove(jobId);
            }
        });
    }

    private static long[] filled(int count) {
        long[] offsets = new long[count];
        java.util.Arrays.fill(offsets, -1);
        return offsets;
    }

    /** Once a minute: forgets the products older than the topic's retention (the broker deletes them). */
    private void sweep() {
        long now = System.currentTimeMillis();
        if (now < nextSweep) {
            return;
        }
        nextSweep = now + SWEEP_MILLIS;
        index.entrySet().removeIf(e -> {
            boolean old = now - e.getValue().timestamp() > Topics.PRODUCTS_RETENTION_MS;
            if (old) {
                recent.remove(e.getKey());
            }
            return old;
        });
    }

    /** True when every piece of the job's product was read (without fetching them). */
    public boolean has(String jobId) {
        Stored stored = index.get(jobId);
        return stored != null && stored.complete();
    }

    /**
     * The job's product pieces in order, once all have arrived: from memory when the product was used lately, else
     * fetched from {@code manta.products} by their offsets (empty if the topic no longer has them).
     */
    public Optional<List<ProductPiece>> pieces(String jobId) {
        Stored stored = index.get(jobId);
        if (stored == null || !stored.complete()) {
            return Optional.empty();
        }
        Optional<ProductRecord[]> pieces = recent.get(jobId).or(() -> fetch(jobId, stored));
        return pieces.map(p -> java.util.Arrays.stream(p).map(ProductRecord::getPiece).toList());
    }

    /** The bytes of product pieces held in memory now. */
    long cachedBytes() {
        return recent.bytes();
    }

    /**
     * Reads a product's pieces from the topic at their offsets (one consumer, one fetch at a time) and keeps them
     * among the recent products. Empty, and the product forgotten, when a piece is no longer there (removed by the
     * retention or by a tombstone's compaction).
     */
    private Optional<ProductRecord[]> fetch(String jobId, Stored stored) {
        int count = stored.offsets().length;
        ProductRecord[] out = new ProductRecord[count];
        long[] sizes = new long[count];
        synchronized (fetchLock) {
            if (fetcher == null) {
                fetcher = KafkaClients.consumer(KafkaClients.consumerConfig(kafka, "manta-product-fetch", null,
                        Optional.empty(), List.of(Topics.PRODUCTS_TOPIC)));
            }
            long deadline = System.nanoTime() + FETCH_PATIENCE.toNanos();
            for (int partition : java.util.Arrays.stream(stored.partitions()).distinct().toArray()) {
                TopicPartition tp = new TopicPartition(Topics.PRODUCTS, partition);
                long from = Long.MAX_VALUE;
                long to = -1;
                for (int i = 0; i < count; i++) {
                    if (stored.partitions()[i] == partition) {
                        from = Math.min(from, stored.offsets()[i]);
                        to = Math.max(to, stored.offsets()[i]);
                    }
                }
                fetcher.assign(List.of(tp));
                fetcher.seek(tp, from);
                while (fetcher.position(tp) <= to && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : fetcher.poll(Duration.ofMillis(100))) {
                        int i = indexOf(stored, partition, r.offset());
                        if (i >= 0 && r.value() != null) {
                            out[i] = RecordCodec.product(r.value());
                            sizes[i] = r.value().length;
                        }
                    }
                }
            }
        }
        for (int i = 0; i < count; i++) {
            if (out[i] == null || !out[i].getJobId().equals(jobId)) {
                LOG.warnf("job %s: piece %d of its product is no longer on %s at offset %d; forgotten", jobId, i,
                        Topics.PRODUCTS, stored.offsets()[i]);
                index.remove(jobId, stored);
                return Optional.empty();
            }
        }
        for (int i = 0; i < count; i++) {
            recent.put(out[i], sizes[i]);
        }
        return Optional.of(out);
    }

    private static int indexOf(Stored stored, int partition, long offset) {
        for (int i = 0; i < stored.offsets().length; i++) {
            if (stored.partitions()[i] == partition && stored.offsets()[i] == offset) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Waits up to {@code patience} for the job's product (woken by each piece that arrives; a fetch from the topic
     * runs outside the lock the reader takes to wake the waiting calls).
     */
    public Optional<List<ProductPiece>> await(String jobId, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long seen = arrivals;
            Optional<List<ProductPiece>> p = pieces(jobId);
            long left = deadline - System.nanoTime();
            if (p.isPresent() || left <= 0) {
                return p;
            }
            synchronized (this) {
                if (arrivals == seen) {
                    try {
                        wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Optional.empty();
                    }
                }
            }
        }
    }

    /** True once the topic was read to its end offsets of the start (waits up to {@code patience}). */
    public boolean awaitCaughtUp(Duration patience) {
        return reader.awaitCaughtUp(patience);
    }
}
