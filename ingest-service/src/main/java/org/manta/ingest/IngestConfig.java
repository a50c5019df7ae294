package org.manta.ingest;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;
import io.smallrye.config.WithDefault;

/**
 * ingest-service settings ({@code manta.ingest.*}; see CONFIGURATION.md). Where inputs are read and staged
 * is the mesh's shared storage ({@code manta.storage.*}, {@link org.manta.mesh.common.config.StorageConfig}).
 */
@ConfigMapping(prefix = "manta.ingest")
public interface IngestConfig {
    /** The largest event upload accepted by {@code JobService.Upload}, bytes (8 per time, energy; 4 per PI). */
    @WithDefault("268435456")
    long maxUploadBytes();

    /** File jobs prepared at the same time (hashing, decompressing {@code .gz} inputs); more wait in a queue. */
    @WithDefault("2")
    int ingestThreads();

    /** {@code host:port} of reduce-service, where {@code ProductService.Get} is forwarded. */
    @WithDefault("127.0.0.1:8084")
    String reduceTarget();

    /**
     * Whether {@code ProductService.Get} is forwarded over TLS (reduce-service serves TLS only, docs/security.md);
     * false only where reduce-service runs without TLS (the services' own tests).
     */
    @WithDefault("true")
    boolean reduceTls();

    /** PEM file of the CA(s) that reduce-service's certificate chains to; unset: the JVM's default trust store. */
    Optional<Path> reduceCa();

    /**
     * How long an ingest instance may be missing from the live ones (consumer group {@code manta-ingest}) before
     * another takes over its unfinished jobs: a file job is prepared again by the live instance with the least
     * {@code manta.kafka.instance-id}, an upload fails. Longer than a restart of an instance takes (it resumes its
     * own jobs), and at least {@code manta.kafka.session-timeout-ms} (a killed instance is a member that long).
     */
    @WithDefault("60s")
    java.time.Duration adoptAfter();

    /**
     * The most segments of one job (every stage holds a plan's segment bounds, 24 B each): a job with more is
     * refused with RESOURCE_EXHAUSTED before any of its data moves. Counted from the GTIs, not made.
     */
    @WithDefault("1000000")
    long maxSegments();

    /**
     * The most bins × channels of one segment (a worker's histograms and transforms of a segment); a channel has
     * at most 2^22 bins whatever this says (JobSpecs.MAX_BINS_PER_SEGMENT).
     */
    @WithDefault("8388608")
    long maxSegmentBins();

    /**
     * The most GTIs of one input: the plan's GTIs (at most the inputs' together) ride on the plan records, and
     * {@code manta.expected} holds 1 MiB (about 50,000 GTIs). An input with more is refused with RESOURCE_EXHAUSTED.
     */
    @WithDefault("20000")
    long maxGtis();

    /** The most bytes of a dynamical spectrum's rows (segments × frequencies × 8), which reduce-service's final merge holds. */
    @WithDefault("268435456")
    long maxProductBytes();

    /**
     * How long a call about a job this instance does not know (Watch, Get, Cancel, the product) waits for the job to
     * reach its job view before it answers NOT_FOUND: after a start, until the view has read {@code manta.jobs}; then
     * for the job's first record, as a job accepted by another replica moments ago gets here only once
     * reduce-service has folded its records onto {@code manta.jobs} (a tenth of a second; longer while
     * reduce-service restarts). An unknown id is answered after this wait.
     */
    @WithDefault("5s")
    java.time.Duration unknownJobPatience();

    /**
     * How many calls about jobs this instance does not know may wait for them at once ({@link #unknownJobPatience()}
     * each, on a gRPC worker thread); one more is RESOURCE_EXHAUSTED at once, so that calls with made-up ids cannot
     * hold every worker thread.
     */
    @WithDefault("32")
    int unknownJobWaits();

    /** Uploads one principal may have in progress on this instance at once; one more is RESOURCE_EXHAUSTED. */
    @WithDefault("4")
    int maxUploadsPerClient();

    /**
     * How long an upload may go without a message from its client before it is dropped: its job fails ("the upload
     * stalled …"), its staged files go and it no longer counts against {@link #maxUploadsPerClient()}. A client that
     * is gone without cancelling its stream (a killed process, a lost network) sends nothing more, and the edge
     * (Vert.x gRPC on the HTTP port) does not tell the stream of a closed connection. A live client sends a batch
     * every few milliseconds.
     */
    @WithDefault("60s")
    java.time.Duration uploadIdleTimeout();

    /** Jobs one principal may have that are not final (queued or running); one more is RESOURCE_EXHAUSTED. */
    @WithDefault("64")
    int maxOpenJobsPerClient();
}
