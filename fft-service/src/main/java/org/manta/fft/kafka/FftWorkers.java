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

/**
 * Starts {@code manta.fft.workers} {@link FftWorker}s at boot and stops them at shutdown; ready when
 * every worker has its Kafka clients up. Worker {@code k} of instance {@code i} is named
 * {@code manta-fft-<i>-<k>}: its transactional id and static group membership.
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
    MeterRegistry registry;

    private final List<FftWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    void start(@Observes StartupEvent event) {
        int n = config.workers().orElse(Runtime.getRuntime().availableProcessors());
        FftWorker.FftMetrics metrics = new FftWorker.FftMetrics(
                Counter.builder("manta.fft.segments").description("segments folded").register(registry),
                Counter.builder("manta.fft.partials").description("partial accumulators published").register(registry),
                Counter.builder("manta.fft.jobs.failed").description("jobs failed by bad segments").register(registry),
                Timer.builder("manta.fft.fold").description("time to histogram, FFT and fold one batch of segments")
                        .register(registry),
                consumer -> {
                    KafkaClientMetrics m = new KafkaClientMetrics(consumer);
                    m.bindTo(registry);
                    return m;
                });
        for (int k = 0; k < n; k++) {
            FftWorker w = new FftWorker("manta-fft-" + kafka.instanceId() + "-" + k, kafka,
                    config.maxSegmentsPerTransaction(), Duration.ofMillis(config.pollTimeoutMs()),
                    Duration.ofMillis(config.lingerMs()), metrics);
            workers.add(w);
            threads.add(Thread.ofPlatform().name("manta-fft-worker-" + k).start(w));
        }
        LOG.infof("fft-service: %d worker(s), at most %d segments per transaction", n, config.maxSegmentsPerTransaction());
    }

    void stop(@Observes ShutdownEvent event) {
        workers.forEach(FftWorker::stop);
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
        long up = workers.stream().filter(FftWorker::healthy).count();
        return HealthCheckResponse.named("fft-workers").status(!workers.isEmpty() && up == workers.size())
                .withData("workers", workers.size()).withData("connected", up).build();
    }
}
