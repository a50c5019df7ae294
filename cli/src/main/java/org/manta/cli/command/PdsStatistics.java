package org.manta.cli.command;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.pipeline.Warnings;
import org.manta.core.InvalidParameterException;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.FrequencyRange;
import org.manta.core.spectrum.IntegratedRms;
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
                    + "powers; the product states the level and noise_subtracted = true.")
    boolean subtractNoise;

    @Mixin
    SignificanceOptions significance = new SignificanceOptions();

    @Option(names = "--upper-limit", paramLabel = "LO:HI", converter = Converters.Frequencies.class,
            description = "Upper limit on a signal at the highest power between LO and HI Hz (inclusive): its signal "
                    + "power, sinusoidal amplitude and pulsed fraction at --confidence (Stingray power_upper_limit, "
                    + "amplitude_upper_limit, pf_upper_limit; Vaughan et al. 1994); printed and stored in the product.")
    FrequencyRange upperLimitRange;

    /** The confidence of --upper-limit without --confidence. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    // no defaultValue: null tells that it was not given, which without --upper-limit is refused
    @Option(names = "--confidence", paramLabel = "C", converter = Converters.Probability.class,
            description = "Confidence of --upper-limit (default: " + DEFAULT_CONFIDENCE + ").")
    Double confidence;

    /**
     * Checks what needs no data, before any is read: --false-alarm and --trials come with --significance
     * ({@link SignificanceOptions#validate}), --confidence with --upper-limit; a frequency range of --rms or
     * --upper-limit wholly at or above the Nyquist frequency {@code 1/(2 dt)} is refused, one across it is warned of
     * (its part below the Nyquist frequency is used: {@link #belowNyquist}); with segments, an --rms range that holds
     * none of their frequencies is refused (--upper-limit's are those of the spectrum as shown, maybe rebinned).
     *
     * @param dt       the bin time asked for, s
     * @param segment  the segments asked for, if any
     * @param warnings where a range across the Nyquist frequency is said (an error under --strict)
     * @throws InvalidParameterException naming the option and its value
     */
    public void validate(double dt, Optional<SegmentSpec> segment, Warnings warnings) {
        significance.validate();
        if (confidence != null && upperLimitRange == null) {
            throw new InvalidParameterException("confidence", ProductOutput.compact(confidence),
                    "--upper-limit LO:HI with it (it sets the confidence of the upper limit)");
        }
        double nyquist = 1 / (2 * dt);
        if (rmsRange != null) {
            FrequencyRange used = belowNyquist("rms", rmsRange, nyquist);
            warnIfCut("rms", rmsRange, used, warnings);
            segment.ifPresent(s -> IntegratedRms.requireFrequencyInRange(s, used.lo(), used.hi()));
        }
        if (upperLimitRange != null) {
            warnIfCut("upper-limit", upperLimitRange, belowNyquist("upper-limit", upperLimitRange, nyquist), warnings);
        }
    }

    /**
     * The part of {@code range} (given as --{@code option}) that a spectrum reaches: all of it, or the part up to the
     * Nyquist frequency, which a spectrum's frequencies stay below.
     *
     * @param nyquist {@code 1/(2 dt)}, Hz
     * @throws InvalidParameterException if the range starts at or above the Nyquist frequency: no frequency is in it
     */
    static FrequencyRange belowNyquist(String option, FrequencyRange range, double nyquist) {
        if (range.lo() >= nyquist) {
            throw new InvalidParameterException(option, text(range), "a range below the Nyquist frequency 1/(2 dt) = "
                    + ProductOutput.compact(nyquist) + " Hz");
        }
        return range.hi() <= nyquist ? range : new FrequencyRange(range.lo(), nyquist);
    }

    /** Says that {@code asked} (--{@code option}) was cut at the Nyquist frequency to {@code used}, if it was. */
    private static void warnIfCut(String option, FrequencyRange asked, FrequencyRange used, Warnings warnings) {
        if (used.hi() < asked.hi()) {
            warnings.warn(String.format(Locale.ROOT, "--%s %s reaches above the Nyquist frequency 1/(2 dt) = %s Hz: "
                    + "%s Hz is used", option, text(asked), ProductOutput.compact(used.hi()), dashed(used)));
        }
    }

    private static String text(FrequencyRange r) {
        return ProductOutput.compact(r.lo()) + ":" + ProductOutput.compact(r.hi());
    }

    private static String dashed(FrequencyRange r) {
        return ProductOutput.compact(r.lo()) + "-" + ProductOutput.compact(r.hi());
    }

    /** The confidence of --upper-limit. */
    double confidence() {
        return confidence != null ? confidence : DEFAULT_CONFIDENCE;
    }

    /** The fields of the spectrum's product ({@link Products#powerSpectrumFields}) with the statistics asked for. */
    public Product.Builder fields(AveragedPowerSpectrum ps) {
        return fields(ps, ps);
    }

    /**
     * As {@link #fields(AveragedPowerSpectrum)} for a product shown rebinned: the powers and their significance
     * are those of {@code shown}, the rms and the Poisson level those of the unrebinned {@code ps}. The ranges of
     * --rms and --upper-limit are recorded as used: up to the spectrum's Nyquist frequency ({@link #belowNyquist}).
     */
    public Product.Builder fields(AveragedPowerSpectrum ps, AveragedPowerSpectrum shown) {
        Product.Builder b = Products.powerSpectrumFields(subtractNoise ? shown.noiseSubtracted() : shown);
        if (subtractNoise) {
            Products.noiseSubtracted(b, ps.poissonLevel());
        }
        double nyquist = 1 / (2 * ps.dt());
        if (rmsRange != null) {
            FrequencyRange used = belowNyquist("rms", rmsRange, nyquist);
            Products.rms(b, used, ps.rms(used.lo(), used.hi()), ps.absoluteRms(used.lo(), used.hi()));
        }
        if (upperLimitRange != null) {
            FrequencyRange used = belowNyquist("upper-limit", upperLimitRange, nyquist);
            Products.upperLimit(b, used, shown.upperLimit(used.lo(), used.hi(), confidence()));
        }
        if (significance.requested()) {
            significance.addFields(b, new SignificanceOptions.Source(shown::pValues, shown::logPValues,
                    shown::detectionLevel), shown.freq().length, subtractNoise ? -shown.poissonLevel() : 0.0);
        }
        return b;
    }

    /**
     * The lines of the statistics asked for, on {@code where}, each over the range used (the product's
     * {@code rms_freq_range}, {@code upper_limit_freq_range}): with --rms {@code rms LO-HI Hz: fractional … ± …,
     * absolute … ± … ct/s}; with --upper-limit {@code upper limit LO-HI Hz (C): highest power … at … Hz (m = …):
     * signal power < …, amplitude < …, pulsed fraction < …}. Said on {@code warnings} first: a range cut at the
     * Nyquist frequency, and an rms of 0 (the power less the Poisson level integrates below 0 over the range:
     * Stingray's {@code compute_rms} then returns 0 ± 0 and warns).
     */
    public void printSummary(Product product, PrintStream where, Warnings warnings) {
        FrequencyRange rms = rmsRange == null ? null : used(product, "rms_freq_range");
        FrequencyRange upperLimit = upperLimitRange == null ? null : used(product, "upper_limit_freq_range");
        if (rms != null) {
            warnIfCut("rms", rmsRange, rms, warnings);
        }
        if (upperLimit != null) {
            warnIfCut("upper-limit", upperLimitRange, upperLimit, warnings);
        }
        if (rms != null && product.number("frac_rms") == 0) {
            warnings.warn(String.format(Locale.ROOT, "rms %s Hz: the power less the Poisson level integrates below 0 "
                    + "(no variability above the noise there), so the rms and its error are given as 0 (as Stingray's "
                    + "compute_rms)", dashed(rms)));
        }
        if (rms != null) {
            where.printf(Locale.ROOT, "rms %s Hz: fractional %.6g ± %.3g, absolute %.6g ± %.3g ct/s%n", dashed(rms),
                    product.number("frac_rms"), product.number("frac_rms_err"), product.number("abs_rms"),
                    product.number("abs_rms_err"));
        }
        if (upperLimit != null) {
            where.printf(Locale.ROOT, "upper limit %s Hz (%s): highest power %.6g at %.6g Hz (m = %s): signal power "
                    + "< %.6g, amplitude < %.4g, pulsed fraction < %.4g%n", dashed(upperLimit),
                    ProductOutput.compact(confidence()),
                    product.number("upper_limit_measured_power"), product.number("upper_limit_freq"),
                    ProductOutput.compact(product.number("upper_limit_n")), product.number("upper_limit_power"),
                    product.number("upper_limit_amplitude"), product.number("upper_limit_pf"));
        }
    }

    private static FrequencyRange used(Product product, String field) {
        double[] range = product.array(field);
        return new FrequencyRange(range[0], range[1]);
    }
}
