package org.manta.mesh.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.testing.KafkaSecurityEnv;

class KafkaClientsTest {
    @Test
    void aProducerCompressesAsTheTopicOfItsLargestRecords() {
        assertEquals("none", KafkaClients.compression(List.of(Topics.PARTIALS_TOPIC, Topics.JOBS_TOPIC)),
                "fft workers: partial accumulators, uncompressed, and the odd failed job");
        assertEquals("none", KafkaClients.compression(List.of(Topics.JOBS_TOPIC, Topics.COMBINED_TOPIC)));
        assertEquals("zstd", KafkaClients.compression(List.of(Topics.JOBS_TOPIC, Topics.INPUTS_TOPIC)), "ingest");
        assertEquals("zstd", KafkaClients.compression(List.of()), "no topic: zstd");
    }

    /** The client kinds of the mesh: plain and transactional producers, group and assigning consumers. */
    private static Map<String, Map<String, Object>> everyClient(KafkaConfig kafka) {
        return Map.of(
                "idempotent producer (ingest)", KafkaClients.producerConfig(kafka, "p", Optional.empty(), List.of(Topics.JOBS_TOPIC)),
                "transactional producer (fft, gpu)", KafkaClients.producerConfig(kafka, "t", Optional.of("manta-fft-0-0"),
                        List.of(Topics.PARTIALS_TOPIC)),
                "group consumer (fft, gpu)", KafkaClients.consumerConfig(kafka, "c", "manta-fft", Optional.of("manta-fft-0-0"),
                        List.of(Topics.UNITS_TOPIC)),
                "assigning consumer (topic views)", KafkaClients.consumerConfig(kafka, "v", null, Optional.empty(),
                        List.of(Topics.JOBS_TOPIC)));
    }

    @Test
    void everyClientGetsTlsAndScramFromTheProdOverlaysEnvironment() {
        KafkaConfig kafka = KafkaSecurityEnv.kafka(KafkaSecurityEnv.SASL_SSL);
        Map<String, Object> expected = new HashMap<>();
        expected.put("security.protocol", "SASL_SSL");
        expected.put("sasl.mechanism", "SCRAM-SHA-512");
        expected.put("sasl.jaas.config", KafkaSecurityEnv.SASL_SSL.get("MANTA_KAFKA_SASL_JAAS_CONFIG"));
        expected.put("ssl.truststore.location", "/etc/manta/kafka-ca/ca.crt");
        expected.put("ssl.truststore.type", "PEM");
        assertEquals(expected, KafkaClients.security(kafka));
        everyClient(kafka).forEach((kind, config) -> {
            expected.forEach((k, v) -> assertEquals(v, config.get(k), kind + ": " + k));
            Set<String> known = kind.contains("producer") ? ProducerConfig.configNames() : ConsumerConfig.configNames();
            assertTrue(known.containsAll(expected.keySet()), kind + ": settings the client does not know: " + expected.keySet());
        });
    }

    @Test
    void withoutSecurityVariablesEveryClientIsPlaintextAsBefore() {
        KafkaConfig kafka = KafkaSecurityEnv.kafka(KafkaSecurityEnv.NONE);
        assertEquals(Map.of("security.protocol", "PLAINTEXT"), KafkaClients.security(kafka));
        everyClient(kafka).forEach((kind, config) -> {
            assertEquals("PLAINTEXT", config.get("security.protocol"), kind);
            assertFalse(config.keySet().stream().anyMatch(k -> k.startsWith("sasl.") || k.startsWith("ssl.")),
                    kind + ": expected no sasl.*/ssl.* settings, got " + config.keySet());
        });
    }

    @Test
    void aSaslProtocolWithoutALoginIsRefusedNamingTheMissingProperty() {
        Map<String, String> env = new HashMap<>(KafkaSecurityEnv.SASL_SSL);
        env.remove("MANTA_KAFKA_SASL_JAAS_CONFIG");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaClients.security(KafkaSecurityEnv.kafka(env)));
        assertTrue(e.getMessage().contains("manta.kafka.sasl-jaas-config is unset"), e.getMessage());

        env.put("MANTA_KAFKA_SECURITY_PROTOCOL", "TLS");
        e = assertThrows(IllegalArgumentException.class, () -> KafkaClients.security(KafkaSecurityEnv.kafka(env)));
        assertTrue(e.getMessage().startsWith("manta.kafka.security-protocol 'TLS': expected one of"), e.getMessage());
    }
}
