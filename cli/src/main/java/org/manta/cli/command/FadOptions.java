package org.manta.cli.command;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.manta.core.Numbers;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.core.InvalidParameterException;
import org.manta.core.deadtime.DeadTimeModel;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.core.deadtime.FadSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Norms;
import picocli.CommandLine.Option;

/**
 * The options of a FAD correction ({@code --smoothing-alg --smoothing-length --tolerance --deadtime}) and what is
 * made of its spectra (the Zhang model, the compliance warning, the product): {@code manta fad} and
 * {@code manta submit fad} share them.
 */
public final class FadOptions {
    @Option(names = "--smoothing-alg", paramLabel = "gauss", defaultValue = "gauss", converter = Converters.Smoothing.class,
            description = "Smoothing of the squared amplitude difference (default: ${DEFAULT-VALUE}; the only one "
                    + "Stingray implements).")
    public FadSmoothing smoothing;

    @Option(names = "--smoothing-length", paramLabel = "BINS",
            description = "Width (sigma) of the smoothing in frequency bins (default: 3 x the segment length in s, "
                    + "as Stingray).")
    Double smoothingLength;

    @Option(names = "--tolerance", paramLabel = "REL", defaultValue = "0.05",
            description = "Accepted relative error of the compliance check std(fad) = 2/sqrt(M) (default: ${DEFAULT-VALUE}).")
    public double tolerance;

    @Option(names = "--deadtime", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Also compute the non-paralyzable dead-time model of Zhang et al. (1995) for this dead time "
                    + "at the detectors' mean rate (field model_zhang, in --norm; drawn on the plot).")
    Double deadTime;

    /**
     * Refuses {@code --rebin} and {@code --rebin-log}, as {@code manta fad} and {@code manta submit fad} do before any
     * work.
     */
    public void refuseRebin(SpectrumOptions spectrum) {
        spectrum.refuseRebin("fad", false, "its product keeps every frequency; the plot is log-rebinned");
    }

    /** Checks the smoothing length and the tolerance; every rejection names the option. */
    public void validate() {
        if (smoothingLength != null && !(smoothingLength > 0 && Double.isFinite(smoothingLength))) {
            throw new InvalidParameterException("smoothing-length", smoothingLength, "a positive number of frequency bins");
        }
        if (!(tolerance > 0 && Double.isFinite(tolerance))) {
            throw new InvalidParameterException("tolerance", tolerance, "a positive relative error, e.g. 0.05");
        }
    }

    /** σ of the smoothing in frequency bins; empty for Stingray's default. */
    public OptionalDouble smoothingLength() {
        return smoothingLength == null ? OptionalDouble.empty() : OptionalDouble.of(smoothingLength);
    }

    /**
     * The product of the corrected spectra (with the Zhang model for {@code --deadtime}); says on {@code err}
     * (also with --quiet, as every warning) when the correction is not compliant.
     */
    public Product product(FadSpectrum fad, Provenance provenance, PrintStream err) {
        Optional<double[]> model = Optional.ofNullable(deadTime).map(td -> zhangModel(fad, td));
        if (!fad.isCompliant()) {
            err.println("manta: warning: " + complianceWarning(fad));
        }
        return Products.fad(fad, model, deadTime == null ? Double.NaN : deadTime, provenance);
    }

    /** Why the correction is not compliant, in one line (Stingray's {@code is_compliant} is false). */
    static String complianceWarning(FadSpectrum fad) {
        String how = Double.isNaN(fad.fadDelta())
                ? "std(fad) is undefined (NaN: the amplitude differences are zero or undefined, e.g. the same events "
                        + "given for both detectors)"
                : String.format(Locale.ROOT, "std(fad) differs from 2/sqrt(M) by %.3f (relative), more than --tolerance "
                        + "%s", fad.fadDelta(), Numbers.compact(fad.tolerance()));
        return "the FAD correction is not compliant: " + how + "; check that the detectors are independent";
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
