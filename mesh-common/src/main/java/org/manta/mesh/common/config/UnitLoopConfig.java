package org.manta.mesh.common.config;

import io.smallrye.config.WithDefault;

/**
 * The work-unit loop's settings, the same for every worker of {@code manta.units}
 * ({@link org.manta.mesh.common.fold.UnitWorker}): fft-service's {@code manta.fft.*} and gpu-service's
 * {@code manta.gpu.*} mappings extend it, each adding its own worker count (CONFIGURATION.md).
 */
public interface UnitLoopConfig {
    /**
     * Work units per transaction: a worker commits its folds once it holds this many units (or the linger
     * time has passed, or no more units are waiting); one poll fetches at most this many, so a transaction
     * holds fewer than twice this number. With the default {@code UnitSizing} a unit is at most 64
     * segments or about 2^20 events: bigger batches mean fewer partials for the reducer, smaller ones less
     * work redone after a crash.
     */
    @WithDefault("64")
    int maxUnitsPerBatch();

    /**
     * How long a worker keeps folding units from further polls before it commits what it has, ms:
     * fewer, larger partials (less work for the reducer) for a little latency.
     */
    @WithDefault("200")
    int lingerMs();

    /**
     * The partials of a job cut into at most this many work units go straight to its final merge
     * ({@code manta.combined}); a larger job's go through the combiners ({@code manta.partials}), which merge
     * its many partials in parallel (docs/mesh.md, "The reduce tree"). 0: every job through the combiners.
     */
    @WithDefault("256")
    long directMaxUnits();

    /** How long a poll may wait for units, ms. */
    @WithDefault("100")
    int pollTimeoutMs();
}
