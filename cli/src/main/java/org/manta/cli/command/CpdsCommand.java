package org.manta.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.manta.cli.Main;
import org.manta.cli.output.Product;
import org.manta.cli.output.Provenance;
import org.manta.cli.pipeline.EmbeddedPipeline;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.Estimates;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code manta cpds FILE [FILE2] [--energy1 LO:HI --energy2 LO:HI]}: cross spectrum, lags, coherence; several pairs
 * of files averaged by m.
 */
@Command(name = "cpds", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Averaged cross spectrum with time/phase lags and coherence.",
            "The first input (or band 1) is the subject, the second the reference: a positive time lag means the "
                + "subject lags the reference. With one file, give two bands (--energy1/--energy2 or --pi1/--pi2).",
            "Several observations: give the files in pairs SUBJECT REFERENCE (a1 b1 a2 b2 ...; for two bands of one "
                + "file, name it twice: obs1 obs1 obs2 obs2); the segments of all pairs are averaged (m = the sum), "
                + "as HENDRICS HENfspec."},
        footer = {"", "Examples:",
            "  manta cpds obs.evt --energy1 3:10 --energy2 0.5:3 --dt 1/256 \\",
            "      --segment 16 -o lags.json --plot lags.png",
            "  manta cpds fpma.evt fpmb.evt --dt 1/512 --segment 32 -o cpds.fits --plot cpds.pdf --freq-power",
            "  manta cpds a1.evt b1.evt a2.evt b2.evt --dt 1/512 --segment 32 -o cpds.json",
            "  manta cpds obs.evt --energy1 3:10 --energy2 0.5:3 --dt 1/256 --segment 16 --significance -o cpds.json"})
public final class CpdsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Event files: one (two bands of it), or pairs SUBJECT REFERENCE, averaged together.")
    List<Path> files;

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

    @Option(names = "--freq-power", description = "Plot a panel of frequency x cospectrum (Re C) above the lags.")
    boolean freqPower;

    @Mixin
    SignificanceOptions significance;

    @Override
    public Integer call() throws Exception {
        options.validate();
        Optional<SegmentSpec> segment = spectrum.segmentSpec(options.dt());
        spectrum.validateRebin(segment);
        significance.validate();
        Optional<EnergyBand> band1 = band("1", energy1, pi1);
        Optional<EnergyBand> band2 = band("2", energy2, pi2);
        if ((band1.isPresent() || band2.isPresent()) && options.selection().isPresent()) {
            throw new InvalidParameterException("energy", "--energy/--pi with --energy1/--energy2",
                    "either one selection for both channels or one per channel");
        }
        // overlapping bands of one file: PlanWarnings
        List<List<Path>> observations = observations(files, band1.isPresent() && band2.isPresent(), spec.commandLine());
        List<Path> inputs = files.stream().distinct().toList();     // a file of two bands is read (and hashed) once
        Inputs.requireReadable(inputs);
        Provenance provenance = main.provenance(inputs);
        AveragedCrossSpectrum cs = compute(observations, segment, band1.or(options::selection),
                band2.or(options::selection));
        Product product = spectrum.crossSpectrumFields(cs, significance).provenance(provenance).build();
        ProductOutput.emit(product, options, p -> Plots.crossSpectrum(cs, p, freqPower), main.out(), main.err());
        return 0;
    }

    /** Why one input file without both bands is refused (also by {@code manta submit cpds}, before it connects). */
    public static final String ONE_FILE_NEEDS_TWO_BANDS = "one input file needs two bands: --energy1 LO:HI --energy2 "
            + "LO:HI (or --pi1/--pi2); or give a second file";

    /**
     * The observations of the files (also {@code manta submit cpds}'s): one file (two bands of it), or the files in
     * pairs SUBJECT REFERENCE, each pair one observation (of one file when it is paired with itself: two bands of it).
     *
     * @param twoBands    whether both channel bands were given (one file needs them)
     * @param commandLine the command that refuses what cannot be paired
     * @return per observation its files: one (two bands of it), or the subject and the reference
     */
    public static List<List<Path>> observations(List<Path> files, boolean twoBands, CommandLine commandLine) {
        if (files.size() == 1) {
            if (!twoBands) {
                throw new ParameterException(commandLine, ONE_FILE_NEEDS_TWO_BANDS);
            }
            return List.of(List.of(files.get(0)));
        }
        if (files.size() % 2 != 0) {
            throw new InvalidParameterException("FILE", files.size() + " files",
                    "one file, or pairs SUBJECT REFERENCE (an even number; name a file twice for two bands of it: "
                            + "obs1.evt obs1.evt obs2.evt obs2.evt)");
        }
        List<List<Path>> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i += 2) {
            Path subject = files.get(i);
            Path reference = files.get(i + 1);
            if (subject.equals(reference) && !twoBands) {
                throw new ParameterException(commandLine, subject + " is paired with itself: two bands are needed "
                        + "(--energy1 LO:HI --energy2 LO:HI, or --pi1/--pi2)");
            }
            out.add(subject.equals(reference) ? List.of(subject) : List.of(subject, reference));
        }
        return out;
    }

    private static Optional<EnergyBand> band(String which, EnergyBand energy, EnergyBand pi) {
        if (energy != null && pi != null) {
            throw new InvalidParameterException("energy" + which + "/pi" + which, "both given",
                    "only one of --energy" + which + " and --pi" + which);
        }
        return Optional.ofNullable(energy != null ? energy : pi);
    }

    /**
     * Averaged cross spectrum (Stingray {@code AveragedCrossspectrum.from_events}) of the subject (band1 of each
     * pair's first file) against the reference (band2 of its second file), with lags and coherence; several pairs
     * are averaged as one set of segments.
     */
    AveragedCrossSpectrum compute(List<List<Path>> observations, Optional<SegmentSpec> segment,
                                  Optional<EnergyBand> band1, Optional<EnergyBand> band2) {
        if (segment.isEmpty()) {
            throw SpectrumOptions.segmentRequired("cpds");
        }
        EmbeddedPipeline pipeline = options.pipeline().withTimeFilter(time.filter());
        AveragedCrossSpectrum cs = pipeline.crossSpectrum(observations, band1, band2, options.dt(),
                spectrum.segment().orElseThrow(), spectrum.norm());
        return spectrum.apply(cs);
    }
}
