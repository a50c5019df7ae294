package org.manta.mesh.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.config.SslConfigs;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.KafkaClients;

/**
 * A service's configuration as a pod's environment makes it: the prod overlay's {@code MANTA_KAFKA_*} variables
 * ({@link #SASL_SSL}, or none), over the service's {@code application.properties} and mesh-common's defaults, with
 * the ordinals Quarkus gives them (environment 300, application.properties 250, microprofile-config.properties 100).
 */
public final class KafkaSecurityEnv {
    /** The environment the prod overlay gives a service's pod (values of its Strimzi Secrets made up). */
    public static final Map<String, String> SASL_SSL = Map.of(
            "MANTA_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "MANTA_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "MANTA_KAFKA_SASL_JAAS_CONFIG",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"manta-x\" password=\"pw\";",
            "MANTA_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/manta/kafka-ca/ca.crt");
    /** No security variables: local runs and tests. */
    public static final Map<String, String> NONE = Map.of();

    /** Kafka client settings and the {@code quarkus.kafka-streams.*} properties that set them for a Streams stage. */
    private static final Map<String, String> STREAMS_PROPERTIES = streamsProperties();

    private KafkaSecurityEnv() {
    }

    private static Map<String, String> streamsProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("security.protocol", "quarkus.kafka-streams.security.protocol");
        m.put("sasl.mechanism", "quarkus.kafka-streams.sasl.mechanism");
        m.put("sasl.jaas.config", "quarkus.kafka-streams.sasl.jaas-config");
        m.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "quarkus.kafka-streams.ssl.truststore.location");
        m.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "quarkus.kafka-streams.ssl.truststore.type");
        m.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, "quarkus.kafka-streams.ssl.truststore.password");
        return Collections.unmodifiableMap(m);
    }

    /**
     * The configuration of a service with this environment.
     *
     * @param applicationProperties the service's {@code src/main/resources/application.properties}, if any
     */
    public static SmallRyeConfig config(Optional<Path> applicationProperties, Map<String, String> env) {
        SmallRyeConfigBuilder b = new SmallRyeConfigBuilder().addDefaultInterceptors().withMapping(KafkaConfig.class)
                .withSources(new EnvConfigSource(env, 300));
        try {
            for (URL defaults : Collections.list(KafkaSecurityEnv.class.getClassLoader()
                    .getResources("META-INF/microprofile-config.properties"))) {
                b.withSources(new PropertiesConfigSource(defaults, 100));
            }
            if (applicationProperties.isPresent()) {
                b.withSources(new PropertiesConfigSource(applicationProperties.get().toUri().toURL(), 250));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build();
    }

    /** The service's {@link KafkaConfig} with this environment. */
    public static KafkaConfig kafka(Map<String, String> env) {
        return config(Optional.empty(), env).getConfigMapping(KafkaConfig.class);
    }

    /**
     * Asserts that the Kafka Streams stage configured by this {@code application.properties} gives its clients
     * the security settings that {@link KafkaClients#security} gives every other client of the service, without
     * security variables and with the prod overlay's.
     */
    public static void assertStreamsTakeTheClientSecurity(Path applicationProperties) {
        for (Map<String, String> env : List.of(NONE, SASL_SSL)) {
            SmallRyeConfig config = config(Optional.of(applicationProperties), env);
            Map<String, Object> expected = new TreeMap<>(KafkaClients.security(config.getConfigMapping(KafkaConfig.class)));
            Map<String, Object> streams = new TreeMap<>();
            STREAMS_PROPERTIES.forEach((client, quarkus) -> config.getOptionalValue(quarkus, String.class)
                    .ifPresent(v -> streams.put(client, v)));
            if (!streams.containsKey(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG)) {
                streams.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);   // a type without a trust store is not used
            }
            assertEquals(expected, streams, applicationProperties + ": the Streams clients' security settings with"
                    + " environment " + env.keySet() + " (quarkus.kafka-streams.security.protocol, .sasl.*, .ssl.truststore.*)");
        }
    }
}
