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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.KafkaClients;
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
    private static final Logger LOG = Logger.getLogger(ProductCatalog.class);

    @Inject
    KafkaConfig kafka;

    private final Map<String, ProductRecord[]> products = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        running = true;
        thread = Thread.ofPlatform().name("manta-product-catalog").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        Map<String, Object> config = KafkaClients.consumerConfig(kafka, "manta-product-catalog", null, Optional.empty(),
                List.of(Topics.PRODUCTS_TOPIC));
        while (running) {
            try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(config)) {
                consumer = c;
                List<TopicPartition> parts = c.partitionsFor(Topics.PRODUCTS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(parts);
                c.seekToBeginning(parts);
                Map<TopicPartition, Long> end = c.endOffsets(parts);
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                        try {
                            add(RecordCodec.product(r.value()));
                        } catch (RuntimeException e) {
                            LOG.warnf("manta.products offset %d: skipping an unreadable piece: %s", r.offset(), e.getMessage());
                        }
                    }
                    if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        caughtUp.countDown();
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("product catalog: %s; reconnecting in 1 s", e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
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

    /** Waits up to {@code patience} for the job's product. */
    public Optional<List<ProductPiece>> await(String jobId, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        Optional<List<ProductPiece>> p = pieces(jobId);
        while (p.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            p = pieces(jobId);
        }
        return p;
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
}
