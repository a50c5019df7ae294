package org.manta.cli.command;

import java.util.OptionalInt;
import org.manta.core.bispectrum.BispectrumRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a bispectrum ({@code --maxlag --window --scale}): {@code manta bispectrum} and {@code manta submit
 * bispectrum} share them.
 */
public final class BispectrumOptions {
    @Option(names = "--maxlag", paramLabel = "BINS",
            description = "Largest lag, in bins (default: N/2, Stingray's; at most N - 1).")
    Integer maxlag;

    @Mixin
    WindowOption window;

    @Option(names = "--scale", paramLabel = "biased|unbiased", defaultValue = "biased",
            description = "Cumulant scaling: divide by N, or by the number of terms (default: ${DEFAULT-VALUE}).")
    String scale;

    /** The request of the options (validated). */
    public BispectrumRequest request() {
        return new BispectrumRequest(maxlag == null ? OptionalInt.empty() : OptionalInt.of(maxlag), window.window(),
                BispectrumRequest.unbiased(scale));
    }
}
