package org.manta.fft;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.OptionalInt;

/** fft-service settings ({@code manta.fft.*}; see CONFIGURATION.md). */
@ConfigMapping(prefix = "manta.fft")
public interface FftConfig {
    /**
     * Worker threads, each with its own consumer (of some of the {@code manta.segments} partitions),
     * transactional producer and FFT plans. Unset: the number of available processors.
     */
    OptionalInt workers();

    /**
     * Most segments a worker folds into one transaction (its partials then cover at most this many
     * segments): bigger folds mean fewer partials for the reducer, smaller ones less work redone
     * after a crash.
     */
    @WithDefault("256")
    int maxSegmentsPerTransaction();

    /** How long a poll may wait for segments, ms. */
    @WithDefault("100")
    int pollTimeoutMs();
}
