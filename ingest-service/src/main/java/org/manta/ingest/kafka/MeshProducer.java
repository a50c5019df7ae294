package org.manta.ingest.kafka;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.proto.v1.JobInput;
import org.manta.proto.v1.JobRecord;

/**
 * ingest-service's one (idempotent, thread-safe) producer: job records on {@code manta.jobs} and the
 * jobs' inputs ({@code JobInput}, small: files by reference) on {@code manta.inputs}, both keyed by job
 * id, so each job's records keep their order. Every send waits until the record is durable.
 */
@ApplicationScoped
public class MeshProducer {
    private static final Duration DURABLE = Duration.ofSeconds(30);

    @Inject
    KafkaConfig kafka;

    private KafkaProducer<String, byte[]> producer;

    @PostConstruct
    void start() {
        Map<String, Object> config = KafkaClients.producerConfig(kafka, "manta-ingest", Optional.empty(),
                List.of(Topics.JOB_EVENTS_TOPIC, Topics.INPUTS_TOPIC));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);    // every send is awaited: lingering would only delay it
        producer = KafkaClients.producer(config);
    }

    void stop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** Writes a job record and waits until it is durable. */
    public void writeJob(JobRecord record) {
        await(producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, record.getJobId(), record.toByteArray())));
    }

    /** Publishes a job's input for planning and waits until it is durable. */
    public void sendInput(JobInput input) {
        await(producer.send(new ProducerRecord<>(Topics.INPUTS, input.getJobId(), input.toByteArray())));
    }

    /** Waits for one send; its failure becomes an unchecked exception. */
    private static RecordMetadata await(Future<RecordMetadata> send) {
        try {
            return send.get(DURABLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka write failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka write not acknowledged within " + DURABLE.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to Kafka", e);
        }
    }
}
