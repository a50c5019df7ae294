package org.manta.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.cli.pipeline.EmbeddedPipeline;
import org.manta.core.InvalidParameterException;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.FrequencyRange;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.PowerColors;
import org.manta.core.spectrum.Rms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

    @Option(names = "--segment", required = true, paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Segment length in seconds: one pair of colours per segment; at least 128 s for the "
                    + "default lowest edge of 1/256 Hz.")
    double segment;

    @Option(names = "--freq-edges", paramLabel = "F0,F1,F2,F3,F4", converter = Converters.FrequencyEdges.class,
            description = "The five frequency edges, Hz (default: Heil et al. 2015, 1/256,1/32,0.25,2,16).")
    Converters.Edges freqEdges;

    @Option(names = "--exclude", paramLabel = "LO:HI", converter = Converters.Frequencies.class,
            description = "A frequency range (Hz) to bridge, e.g. a QPO: the powers inside it are replaced by the mean "
                    + "of the powers at its ends (Stingray freqs_to_exclude). Repeatable.")
    List<FrequencyRange> exclude = new ArrayList<>();

    @Option(names = "--poisson", paramLabel = "theory|LEVEL", defaultValue = "theory",
            description = "Poisson noise level subtracted, in (rms/mean)^2/Hz: 'theory' = 2/mean rate (default), "
                    + "or a number (0 = none; e.g. a dead-time corrected level).")
    String poisson;

    @Override
    public Integer call() throws Exception {
        options.validate();
        double[] edges = freqEdges != null ? freqEdges.hz() : PowerColors.heilEdges();
        SegmentSpec.of(options.dt(), segment);
        Inputs.requireReadable(List.of(file));
        Provenance provenance = Provenance.of(main.commandLine(), List.of(file));
        Product product = compute(provenance, edges);
        ProductOutput.emit(product, options, main.out(), main.err());
        return 0;
    }

    /** Colours of every segment of the fractional-rms dynamical power spectrum (Stingray {@code power_colors}). */
    Product compute(Provenance provenance, double[] edges) {
        EmbeddedPipeline.Dynamical dyn = options.pipeline().dynamicalPowerSpectrum(file, options.selection(),
                options.dt(), segment, Normalization.FRAC);
        DynamicalPowerSpectrum dps = dyn.spectrum();
        double level = poissonLevel(dps);
        PowerColors.PowerColor[] colors = dps.powerColors(edges, level, exclude);
        Rms[] rms = dps.computeRms(edges[0], edges[4], level);
        return Products.powerColors(dps, options.dt(), colors, rms, edges, exclude, level, dyn.gti(), provenance);
    }

    private double poissonLevel(DynamicalPowerSpectrum dps) {
        String text = poisson.trim();
        if (text.equalsIgnoreCase("theory")) {
            return dps.poissonLevel();
        }
        double level = Converters.parseSeconds(text);
        if (!(level >= 0) || Double.isInfinite(level)) {
            throw new InvalidParameterException("poisson", poisson,
                    "'theory' or a noise level >= 0 in (rms/mean)^2/Hz, e.g. 0.02");
        }
        return level;
    }
}
