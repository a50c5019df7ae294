package org.manta.cli.command;

import java.util.Optional;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.core.Numbers;
import org.manta.cli.output.Rebinning;
import org.manta.core.InvalidParameterException;
import org.manta.core.gti.GtiList;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the spectral commands (pds, cpds, dynps): segment length, normalisation and rebinning. */
public final class SpectrumOptions {

    @Option(names = "--segment", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Segment length in seconds for averaging; cpds and dynps need it, pds without it computes one "
                    + "periodogram of the whole span (GTI gaps as zeros: a warning).")
    Double segment;

    /**
     * The refusal of a product of segments without {@code --segment}, in the same words for {@code manta COMMAND} and
     * {@code manta submit COMMAND}.
     *
     * @param command cpds, dynps, fad, ...
     */
    public static InvalidParameterException segmentRequired(String command) {
        return new InvalidParameterException("segment", "(none)", "a segment length in seconds: " + switch (command) {
            case "cpds" -> "the cross spectrum is averaged over segments";
            case "fad" -> "the FAD spectra are averaged over segments";
            case "dynps" -> "the dynamical power spectrum has one spectrum per segment";
            default -> "'manta " + command + "' is made of segments";
        } + " (only pds takes none: one periodogram of the whole span)");
    }

    @Option(names = "--norm", paramLabel = "leahy|frac|abs|none", defaultValue = "leahy", converter = Converters.Norm.class,
            description = "Normalisation (default: ${DEFAULT-VALUE}; 'rms' is frac).")
    Normalization norm;

    @Mixin
    RebinOptions rebinOptions = new RebinOptions();

    public Optional<Double> segment() {
        return Optional.ofNullable(segment);
    }

    public Normalization norm() {
        return norm == null ? Normalization.LEAHY : norm;
    }

    /**
     * The segment length fixed to an integer number of bins (Stingray's
     * {@code fix_segment_size_to_integer_samples}), if --segment was given.
     *
     * @throws org.manta.core.InvalidParameterException if the segment holds fewer than 2 bins of {@code dt}
     */
    public Optional<SegmentSpec> segmentSpec(double dt) {
        return segment().map(t -> SegmentSpec.of(dt, t));
    }

    /** Whether --rebin or --rebin-log was given. */
    public boolean rebinned() {
        return rebinOptions.rebinning().isPresent();
    }

    /**
     * Refuses the rebinning options {@code command} does not take, naming the one given.
     *
     * @param linear whether --rebin DF|Nx is taken (dynps: Stingray {@code rebin_frequency})
     * @param why    what the command does instead, for the message
     * @throws InvalidParameterException if --rebin-log, or --rebin when not {@code linear}, was given
     */
    public void refuseRebin(String command, boolean linear, String why) {
        rebinOptions.rebinning().ifPresent(r -> {
            boolean log = r.kind() == Rebinning.Kind.LOG;
            if (log || !linear) {
                throw new InvalidParameterException(log ? "rebin-log" : "rebin", log ? Numbers.compact(r.value())
                        : rebinOptions.rebin, (linear ? "--rebin DF|Nx, not --rebin-log, for " : "no rebin option for ")
                        + command + " (" + why + ")");
            }
        });
    }

    /**
     * The dynamical spectrum with every column rebinned linearly in frequency (Stingray {@code rebin_frequency},
     * to DF Hz or N × df) for --rebin; unchanged without it.
     */
    public DynamicalPowerSpectrum apply(DynamicalPowerSpectrum dps) {
        return rebinOptions.rebinning().map(r -> dps.rebinFrequency(r.df(dps.df()))).orElse(dps);
    }

    /** Checks the rebin options before any data is read ({@link RebinOptions#rebinning()}). */
    public void validateRebin() {
        rebinOptions.rebinning();
    }

    /**
     * As {@link #validateRebin()}, and with segments a linear rebin against their spectrum
     * ({@link RebinOptions#requireFits}).
     */
    public void validateRebin(Optional<SegmentSpec> segment) {
        validateRebin();
        segment.ifPresent(rebinOptions::requireFits);
    }

    /**
     * The product's rebinned power spectrum (unchanged without a rebin option); a linear rebin checked against the
     * spectrum itself ({@link RebinOptions#requireFits(double, int)}: a single periodogram's is known only now).
     */
    public AveragedPowerSpectrum apply(AveragedPowerSpectrum ps) {
        rebinOptions.requireFits(ps.df(), ps.freq().length);
        return rebinOptions.rebinning().map(r -> r.apply(ps)).orElse(ps);
    }

    /** The product's rebinned cross spectrum; lags, coherence and errors follow from the rebinned quantities. */
    public AveragedCrossSpectrum apply(AveragedCrossSpectrum cs) {
        rebinOptions.requireFits(cs.df(), cs.freq().length);
        return rebinOptions.rebinning().map(r -> r.apply(cs)).orElse(cs);
    }

    /** How the product records its rebinning ({@code "log f=0.1"}, {@code "linear df=0.5"}, {@code "linear 4x"}). */
    public Optional<String> description() {
        return rebinOptions.rebinning().map(Rebinning::label);
    }

    /**
     * The fields of a power spectrum's product as {@code pds} writes them, for {@code manta pds} and {@code manta submit
     * pds} alike: the powers shown rebinned as asked ({@link #apply}), the statistics of {@code statistics} (the rms
     * and the Poisson level of the unrebinned {@code ps}) and the rebinning recorded as {@code rebin}.
     */
    public Product.Builder powerSpectrumFields(AveragedPowerSpectrum ps, PdsStatistics statistics) {
        return withRebin(statistics.fields(ps, apply(ps)));
    }

    /**
     * The fields of a cross spectrum's product as {@code cpds} writes them, for {@code manta cpds} and {@code manta
     * submit cpds} alike: {@code shown} (already rebinned, {@link #apply}), the cospectra's significance when asked and
     * the rebinning recorded as {@code rebin}.
     */
    public Product.Builder crossSpectrumFields(AveragedCrossSpectrum shown, SignificanceOptions significance) {
        Product.Builder b = Products.crossSpectrumFields(shown);
        if (significance.requested()) {
            significance.addFields(b, new SignificanceOptions.Source(shown::cospectraPValues, shown::cospectraLogPValues,
                    shown::cospectraDetectionLevel), shown.freq().length, 0.0);
        }
        return withRebin(b);
    }

    /**
     * A dynamical power spectrum's product as {@code dynps} writes it, for {@code manta dynps} and {@code manta submit
     * dynps} alike: every column rebinned as asked ({@link #apply(DynamicalPowerSpectrum)}), the rebinning recorded as
     * {@code rebin}.
     *
     * @param binTime the light curve's bin time (the product's {@code bin_time}), s
     */
    public Product dynamicalProduct(DynamicalPowerSpectrum dps, double binTime, GtiList gti, Provenance provenance) {
        Product product = Products.dynamicalPowerSpectrum(apply(dps), binTime, gti, provenance);
        return description().map(d -> product.rebuild().text("rebin", d).build()).orElse(product);
    }

    private Product.Builder withRebin(Product.Builder b) {
        description().ifPresent(d -> b.text("rebin", d));
        return b;
    }
}
