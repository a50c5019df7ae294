package org.manta.mesh.common.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.testing.KafkaSecurityEnv;
import org.manta.mesh.harness.KafkaBroker;
import org.manta.mesh.harness.MeshCredentials;

/**
 * A producer and a consumer made by {@link KafkaClients} from the prod overlay's environment log in to a real
 * broker over TLS with SCRAM-SHA-512 (a {@code SASL_SSL} listener beside the harness' plaintext one, its
 * certificate signed by a local CA that the clients trust as a PEM file), and a wrong password is refused.
 */
class KafkaClientsTlsScramTest {
    private static final String USER = "manta-test";
    private static final String PASSWORD = "correct-horse-battery-staple";
    /** How long a client may take to connect, authenticate and send or receive one record, s. */
    private static final long CLIENT_TIMEOUT_S = 30;

    @TempDir
    static Path dir;
    private static KafkaBroker broker;
    private static int saslSslPort;
    private static Path caCertificate;

    @BeforeAll
    static void startABrokerWithATlsScramListener() throws Exception {
        MeshCredentials tls = MeshCredentials.create(dir.resolve("tls"), "test", List.of());
        caCertificate = tls.caCertificate();
        Path keyStore = dir.resolve("server.pem");    // the key and its chain, PEM, as Kafka's PEM key store reads them
        Files.writeString(keyStore, Files.readString(tls.serverKey()) + Files.readString(tls.serverCertificate()));
        int plain = freePort();
        int controller = freePort();
        saslSslPort = freePort();
        broker = KafkaBroker.builder().port(plain).controllerPort(controller)
                .brokerProperty("listeners", "PLAINTEXT://127.0.0.1:" + plain + ",SASL_SSL://127.0.0.1:" + saslSslPort
                        + ",CONTROLLER://127.0.0.1:" + controller)
                .brokerProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + plain + ",SASL_SSL://127.0.0.1:" + saslSslPort)
                .brokerProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL")
                .brokerProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .brokerProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .brokerProperty("listener.name.sasl_ssl.ssl.keystore.type", "PEM")
                .brokerProperty("listener.name.sasl_ssl.ssl.keystore.location", keyStore.toString())
                .start();
        broker.createTopics(Topics.JOBS_TOPIC);
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD))).all()
                    .get(CLIENT_TIMEOUT_S, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** The prod overlay's environment (KafkaSecurityEnv.SASL_SSL) for this broker, user and password. */
    private static KafkaConfig kafka(String password) {
        Map<String, String> env = new HashMap<>(KafkaSecurityEnv.SASL_SSL);
        env.put("KAFKA_BOOTSTRAP", "127.0.0.1:" + saslSslPort);
        env.put("MANTA_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + USER + "\" password=\"" + password + "\";");
        env.put("MANTA_KAFKA_SSL_TRUSTSTORE_LOCATION", caCertificate.toString());
        return KafkaSecurityEnv.kafka(env);
    }

    @Test
    void aProducerAndAConsumerLogInOverTlsWithScram() throws Exception {
        KafkaConfig kafka = kafka(PASSWORD);
        byte[] value = "over TLS, as manta-test".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> p = KafkaClients.producer(KafkaClients.producerConfig(kafka, "tls-producer",
                Optional.empty(), List.of(Topics.JOBS_TOPIC)))) {
            p.send(new ProducerRecord<>(Topics.JOBS, "job-1", value)).get(CLIENT_TIMEOUT_S, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<String, byte[]>> got = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(KafkaClients.consumerConfig(kafka, "tls-consumer",
                "tls-group", Optional.empty(), List.of(Topics.JOBS_TOPIC)))) {
            c.subscribe(List.of(Topics.JOBS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLIENT_TIMEOUT_S);
            while (got.isEmpty() && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(got::add);
            }
        }
        assertEquals(1, got.size(), "records read back over TLS + SCRAM");
        assertEquals("job-1", got.getFirst().key());
        assertArrayEquals(value, got.getFirst().value());
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (KafkaProducer<String, byte[]> p = KafkaClients.producer(KafkaClients.producerConfig(kafka("wrong"),
                "tls-intruder", Optional.empty(), List.of(Topics.JOBS_TOPIC)))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> p.send(new ProducerRecord<>(Topics.JOBS, "job-2", new byte[1])).get(CLIENT_TIMEOUT_S, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause(), "the cause: " + e.getCause());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
