package org.manta.cli.command;

import java.util.Optional;
import org.manta.core.bispectrum.BicoherenceRequest;
import org.manta.core.bispectrum.LagWindow;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a squared bicoherence ({@code --segment --window}): {@code manta bicoherence} and {@code manta submit bicoherence} share them. */
public final class BicoherenceOptions {
    @Option(names = "--segment", required = true, paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Segment length in seconds (rounded to whole bins; at least 2 segments).")
    double segment;

    @Mixin
    WindowOption window;

    /** The segment length as given, s. */
    public double segment() {
        return segment;
    }

    /** The window, if any. */
    public Optional<LagWindow> window() {
        return window.window();
    }

    /** The request of the options at bin time {@code dt} (validated: at least 4 bins per segment). */
    public BicoherenceRequest request(double dt) {
        return BicoherenceRequest.of(segment, dt, window.window());
    }
}
