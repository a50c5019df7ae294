package org.manta.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.manta.cli.Main;
import org.manta.cli.output.Field;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.cli.pipeline.EmbeddedPipeline;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.Estimates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code manta cpds FILE1 [FILE2] [--energy1 LO:HI --energy2 LO:HI]}: cross spectrum, lags, coherence. */
@Command(name = "cpds", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Averaged cross spectrum with time/phase lags and coherence.",
            "The first input (or band 1) is the subject, the second the reference: a positive time lag means the "
                + "subject lags the reference. With one file, give two bands (--energy1/--energy2 or --pi1/--pi2)."},
        footer = {"", "Examples:",
            "  manta cpds obs.evt --energy1 3:10 --energy2 0.5:3 --dt 1/256 \\",
            "      --segment 16 -o lags.json --plot lags.png",
            "  manta cpds fpma.evt fpmb.evt --dt 1/512 --segment 32 -o cpds.fits"})
public final class CpdsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE1", description = "Subject event file.")
    Path file1;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE2", description = "Reference event file (default: FILE1).")
    Path file2;

    @Option(names = "--energy1", paramLabel = "LO:HI", converter = Converters.EnergyRange.class,
            description = "Subject band, keV.")
    EnergyBand energy1;

    @Option(names = "--energy2", paramLabel = "LO:HI", converter = Converters.EnergyRange.class,
            description = "Reference band, keV.")
    EnergyBand energy2;

    @Option(names = "--pi1", paramLabel = "LO:HI", converter = Converters.PiRange.class, description = "Subject band, PI.")
    EnergyBand pi1;

    @Option(names = "--pi2", paramLabel = "LO:HI", converter = Converters.PiRange.class, description = "Reference band, PI.")
    EnergyBand pi2;

    @Mixin
    AnalysisOptions options;

    @Mixin
    SpectrumOptions spectrum;

    @Mixin
    TimeOptions time;

    @Override
    public Integer call() throws Exception {
        options.validate();
        Optional<SegmentSpec> segment = spectrum.segmentSpec(options.dt());
        spectrum.validateRebin();
        Optional<EnergyBand> band1 = band("1", energy1, pi1);
        Optional<EnergyBand> band2 = band("2", energy2, pi2);
        if ((band1.isPresent() || band2.isPresent()) && options.selection().isPresent()) {
            throw new InvalidParameterException("energy", "--energy/--pi with --energy1/--energy2",
                    "either one selection for both channels or one per channel");
        }
        if (file2 == null && (band1.isEmpty() || band2.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "one input file needs two bands: "
                    + "--energy1 LO:HI --energy2 LO:HI (or --pi1/--pi2); or give a second file");
        }
        if (file2 == null || file2.equals(file1)) {
            warnIfOverlapping(band1, band2);
        }
        List<Path> files = new ArrayList<>(List.of(file1));
        if (file2 != null) {
            files.add(file2);
        }
        Inputs.requireReadable(files);
        Provenance provenance = Provenance.of(main.commandLine(), files);
        AveragedCrossSpectrum cs = compute(segment, band1.or(options::selection), band2.or(options::selection));
        Product product = Products.crossSpectrum(cs, provenance);
        ProductOutput.emit(spectrum.description().map(d -> product.with("rebin", new Field.Text(d))).orElse(product),
                options, p -> Plots.crossSpectrum(cs, p), main.out(), main.err());
        return 0;
    }

    /**
     * Two bands of one file that overlap share the events of the overlap: Stingray allows it
     * ({@code channels_overlap}), but the noise of the two channels is then correlated.
     */
    private void warnIfOverlapping(Optional<EnergyBand> band1, Optional<EnergyBand> band2) {
        if (band1.isEmpty() || band2.isEmpty() || band1.get().onPi() != band2.get().onPi()) {
            return;
        }
        EnergyBand a = band1.get();
        EnergyBand b = band2.get();
        double lo = Math.max(a.lo(), b.lo());
        double hi = Math.min(a.hi(), b.hi());
        if (lo < hi) {
            String unit = a.onPi() ? "PI" : "keV";
            String which = a.onPi() ? "--pi" : "--energy";
            options.warnings().warn(which + "1 " + a.lo() + ":" + a.hi() + " and " + which + "2 " + b.lo() + ":" + b.hi()
                    + " overlap (" + lo + ":" + hi + " " + unit + "): the events there are in both channels, so their "
                    + "noise is correlated (Stingray allows it as channels_overlap)");
        }
    }

    private static Optional<EnergyBand> band(String which, EnergyBand energy, EnergyBand pi) {
        if (energy != null && pi != null) {
            throw new InvalidParameterException("energy" + which + "/pi" + which, "both given",
                    "only one of --energy" + which + " and --pi" + which);
        }
        return Optional.ofNullable(energy != null ? energy : pi);
    }

    /**
     * Averaged cross spectrum (Stingray {@code AveragedCrossspectrum.from_events}) of the subject (file1,
     * band1) against the reference (file2 or file1, band2), with lags and coherence.
     */
    AveragedCrossSpectrum compute(Optional<SegmentSpec> segment, Optional<EnergyBand> band1,
                                  Optional<EnergyBand> band2) {
        if (segment.isEmpty()) {
            throw new InvalidParameterException("segment", "(none)",
                    "a segment length in seconds: the cross spectrum is averaged over segments");
        }
        EmbeddedPipeline pipeline = options.pipeline().withTimeFilter(time.filter());
        AveragedCrossSpectrum cs = pipeline.crossSpectrum(file1, band1, file2 == null ? file1 : file2, band2,
                options.dt(), spectrum.segment().orElseThrow(), spectrum.norm());
        return spectrum.apply(cs);
    }
}
