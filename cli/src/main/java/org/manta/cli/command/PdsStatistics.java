package org.manta.cli.command;

import java.io.PrintStream;
import java.util.Locale;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.pipeline.Warnings;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.FrequencyRange;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The statistics of an averaged power spectrum ({@code --rms --subtract-noise --significance --false-alarm --trials})
 * and the product fields they add: the post-processing that {@code manta pds} applies to its spectrum and
 * {@code manta submit pds} to the mesh's, so both write the same fields from the same core calls.
 */
public final class PdsStatistics {
    @Option(names = "--rms", paramLabel = "LO:HI", converter = Converters.Frequencies.class,
            description = "Integrated rms between LO and HI Hz (inclusive), Poisson noise subtracted: fractional and "
                    + "absolute, with errors (Stingray compute_rms); printed and stored in the product.")
    FrequencyRange rmsRange;

    @Option(names = "--subtract-noise",
            description = "Subtract the Poisson noise level (2 for Leahy, 2/rate for frac, 2*rate for abs) from the "
                    + "powers; the product states the level and noise_subtracted = yes.")
    boolean subtractNoise;

    @Mixin
    SignificanceOptions significance = new SignificanceOptions();

    @Option(names = "--upper-limit", paramLabel = "LO:HI", converter = Converters.Frequencies.class,
            description = "Upper limit on a signal at the highest power between LO and HI Hz (inclusive): its signal "
                    + "power, sinusoidal amplitude and pulsed fraction at --confidence (Stingray power_upper_limit, "
                    + "amplitude_upper_limit, pf_upper_limit; Vaughan et al. 1994); printed and stored in the product.")
    FrequencyRange upperLimitRange;

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95", converter = Converters.Probability.class,
            description = "Confidence of --upper-limit (default: ${DEFAULT-VALUE}).")
    double confidence = 0.95;

    /** The fields of the spectrum's product ({@link Products#powerSpectrumFields}) with the statistics asked for. */
    public Product.Builder fields(AveragedPowerSpectrum ps) {
        return fields(ps, ps);
    }

    /**
     * As {@link #fields(AveragedPowerSpectrum)} for a product shown rebinned: the powers and their significance
     * are those of {@code shown}, the rms and the Poisson level those of the unrebinned {@code ps}.
     */
    public Product.Builder fields(AveragedPowerSpectrum ps, AveragedPowerSpectrum shown) {
        Product.Builder b = Products.powerSpectrumFields(subtractNoise ? shown.noiseSubtracted() : shown);
        if (subtractNoise) {
            Products.noiseSubtracted(b, ps.poissonLevel());
        }
        if (rmsRange != null) {
            Products.rms(b, rmsRange, ps.rms(rmsRange.lo(), rmsRange.hi()),
                    ps.absoluteRms(rmsRange.lo(), rmsRange.hi()));
        }
        if (upperLimitRange != null) {
            Products.upperLimit(b, upperLimitRange, shown.upperLimit(upperLimitRange.lo(), upperLimitRange.hi(), confidence));
        }
        if (significance.requested()) {
            significance.addFields(b, new SignificanceOptions.Source(shown::pValues, shown::logPValues,
                    shown::detectionLevel), shown.freq().length, subtractNoise ? -shown.poissonLevel() : 0.0);
        }
        return b;
    }

    /**
     * The lines of the statistics asked for, on {@code where}: with --rms {@code rms LO-HI Hz: fractional … ± …,
     * absolute … ± … ct/s}; with --upper-limit {@code upper limit LO-HI Hz (C): highest power … at … Hz (m = …):
     * signal power < …, amplitude < …, pulsed fraction < …}. An rms of 0 (the power less the Poisson level integrates
     * below 0 over the range: Stingray's {@code compute_rms} then returns 0 ± 0 and warns) is said on
     * {@code warnings} first.
     */
    public void printSummary(Product product, PrintStream where, Warnings warnings) {
        if (rmsRange != null && product.number("frac_rms") == 0) {
            warnings.warn(String.format(Locale.ROOT, "rms %s-%s Hz: the power less the Poisson level integrates below 0 "
                    + "(no variability above the noise there), so the rms and its error are given as 0 (as Stingray's "
                    + "compute_rms)", ProductOutput.compact(rmsRange.lo()), ProductOutput.compact(rmsRange.hi())));
        }
        if (rmsRange != null) {
            where.printf(Locale.ROOT, "rms %s-%s Hz: fractional %.6g ± %.3g, absolute %.6g ± %.3g ct/s%n",
                    ProductOutput.compact(rmsRange.lo()), ProductOutput.compact(rmsRange.hi()),
                    product.number("frac_rms"), product.number("frac_rms_err"), product.number("abs_rms"),
                    product.number("abs_rms_err"));
        }
        if (upperLimitRange != null) {
            where.printf(Locale.ROOT, "upper limit %s-%s Hz (%s): highest power %.6g at %.6g Hz (m = %s): signal power "
                    + "< %.6g, amplitude < %.4g, pulsed fraction < %.4g%n", ProductOutput.compact(upperLimitRange.lo()),
                    ProductOutput.compact(upperLimitRange.hi()), ProductOutput.compact(confidence),
                    product.number("upper_limit_measured_power"), product.number("upper_limit_freq"),
                    ProductOutput.compact(product.number("upper_limit_n")), product.number("upper_limit_power"),
                    product.number("upper_limit_amplitude"), product.number("upper_limit_pf"));
        }
    }
}
