package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Product;
import org.manta.cli.output.Provenance;
import org.manta.cli.pipeline.EmbeddedPipeline;
import org.manta.core.spectrum.Normalization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta colors FILE --dt --segment [--freq-edges] [--exclude] [--poisson]}: power colours and hue per segment. */
@Command(name = "colors", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Power colours and hue per segment (Heil, Uttley & Klein-Wolt 2015; Stingray power_colors).",
            "From the fractional-rms periodogram of each segment, with the Poisson level subtracted: "
                + "PC0 = V(f0..f1)/V(f2..f3), PC1 = V(f1..f2)/V(f3..f4), the hue (angle around the centre of the "
                + "colour-colour diagram) and the fractional rms between f0 and f4."},
        footer = {"", "Example:", "  manta colors obs.evt --dt 1/64 --segment 256 -o colors.json --plot colors.png"})
public final class ColorsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "Event file (FITS; .gz is fine).")
    Path file;

    @Mixin
    AnalysisOptions options;

    @Mixin
    ColorsOptions colors;

    @Override
    public Integer call() throws Exception {
        options.validate();
        colors.validate(options.dt());
        Inputs.requireReadable(List.of(file));
        Provenance provenance = main.provenance(List.of(file));
        ProductOutput.emit(compute(provenance), options, colors.chart(), main.out(), main.err());
        return 0;
    }

    /** Colours of every segment of the fractional-rms dynamical power spectrum (Stingray {@code power_colors}). */
    Product compute(Provenance provenance) {
        EmbeddedPipeline.Dynamical dyn = options.pipeline().dynamicalPowerSpectrum("colors", file, options.selection(),
                options.dt(), colors.segment, Normalization.FRAC);
        return colors.product(dyn.spectrum(), options.dt(), dyn.gti(), provenance);
    }
}
