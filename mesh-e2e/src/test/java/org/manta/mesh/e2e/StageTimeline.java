package org.manta.mesh.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.manta.mesh.Topics;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.proto.v1.JobState;

/**
 * Where one mesh job's latency goes: the time, after the client's Submit, at which each stage wrote the
 * job's records (their timestamps: every stage stamps its outputs with the wall clock when it makes them;
 * all processes share this machine's clock). A record is seen downstream once its stage commits, so the
 * gap between one stage's last record and the next stage's first is the commit, delivery and poll wait
 * between them plus the next stage's own work.
 */
final class StageTimeline {
    /** The stages in the order of the data flow: a topic and which of the job's records on it. */
    private static final List<String> STAGES = List.of(
            "ingest: JobInput", "segment: first unit", "segment: last unit", "fft: first partial", "fft: last partial",
            "combiner: first combined", "combiner: last combined", "reducer: product", "reducer: SUCCEEDED");

    private StageTimeline() {
    }

    /**
     * The job's stage times in ms after {@code submitMillis} (epoch ms of the Submit call), read from the
     * broker's topics from that time on; stages without a record are absent.
     */
    static Map<String, Double> of(Map<String, Object> clientConfig, String jobId, long submitMillis) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put("isolation.level", "read_committed");
        Map<String, List<Long>> times = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.INPUTS, Topics.UNITS, Topics.PARTIALS, Topics.COMBINED, Topics.PRODUCTS,
                    Topics.JOBS)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, submitMillis - 1));
            Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp o = from.get(p);
                consumer.seek(p, o == null ? end.get(p) : o.offset());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.key() != null && Keys.jobOf(r.key()).equals(jobId)) {
                        times.computeIfAbsent(stage(r), k -> new ArrayList<>()).add(r.timestamp());
                    }
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String stage : STAGES) {
            String topic = stage.replace(" first", "").replace(" last", "");
            List<Long> t = times.get(topic);
            if (t != null) {
                long ms = stage.contains(" last") ? t.stream().mapToLong(Long::longValue).max().orElseThrow()
                        : t.stream().mapToLong(Long::longValue).min().orElseThrow();
                out.put(stage, (double) (ms - submitMillis));
            }
        }
        return out;
    }

    /** The stage of a record (the names of {@link #STAGES} without "first"/"last"). */
    private static String stage(ConsumerRecord<String, byte[]> r) {
        return switch (r.topic()) {
            case Topics.INPUTS -> "ingest: JobInput";
            case Topics.UNITS -> "segment: unit";
            case Topics.PARTIALS -> "fft: partial";
            case Topics.COMBINED -> "combiner: combined";
            case Topics.PRODUCTS -> "reducer: product";
            default -> r.value() != null && RecordCodec.job(r.value()).getState() == JobState.SUCCEEDED
                    ? "reducer: SUCCEEDED" : "jobs: other";
        };
    }

    /** Adds one job's stage times to the lists of earlier jobs' (for medians). */
    static void add(Map<String, List<Double>> into, Map<String, Double> one) {
        one.forEach((k, v) -> into.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    /** A Markdown table of the median stage times (ms after Submit) and the step from the previous stage. */
    static String table(String title, Map<String, List<Double>> stages) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%n%s%n%n| stage | ms after Submit (median) | step ms |%n|---|---|---|%n",
                title));
        double previous = 0;
        for (Map.Entry<String, List<Double>> e : stages.entrySet()) {
            double m = MeshBenchmarkIT.median(e.getValue());
            sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n", e.getKey(), m, m - previous));
            previous = m;
        }
        return sb.toString();
    }
}
