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
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.CompactedTopicReader;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductRecord;

/**
 * The finished products, read from the compacted {@code manta.products} (from the beginning, then
 * live, {@code read_committed}): a restarted reducer serves every job finished before. Kept in memory
 * per job as its pieces; a product is available once all its pieces are here.
 */
@ApplicationScoped
public class ProductCatalog {
    @Inject
    KafkaConfig kafka;

    private final Map<String, ProductRecord[]> products = new ConcurrentHashMap<>();
    private CompactedTopicReader reader;

    void start(@Observes StartupEvent event) {
        reader = new CompactedTopicReader(kafka, "manta-product-catalog", Topics.PRODUCTS_TOPIC,
                r -> add(RecordCodec.product(r.value()))).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (reader != null) {
            reader.close();
        }
    }

    private void add(ProductRecord r) {
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
