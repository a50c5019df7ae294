package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Product;
import org.manta.cli.output.Provenance;
import org.manta.cli.plot.Plots;
import org.manta.core.segment.SegmentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta pds FILE --dt [--segment] [--norm]}: (averaged) power spectrum. */
@Command(name = "pds", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"(Averaged) power spectrum of an event file.",
            "With --segment, the periodograms of all GTI-contained segments are averaged; without it, one periodogram "
                + "of the whole span is computed."},
        footer = {"", "Example:", "  manta pds obs.evt --dt 1/512 --segment 16 --norm frac \\", "      -o pds.fits --plot pds.png"})
public final class PdsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "Event file (FITS; .gz is fine).")
    Path file;

    @Mixin
    AnalysisOptions options;

    @Mixin
    SpectrumOptions spectrum;

    @Option(names = "--freq-power", description = "Plot frequency x power instead of power.")
    boolean freqPower;

    @Override
    public Integer call() throws Exception {
        options.validate();
        Optional<SegmentSpec> segment = spectrum.segmentSpec(options.dt());
        Inputs.requireReadable(List.of(file));
        Provenance provenance = Provenance.of(main.commandLine(), List.of(file));
        Product product = compute(provenance, segment);
        ProductOutput.emit(product, options,
                p -> Plots.powerSpectrum(p.array("freq"), p.array("power"), p.optionalArray("power_err").orElse(null),
                        p.text("norm").orElse("none"), freqPower),
                main.out(), main.err());
        return 0;
    }

    /**
     * WIRING POINT (after core merge): read {@code file} (core.io reader, applying {@code options.selection()}),
     * then {@code AveragedPowerspectrum} over {@code segment} (or a single periodogram when empty) with
     * {@code spectrum.norm()}, feeding a {@code ProgressBar.start("pds", "segments", nSegments, options.quiet())},
     * and build a {@link org.manta.cli.output.ProductKind#POWER_SPECTRUM} product with fields freq, power,
     * power_err, unnorm_power, unnorm_power_err, m, n, df, dt, nphots, mean, norm, segment_size, gti.
     */
    Product compute(Provenance provenance, Optional<SegmentSpec> segment) {
        throw new UnsupportedOperationException("manta pds is wired after core merge");
    }
}
