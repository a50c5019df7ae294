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
 *  manta.inputs     job id                    JobInput             delete    1 MiB       4
 *  manta.units      "job id/unit index"       WorkUnit             delete    4 MiB       64
 *  manta.partials   "job id/shard"            PartialAccumulator   delete    64 MiB      16
 *  manta.combined   job id                    PartialAccumulator   delete    64 MiB      4
 *  manta.expected   job id                    ExpectedCount        compact   1 MiB       4
 *  manta.products   "job id/piece index"      ProductRecord        compact,  8 MiB       1
 *                                                                  delete
 *  manta.running    job id                    RunningProduct       compact,  4 MiB       4
 *                                                                  delete
 *  manta.job-events job id                    JobRecord (partial)  delete    1 MiB       4
 *  manta.dead-letters the bad record's key    the bad record's     delete    8 MiB       4
 *                                             value (headers say
 *                                             stage, source, error)
 * </pre>
 *
 * <p>Job records: every service writes its <em>partial</em> records of a job (ingest's QUEUED with the
 * spec and owner, RUNNING, inputs opened, input sent; a stage's FAILED; the reducer's progress) to
 * {@link #JOB_EVENTS}; one writer, reduce-service's job-record fold, folds them per job with
 * {@code JobRecords.merge} and publishes the job's <em>full</em> merged record to {@link #JOBS}, which
 * everyone reads. So the compaction of {@link #JOBS} (the last record per job) loses nothing.
 *
 * <p>Every topic is zstd-compressed but the two of partial accumulators, which are {@code uncompressed}:
 * sums of powers are doubles with random mantissas, which zstd shrinks by about 6 % at the cost of
 * compressing (producer), validating (broker) and decompressing (consumer) every MiB of them. Producers
 * should use the compression of the topic they write ({@link TopicSpec#producerCompression()}), so the
 * broker does not recompress. The topics keyed by job id have {@link #JOB_KEYED_PARTITIONS}
 * partitions each, so they are co-partitioned and Kafka Streams can join them; work units have
 * {@link #UNIT_PARTITIONS} partitions because fft/gpu workers scale on them (one job's units spread over
 * all of them); products have one partition, so the pieces of a product stay in order. Keys are UTF-8
 * strings. Events never cross the broker: work units name the rows of the input files that the
 * workers read from the shared storage (design.md §2.1). Inputs and units are
 * transient pipeline data (kept {@link #TRANSIENT_RETENTION_MS} ms); combined partials stay as long as Kafka's
 * default retention because reduce-service's final merge is rebuilt from its changelog and them. Running products are
 * compacted (the latest per job; a tombstone once the job is final) and also deleted after
 * {@link #TRANSIENT_RETENTION_MS} ms, so those of jobs that never finish (cancelled) do not stay. Products are
 * compacted (a deleted product's tombstones remove it) and deleted after {@link #PRODUCTS_RETENTION_MS} ms.
 *
 * <p>Producers of the large topics need {@code max.request.size} and {@code buffer.memory} of at
 * least {@link TopicSpec#maxMessageBytes()}, their consumers {@code max.partition.fetch.bytes} as large.
 */
public final class Topics {
    /** Job specs and states (latest per job). */
    public static final String JOBS = "manta.jobs";
    /** Jobs whose inputs are ready to plan (ingest → segment-service). */
    public static final String INPUTS = "manta.inputs";
    /** Work units: runs of whole segments of a job with the rows of each input (segment → fft/gpu). */
    public static final String UNITS = "manta.units";
    /** Partial accumulators of the fft workers (tree level 1), keyed to spread a job over the combiners. */
    public static final String PARTIALS = "manta.partials";
    /** Partials combined per job and batch by reduce-service's combiners (tree level 2), keyed by job. */
    public static final String COMBINED = "manta.combined";
    /** Finalised products, in pieces. */
    public static final String PRODUCTS = "manta.products";
    /** Expected segment count per job, published once the input is exhausted. */
    public static final String EXPECTED = "manta.expected";
    /** The latest running product of each job that wants one (JobSpec.want_running_product). */
    public static final String RUNNING = "manta.running";
    /**
     * Partial job records of every writer (not compacted), folded by reduce-service into the full records of
     * {@link #JOBS}.
     */
    public static final String JOB_EVENTS = "manta.job-events";

    /**
     * Records a stage could not process (bad bytes, a record that throws), as they were, with headers naming the
     * stage, the source topic, partition and offset, the job and the error (mesh-common {@code DeadLetters}).
     */
    public static final String DEAD_LETTERS = "manta.dead-letters";

    /** Partitions of the topics keyed by job id (equal, for co-partitioned joins). */
    public static final int JOB_KEYED_PARTITIONS = 4;
    /**
     * Partitions of {@link #UNITS}: the upper bound on parallel fft/gpu workers (consumers of one
     * group), 64 unless the system property {@code manta.topics.unit-partitions} says otherwise when the
     * topics are created (a Strimzi KafkaTopic sets its own).
     */
    public static final int UNIT_PARTITIONS = Integer.getInteger("manta.topics.unit-partitions", 64);
    /** Partitions of {@link #PARTIALS}: the upper bound on parallel combiners (tree level 2). */
    public static final int PARTIAL_PARTITIONS = Integer.getInteger("manta.topics.partial-partitions", 16);
    /**
     * How long a product stays on {@link #PRODUCTS} (unless deleted before: {@code ProductService.Delete}), ms: 30
     * days unless the system property {@code manta.topics.products-retention-ms} says otherwise when the topics are
     * created (a Strimzi KafkaTopic sets its own {@code retention.ms}).
     */
    public static final long PRODUCTS_RETENTION_MS = Long.getLong("manta.topics.products-retention-ms",
            30L * 24 * 3600 * 1000);
    /** Retention of inputs and units: one day. */
    public static final long TRANSIENT_RETENTION_MS = 24L * 3600 * 1000;
    /**
     * Retention of {@link #JOB_EVENTS}: seven days, unless the system property
     * {@code manta.topics.job-events-retention-ms} says otherwise when the topics are created (a Strimzi KafkaTopic
     * sets its own). The events are folded within a commit of reduce-service; this only bounds how long
     * reduce-service may be down before a job's records are lost.
     */
    public static final long JOB_EVENTS_RETENTION_MS = Long.getLong("manta.topics.job-events-retention-ms",
            7L * 24 * 3600 * 1000);
    /** Retention of dead letters: a week, for an operator to look at them. */
    public static final long DEAD_LETTER_RETENTION_MS = 7 * TRANSIENT_RETENTION_MS;

    private static final int MIB = 1024 * 1024;

    private static final String COMPACT = TopicConfig.CLEANUP_POLICY_COMPACT;
    private static final String DELETE = TopicConfig.CLEANUP_POLICY_DELETE;
    /** {@code compression.type} of the topics of partial accumulators (and reduce-service's changelogs). */
    public static final String UNCOMPRESSED = "uncompressed";

    public static final TopicSpec JOBS_TOPIC = topic(JOBS, JOB_KEYED_PARTITIONS, COMPACT, 0, 0);
    public static final TopicSpec INPUTS_TOPIC = topic(INPUTS, JOB_KEYED_PARTITIONS, DELETE, 0, TRANSIENT_RETENTION_MS);
    public static final TopicSpec UNITS_TOPIC = topic(UNITS, UNIT_PARTITIONS, DELETE, 4 * MIB, TRANSIENT_RETENTION_MS);
    public static final TopicSpec PARTIALS_TOPIC = topic(PARTIALS, PARTIAL_PARTITIONS, DELETE, 64 * MIB, TRANSIENT_RETENTION_MS)
            .withConfig(TopicConfig.COMPRESSION_TYPE_CONFIG, UNCOMPRESSED);
    public static final TopicSpec COMBINED_TOPIC = topic(COMBINED, JOB_KEYED_PARTITIONS, DELETE, 64 * MIB, 0)
            .withConfig(TopicConfig.COMPRESSION_TYPE_CONFIG, UNCOMPRESSED);
    public static final TopicSpec EXPECTED_TOPIC = topic(EXPECTED, JOB_KEYED_PARTITIONS, COMPACT, 0, 0);
    public static final TopicSpec PRODUCTS_TOPIC = topic(PRODUCTS, 1, COMPACT + "," + DELETE, 8 * MIB,
            PRODUCTS_RETENTION_MS);
    public static final TopicSpec RUNNING_TOPIC = topic(RUNNING, JOB_KEYED_PARTITIONS, COMPACT + "," + DELETE, 4 * MIB,
            TRANSIENT_RETENTION_MS);
    public static final TopicSpec JOB_EVENTS_TOPIC = topic(JOB_EVENTS, JOB_KEYED_PARTITIONS, DELETE, 0,
            JOB_EVENTS_RETENTION_MS);

    public static final TopicSpec DEAD_LETTERS_TOPIC = topic(DEAD_LETTERS, JOB_KEYED_PARTITIONS, DELETE, 8 * MIB,
            DEAD_LETTER_RETENTION_MS);

    private static final List<TopicSpec> ALL = List.of(JOBS_TOPIC, INPUTS_TOPIC, UNITS_TOPIC, PARTIALS_TOPIC, COMBINED_TOPIC,
            EXPECTED_TOPIC, PRODUCTS_TOPIC, RUNNING_TOPIC, JOB_EVENTS_TOPIC, DEAD_LETTERS_TOPIC);

    private Topics() {
    }

    /** Every topic of the mesh, in pipeline order (the dead letters last). */
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
