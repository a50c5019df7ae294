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
 * ingest-service's one (idempotent, thread-safe) producer: its partial job records on
 * {@code manta.job-events} (reduce-service folds them into the full records of {@code manta.jobs}) and the
 * jobs' inputs ({@code JobInput}, small: files by reference) on {@code manta.inputs}, both keyed by job
 * id, so each job's records keep their order. Every send waits until the record is durable; one that fails
 * (rejected by the broker, or not acknowledged within the delivery timeout) throws {@link WriteFailed}
 * naming the topic and the cause.
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
        await(Topics.JOB_EVENTS, record.getJobId(), record.toByteArray());
    }

    /** Publishes a job's input for planning and waits until it is durable. */
    public void sendInput(JobInput input) {
        await(Topics.INPUTS, input.getJobId(), input.toByteArray());
    }

    /** Sends one record and waits until it is durable; its failure becomes a {@link WriteFailed}. */
    private void await(String topic, String key, byte[] value) {
        try {
            Future<RecordMetadata> send = producer.send(new ProducerRecord<>(topic, key, value));
            send.get(DURABLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new WriteFailed(topic, e.getCause().toString(), e.getCause());
        } catch (TimeoutException e) {
            throw new WriteFailed(topic, "not acknowledged within " + DURABLE.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteFailed(topic, "interrupted", e);
        } catch (RuntimeException e) {
            throw new WriteFailed(topic, e.toString(), e);   // e.g. a closed producer, a record over max.request.size
        }
    }

    /** A record that Kafka did not take: the message names the topic and the cause. */
    public static final class WriteFailed extends IllegalStateException {
        WriteFailed(String topic, String cause, Throwable e) {
            super("cannot write to " + topic + ": " + cause, e);
        }
    }
}
