package org.manta.cli.command;

import java.util.function.Function;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.output.Product;
import org.manta.cli.output.Rebinning;
import org.manta.cli.plot.Plots;
import org.manta.core.multitaper.MultitaperOptions;
import org.manta.core.spectrum.Normalization;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a multitaper spectrum ({@code --nw --adaptive --no-jackknife --no-low-bias --lombscargle --norm --err-dist}, and
 * {@code --rebin/--rebin-log} for the plot): {@code manta multitaper} and {@code manta submit multitaper} share them.
 */
public final class TaperOptions {
    @Mixin
    RebinOptions rebin = new RebinOptions();

    @Mixin
    ErrDistOption errDist = new ErrDistOption();

    @Option(names = "--nw", paramLabel = "NW", defaultValue = "4",
            description = "Time-half-bandwidth product NW >= 0.5 (default: ${DEFAULT-VALUE}); bandwidth NW/(N dt).")
    double nw;

    @Option(names = "--adaptive", description = "Thomson's adaptive weights (default: eigenvalue weights).")
    boolean adaptive;

    @Option(names = "--no-jackknife", description = "Degrees of freedom instead of the jackknife variance.")
    boolean noJackknife;

    @Option(names = "--no-low-bias", description = "Keep every taper, also those with concentration <= 0.9.")
    boolean noLowBias;

    @Option(names = "--lombscargle",
            description = "Lomb-Scargle multitaper for unevenly sampled light curves (eigenvalue weights only; no "
                    + "jackknife variance, as Stingray).")
    boolean lombscargle;

    @Option(names = "--norm", paramLabel = "leahy|frac|abs|none", defaultValue = "leahy",
            converter = Converters.Norm.class, description = "Normalisation (default: ${DEFAULT-VALUE}).")
    Normalization norm;

    /** The tapers and weights (validated: NW >= 0.5). */
    public MultitaperOptions options() {
        return new MultitaperOptions(nw, adaptive, !noJackknife, !noLowBias);
    }

    /** Whether the Lomb–Scargle multitaper is asked for ({@code --lombscargle}). */
    public boolean lombScargle() {
        return lombscargle;
    }

    /** {@code --err-dist}: how the input's counts scatter. */
    public ErrDistOption errDist() {
        return errDist;
    }

    /** The normalisation of the spectrum. */
    public Normalization norm() {
        return norm;
    }

    /** The plot of the product: the spectrum rebinned for display ({@link RebinOptions#display}), checked before any work. */
    public Function<Product, Chart<?, ?>> chart() {
        Rebinning display = rebin.display();
        return p -> Plots.powerSpectrum(p, false, display);
    }
}
