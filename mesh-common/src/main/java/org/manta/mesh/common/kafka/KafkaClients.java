package org.manta.mesh.common.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.manta.mesh.TopicSpec;
import org.manta.mesh.common.config.KafkaConfig;

/**
 * Settings of the plain Kafka clients of the mesh, in one place: keys are UTF-8 strings, values the
 * serialised {@code manta.v1} records; producers are idempotent, compressed as the topic of their largest
 * records is (zstd, or none for partial accumulators) and sized for the largest record of the topics they
 * write ({@link TopicSpec#maxMessageBytes()}); consumers read only
 * committed records ({@code read_committed}), so records of an aborted transaction (a worker killed
 * mid-transaction) are never seen. Every client gets the service's security settings ({@link #security}).
 */
public final class KafkaClients {
    /** Producer batch size, bytes. */
    private static final int BATCH_BYTES = 1 << 20;

    private KafkaClients() {
    }

    /**
     * Producer settings.
     *
     * @param clientId        shows in broker logs and metrics
     * @param transactionalId set for the exactly-once consume-transform-produce loops; empty for plain
     *                        idempotent producers
     * @param topics          the topics it writes (sizes the requests)
     */
    public static Map<String, Object> producerConfig(KafkaConfig kafka, String clientId, Optional<String> transactionalId,
                                                     Collection<TopicSpec> topics) {
        int maxBytes = maxMessageBytes(topics);
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.putAll(security(kafka));
        c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression(topics));
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // records of ~0.25-1 MiB (chunks, partials): with the default 16 KiB batches each one gets a new
        // unpooled buffer; batches of 1 MiB come from the producer's pool and hold many small records
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxBytes);
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(64L << 20, 2L * maxBytes));
        transactionalId.ifPresent(id -> {
            c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
            c.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, kafka.transactionTimeoutMs());
        });
        return c;
    }

    /**
     * Consumer settings: {@code read_committed}, no auto-commit (offsets are committed with the
     * output, or never), earliest offset for a new group.
     *
     * @param groupId         the consumer group; null for a consumer that assigns partitions itself
     * @param groupInstanceId static membership id (a restarted instance gets its partitions back at once)
     * @param topics          the topics it reads (sizes the fetches)
     */
    public static Map<String, Object> consumerConfig(KafkaConfig kafka, String clientId, String groupId,
                                                     Optional<String> groupInstanceId, Collection<TopicSpec> topics) {
        int maxBytes = maxMessageBytes(topics);
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.putAll(security(kafka));
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, maxBytes);
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(maxBytes, 52_428_800));
        if (groupId != null) {
            c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, kafka.sessionTimeoutMs());
            c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, kafka.sessionTimeoutMs() / 5));
            groupInstanceId.ifPresent(id -> c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        }
        return c;
    }

    /**
     * The security settings of every client ({@code security.protocol}, {@code sasl.*}, {@code ssl.truststore.*}),
     * from {@code manta.kafka.*}: only {@code security.protocol=PLAINTEXT} by default.
     *
     * @throws IllegalArgumentException for an unknown protocol, or a {@code SASL_*} protocol without a mechanism
     *                                  and a JAAS login
     */
    public static Map<String, Object> security(KafkaConfig kafka) {
        SecurityProtocol protocol;
        try {
            protocol = SecurityProtocol.forName(kafka.securityProtocol().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("manta.kafka.security-protocol '" + kafka.securityProtocol()
                    + "': expected one of " + SecurityProtocol.names());
        }
        Map<String, Object> c = new HashMap<>();
        c.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name);
        if (protocol == SecurityProtocol.SASL_SSL || protocol == SecurityProtocol.SASL_PLAINTEXT) {
            c.put(SaslConfigs.SASL_MECHANISM, kafka.saslMechanism().orElseThrow(() -> new IllegalArgumentException(
                    "manta.kafka.sasl-mechanism is unset: expected one (e.g. SCRAM-SHA-512) with security protocol " + protocol)));
            c.put(SaslConfigs.SASL_JAAS_CONFIG, kafka.saslJaasConfig().orElseThrow(() -> new IllegalArgumentException(
                    "manta.kafka.sasl-jaas-config is unset: expected the login module with the user and password with"
                            + " security protocol " + protocol)));
        }
        if (protocol == SecurityProtocol.SASL_SSL || protocol == SecurityProtocol.SSL) {
            kafka.sslTruststoreLocation().ifPresent(location -> {
                c.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, location);
                c.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, kafka.sslTruststoreType());
                kafka.sslTruststorePassword().ifPresent(p -> c.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, p));
            });
        }
        return c;
    }

    /** Admin client settings (e.g. to see which members a consumer group has). */
    public static Map<String, Object> adminConfig(KafkaConfig kafka, String clientId) {
        Map<String, Object> c = new HashMap<>();
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.putAll(security(kafka));
        c.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return c;
    }

    public static KafkaProducer<String, byte[]> producer(Map<String, Object> config) {
        return new KafkaProducer<>(config);
    }

    public static KafkaConsumer<String, byte[]> consumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config);
    }

    /**
     * Stops a thread that polls {@code consumer} (null: none yet): wakes the poll up and waits up to 5 s for the
     * thread to end. The thread's loop must already have been told to stop.
     */
    public static void wakeAndJoin(KafkaConsumer<?, ?> consumer, Thread thread) {
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The producer compression for these topics: that of the topic with the largest records (which carries
     * the bytes; the broker recompresses the few records for the others), zstd for none.
     */
    static String compression(Collection<TopicSpec> topics) {
        TopicSpec largest = null;
        for (TopicSpec t : topics) {
            if (largest == null || t.maxMessageBytes() > largest.maxMessageBytes()) {
                largest = t;
            }
        }
        return largest == null ? "zstd" : largest.producerCompression();
    }

    /** The largest {@code max.message.bytes} of the topics, at least Kafka's default. */
    public static int maxMessageBytes(Collection<TopicSpec> topics) {
        int max = TopicSpec.KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
        for (TopicSpec t : topics) {
            max = Math.max(max, t.maxMessageBytes());
        }
        return max;
    }
}
