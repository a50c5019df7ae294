package org.manta.mesh.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a mesh service reaches Kafka ({@code manta.kafka.*}). Every service reads it; the defaults
 * live in mesh-common's {@code META-INF/microprofile-config.properties}.
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
}
