package org.manta.mesh;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic to create: its name, partition count and topic-level configs ({@link TopicConfig} keys).
 * The replication factor is left to the broker's {@code default.replication.factor}.
 *
 * @param name       topic name, e.g. {@code manta.units}
 * @param partitions at least 1
 * @param configs    topic-level configs, e.g. {@code cleanup.policy=compact}; copied, immutable
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {
    /** Kafka's default {@code max.message.bytes} (1 MiB + record batch overhead). */
    public static final int KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name '" + name + "': expected a non-blank name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " partitions " + partitions + ": expected at least 1");
        }
        configs = Map.copyOf(configs);
    }

    /** The same topic with another partition count. */
    public TopicSpec withPartitions(int count) {
        return new TopicSpec(name, count, configs);
    }

    /** The same topic with one config set to another value. */
    public TopicSpec withConfig(String key, String value) {
        Map<String, String> c = new java.util.HashMap<>(configs);
        c.put(key, value);
        return new TopicSpec(name, partitions, c);
    }

    /** True when {@code cleanup.policy} includes {@code compact}: the latest value per key is kept. */
    public boolean compacted() {
        String policy = configs.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, "");
        return java.util.Arrays.asList(policy.split(",")).contains(TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    /**
     * The largest record batch the topic accepts, bytes. Producers of this topic need
     * {@code max.request.size} (and {@code buffer.memory}) at least this large, consumers
     * {@code max.partition.fetch.bytes} at least this large.
     */
    public int maxMessageBytes() {
        String v = configs.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        return v == null ? KAFKA_DEFAULT_MAX_MESSAGE_BYTES : Integer.parseInt(v);
    }

    /**
     * The producer {@code compression.type} that matches the topic's (so the broker keeps the batches as
     * sent rather than recompressing them): {@code none} for an {@code uncompressed} topic, else the
     * topic's own ({@code zstd}); {@code zstd} when the topic names none.
     */
    public String producerCompression() {
        String c = configs.getOrDefault(TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        return c.equals("uncompressed") ? "none" : c;
    }

    /** The request for {@link org.apache.kafka.clients.admin.Admin#createTopics}. */
    public NewTopic toNewTopic() {
        return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(new TreeMap<>(configs));
    }
}
