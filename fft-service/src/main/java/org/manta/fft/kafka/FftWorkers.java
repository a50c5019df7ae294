package org.manta.fft.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.manta.fft.FftConfig;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.config.StorageConfig;
import org.manta.mesh.common.fold.BatchFolder;
import org.manta.mesh.common.fold.UnitWorker;
import org.manta.mesh.common.fold.UnitWorkers;
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

    private final UnitWorkers workers = new UnitWorkers();

    void start(@Observes StartupEvent event) {
        int n = config.workers().orElse(Runtime.getRuntime().availableProcessors());
        Storage storage = Storage.of(storageConfig);
        UnitWorker.Metrics metrics = UnitWorker.Metrics.register(registry, "manta.fft");
        var finalJobs = workers.finalJobs(kafka, "manta-fft-final-jobs-" + kafka.instanceId());
        for (int k = 0; k < n; k++) {
            UnitWorker w = new UnitWorker("manta-fft-" + kafka.instanceId() + "-" + k, kafka, new BatchFolder(storage),
                    config, finalJobs, metrics);
            workers.start(w, "manta-fft-worker-" + k, () -> { });
        }
        LOG.infof("fft-service: %d worker(s), at most %d work units per transaction; data root %s, staging root %s", n,
                config.maxUnitsPerBatch(), storage.dataRoot(), storage.stagingRoot());
    }

    void stop(@Observes ShutdownEvent event) {
        workers.stopAll();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("fft-workers").status(workers.ready())
                .withData("workers", workers.size()).withData("connected", workers.connected()).build();
    }
}
