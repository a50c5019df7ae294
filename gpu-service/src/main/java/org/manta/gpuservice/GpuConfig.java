package org.manta.gpuservice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** gpu-service settings ({@code manta.gpu.*}; see CONFIGURATION.md): the work-unit loop as fft-service's. */
@ConfigMapping(prefix = "manta.gpu")
public interface GpuConfig {
    /**
     * Worker threads on the one device, each with its own consumer, transactional producer, CUDA streams and
     * share ({@code 1/workers}) of the free device memory: while one reads its units' rows, another's batch runs.
     */
    @WithDefault("2")
    int workers();

    /** Work units per transaction (as {@code manta.fft.max-units-per-batch}). */
    @WithDefault("64")
    int maxUnitsPerBatch();

    /** How long a worker keeps folding units from further polls before it commits, ms (as fft-service's). */
    @WithDefault("200")
    int lingerMs();

    /** Jobs of at most this many work units skip the combiners (as {@code manta.fft.direct-max-units}). */
    @WithDefault("256")
    long directMaxUnits();

    /** How long a poll may wait for units, ms. */
    @WithDefault("100")
    int pollTimeoutMs();
}
