package org.manta.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.manta.mesh.Topics;
import org.manta.mesh.common.config.KafkaConfig;
import org.manta.mesh.common.kafka.KafkaClients;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.EventChunk;

/** Reads a job's chunks back from {@code manta.chunks} (tests). */
final class Chunks {
    private Chunks() {
    }

    /** The job's chunks, in order, up to the last one (or what arrived within {@code patience}). */
    static List<EventChunk> of(KafkaConfig kafka, String jobId, Duration patience) {
        List<EventChunk> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(KafkaClients.consumerConfig(kafka, "t",
                "ingest-test-" + jobId, Optional.empty(), List.of(Topics.CHUNKS_TOPIC)))) {
            c.subscribe(List.of(Topics.CHUNKS));
            long deadline = System.nanoTime() + patience.toNanos();
            while ((out.isEmpty() || !out.get(out.size() - 1).getLast()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key().equals(jobId)) {
                        out.add(RecordCodec.chunk(r.value()));
                    }
                }
            }
        }
        return out;
    }

    /** The ids of the jobs with chunks on {@code manta.chunks} now (read from the beginning to the end offsets). */
    static Set<String> jobs(KafkaConfig kafka) {
        Set<String> out = new TreeSet<>();
        try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(KafkaClients.consumerConfig(kafka, "t", null,
                Optional.empty(), List.of(Topics.CHUNKS_TOPIC)))) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.CHUNKS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.key()));
            }
        }
        return out;
    }
}
