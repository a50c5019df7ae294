package org.manta.gpuservice;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.manta.gpu.GpuDevice;
import org.manta.gpu.GpuProbe;

/**
 * The node's CUDA device, probed once at start ({@link GpuProbe#system()}), in the readiness check
 * ({@code gpu-node}: device name, memory, or why there is none) and in metrics:
 * {@code manta_gpu_device_present}, {@code manta_gpu_device_memory_total_bytes} and
 * {@code manta_gpu_device_memory_free_bytes} (tag {@code device}), {@code manta_gpu_segments_per_second} (the
 * last batch's rate). Without a device it logs one line and stays not ready, so fft-service keeps the work.
 *
 * <p>Not ready on a device either, for now: the work-unit loop (fft-service's {@code BatchFolder} over the
 * GPU engine, docs/gpu.md "What is missing") is not wired in this build, and a ready pod would only take
 * traffic it cannot serve.
 */
@ApplicationScoped
@Readiness
public class GpuNode implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(GpuNode.class);
    /** Why a node with a device is not ready yet. */
    static final String NO_LOOP = "the GPU work-unit loop is not wired in this build; fft-service serves manta.units";

    @Inject
    MeterRegistry registry;

    private volatile GpuProbe.Result probe;
    private final AtomicLong segmentsPerSecond = new AtomicLong();

    void start(@Observes StartupEvent event) {
        probe = GpuProbe.system();
        String device = probe instanceof GpuProbe.Found f ? f.device().name() : "none";
        Tags tags = Tags.of("device", device);
        Gauge.builder("manta.gpu.device.present", () -> probe instanceof GpuProbe.Found ? 1 : 0)
                .description("1 when a CUDA device was found at start").tags(tags).register(registry);
        Gauge.builder("manta.gpu.device.memory.total", () -> device().map(GpuDevice::totalMemory).orElse(0L))
                .baseUnit("bytes").description("device memory").tags(tags).register(registry);
        Gauge.builder("manta.gpu.device.memory.free", () -> device().map(GpuDevice::freeMemory).orElse(0L))
                .baseUnit("bytes").description("free device memory when probed").tags(tags).register(registry);
        Gauge.builder("manta.gpu.segments.per.second", segmentsPerSecond, AtomicLong::get)
                .description("segments transformed per second in the last batch").tags(tags).register(registry);
        if (probe instanceof GpuProbe.Found f) {
            LOG.infof("gpu-service: %s; not ready: %s", f.device().describe(), NO_LOOP);
        } else {
            LOG.warnf("gpu-service: %s; not ready, fft-service serves the work units", probe.describe());
        }
    }

    private java.util.Optional<GpuDevice> device() {
        return probe instanceof GpuProbe.Found f ? java.util.Optional.of(f.device()) : java.util.Optional.empty();
    }

    /** Records the rate of a batch (for the segments/s gauge). */
    void recordBatch(long segments, long nanos) {
        if (nanos > 0) {
            segmentsPerSecond.set(segments * 1_000_000_000L / nanos);
        }
    }

    @Override
    public HealthCheckResponse call() {
        GpuProbe.Result p = probe;
        HealthCheckResponseBuilder b = HealthCheckResponse.named("gpu-node").down();
        if (p == null) {
            return b.withData("reason", "not started").build();
        }
        if (p instanceof GpuProbe.Found f) {
            return b.withData("device", f.device().name()).withData("memoryBytes", f.device().totalMemory())
                    .withData("reason", NO_LOOP).build();
        }
        return b.withData("device", "none").withData("reason", p.describe()).build();
    }
}
