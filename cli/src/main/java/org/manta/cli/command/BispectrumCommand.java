package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.core.InvalidParameterException;
import org.manta.core.bispectrum.Bispectrum;
import org.manta.core.bispectrum.LagWindow;
import org.manta.core.lightcurve.LightCurve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta bispectrum FILE --dt [--maxlag] [--window] [--scale]}: Stingray's cumulant bispectrum. */
@Command(name = "bispectrum", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bispectrum from the third-order cumulant.",
            "Science.md §20 (Stingray's Bispectrum): cum3 for lags up to --maxlag bins, its 2-D FFT (bispec_mag, bispec_phase), optionally with a lag window.",
            "The light curve must have one GTI (contiguous bins): an event file binned at --dt, or a JSON light curve. "
                + "The cost grows as N x maxlag^2."},
        footer = {"", "Example:", "  manta bispectrum obs.evt --dt 0.5 --maxlag 64 --window parzen -o bs.json --plot bs.png"})
public final class BispectrumCommand implements Callable<Integer> {
    /**
     * Most cumulant products ({@code N·(2L+1)²/2}) a run may need, about a minute of one core: Stingray's
     * default L = N/2 grows as N³ and would not finish for a long light curve.
     */
    static final double MAX_PRODUCTS = 5e10;
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "Event file, or a light curve as JSON (*.json).")
    Path file;

    @Option(names = "--maxlag", paramLabel = "BINS",
            description = "Largest lag, in bins (default: N/2, Stingray's; at most N - 1).")
    Integer maxlag;

    @Mixin
    WindowOption window;

    @Option(names = "--scale", paramLabel = "biased|unbiased", defaultValue = "biased",
            description = "Cumulant scaling: divide by N, or by the number of terms (default: ${DEFAULT-VALUE}).")
    String scale;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() throws Exception {
        options.validate();
        Optional<LagWindow> lagWindow = window.window();
        boolean unbiased = switch (scale.toLowerCase(Locale.ROOT)) {
            case "biased" -> false;
            case "unbiased" -> true;
            default -> throw new InvalidParameterException("scale", scale, "biased or unbiased");
        };
        if (maxlag != null && maxlag < 0) {
            throw new InvalidParameterException("maxlag", maxlag, "a non-negative number of bins");
        }
        LightCurve lc = LightCurveInput.readContiguous(file, options);
        Provenance provenance = main.provenance(List.of(file));
        int lag = maxlag == null ? Bispectrum.defaultMaxlag(lc.size()) : maxlag;
        double products = (double) lc.size() * (2.0 * lag + 1) * (2.0 * lag + 1) / 2;
        if (products > MAX_PRODUCTS) {
            int suggested = (int) Math.floor((Math.sqrt(2 * MAX_PRODUCTS / lc.size()) - 1) / 2);
            throw new InvalidParameterException("maxlag", lag + (maxlag == null ? " (the default N/2)" : ""),
                    String.format(Locale.ROOT, "at most %d bins for %d bins of data (the cumulant needs N(2L+1)^2/2 "
                            + "= %.2g products)", suggested, lc.size(), products));
        }
        Bispectrum bs = Bispectrum.of(lc.counts(), lc.dt(), lag, lagWindow, unbiased);
        ProductOutput.emit(Products.bispectrum(bs, provenance), options, main.out(), main.err());
        return 0;
    }
}
