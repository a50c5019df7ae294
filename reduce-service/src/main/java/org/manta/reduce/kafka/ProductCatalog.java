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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.CompactedTopicReader;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductRecord;

/**
 * The finished products, read from the compacted {@code manta.products} (from the beginning, then
 * live, {@code read_committed}): a restarted reducer serves every job finished before. Kept in memory
 * per job as its pieces; a product is available once all its pieces are here. {@link #delete} writes a
 * tombstone for each piece of a product (compaction then removes it from the topic); a tombstone read
 * removes the whole product here and on every other instance, and the job is remembered as deleted (the last
 * {@value #DELETED_KEPT}) so that Get says so at once.
 */
@ApplicationScoped
public class ProductCatalog {
    @Inject
    KafkaConfig kafka;

    static final int DELETED_KEPT = 4096;
    private static final Duration DURABLE = Duration.ofSeconds(30);

    private final Map<String, ProductRecord[]> products = new ConcurrentHashMap<>();
    private final Map<String, Boolean> deleted = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > DELETED_KEPT;
                }
            });
    private CompactedTopicReader reader;
    private KafkaProducer<String, byte[]> producer;

    void start(@Observes StartupEvent event) {
        reader = new CompactedTopicReader(kafka, "manta-product-catalog", Topics.PRODUCTS_TOPIC, r -> {
            if (r.value() == null) {
                removed(Keys.jobOf(r.key()));
            } else {
                add(RecordCodec.product(r.value()));
            }
        }).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (reader != null) {
            reader.close();
        }
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(10));
            }
        }
    }

    /**
     * Deletes a job's product: a tombstone per piece on {@code manta.products}, durable when this returns; the
     * product is not served from then on. Returns the pieces deleted (0 when there is no product).
     */
    public int delete(String jobId) {
        ProductRecord[] pieces = products.get(jobId);
        if (pieces == null) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        KafkaProducer<String, byte[]> p = producer();
        for (int i = 0; i < pieces.length; i++) {
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
        return pieces.length;
    }

    /** True when this instance saw the job's product deleted (the last {@value #DELETED_KEPT} deletions). */
    public boolean wasDeleted(String jobId) {
        return deleted.containsKey(jobId);
    }

    private void removed(String jobId) {
        deleted.put(jobId, Boolean.TRUE);
        products.remove(jobId);
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = KafkaClients.producer(KafkaClients.producerConfig(kafka, "manta-product-catalog", Optional.empty(),
                    List.of(Topics.PRODUCTS_TOPIC)));
        }
        return producer;
    }

    private void add(ProductRecord r) {
        deleted.remove(r.getJobId());
        if (r.getPieceCount() < 1 || r.getPieceIndex() < 0 || r.getPieceIndex() >= r.getPieceCount()) {
            throw new IllegalArgumentException("piece " + r.getPieceIndex() + " of " + r.getPieceCount());
        }
        products.compute(r.getJobId(), (k, pieces) -> {
            ProductRecord[] p = pieces == null || pieces.length != r.getPieceCount() ? new ProductRecord[r.getPieceCount()] : pieces;
            p[r.getPieceIndex()] = r;
            return p;
        });
        synchronized (this) {
            notifyAll();          // wakes the calls waiting for a product
        }
    }

    /** The job's product pieces in order, once all have arrived. */
    public Optional<List<ProductPiece>> pieces(String jobId) {
        ProductRecord[] p = products.get(jobId);
        if (p == null) {
            return Optional.empty();
        }
        List<ProductPiece> out = new ArrayList<>(p.length);
        for (ProductRecord r : p) {
            if (r == null) {
                return Optional.empty();
            }
            out.add(r.getPiece());
        }
        return Optional.of(out);
    }

    /** Waits up to {@code patience} for the job's product (woken by each piece that arrives). */
    public Optional<List<ProductPiece>> await(String jobId, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (this) {
            Optional<List<ProductPiece>> p = pieces(jobId);
            long left = deadline - System.nanoTime();
            while (p.isEmpty() && left > 0) {
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                p = pieces(jobId);
                left = deadline - System.nanoTime();
            }
            return p;
        }
    }

    /** True once the topic was read to its end offsets of the start (waits up to {@code patience}). */
    public boolean awaitCaughtUp(Duration patience) {
        return reader.awaitCaughtUp(patience);
    }
}
