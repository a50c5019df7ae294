package org.manta.cli.command;

import java.util.Optional;
import org.manta.core.bispectrum.LagWindow;
import picocli.CommandLine.Option;

/** {@code --window NAME}: one of Stingray's windows ({@link LagWindow}), for bispectrum and bicoherence. */
public final class WindowOption {
    @Option(names = "--window", paramLabel = "NAME",
            description = "Window: uniform, parzen, hamming, hanning, triangular, welch, blackmann, flat-top "
                    + "(default: none).")
    String window;

    /** The window, if one was named; an unknown name is an error naming it. */
    public Optional<LagWindow> window() {
        return Optional.ofNullable(window).map(LagWindow::parse);
    }
}
