package org.manta.mesh.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.manta.mesh.TopicSpec;
import org.manta.mesh.Topics;

/** Against one real broker (separate JVM) for the whole class: topics, produce/consume, compaction, large records. */
class KafkaBrokerTest {
    /** How long a consumer may take to see records that are already durable (group join included). */
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);
    /** Log cleaner wake-up interval for this broker (default 15 s) so compaction shows up quickly. */
    private static final String CLEANER_BACKOFF_MS = "200";

    private static KafkaBroker kafka;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaBroker.builder().brokerProperty("log.cleaner.backoff.ms", CLEANER_BACKOFF_MS).start();
        System.out.printf("Kafka broker pid %d on %s started in %d ms%n",
                kafka.pid(), kafka.bootstrapServers(), kafka.startupTime().toMillis());
        kafka.createTopics(Topics.all());
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void producesThreeRecordsAndConsumesThemBack() throws Exception {
        String jobId = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer(StringSerializer.class, Map.of())) {
            for (int seq = 0; seq < 3; seq++) {
                producer.send(new ProducerRecord<>(Topics.INPUTS, jobId, "chunk-" + seq)).get(10, TimeUnit.SECONDS);
            }
        }
        Map<String, Object> group = Map.of(ConsumerConfig.GROUP_ID_CONFIG, "harness-test-" + jobId);
        try (KafkaConsumer<String, String> consumer = consumer(StringDeserializer.class, group)) {
            consumer.subscribe(List.of(Topics.INPUTS));
            List<ConsumerRecord<String, String>> got = pollUntil(consumer, 3);
            assertEquals(List.of("chunk-0", "chunk-1", "chunk-2"), got.stream().map(ConsumerRecord::value).toList());
            assertTrue(got.stream().allMatch(r -> r.key().equals(jobId)));
            assertEquals(1, got.stream().map(ConsumerRecord::partition).distinct().count(), "one key, one partition, in order");
        }
    }

    @Test
    void topicsHaveTheirDeclaredPartitionsAndConfigs() throws Exception {
        List<String> names = Topics.all().stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> descriptions = kafka.admin().describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = kafka.admin().describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
        for (TopicSpec spec : Topics.all()) {
            assertEquals(spec.partitions(), descriptions.get(spec.name()).partitions().size(), spec.name());
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            for (Map.Entry<String, String> c : spec.configs().entrySet()) {
                assertEquals(c.getValue(), actual.get(c.getKey()).value(), spec.name() + " " + c.getKey());
            }
        }
    }

    @Test
    void compactedTopicKeepsTheLastValuePerKey() throws Exception {
        String topic = "harness-compaction-" + UUID.randomUUID();
        kafka.createTopics(new TopicSpec(topic, 1, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_MS_CONFIG, "100",                // roll segments quickly: the active one is never cleaned
                TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01")));
        try (KafkaProducer<String, String> producer = producer(StringSerializer.class, Map.of())) {
            for (int i = 1; i <= 5; i++) {
                producer.send(new ProducerRecord<>(topic, "job-1", "state-" + i)).get(10, TimeUnit.SECONDS);
            }
            producer.send(new ProducerRecord<>(topic, "job-2", "state-1")).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, "job-2", "state-2")).get(10, TimeUnit.SECONDS);
            Thread.sleep(300);   // older than segment.ms: the next append rolls a new segment
            producer.send(new ProducerRecord<>(topic, "job-3", "state-1")).get(10, TimeUnit.SECONDS);
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        List<String> remaining = List.of();
        long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> consumer = consumer(StringDeserializer.class, Map.of())) {
            consumer.assign(List.of(tp));
            while (System.nanoTime() < deadline) {
                consumer.seekToBeginning(List.of(tp));
                long end = consumer.endOffsets(List.of(tp)).get(tp);
                List<String> read = new ArrayList<>();
                while (consumer.position(tp) < end) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.key() + "=" + r.value()));
                }
                remaining = read;
                if (read.size() == 3) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        assertEquals(List.of("job-1=state-5", "job-2=state-2", "job-3=state-1"), remaining, "after compaction");
    }

    @Test
    void partialsTopicTakesARecordOfSeveralMebibytes() throws Exception {
        byte[] value = new byte[5 * 1024 * 1024];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31 + (i >>> 12));   // some structure, not all zeros
        }
        int max = Topics.PARTIALS_TOPIC.maxMessageBytes();
        String key = UUID.randomUUID() + "/0";
        try (KafkaProducer<String, byte[]> producer = producer(ByteArraySerializer.class, Map.of(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, max,
                ProducerConfig.BUFFER_MEMORY_CONFIG, (long) 2 * max))) {
            producer.send(new ProducerRecord<>(Topics.PARTIALS, key, value)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer(ByteArrayDeserializer.class,
                Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, max))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.PARTIALS_TOPIC.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.PARTIALS, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            ConsumerRecord<String, byte[]> got = null;
            long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
            while (got == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key().equals(key)) {
                        got = r;
                    }
                }
            }
            assertTrue(got != null, "record not consumed within " + CONSUME_TIMEOUT);
            assertTrue(Arrays.equals(value, got.value()), "the 5 MiB value comes back byte for byte");
        }
    }

    private static <V> KafkaProducer<String, V> producer(Class<?> valueSerializer, Map<String, Object> extra) {
        Map<String, Object> c = new HashMap<>(kafka.clientConfig());
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        c.putAll(extra);
        return new KafkaProducer<>(c);
    }

    private static <V> KafkaConsumer<String, V> consumer(Class<?> valueDeserializer, Map<String, Object> extra) {
        Map<String, Object> c = new LinkedHashMap<>(kafka.clientConfig());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, valueDeserializer);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.putAll(extra);
        Properties p = new Properties();
        p.putAll(c);
        return new KafkaConsumer<>(p);
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(got::add);
        }
        return got;
    }
}
