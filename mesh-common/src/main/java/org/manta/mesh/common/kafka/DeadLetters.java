package org.manta.mesh.common.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.manta.mesh.Topics;

/**
 * Records a stage could not process go to {@code manta.dead-letters} ({@link Topics#DEAD_LETTERS}) as they were
 * (key and value), with headers that say where they came from and why: the stage, the source topic, partition and
 * offset, the job (empty when the key names none) and the error. The stage fails the job (when its id can be read)
 * and goes on with the next record. A value larger than {@link #MAX_VALUE_BYTES} is left out (its size in
 * {@link #VALUE_BYTES}), so the dead letter is always a record.
 *
 * <p>fft/gpu workers and the Kafka Streams processors write dead letters in the transaction that consumes the
 * record (exactly once); {@link JobFailingExceptionHandler} writes those of records Kafka Streams could not read,
 * write or process on a producer of its own.
 */
public final class DeadLetters {
    /** Header: the stage that could not process the record (e.g. {@code fft-service}). */
    public static final String STAGE = "manta.dead-letter.stage";
    /** Header: the topic the record came from (or was to go to, for a record that could not be written). */
    public static final String TOPIC = "manta.dead-letter.topic";
    /** Header: its partition (decimal; -1 if unknown). */
    public static final String PARTITION = "manta.dead-letter.partition";
    /** Header: its offset (decimal; -1 if unknown). */
    public static final String OFFSET = "manta.dead-letter.offset";
    /** Header: the job of its key (empty if the key names none). */
    public static final String JOB = "manta.dead-letter.job";
    /** Header: what went wrong (one line). */
    public static final String ERROR = "manta.dead-letter.error";
    /** Header: the size of the original value, bytes (also when the value was left out). */
    public static final String VALUE_BYTES = "manta.dead-letter.value-bytes";
    /** The largest value kept: the dead-letter topic's record limit less room for key and headers. */
    public static final int MAX_VALUE_BYTES = Topics.DEAD_LETTERS_TOPIC.maxMessageBytes() - (64 << 10);
    /** The longest error text kept in {@link #ERROR}. */
    static final int MAX_ERROR_CHARS = 4096;

    private DeadLetters() {
    }

    /**
     * The headers of a dead letter.
     *
     * @param stage     the stage that could not process it
     * @param topic     where it came from
     * @param partition its partition, -1 if unknown
     * @param offset    its offset, -1 if unknown
     * @param jobId     its job, empty if none
     * @param error     what went wrong
     * @param value     the original value (for its size), may be null
     */
    public static Headers headers(String stage, String topic, int partition, long offset, String jobId, String error,
                                  byte[] value) {
        String e = error == null ? "unknown error" : error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
        RecordHeaders h = new RecordHeaders();
        h.add(STAGE, utf8(stage));
        h.add(TOPIC, utf8(topic));
        h.add(PARTITION, utf8(Integer.toString(partition)));
        h.add(OFFSET, utf8(Long.toString(offset)));
        h.add(JOB, utf8(jobId == null ? "" : jobId));
        h.add(ERROR, utf8(e));
        h.add(VALUE_BYTES, utf8(Integer.toString(value == null ? 0 : value.length)));
        return h;
    }

    /** The value a dead letter carries: the original one, or none when it is larger than {@link #MAX_VALUE_BYTES}. */
    public static byte[] value(byte[] value) {
        return value == null || value.length > MAX_VALUE_BYTES ? new byte[0] : value;
    }

    /** A dead letter with a String key (the fft/gpu workers' producer). */
    public static ProducerRecord<String, byte[]> record(String stage, String topic, int partition, long offset, String key,
                                                        byte[] value, String error) {
        String jobId = key == null ? "" : Keys.jobOf(key);
        return new ProducerRecord<>(Topics.DEAD_LETTERS, null, key, value(value),
                headers(stage, topic, partition, offset, jobId, error, value));
    }

    /**
     * A dead letter of a Kafka Streams processor's record, to forward to its sink of {@code manta.dead-letters} (in
     * the transaction that consumes the record).
     *
     * @param source the record's metadata ({@code ProcessorContext.recordMetadata()}), empty in a punctuation
     */
    public static Record<String, byte[]> of(Record<String, byte[]> record, Optional<RecordMetadata> source, String stage,
                                            String error) {
        String jobId = record.key() == null ? "" : Keys.jobOf(record.key());
        Headers h = headers(stage, source.map(RecordMetadata::topic).orElse(""), source.map(RecordMetadata::partition).orElse(-1),
                source.map(RecordMetadata::offset).orElse(-1L), jobId, error, record.value());
        return new Record<>(record.key(), value(record.value()), record.timestamp(), h);
    }

    /** A header's text, or empty if the headers lack it (for readers: tests, operators' tools). */
    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
