package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.core.InvalidParameterException;
import org.manta.core.deadtime.DeadTimeModel;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.core.deadtime.FadSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Norms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code manta fad DET1 DET2 --dt --segment}: FAD dead-time corrected spectra of two detectors. */
@Command(name = "fad", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Dead-time corrected spectra of two independent detectors by the Fourier Amplitude Difference "
            + "(Bachetti & Huppenkothen 2018; Stingray deadtime.fad.FAD).",
            "The two event files must be simultaneous recordings of the same source by detectors with independent "
                + "dead time (e.g. NuSTAR FPMA and FPMB). Output: the corrected power spectra of each detector "
                + "(pds1, pds2) and of their sum (ptot), the corrected cross spectrum (cs), the uncorrected ptot and "
                + "the corrected amplitude difference (fad)."},
        footer = {"", "Examples:",
            "  manta fad fpma.evt fpmb.evt --dt 1/512 --segment 8 -o fad.json --plot fad.png",
            "  manta fad fpma.evt fpmb.evt --dt 1/512 --segment 8 --deadtime 2.5e-3 --plot fad.png"})
public final class FadCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "DET1", description = "Event file of detector 1.")
    Path file1;

    @Parameters(index = "1", paramLabel = "DET2", description = "Event file of detector 2 (simultaneous, independent).")
    Path file2;

    @Mixin
    AnalysisOptions options;

    @Mixin
    SpectrumOptions spectrum;

    @Option(names = "--smoothing-alg", paramLabel = "gauss", defaultValue = "gauss", converter = Converters.Smoothing.class,
            description = "Smoothing of the squared amplitude difference (default: ${DEFAULT-VALUE}; the only one "
                    + "Stingray implements).")
    FadSmoothing smoothing;

    @Option(names = "--smoothing-length", paramLabel = "BINS",
            description = "Width (sigma) of the smoothing in frequency bins (default: 3 x the segment length in s, "
                    + "as Stingray).")
    Double smoothingLength;

    @Option(names = "--tolerance", paramLabel = "REL", defaultValue = "0.05",
            description = "Accepted relative error of the compliance check std(fad) = 2/sqrt(M) (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--deadtime", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Also compute the non-paralyzable dead-time model of Zhang et al. (1995) for this dead time "
                    + "at the detectors' mean rate (field model_zhang, in --norm; drawn on the plot).")
    Double deadTime;

    @Override
    public Integer call() throws Exception {
        options.validate();
        if (spectrum.segment().isEmpty()) {
            throw new InvalidParameterException("segment", "(none)",
                    "a segment length in seconds: the FAD spectra are averaged over segments");
        }
        spectrum.segmentSpec(options.dt());
        if (smoothingLength != null && !(smoothingLength > 0 && Double.isFinite(smoothingLength))) {
            throw new InvalidParameterException("smoothing-length", smoothingLength, "a positive number of frequency bins");
        }
        if (!(tolerance > 0 && Double.isFinite(tolerance))) {
            throw new InvalidParameterException("tolerance", tolerance, "a positive relative error, e.g. 0.05");
        }
        List<Path> files = List.of(file1, file2);
        Inputs.requireReadable(files);
        Provenance provenance = Provenance.of(main.commandLine(), files);
        FadSpectrum fad = options.pipeline().fad(file1, file2, options.selection(), options.dt(),
                spectrum.segment().orElseThrow(), spectrum.norm(), smoothing,
                smoothingLength == null ? OptionalDouble.empty() : OptionalDouble.of(smoothingLength), tolerance);
        Optional<double[]> model = Optional.ofNullable(deadTime).map(td -> zhangModel(fad, td));
        if (!fad.isCompliant() && !options.quiet()) {
            main.err().printf("manta: warning: the FAD correction is not compliant: std(fad) differs from 2/sqrt(M) "
                    + "by %.3f (relative), more than --tolerance %s; check that the detectors are independent%n",
                    fad.fadDelta(), tolerance);
        }
        ProductOutput.emit(Products.fad(fad, model, deadTime == null ? Double.NaN : deadTime, provenance), options,
                main.out(), main.err());
        return 0;
    }

    /**
     * Stingray {@code non_paralyzable_dead_time_model(freq, td, rate, bin_time=dt)} at the mean detected rate
     * of one detector ({@code (N_ph,1 + N_ph,2)/2} per segment), with Stingray's default model grid: the Leahy
     * power of either detector and of their sum. Converted to the product's normalisation with the mean
     * photons of the sum per segment ({@link Norms#unnormalize}, then {@link Norms#apply}).
     */
    static double[] zhangModel(FadSpectrum fad, double deadTime) {
        double rate = fad.nphots() / 2 / fad.segmentSize();
        if (!(rate * deadTime < 1)) {
            throw new InvalidParameterException("deadtime", deadTime,
                    "less than 1/rate = " + 1 / rate + " s at the detected rate of " + rate + " ct/s");
        }
        double[] leahy = DeadTimeModel.nonParalyzable(fad.freq(), deadTime, rate, fad.dt(),
                DeadTimeModel.MODEL_LIMIT_K, 0, 0);
        double[] out = new double[leahy.length];
        double nph = fad.nphots();
        for (int j = 0; j < out.length; j++) {
            double unnorm = Norms.unnormalize(leahy[j], Normalization.LEAHY, fad.dt(), fad.n(), nph);
            out[j] = Norms.apply(unnorm, fad.norm(), fad.dt(), fad.n(), nph / fad.n(), nph);
        }
        return out;
    }
}
