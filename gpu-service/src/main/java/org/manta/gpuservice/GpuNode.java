package org.manta.gpuservice;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.manta.gpu.BatchLayout;
import org.manta.gpu.CudaDevice;
import org.manta.gpu.GpuDevice;
import org.manta.gpu.GpuProbe;
import org.manta.gpu.GpuSegmentEngine;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.config.StorageConfig;
import org.manta.mesh.common.fold.BatchFolder;
import org.manta.mesh.common.fold.UnitWorker;
import org.manta.mesh.common.fold.UnitWorkers;
import org.manta.mesh.common.storage.Storage;

/**
 * The GPU node: probes the CUDA device once at start ({@link GpuProbe#system()}) and, when there is one,
 * starts {@code manta.gpu.workers} {@link UnitWorker}s — fft-service's loop and folder, in the same consumer
 * group, so a work unit goes to one fft or gpu worker, exactly once — whose {@link BatchFolder} folds segments
 * on the device ({@link GpuFolds}). Readiness ({@code gpu-node}): the device (name, memory) and the workers'
 * Kafka clients; without a device it logs one line and stays not ready, leaving the units to fft-service.
 * Metrics: {@code manta_gpu_device_present}, {@code manta_gpu_device_memory_{total,free}_bytes},
 * {@code manta_gpu_segments_per_second} (tag {@code device}) and the workers' {@code manta_gpu_units_total} ….
 */
@ApplicationScoped
@Readiness
public class GpuNode implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(GpuNode.class);

    @Inject
    KafkaConfig kafka;
    @Inject
    GpuConfig config;
    @Inject
    StorageConfig storageConfig;
    @Inject
    MeterRegistry registry;

    private volatile GpuProbe.Result probe;
    private final UnitWorkers workers = new UnitWorkers();

    void start(@Observes StartupEvent event) {
        probe = GpuProbe.system();
        Tags tags = Tags.of("device", device().map(GpuDevice::name).orElse("none"));
        Gauge.builder("manta.gpu.device.present", () -> device().isPresent() ? 1 : 0)
                .description("1 when a CUDA device was found at start").tags(tags).register(registry);
        Gauge.builder("manta.gpu.device.memory.total", () -> device().map(GpuDevice::totalMemory).orElse(0L))
                .baseUnit("bytes").description("device memory").tags(tags).register(registry);
        Gauge.builder("manta.gpu.device.memory.free", () -> device().map(GpuDevice::freeMemory).orElse(0L))
                .baseUnit("bytes").description("free device memory when probed").tags(tags).register(registry);
        if (!(probe instanceof GpuProbe.Found found)) {
            LOG.warnf("gpu-service: %s; not ready, fft-service serves the work units", probe.describe());
            return;
        }
        UnitWorker.Metrics metrics = UnitWorker.Metrics.register(registry, "manta.gpu");
        Gauge.builder("manta.gpu.segments.per.second", () -> {
            double s = metrics.foldTime().totalTime(TimeUnit.SECONDS);
            return s > 0 ? metrics.segments().count() / s : 0;
        }).description("segments folded per second of fold time").tags(tags).register(registry);
        Storage storage = Storage.of(storageConfig);
        int n = config.workers();
        var finalJobs = workers.finalJobs(kafka, "manta-gpu-final-jobs-" + kafka.instanceId());
        for (int k = 0; k < n; k++) {
            GpuSegmentEngine engine = new GpuSegmentEngine(new CudaDevice(found.device()),
                    BatchLayout.DEFAULT_EVENT_CAPACITY, found.device().freeMemory() / n);
            BatchFolder folder = new BatchFolder(storage, BatchFolder.DEFAULT_MAX_PARTIAL_BYTES, new GpuFolds(engine),
                    "gpu-service");
            UnitWorker w = new UnitWorker("manta-gpu-" + kafka.instanceId() + "-" + k, kafka, folder,
                    config, finalJobs, metrics);
            workers.start(w, "manta-gpu-worker-" + k, engine::close);
        }
        LOG.infof("gpu-service: %s; %d worker(s), at most %d work units per transaction", found.describe(), n,
                config.maxUnitsPerBatch());
    }

    void stop(@Observes ShutdownEvent event) {
        workers.stopAll();
    }

    private Optional<GpuDevice> device() {
        return probe instanceof GpuProbe.Found f ? Optional.of(f.device()) : Optional.empty();
    }

    @Override
    public HealthCheckResponse call() {
        GpuProbe.Result p = probe;
        if (p == null) {
            return HealthCheckResponse.named("gpu-node").down().withData("reason", "not started").build();
        }
        if (!(p instanceof GpuProbe.Found f)) {
            return HealthCheckResponse.named("gpu-node").down().withData("device", "none")
                    .withData("reason", p.describe()).build();
        }
        return HealthCheckResponse.named("gpu-node").status(workers.ready()).withData("device", f.device().name())
                .withData("memoryBytes", f.device().totalMemory()).withData("workers", workers.size())
                .withData("connected", workers.connected()).build();
    }
}
