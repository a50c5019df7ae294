package org.manta.gpuservice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.manta.mesh.common.config.UnitLoopConfig;

/** gpu-service settings ({@code manta.gpu.*}; see CONFIGURATION.md): the work-unit loop as fft-service's. */
@ConfigMapping(prefix = "manta.gpu")
public interface GpuConfig extends UnitLoopConfig {
    /**
     * Worker threads on the one device, each with its own consumer, transactional producer, CUDA streams and
     * share ({@code 1/workers}) of the free device memory: while one reads its units' rows, another's batch runs.
     */
    @WithDefault("2")
    int workers();
}
