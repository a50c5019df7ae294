package org.manta.ingest.kafka;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Consumer;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.KeyedTopicView;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.RunningProduct;

/**
 * The latest running product of each unfinished job that wants one, read live from the compacted
 * {@code manta.running} (reduce-service writes it, and a tombstone once the job is final), for
 * {@code JobService.Watch}. The consumer starts with the first Watch.
 */
@ApplicationScoped
public class RunningProducts {
    @Inject
    KafkaConfig kafka;

    private KeyedTopicView<RunningProduct> running;

    @PostConstruct
    void start() {
        running = new KeyedTopicView<>(kafka, "manta-running-products", Topics.RUNNING_TOPIC, RecordCodec::running,
                (current, next) -> next).start();
    }

    @PreDestroy
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    /** The job's latest running product, if one was published and the job is not final yet. */
    public Optional<RunningProduct> latest(String jobId) {
        return running.get(jobId);
    }

    /** Calls {@code listener} with every new running product of a job until the handle is closed. */
    public AutoCloseable watch(String jobId, Consumer<RunningProduct> listener) {
        return running.watch(jobId, listener);
    }
}
