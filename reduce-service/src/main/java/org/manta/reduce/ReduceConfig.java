package org.manta.reduce;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /** Combiner loops of this instance (tree level 2; each reads some partitions of {@code manta.partials}). */
    @WithDefault("1")
    int combiners();

    /** Most worker partials a combiner folds into one batch (one combined partial per job per batch). */
    @WithDefault("64")
    int combineMaxPartials();

    /** How long a combiner keeps collecting partials before it publishes what it has, ms. */
    @WithDefault("100")
    int combineLingerMs();
}
