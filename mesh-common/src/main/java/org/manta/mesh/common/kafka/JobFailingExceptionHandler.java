package org.manta.mesh.common.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.jboss.logging.Logger;
import org.manta.mesh.Topics;
import org.manta.mesh.common.jobs.JobRecords;

/**
 * The production- and deserialization-exception handler of the Kafka Streams stages (segment-service's
 * planner, reduce-service's combiners and reducer): a record that cannot be read or written fails its job
 * (a FAILED record on {@code manta.job-events}, the reason naming the stage, the topic and the error) and the
 * stage goes on with the next record, instead of stopping its stream thread.
 *
 * <p>The job is the record key's ({@code job} or {@code job/...}). Retriable send errors (a broker that
 * restarts, a leader that moves) are not the job's fault: they answer RETRY, as Kafka's default handler
 * does. The FAILED record goes out on a producer of its own (outside the stage's transaction, so it stays
 * even if that transaction aborts; a job failed twice stays failed once: the first final state wins).
 * Configure with {@code production.exception.handler} and {@code deserialization.exception.handler}.
 */
public final class JobFailingExceptionHandler implements ProductionExceptionHandler, DeserializationExceptionHandler {
    private static final Logger LOG = Logger.getLogger(JobFailingExceptionHandler.class);
    private static final String PRODUCER_PREFIX = "producer.";

    private String stage = "kafka-streams";
    private BiConsumer<String, byte[]> jobs;

    /** Configured by Kafka Streams ({@link #configure}): fails jobs on {@code manta.job-events}. */
    public JobFailingExceptionHandler() {
    }

    /** Fails jobs through {@code jobs} (job id, serialised FAILED {@code JobRecord}): for tests. */
    public JobFailingExceptionHandler(String stage, BiConsumer<String, byte[]> jobs) {
        this.stage = stage;
        this.jobs = jobs;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (id != null) {
            stage = id.toString();
        }
        if (jobs == null) {
            jobs = new JobsProducer(producerConfig(configs));
        }
    }

    /**
     * The stage's client settings (bootstrap servers, security, {@code producer.}-prefixed overrides) for a
     * plain idempotent producer: no transactional id.
     */
    static Map<String, Object> producerConfig(Map<String, ?> configs) {
        Set<String> names = ProducerConfig.configNames();
        Map<String, Object> p = new HashMap<>();
        configs.forEach((k, v) -> {
            if (names.contains(k)) {
                p.put(k, v);
            }
        });
        configs.forEach((k, v) -> {
            if (k.startsWith(PRODUCER_PREFIX) && names.contains(k.substring(PRODUCER_PREFIX.length()))) {
                p.put(k.substring(PRODUCER_PREFIX.length()), v);
            }
        });
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        p.remove(ProducerConfig.CLIENT_ID_CONFIG);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return p;
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandlerResponse.RETRY;
        }
        fail(record.key(), "cannot write a record to " + record.topic(), exception);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context, ProducerRecord record,
                                                                           Exception exception,
                                                                           SerializationExceptionOrigin origin) {
        fail(context.sourceRawKey(), "cannot serialise a record (" + origin.name().toLowerCase() + ") for "
                + record.topic(), exception);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        fail(record.key(), "cannot read record " + record.topic() + "-" + record.partition() + "@" + record.offset(),
                exception);
        return DeserializationHandlerResponse.CONTINUE;
    }

    /** Publishes the FAILED record of the key's job; a record without a key is only logged (no job to fail). */
    private void fail(byte[] key, String what, Exception exception) {
        String jobId = key == null ? "" : Keys.jobOf(new String(key, StandardCharsets.UTF_8));
        String reason = stage + ": " + what + ": " + exception;
        if (jobId.isEmpty()) {
            LOG.errorf("%s (no job key: record skipped)", reason);
            return;
        }
        LOG.warnf("job %s failed: %s", jobId, reason);
        jobs.accept(jobId, JobRecords.failed(jobId, reason, Instant.now()).toByteArray());
    }

    /** A plain producer on {@code manta.job-events}, opened at the first failure; each send waits for its acknowledgement. */
    private static final class JobsProducer implements BiConsumer<String, byte[]> {
        private final Map<String, Object> config;
        private KafkaProducer<String, byte[]> producer;

        JobsProducer(Map<String, Object> config) {
            this.config = config;
        }

        @Override
        public synchronized void accept(String jobId, byte[] failed) {
            if (producer == null) {
                producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> producer.close(Duration.ofSeconds(5))));
            }
            try {
                producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, jobId, failed)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.errorf(e, "job %s: its FAILED record could not be written to %s", jobId, Topics.JOB_EVENTS);
            }
        }
    }
}
