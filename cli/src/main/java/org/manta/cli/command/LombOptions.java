package org.manta.cli.command;

import java.nio.file.Path;
import java.util.OptionalDouble;
import org.manta.core.lombscargle.FrequencyGrid;
import org.manta.core.lombscargle.LombScargleMethod;
import org.manta.core.lombscargle.LombScargleRequest;
import org.manta.core.lombscargle.LombScargleTransform;
import org.manta.core.spectrum.Normalization;
import picocli.CommandLine.Option;

/**
 * The options of a Lomb–Scargle spectrum ({@code --events2 --method --norm --min-freq --max-freq --df
 * --oversampling}): {@code manta lomb} and {@code manta submit lomb} share them.
 */
public final class LombOptions {
    @Option(names = "--events2", paramLabel = "FILE2",
            description = "Reference series: compute the cross spectrum FILE x FILE2* and time lags (positive: FILE lags).")
    public Path file2;

    @Option(names = "--method", paramLabel = "slow|fast", defaultValue = "fast",
            description = "slow: exact sums (Scargle 1989), O(N x frequencies); fast: Press & Rybicki extirpolation as Stingray computes it, "
                    + "an approximation with Stingray's quirks (default: ${DEFAULT-VALUE}, Stingray's).")
    String method;

    @Option(names = "--norm", paramLabel = "leahy|frac|abs|none", defaultValue = "leahy",
            converter = Converters.Norm.class, description = "Normalisation (default: ${DEFAULT-VALUE}).")
    Normalization norm;

    @Option(names = "--min-freq", paramLabel = "HZ", description = "Lowest frequency (default: df/2).")
    Double minFreq;

    @Option(names = "--max-freq", paramLabel = "HZ", description = "Highest frequency (default: 0.5/dt).")
    Double maxFreq;

    @Option(names = "--df", paramLabel = "HZ", description = "Frequency step (default: 1/span of the bin times).")
    Double df;

    @Option(names = "--oversampling", paramLabel = "N", defaultValue = "" + LombScargleTransform.DEFAULT_OVERSAMPLING,
            description = "FFT grid oversampling of the fast method (default: ${DEFAULT-VALUE}).")
    int oversampling;

    /** The request of the options (validated). */
    public LombScargleRequest request() {
        return new LombScargleRequest(new FrequencyGrid(optional(minFreq), optional(maxFreq), optional(df), 1),
                LombScargleMethod.parse(method), oversampling, norm);
    }

    private static OptionalDouble optional(Double v) {
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
