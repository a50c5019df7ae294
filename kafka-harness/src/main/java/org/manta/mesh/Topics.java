package org.manta.mesh;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The Kafka topics of the mesh (design.md §2), declared once: names, keys, record values
 * ({@code proto/src/main/proto/manta/v1/records.proto}) and configs.
 *
 * <pre>
 *  topic            key                       value (manta.v1)     cleanup   max record  partitions
 *  manta.jobs       job id                    JobRecord            compact   1 MiB       4
 *  manta.chunks     job id                    EventChunk           delete    2 MiB       4
 *  manta.segments   "job id/segment index"    Segment              delete    32 MiB      8
 *  manta.partials   job id                    PartialAccumulator   delete    64 MiB      4
 *  manta.expected   job id                    ExpectedCount        compact   1 MiB       4
 *  manta.products   "job id/piece index"      ProductRecord        compact   8 MiB       1
 *  manta.running    job id                    RunningProduct       compact,  4 MiB       4
 *                                                                  delete
 * </pre>
 *
 * <p>Every topic is zstd-compressed (producers should also use {@code compression.type=zstd}, so the
 * broker does not recompress). The topics keyed by job id have {@link #JOB_KEYED_PARTITIONS}
 * partitions each, so they are co-partitioned and Kafka Streams can join them; segments have more
 * partitions because fft/gpu workers scale on them; products have one partition, so the pieces of a
 * product stay in order. Keys are UTF-8 strings. Chunks and segments are
 * transient pipeline data (kept {@link #TRANSIENT_RETENTION_MS} ms); partials stay as long as Kafka's
 * default retention because reduce-service rebuilds its state from them. Running products are
 * compacted (the latest per job; a tombstone once the job is final) and also deleted after
 * {@link #TRANSIENT_RETENTION_MS} ms, so those of jobs that never finish (cancelled) do not stay.
 *
 * <p>Producers of the large topics need {@code max.request.size} and {@code buffer.memory} of at
 * least {@link TopicSpec#maxMessageBytes()}, their consumers {@code max.partition.fetch.bytes} as large.
 */
public final class Topics {
    /** Job specs and states (latest per job). */
    public static final String JOBS = "manta.jobs";
    /** Ordered, time-sorted event chunks of each job. */
    public static final String CHUNKS = "manta.chunks";
    /** GTI-aligned segments, one record per segment. */
    public static final String SEGMENTS = "manta.segments";
    /** Partial accumulators (unnormalised sums over segment sets). */
    public static final String PARTIALS = "manta.partials";
    /** Finalised products, in pieces. */
    public static final String PRODUCTS = "manta.products";
    /** Expected segment count per job, published once the input is exhausted. */
    public static final String EXPECTED = "manta.expected";
    /** The latest running product of each job that wants one (JobSpec.want_running_product). */
    public static final String RUNNING = "manta.running";

    /** Partitions of the topics keyed by job id (equal, for co-partitioned joins). */
    public static final int JOB_KEYED_PARTITIONS = 4;
    /** Partitions of {@link #SEGMENTS}: the upper bound on parallel fft/gpu workers. */
    public static final int SEGMENT_PARTITIONS = 8;
    /** Retention of chunks and segments: one day. */
    public static final long TRANSIENT_RETENTION_MS = 24L * 3600 * 1000;

    private static final int MIB = 1024 * 1024;

    private static final String COMPACT = TopicConfig.CLEANUP_POLICY_COMPACT;
    private static final String DELETE = TopicConfig.CLEANUP_POLICY_DELETE;

    public static final TopicSpec JOBS_TOPIC = topic(JOBS, JOB_KEYED_PARTITIONS, COMPACT, 0, 0);
    public static final TopicSpec CHUNKS_TOPIC = topic(CHUNKS, JOB_KEYED_PARTITIONS, DELETE, 2 * MIB, TRANSIENT_RETENTION_MS);
    public static final TopicSpec SEGMENTS_TOPIC = topic(SEGMENTS, SEGMENT_PARTITIONS, DELETE, 32 * MIB, TRANSIENT_RETENTION_MS);
    public static final TopicSpec PARTIALS_TOPIC = topic(PARTIALS, JOB_KEYED_PARTITIONS, DELETE, 64 * MIB, 0);
    public static final TopicSpec EXPECTED_TOPIC = topic(EXPECTED, JOB_KEYED_PARTITIONS, COMPACT, 0, 0);
    public static final TopicSpec PRODUCTS_TOPIC = topic(PRODUCTS, 1, COMPACT, 8 * MIB, 0);
    public static final TopicSpec RUNNING_TOPIC = topic(RUNNING, JOB_KEYED_PARTITIONS, COMPACT + "," + DELETE, 4 * MIB,
            TRANSIENT_RETENTION_MS);

    private static final List<TopicSpec> ALL = List.of(JOBS_TOPIC, CHUNKS_TOPIC, SEGMENTS_TOPIC, PARTIALS_TOPIC,
            EXPECTED_TOPIC, PRODUCTS_TOPIC, RUNNING_TOPIC);

    private Topics() {
    }

    /** Every topic of the mesh, in pipeline order. */
    public static List<TopicSpec> all() {
        return ALL;
    }

    /**
     * The spec of a topic by name.
     *
     * @throws IllegalArgumentException for a name that is not a mesh topic
     */
    public static TopicSpec spec(String name) {
        for (TopicSpec t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("topic '" + name + "': expected one of "
                + ALL.stream().map(TopicSpec::name).toList());
    }

    /**
     * @param cleanupPolicy   {@code cleanup.policy}: compact, delete or both
     * @param maxMessageBytes 0: Kafka's default
     * @param retentionMs     0: Kafka's default
     */
    private static TopicSpec topic(String name, int partitions, String cleanupPolicy, int maxMessageBytes,
                                   long retentionMs) {
        Map<String, String> c = new HashMap<>();
        c.put(TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        c.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        if (maxMessageBytes > 0) {
            c.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
        }
        if (retentionMs > 0) {
            c.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs));
        }
        return new TopicSpec(name, partitions, c);
    }
}
