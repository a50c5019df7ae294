package org.manta.reduce;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.OptionalLong;

/** reduce-service settings ({@code manta.reduce.*}; see CONFIGURATION.md). */
@ConfigMapping(prefix = "manta.reduce")
public interface ReduceConfig {
    /** Least time between two progress records of one job on {@code manta.jobs}, ms. */
    @WithDefault("250")
    int progressIntervalMs();

    /**
     * Least time between two running products of one job on {@code manta.running}, ms (only jobs with
     * {@code JobSpec.want_running_product}; each one normalises the segments merged so far).
     */
    @WithDefault("1000")
    int runningProductIntervalMs();

    /** Most array values per piece of a product on {@code manta.products} (ProductPieces). */
    @WithDefault("65536")
    int maxValuesPerPiece();

    /** How long ProductService.Get waits for a just-finished product to reach this instance, ms. */
    @WithDefault("10000")
    int productWaitMs();

    /**
     * The most bytes of product pieces kept in memory, the products used last (a job just finished is served from
     * there); any other product is read from {@code manta.products} when asked for. Default 64 MiB (a dozen 5-MB products); 0: none kept.
     */
    @WithDefault("67108864")
    long productCacheBytes();

    /**
     * How often the combiners (tree level 2) publish the worker partials they buffered, one combined
     * partial per job, ms: longer means fewer, larger merges for the final merge per job, and more latency.
     */
    @WithDefault("100")
    int combineIntervalMs();

    /**
     * The combiners also publish a job's buffered partials once none of the job came for this long, ms (its
     * workers are done, or they trickle), and then commit at once: the latency of a small job's last
     * partials; 0: only at the interval.
     */
    @WithDefault("10")
    int combineIdleMs();

    /**
     * How long reduce-service keeps a job's state with no record of it, ms: the combiners' segment ranges, the
     * final merge's state of a job still merging (the job then fails, naming this property) and the small
     * marker of a final job that drops its stragglers. A punctuator sweeps. Default 6 hours.
     */
    @WithDefault("21600000")
    long stateTtlMs();

    /**
     * How long the record of a final job stays (in the job-record fold's store, on {@code manta.jobs} and in every
     * job view) after the job finished, ms; then a tombstone removes it. Unset: the products' retention
     * ({@code manta.topics.products-retention-ms}, 30 days: a job's product and its record go together). Must be
     * longer than {@code manta.job-events}' retention ({@code manta.topics.job-events-retention-ms}, 7 days), or
     * reduce-service refuses to start.
     */
    OptionalLong jobRecordRetentionMs();
}
