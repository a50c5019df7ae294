package org.manta.mesh.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.manta.mesh.Topics;
import org.manta.mesh.harness.KafkaBroker;

/**
 * Starts a real Kafka broker (KRaft, its own JVM, free loopback ports; stack.md §3.5) for a
 * {@code @QuarkusTest}, creates every mesh topic with its declared configs ({@link Topics#all()}), and
 * points the service at it ({@code manta.kafka.bootstrap-servers}), with the {@link TestTokens} as its
 * token file ({@code manta.auth.tokens-file}) and the {@link TestJwts} provider's JWTs accepted beside them
 * ({@code manta.auth.mode=jwt,tokens}). Use:
 * {@code @QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)}.
 * Tests reach the broker through {@link #broker()}. Init args ({@code @ResourceArg}) named {@code broker.<key>}
 * set the broker's {@code server.properties} entry {@code <key>}, e.g. {@code broker.log.cleaner.backoff.ms}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    /** The prefix of the init args that are broker properties. */
    public static final String BROKER_PROPERTY = "broker.";

    private static volatile KafkaBroker broker;
    private final Map<String, String> brokerProperties = new java.util.TreeMap<>();

    @Override
    public void init(Map<String, String> initArgs) {
        initArgs.forEach((k, v) -> {
            if (k.startsWith(BROKER_PROPERTY)) {
                brokerProperties.put(k.substring(BROKER_PROPERTY.length()), v);
            }
        });
    }

    @Override
    public Map<String, String> start() {
        KafkaBroker.Builder builder = KafkaBroker.builder();
        brokerProperties.forEach(builder::brokerProperty);
        broker = builder.start();
        broker.createTopics(Topics.all());
        return Map.of("manta.kafka.bootstrap-servers", broker.bootstrapServers(),
                "quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers(),
                "manta.auth.mode", "jwt,tokens",
                "manta.auth.tokens-file", TestTokens.write().toString(),
                "manta.auth.jwt.issuer", TestJwts.ISSUER,
                "manta.auth.jwt.keys", TestJwts.writePublicKey().toString());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The running broker of the current test class. */
    public static KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("no Kafka broker: annotate the test with @QuarkusTestResource(KafkaTestResource.class)");
        }
        return broker;
    }
}
