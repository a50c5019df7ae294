package org.manta.cli.command;

import java.util.Locale;
import java.util.Optional;
import org.manta.core.InvalidParameterException;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import picocli.CommandLine.Option;

/** Options of the spectral commands (pds, cpds, dynps): segment length, normalisation and rebinning. */
public final class SpectrumOptions {

    @Option(names = "--segment", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Segment length in seconds for averaging; cpds and dynps need it, pds without it computes one "
                    + "periodogram of the whole span (GTI gaps as zeros: a warning).")
    Double segment;

    @Option(names = "--norm", paramLabel = "leahy|frac|abs|none", defaultValue = "leahy", converter = Converters.Norm.class,
            description = "Normalisation (default: ${DEFAULT-VALUE}; 'rms' is frac).")
    Normalization norm;

    @Option(names = "--rebin", paramLabel = "DF|Nx",
            description = "Linear rebin of the product to a resolution of DF Hz, or by a factor N of the resolution "
                    + "('4x'); means of the old bins, errors recomputed (Stingray rebin).")
    String rebin;

    @Option(names = "--rebin-log", paramLabel = "F",
            description = "Logarithmic rebin of the product: each bin (1+F) times wider than the one before, "
                    + "e.g. 0.1 (Stingray rebin_log(f)).")
    Double rebinLog;

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
        return rebin != null || rebinLog != null;
    }

    /**
     * Checks the rebin options before any data is read: at most one of them, a positive log factor, a
     * positive resolution or a factor of at least 1.
     */
    public void validateRebin() {
        if (rebin != null && rebinLog != null) {
            throw new InvalidParameterException("rebin", "--rebin " + rebin + " --rebin-log " + rebinLog,
                    "only one of --rebin and --rebin-log");
        }
        if (rebinLog != null && !(rebinLog > 0 && Double.isFinite(rebinLog))) {
            throw new InvalidParameterException("rebin-log", rebinLog, "a positive bin-width growth factor, e.g. 0.1");
        }
        if (rebin != null) {
            linearRebin();
        }
    }

    /** The product's rebinned power spectrum (unchanged without a rebin option). */
    public AveragedPowerSpectrum apply(AveragedPowerSpectrum ps) {
        if (rebinLog != null) {
            return ps.rebinLog(rebinLog);
        }
        return rebin == null ? ps : ps.rebin(linearRebin().df(ps.df()));
    }

    /** The product's rebinned cross spectrum; lags, coherence and errors follow from the rebinned quantities. */
    public AveragedCrossSpectrum apply(AveragedCrossSpectrum cs) {
        if (rebinLog != null) {
            return cs.rebinLog(rebinLog);
        }
        return rebin == null ? cs : cs.rebin(linearRebin().df(cs.df()));
    }

    /** How the product records its rebinning ({@code "log f=0.1"}, {@code "linear df=0.5"}, {@code "linear 4x"}). */
    public Optional<String> description() {
        if (rebinLog != null) {
            return Optional.of("log f=" + ProductOutput.compact(rebinLog));
        }
        return rebin == null ? Optional.empty() : Optional.of("linear " + linearRebin().label());
    }

    private Linear linearRebin() {
        String text = rebin.trim().toLowerCase(Locale.ROOT);
        boolean factor = text.endsWith("x");
        double v;
        try {
            v = Double.parseDouble(factor ? text.substring(0, text.length() - 1) : text);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (factor ? !(v >= 1 && Double.isFinite(v)) : !(v > 0 && Double.isFinite(v))) {
            throw new InvalidParameterException("rebin", rebin,
                    "a new resolution in Hz (e.g. 0.5) or a factor of at least 1 followed by x (e.g. 4x)");
        }
        return new Linear(v, factor);
    }

    /** A linear rebin: to {@code value} Hz, or by a factor {@code value} of the old resolution. */
    private record Linear(double value, boolean factor) {
        double df(double oldDf) {
            return factor ? value * oldDf : value;
        }

        String label() {
            return factor ? ProductOutput.compact(value) + "x" : "df=" + ProductOutput.compact(value);
        }
    }
}
