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
     * Segments per transaction: a worker commits its folds once it holds this many segments (or the
     * linger time has passed, or no more segments are waiting); one poll fetches at most this many, so
     * a transaction holds fewer than twice this number. Bigger folds mean fewer partials for the
     * reducer, smaller ones less work redone after a crash.
     */
    @WithDefault("256")
    int maxSegmentsPerTransaction();

    /**
     * How long a worker keeps folding segments from further polls before it commits what it has, ms:
     * fewer, larger partials (less work for the reducer) for a little latency.
     */
    @WithDefault("200")
    int lingerMs();

    /** How long a poll may wait for segments, ms. */
    @WithDefault("100")
    int pollTimeoutMs();
}
