package org.manta.mesh.common.kafka;

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
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.junit.jupiter.api.Test;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobState;

class JobFailingExceptionHandlerTest {
    /** The handler reads the record, not the context. */
    private static final ErrorHandlerContext NO_CONTEXT = null;
    private final List<JobRecord> failed = new ArrayList<>();
    private final JobFailingExceptionHandler handler = new JobFailingExceptionHandler("manta-segment", (job, record) -> {
        try {
            JobRecord r = JobRecord.parseFrom(record);
            assertEquals(job, r.getJobId());
            failed.add(r);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    });

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
    }

    @Test
    void aRetriableSendErrorIsRetriedAndFailsNoJob() {
        ProducerRecord<byte[], byte[]> unit = new ProducerRecord<>("manta.units", bytes("job-7/12"), new byte[10]);
        assertEquals(ProductionExceptionHandlerResponse.RETRY,
                handler.handle(null, unit, new NotLeaderOrFollowerException("broker restarting")));
        assertEquals(List.of(), failed);
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
    }

    @Test
    void aRecordWithoutAKeyFailsNoJobButIsSkipped() {
        ConsumerRecord<byte[], byte[]> in = new ConsumerRecord<>("manta.inputs", 0, 1L, null, new byte[] {9});
        assertEquals(DeserializationHandlerResponse.CONTINUE, handler.handle(NO_CONTEXT, in, new SerializationException("bad")));
        assertEquals(List.of(), failed);
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
