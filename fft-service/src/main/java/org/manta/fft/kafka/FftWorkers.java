package org.manta.fft.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.manta.fft.FftConfig;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.config.StorageConfig;
import org.manta.mesh.common.fold.BatchFolder;
import org.manta.mesh.common.fold.UnitWorker;
import org.manta.mesh.common.storage.Storage;

/**
 * Starts {@code manta.fft.workers} {@link UnitWorker}s at boot and stops them at shutdown; ready when
 * every worker has its Kafka clients up. Worker {@code k} of instance {@code i} is named
 * {@code manta-fft-<i>-<k>}: its transactional id and static group membership. Each worker has its own
 * {@link BatchFolder} over the storage of {@code manta.storage.*}, where it reads the units' rows.
 */
@ApplicationScoped
@Readiness
public class FftWorkers implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(FftWorkers.class);

    @Inject
    KafkaConfig kafka;
    @Inject
    FftConfig config;
    @Inject
    StorageConfig storageConfig;
    @Inject
    MeterRegistry registry;

    private final List<UnitWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    void start(@Observes StartupEvent event) {
        int n = config.workers().orElse(Runtime.getRuntime().availableProcessors());
        Storage storage = Storage.of(storageConfig);
        UnitWorker.Metrics metrics = new UnitWorker.Metrics(
                Counter.builder("manta.fft.units").description("work units folded").register(registry),
                Counter.builder("manta.fft.segments").description("segments folded").register(registry),
                Counter.builder("manta.fft.events").description("events read into the folded segments, all channels")
                        .register(registry),
                Counter.builder("manta.fft.rows").description("event table rows read from the input files, all channels")
                        .register(registry),
                Counter.builder("manta.fft.partials").description("partial accumulators published").register(registry),
                Counter.builder("manta.fft.jobs.failed")
                        .description("jobs failed by a bad work unit or input file (once per batch)").register(registry),
                Timer.builder("manta.fft.fold")
                        .description("time to read, histogram, FFT and fold one batch of work units").register(registry),
                consumer -> {
                    KafkaClientMetrics m = new KafkaClientMetrics(consumer);
                    m.bindTo(registry);
                    return m;
                });
        for (int k = 0; k < n; k++) {
            UnitWorker w = new UnitWorker("manta-fft-" + kafka.instanceId() + "-" + k, kafka, new BatchFolder(storage),
                    config.maxUnitsPerBatch(), Duration.ofMillis(config.pollTimeoutMs()),
                    Duration.ofMillis(config.lingerMs()), metrics);
            workers.add(w);
            threads.add(Thread.ofPlatform().name("manta-fft-worker-" + k).start(w));
        }
        LOG.infof("fft-service: %d worker(s), at most %d work units per transaction; data root %s, staging root %s", n,
                config.maxUnitsPerBatch(), storage.dataRoot(), storage.stagingRoot());
    }

    void stop(@Observes ShutdownEvent event) {
        workers.forEach(UnitWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        long up = workers.stream().filter(UnitWorker::healthy).count();
        return HealthCheckResponse.named("fft-workers").status(!workers.isEmpty() && up == workers.size())
                .withData("workers", workers.size()).withData("connected", up).build();
    }
}
