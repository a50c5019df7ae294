package org.manta.mesh.common.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.manta.mesh.Topics;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobState;

class JobFailingExceptionHandlerTest {
    /** The handler reads the record, not the context. */
    private static final ErrorHandlerContext NO_CONTEXT = null;
    private final List<JobRecord> failed = new ArrayList<>();
    private final List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    private final JobFailingExceptionHandler handler = new JobFailingExceptionHandler("manta-segment", record -> {
        if (record.topic().equals(Topics.DEAD_LETTERS)) {
            deadLetters.add(record);
            return;
        }
        assertEquals(Topics.JOB_EVENTS, record.topic());
        try {
            JobRecord r = JobRecord.parseFrom(record.value());
            assertEquals(new String(record.key(), StandardCharsets.UTF_8), r.getJobId());
            failed.add(r);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    });

    /** The one dead letter, with the headers its source and error should give it. */
    private void assertDeadLetter(String key, byte[] value, String topic, int partition, long offset, String job,
                                  String error) {
        assertEquals(1, deadLetters.size(), "one dead letter");
        ProducerRecord<byte[], byte[]> d = deadLetters.get(0);
        assertEquals(key, d.key() == null ? null : new String(d.key(), StandardCharsets.UTF_8));
        assertArrayEquals(value, d.value());
        assertEquals("manta-segment", DeadLetters.header(d.headers(), DeadLetters.STAGE));
        assertEquals(topic, DeadLetters.header(d.headers(), DeadLetters.TOPIC));
        assertEquals(Integer.toString(partition), DeadLetters.header(d.headers(), DeadLetters.PARTITION));
        assertEquals(Long.toString(offset), DeadLetters.header(d.headers(), DeadLetters.OFFSET));
        assertEquals(job, DeadLetters.header(d.headers(), DeadLetters.JOB));
        assertEquals(error, DeadLetters.header(d.headers(), DeadLetters.ERROR));
        assertEquals(Integer.toString(value.length), DeadLetters.header(d.headers(), DeadLetters.VALUE_BYTES));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRecordThatCannotBeWrittenFailsItsJobAndTheStageGoesOn() {
        ProducerRecord<byte[], byte[]> unit = new ProducerRecord<>("manta.units", bytes("job-7/12"), new byte[10]);
        assertEquals(ProductionExceptionHandlerResponse.CONTINUE,
                handler.handle(null, unit, new RecordTooLargeException("the message is 9000000 bytes")));
        assertEquals(1, failed.size());
        JobRecord r = failed.get(0);
        assertEquals("job-7", r.getJobId());
        assertEquals(JobState.FAILED, r.getState());
        assertTrue(r.getMessage().startsWith("manta-segment: cannot write a record to manta.units: ")
                && r.getMessage().contains("RecordTooLargeException: the message is 9000000 bytes"), r.getMessage());
        assertTrue(r.getTimings().hasFinished());
        assertDeadLetter("job-7/12", new byte[10], "manta.units", -1, -1L, "job-7", "cannot write a record to manta.units: "
                + "org.apache.kafka.common.errors.RecordTooLargeException: the message is 9000000 bytes");
    }

    @Test
    void aRetriableSendErrorIsRetriedAndFailsNoJob() {
        ProducerRecord<byte[], byte[]> unit = new ProducerRecord<>("manta.units", bytes("job-7/12"), new byte[10]);
        assertEquals(ProductionExceptionHandlerResponse.RETRY,
                handler.handle(null, unit, new NotLeaderOrFollowerException("broker restarting")));
        assertEquals(List.of(), failed);
        assertEquals(List.of(), deadLetters, "a retried record is no dead letter");
    }

    @Test
    void aRecordThatCannotBeReadFailsItsJob() {
        ConsumerRecord<byte[], byte[]> in = new ConsumerRecord<>("manta.partials", 3, 41L, bytes("job-9/5"), new byte[] {9});
        assertEquals(DeserializationHandlerResponse.CONTINUE, handler.handle(NO_CONTEXT, in, new SerializationException("bad bytes")));
        assertEquals(1, failed.size());
        assertEquals("job-9", failed.get(0).getJobId());
        assertTrue(failed.get(0).getMessage().equals(
                "manta-segment: cannot read record manta.partials-3@41: org.apache.kafka.common.errors.SerializationException: bad bytes"),
                failed.get(0).getMessage());
        assertDeadLetter("job-9/5", new byte[] {9}, "manta.partials", 3, 41L, "job-9",
                "cannot read record manta.partials-3@41: org.apache.kafka.common.errors.SerializationException: bad bytes");
    }

    @Test
    void aRecordWithoutAKeyFailsNoJobButIsSkipped() {
        ConsumerRecord<byte[], byte[]> in = new ConsumerRecord<>("manta.inputs", 0, 1L, null, new byte[] {9});
        assertEquals(DeserializationHandlerResponse.CONTINUE, handler.handle(NO_CONTEXT, in, new SerializationException("bad")));
        assertEquals(List.of(), failed);
        assertDeadLetter(null, new byte[] {9}, "manta.inputs", 0, 1L, "",
                "cannot read record manta.inputs-0@1: org.apache.kafka.common.errors.SerializationException: bad");
    }

    /** A processor that throws (here a store that fails) fails the source record's job and dead-letters the record. */
    @Test
    void aRecordThatAProcessorCannotProcessFailsItsJobAndIsADeadLetter() {
        byte[] value = {1, 2, 3};
        ErrorHandlerContext context = context("manta.inputs", 2, 17L, bytes("job-3"), value);
        assertEquals(ProcessingHandlerResponse.CONTINUE, handler.handle(context,
                new Record<>("job-3", value, 0L), new IllegalStateException("store closed")));
        assertEquals(1, failed.size());
        assertEquals("manta-segment: cannot process record manta.inputs-2@17 in planner: java.lang.IllegalStateException: "
                + "store closed", failed.get(0).getMessage());
        assertDeadLetter("job-3", value, "manta.inputs", 2, 17L, "job-3",
                "cannot process record manta.inputs-2@17 in planner: java.lang.IllegalStateException: store closed");
    }

    /**
     * An Error while a record is processed (here a stack overflow) reaches the handler as an exception through
     * {@link RecordErrors#guard}, so it fails the job and the stage goes on; the JVM's own errors pass through.
     */
    @Test
    void anErrorWhileProcessingARecordFailsItsJobInsteadOfTheStreamThread() {
        RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(RecordErrors.RecordError.class,
                () -> RecordErrors.guard(() -> {
                    throw new StackOverflowError("deep");
                }));
        assertTrue(thrown.getCause() instanceof StackOverflowError);
        org.junit.jupiter.api.Assertions.assertThrows(InternalError.class, () -> RecordErrors.guard(() -> {
            throw new InternalError("the JVM");
        }));
        byte[] value = {4};
        assertEquals(ProcessingHandlerResponse.CONTINUE, handler.handle(context("manta.partials", 1, 5L, bytes("job-4/2"), value),
                new Record<>("job-4/2", value, 0L), thrown));
        assertEquals(1, failed.size());
        assertEquals("manta-segment: cannot process record manta.partials-1@5 in planner: "
                + "org.manta.mesh.common.kafka.RecordErrors$RecordError: java.lang.StackOverflowError: deep", failed.get(0).getMessage());
        assertDeadLetter("job-4/2", value, "manta.partials", 1, 5L, "job-4",
                "cannot process record manta.partials-1@5 in planner: "
                        + "org.manta.mesh.common.kafka.RecordErrors$RecordError: java.lang.StackOverflowError: deep");
    }

    /** A record too large to write is a dead letter without its value (it would not fit either), its size in a header. */
    @Test
    void aRecordTooLargeToWriteIsADeadLetterWithoutItsValue() {
        byte[] big = new byte[DeadLetters.MAX_VALUE_BYTES + 1];
        handler.handle(null, new ProducerRecord<>("manta.combined", bytes("job-8"), big), new RecordTooLargeException("too big"));
        assertEquals(1, deadLetters.size());
        assertEquals(0, deadLetters.get(0).value().length);
        assertEquals(Integer.toString(big.length), DeadLetters.header(deadLetters.get(0).headers(), DeadLetters.VALUE_BYTES));
        assertEquals("-1", DeadLetters.header(deadLetters.get(0).headers(), DeadLetters.OFFSET));
        assertEquals("job-8", DeadLetters.header(deadLetters.get(0).headers(), DeadLetters.JOB));
    }

    private static ErrorHandlerContext context(String topic, int partition, long offset, byte[] key, byte[] value) {
        return new ErrorHandlerContext() {
            @Override public String topic() { return topic; }
            @Override public int partition() { return partition; }
            @Override public long offset() { return offset; }
            @Override public org.apache.kafka.common.header.Headers headers() { return null; }
            @Override public String processorNodeId() { return "planner"; }
            @Override public org.apache.kafka.streams.processor.TaskId taskId() { return null; }
            @Override public long timestamp() { return 0; }
            @Override public byte[] sourceRawKey() { return key; }
            @Override public byte[] sourceRawValue() { return value; }
        };
    }

    @Test
    void theFailureProducerTakesTheStagesClientSettingsWithoutItsTransactionalId() {
        Map<String, Object> p = JobFailingExceptionHandler.producerConfig(Map.of("bootstrap.servers", "127.0.0.1:9092",
                "application.id", "manta-reduce", "security.protocol", "SSL", "producer.compression.type", "zstd",
                "transactional.id", "t-1", "processing.guarantee", "exactly_once_v2"));
        assertEquals("127.0.0.1:9092", p.get("bootstrap.servers"));
        assertEquals("SSL", p.get("security.protocol"));
        assertEquals("zstd", p.get("compression.type"));
        assertEquals("all", p.get("acks"));
        assertFalse(p.containsKey("transactional.id"));
        assertFalse(p.containsKey("application.id"));
        assertFalse(p.containsKey("processing.guarantee"));
    }

    @Test
    void theFailureProducerLogsInAsTheStage() {
        Map<String, Object> stage = new java.util.HashMap<>(KafkaClients.security(
                org.manta.mesh.common.testing.KafkaSecurityEnv.kafka(org.manta.mesh.common.testing.KafkaSecurityEnv.SASL_SSL)));
        stage.put("bootstrap.servers", "manta-kafka-kafka-bootstrap:9093");
        stage.put("application.id", "manta-segment");
        Map<String, Object> p = JobFailingExceptionHandler.producerConfig(stage);
        for (String k : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location",
                "ssl.truststore.type")) {
            assertEquals(stage.get(k), p.get(k), k);
        }
    }
}
