package org.manta.cli.command;

import java.io.PrintStream;
import java.util.Locale;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
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
        if (significance.requested()) {
            significance.addFields(b, new SignificanceOptions.Source(shown::pValues, shown::logPValues,
                    shown::detectionLevel), shown.freq().length, subtractNoise ? -shown.poissonLevel() : 0.0);
        }
        return b;
    }

    /** With --rms: the rms line ({@code rms LO-HI Hz: fractional … ± …, absolute … ± … ct/s}) on {@code where}. */
    public void printRms(Product product, PrintStream where) {
        if (rmsRange != null) {
            where.printf(Locale.ROOT, "rms %s-%s Hz: fractional %.6g ± %.3g, absolute %.6g ± %.3g ct/s%n",
                    ProductOutput.compact(rmsRange.lo()), ProductOutput.compact(rmsRange.hi()),
                    product.number("frac_rms"), product.number("frac_rms_err"), product.number("abs_rms"),
                    product.number("abs_rms_err"));
        }
    }
}
