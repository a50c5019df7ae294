package org.manta.mesh.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * How a mesh service reaches Kafka ({@code manta.kafka.*}). Every service reads it; the defaults
 * live in mesh-common's {@code META-INF/microprofile-config.properties}. The security settings apply to every
 * client of the service ({@link org.manta.mesh.common.kafka.KafkaClients#security}; the Kafka Streams stages
 * through {@code quarkus.kafka-streams.*} in their {@code application.properties}): plaintext unless set, as
 * local runs and tests use; TLS + SCRAM in the prod overlay (docs/security.md, "Kafka").
 */
@ConfigMapping(prefix = "manta.kafka")
public interface KafkaConfig {
    /** {@code bootstrap.servers} of the mesh's broker(s), e.g. {@code 127.0.0.1:9092}. */
    String bootstrapServers();

    /**
     * A name for this process, unique among the running instances of one service: it makes the
     * transactional ids and static group memberships of the service's Kafka clients. A restarted
     * process must get the same one, so that its unfinished transactions are aborted at once and its
     * partitions come back without waiting for a session timeout.
     */
    @WithDefault("0")
    String instanceId();

    /** Kafka transaction timeout, ms: an unfinished transaction of a dead process is aborted after this. */
    @WithDefault("30000")
    int transactionTimeoutMs();

    /** Consumer session timeout, ms: a dead consumer's partitions move to others after this. */
    @WithDefault("10000")
    int sessionTimeoutMs();

    /**
     * {@code security.protocol} of every client: {@code PLAINTEXT} (local runs, tests), {@code SASL_SSL} (TLS
     * and a SASL login: the prod overlay), {@code SSL} or {@code SASL_PLAINTEXT}.
     */
    @WithDefault("PLAINTEXT")
    String securityProtocol();

    /** {@code sasl.mechanism}, e.g. {@code SCRAM-SHA-512}: required by the {@code SASL_*} protocols. */
    Optional<String> saslMechanism();

    /**
     * {@code sasl.jaas.config}: the login module with the user and password, e.g. {@code
     * org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";} (Strimzi's
     * Secret of a SCRAM {@code KafkaUser} has it under the key {@code sasl.jaas.config}). Required by the
     * {@code SASL_*} protocols.
     */
    Optional<String> saslJaasConfig();

    /**
     * {@code ssl.truststore.location}: the certificates the broker's must chain to (Strimzi's cluster CA,
     * {@code ca.crt}); unset: the JVM's default trust store.
     */
    Optional<String> sslTruststoreLocation();

    /** {@code ssl.truststore.type} of {@link #sslTruststoreLocation()}: {@code PEM} (default), {@code PKCS12}, {@code JKS}. */
    @WithDefault("PEM")
    String sslTruststoreType();

    /** {@code ssl.truststore.password} of a {@code PKCS12} or {@code JKS} trust store (a PEM file has none). */
    Optional<String> sslTruststorePassword();
}
