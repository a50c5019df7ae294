package org.manta.fft;

import io.smallrye.config.ConfigMapping;
import java.util.OptionalInt;
import org.manta.mesh.common.config.UnitLoopConfig;

/** fft-service settings ({@code manta.fft.*}; see CONFIGURATION.md): the work-unit loop's, and its workers. */
@ConfigMapping(prefix = "manta.fft")
public interface FftConfig extends UnitLoopConfig {
    /**
     * Worker threads, each with its own consumer (of some of the {@code manta.units} partitions),
     * transactional producer, open input files and FFT plans. Unset: the number of available processors.
     */
    OptionalInt workers();
}
