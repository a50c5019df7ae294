package org.manta.reduce.kafka;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.kafka.TransactionalBatchLoop;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.reduce.ReduceConfig;
import org.manta.reduce.service.PartialCombiner;

/**
 * Tree level 2: {@code manta.reduce.combiners} exactly-once loops that read the fft workers' partials
 * ({@code manta.partials}, keyed {@code job/shard} over its partitions), combine each
 * batch per job ({@link PartialCombiner}) and publish the result keyed by job on {@code manta.combined}, where
 * the final merge per job reads it. Stateless: more instances share the partitions. Combiner {@code k} of
 * instance {@code i} is {@code manta-combine-<i>-<k>}.
 */
@ApplicationScoped
@Readiness
public class Combiners implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(Combiners.class);
    static final String GROUP = "manta-combine";

    @Inject
    KafkaConfig kafka;
    @Inject
    ReduceConfig config;
    @Inject
    MeterRegistry registry;

    private final List<TransactionalBatchLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    void start(@Observes StartupEvent event) {
        Counter in = Counter.builder("manta.reduce.combine.partials").description("worker partials combined").register(registry);
        Counter out = Counter.builder("manta.reduce.combine.outputs").description("combined partials published")
                .register(registry);
        Counter duplicates = Counter.builder("manta.reduce.combine.duplicates")
                .description("worker partials dropped as redeliveries").register(registry);
        Timer time = Timer.builder("manta.reduce.combine.time").description("time to combine one batch").register(registry);
        for (int k = 0; k < config.combiners(); k++) {
            PartialCombiner combiner = new PartialCombiner();
            TransactionalBatchLoop.Settings settings = new TransactionalBatchLoop.Settings(
                    "manta-combine-" + kafka.instanceId() + "-" + k, GROUP, Topics.PARTIALS_TOPIC,
                    List.of(Topics.COMBINED_TOPIC, Topics.JOBS_TOPIC), config.combineMaxPartials(), Duration.ofMillis(100),
                    Duration.ofMillis(config.combineLingerMs()));
            TransactionalBatchLoop loop = new TransactionalBatchLoop(kafka, settings, batch -> {
                Timer.Sample sample = Timer.start();
                List<byte[]> values = new ArrayList<>(batch.size());
                for (ConsumerRecord<String, byte[]> r : batch) {
                    values.add(r.value());
                }
                PartialCombiner.Result result = combiner.combine(values);
                List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
                for (PartialAccumulator p : result.combined()) {
                    records.add(new ProducerRecord<>(Topics.COMBINED, p.getJobId(), p.toByteArray()));
                }
                for (Map.Entry<String, String> f : result.failedJobs().entrySet()) {
                    LOG.warnf("job %s failed: %s", f.getKey(), f.getValue());
                    records.add(new ProducerRecord<>(Topics.JOBS, f.getKey(),
                            JobRecords.failed(f.getKey(), f.getValue(), Instant.now()).toByteArray()));
                }
                sample.stop(time);
                in.increment(result.partials());
                out.increment(result.combined().size());
                duplicates.increment(result.duplicates());
                return records;
            }, consumer -> {
                KafkaClientMetrics m = new KafkaClientMetrics(consumer);
                m.bindTo(registry);
                return m;
            });
            loops.add(loop);
            threads.add(Thread.ofPlatform().name("manta-combine-" + k).start(loop));
        }
        LOG.infof("reduce-service: %d combiner(s), at most %d partials per batch", config.combiners(),
                config.combineMaxPartials());
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(TransactionalBatchLoop::stop);
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
        long up = loops.stream().filter(TransactionalBatchLoop::healthy).count();
        return HealthCheckResponse.named("combiners").status(!loops.isEmpty() && up == loops.size())
                .withData("combiners", loops.size()).withData("connected", up).build();
    }
}
