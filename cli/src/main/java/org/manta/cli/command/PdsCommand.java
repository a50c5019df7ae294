package org.manta.cli.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.cli.pipeline.EmbeddedPipeline;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.FrequencyRange;
import org.manta.core.stats.Significance;
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

    @Option(names = "--rms", paramLabel = "LO:HI", converter = Converters.Frequencies.class,
            description = "Integrated rms between LO and HI Hz (inclusive), Poisson noise subtracted: fractional and "
                    + "absolute, with errors (Stingray compute_rms); printed and stored in the product.")
    FrequencyRange rmsRange;

    @Option(names = "--subtract-noise",
            description = "Subtract the Poisson noise level (2 for Leahy, 2/rate for frac, 2*rate for abs) from the "
                    + "powers; the product states the level and noise_subtracted = yes.")
    boolean subtractNoise;

    @Option(names = "--significance",
            description = "Add per-bin p-values (single trial and corrected for --trials), the equivalent Gaussian "
                    + "sigma and the detection level for --false-alarm (chi-squared of averaged Leahy powers).")
    boolean significance;

    @Option(names = "--false-alarm", paramLabel = "P", defaultValue = "0.01", converter = Converters.Probability.class,
            description = "False-alarm probability of the detection level (default: ${DEFAULT-VALUE}).")
    double falseAlarm;

    @Option(names = "--trials", paramLabel = "N", converter = Converters.Trials.class,
            description = "Number of trials for the corrected p-values and the detection level "
                    + "(default: the number of frequency bins).")
    Double trials;

    @Override
    public Integer call() throws Exception {
        options.validate();
        Optional<SegmentSpec> segment = spectrum.segmentSpec(options.dt());
        spectrum.validateRebin();
        if (segment.isEmpty() && files.size() > 1) {
            throw new InvalidParameterException("segment", "(none)",
                    "a segment length to average " + files.size() + " files (a single periodogram takes one file)");
        }
        Inputs.requireReadable(files);
        Provenance provenance = Provenance.of(main.commandLine(), files);
        Product product = compute(provenance, segment);
        if (rmsRange != null) {
            PrintStream where = options.outputIsStdout() ? main.err() : main.out();
            where.printf(Locale.ROOT, "rms %s-%s Hz: fractional %.6g ± %.3g, absolute %.6g ± %.3g ct/s%n",
                    ProductOutput.compact(rmsRange.lo()), ProductOutput.compact(rmsRange.hi()),
                    product.number("frac_rms"), product.number("frac_rms_err"), product.number("abs_rms"),
                    product.number("abs_rms_err"));
        }
        ProductOutput.emit(product, options, p -> Plots.powerSpectrum(p, freqPower), main.out(), main.err());
        return 0;
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
        AveragedPowerSpectrum shown = spectrum.apply(ps);
        Product.Builder b = Products.powerSpectrumFields(subtractNoise ? shown.noiseSubtracted() : shown);
        spectrum.description().ifPresent(d -> b.text("rebin", d));
        if (subtractNoise) {
            Products.noiseSubtracted(b, ps.poissonLevel());
        }
        if (rmsRange != null) {
            Products.rms(b, rmsRange, ps.rms(rmsRange.lo(), rmsRange.hi()),
                    ps.absoluteRms(rmsRange.lo(), rmsRange.hi()));
        }
        if (significance) {
            addSignificance(b, shown);
        }
        return b.provenance(provenance).build();
    }

    /**
     * p-values of the (unsubtracted) powers, single trial and for {@code n} trials, their Gaussian sigma, and the
     * detection level; with --subtract-noise the level is given on the subtracted scale, like the powers.
     */
    private void addSignificance(Product.Builder b, AveragedPowerSpectrum ps) {
        double n = trials != null ? trials : ps.freq().length;
        double[] single = ps.pValues(1);
        double[] corrected = ps.pValues(n);
        double[] logCorrected = ps.logPValues(n);
        double[] sigma = new double[corrected.length];
        for (int j = 0; j < sigma.length; j++) {
            sigma[j] = Significance.equivalentGaussianNsigmaFromLogP(logCorrected[j]);
        }
        double[] level = ps.detectionLevel(falseAlarm, n);
        if (subtractNoise) {
            double noise = ps.poissonLevel();
            for (int j = 0; j < level.length; j++) {
                level[j] -= noise;
            }
        }
        Products.significance(b, single, corrected, sigma, level, falseAlarm, n);
    }
}
