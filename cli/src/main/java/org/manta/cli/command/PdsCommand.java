package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Product;
import org.manta.cli.output.Provenance;
import org.manta.cli.pipeline.EmbeddedPipeline;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.AveragedPowerSpectrum;
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
        footer = {"", "Examples:", "  manta pds obs.evt --dt 1/512 --segment 16 --norm frac \\", "      -o pds.fits --plot pds.png",
            "  manta pds obs.evt --dt 1/128 --segment 64 --rms 0.1:10 --significance --false-alarm 0.01 -o pds.json"})
public final class PdsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Event file(s) (FITS; .gz is fine); with several, the segments of all are averaged.")
    List<Path> files;

    @Mixin
    AnalysisOptions options;

    @Mixin
    SpectrumOptions spectrum;

    @Mixin
    TimeOptions time;

    @Option(names = "--freq-power", description = "Plot frequency x power instead of power.")
    boolean freqPower;

    @Mixin
    PdsStatistics statistics;

    @Override
    public Integer call() throws Exception {
        options.validate();
        Optional<SegmentSpec> segment = spectrum.segmentSpec(options.dt());
        spectrum.validateRebin(segment);
        statistics.validate(options.dt(), segment, options.warnings());
        requireSegmentToAverage(segment.isPresent(), files.size());
        Inputs.requireReadable(files);
        Provenance provenance = main.provenance(files);
        Product product = compute(provenance, segment);
        statistics.printSummary(product, options.outputIsStdout() ? main.err() : main.out(), options.warnings());
        ProductOutput.emit(product, options, p -> Plots.powerSpectrum(p, freqPower), main.out(), main.err());
        return 0;
    }

    /**
     * Several files are averaged by segments (also {@code manta submit pds}'s rule).
     *
     * @throws InvalidParameterException for several files without {@code --segment}
     */
    public static void requireSegmentToAverage(boolean segment, int files) {
        if (!segment && files > 1) {
            throw new InvalidParameterException("segment", "(none)",
                    "a segment length to average " + files + " files (a single periodogram takes one file)");
        }
    }

    /**
     * Averaged power spectrum over {@code segment} (Stingray {@code AveragedPowerspectrum.from_events}),
     * or one periodogram of the whole light curve when no segment is given
     * ({@code Powerspectrum(ev.to_lc(dt))}).
     */
    Product compute(Provenance provenance, Optional<SegmentSpec> segment) {
        EmbeddedPipeline pipeline = options.pipeline().withTimeFilter(time.filter());
        AveragedPowerSpectrum ps = segment.isPresent()
                ? pipeline.powerSpectrum(files, options.selection(), options.dt(), spectrum.segment().orElseThrow(),
                        spectrum.norm(), true)
                : pipeline.periodogram(files.get(0), options.selection(), options.dt(), spectrum.norm());
        return spectrum.powerSpectrumFields(ps, statistics).provenance(provenance).build();
    }
}
