package org.manta.mesh.common.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;
import org.manta.mesh.Topics;
import org.manta.mesh.common.jobs.JobRecords;

/**
 * The production-, deserialization- and processing-exception handler of the Kafka Streams stages
 * (segment-service's planner, reduce-service's combiners and reducer): a record that cannot be read, written or
 * processed fails its job (a FAILED record on {@code manta.job-events}, the reason naming the stage, the topic and the
 * error), goes to {@code manta.dead-letters} as it was ({@link DeadLetters}: headers name the stage, the topic,
 * partition and offset, the job and the error), and the stage goes on with the next record, instead of stopping
 * its stream thread.
 *
 * <p>The job is the record key's ({@code job} or {@code job/...}). Retriable send errors (a broker that
 * restarts, a leader that moves) are not the job's fault: they answer RETRY, as Kafka's default handler
 * does. The FAILED record and the dead letter go out on a producer of its own (outside the stage's transaction,
 * so they stay even if that transaction aborts; a job failed twice stays failed once: the first final state
 * wins). Configure with {@code production.exception.handler}, {@code deserialization.exception.handler} and
 * {@code processing.exception.handler}.
 */
public final class JobFailingExceptionHandler implements ProductionExceptionHandler, DeserializationExceptionHandler,
        ProcessingExceptionHandler {
    private static final Logger LOG = Logger.getLogger(JobFailingExceptionHandler.class);
    private static final String PRODUCER_PREFIX = "producer.";

    private String stage = "kafka-streams";
    private Consumer<ProducerRecord<byte[], byte[]>> out;

    /** Configured by Kafka Streams ({@link #configure}): fails jobs on {@code manta.job-events}, dead letters on {@code manta.dead-letters}. */
    public JobFailingExceptionHandler() {
    }

    /** Sends the FAILED job records and the dead letters to {@code out}: for tests. */
    public JobFailingExceptionHandler(String stage, Consumer<ProducerRecord<byte[], byte[]>> out) {
        this.stage = stage;
        this.out = out;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (id != null) {
            stage = id.toString();
        }
        if (out == null) {
            out = new OwnProducer(producerConfig(configs));
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
        String what = "cannot write a record to " + record.topic();
        fail(record.key(), what, exception);
        deadLetter(record.topic(), -1, -1, record.key(), record.value(), what, exception);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context, ProducerRecord record,
                                                                           Exception exception,
                                                                           SerializationExceptionOrigin origin) {
        String what = "cannot serialise a record (" + origin.name().toLowerCase() + ") for " + record.topic();
        fail(context.sourceRawKey(), what, exception);
        deadLetter(context.topic(), context.partition(), context.offset(), context.sourceRawKey(), context.sourceRawValue(),
                what, exception);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        String what = "cannot read record " + record.topic() + "-" + record.partition() + "@" + record.offset();
        fail(record.key(), what, exception);
        deadLetter(record.topic(), record.partition(), record.offset(), record.key(), record.value(), what, exception);
        return DeserializationHandlerResponse.CONTINUE;
    }

    /** A processor threw on a record (or a punctuation, which has no source record): its job fails, the record is a dead letter. */
    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        byte[] key = context.sourceRawKey() != null ? context.sourceRawKey()
                : record != null && record.key() != null ? record.key().toString().getBytes(StandardCharsets.UTF_8) : null;
        String what = "cannot process " + (context.topic() == null ? "a punctuation" : "record " + context.topic() + "-"
                + context.partition() + "@" + context.offset()) + " in " + context.processorNodeId();
        fail(key, what, exception);
        deadLetter(context.topic(), context.partition(), context.offset(), key, context.sourceRawValue(), what, exception);
        return ProcessingHandlerResponse.CONTINUE;
    }

    private static String jobOf(byte[] key) {
        return key == null ? "" : Keys.jobOf(new String(key, StandardCharsets.UTF_8));
    }

    /** Publishes the FAILED record of the key's job; a record without a key is only logged (no job to fail). */
    private void fail(byte[] key, String what, Exception exception) {
        String jobId = jobOf(key);
        String reason = stage + ": " + what + ": " + exception;
        if (jobId.isEmpty()) {
            LOG.errorf("%s (no job key: record skipped)", reason);
            return;
        }
        LOG.warnf("job %s failed: %s", jobId, reason);
        out.accept(new ProducerRecord<>(Topics.JOB_EVENTS, jobId.getBytes(StandardCharsets.UTF_8),
                JobRecords.failed(jobId, reason, Instant.now()).toByteArray()));
    }

    /** Sends the record, as it was, to {@code manta.dead-letters}. */
    private void deadLetter(String topic, int partition, long offset, byte[] key, byte[] value, String what,
                            Exception exception) {
        out.accept(new ProducerRecord<>(Topics.DEAD_LETTERS, null, key, DeadLetters.value(value), DeadLetters.headers(stage,
                topic == null ? "" : topic, partition, offset, jobOf(key), what + ": " + exception, value)));
    }

    /** A plain producer, opened at the first failure; each send waits for its acknowledgement. */
    private static final class OwnProducer implements Consumer<ProducerRecord<byte[], byte[]>> {
        private final Map<String, Object> config;
        private KafkaProducer<byte[], byte[]> producer;

        OwnProducer(Map<String, Object> config) {
            this.config = config;
        }

        @Override
        public synchronized void accept(ProducerRecord<byte[], byte[]> record) {
            if (producer == null) {
                producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> producer.close(Duration.ofSeconds(5))));
            }
            try {
                producer.send(record).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.errorf(e, "a record for %s (key %s) could not be written", record.topic(),
                        record.key() == null ? "none" : new String(record.key(), StandardCharsets.UTF_8));
            }
        }
    }
}
