package org.manta.cli.command;

import java.util.Optional;
import org.manta.cli.output.Rebinning;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
import org.manta.core.Numbers;
import org.manta.core.segment.SegmentSpec;
import picocli.CommandLine.Option;

/** {@code --rebin DF|Nx} and {@code --rebin-log F}: at most one, checked before any data is read. */
public final class RebinOptions {
    @Option(names = "--rebin", paramLabel = "DF|Nx",
            description = "Linear rebin to a resolution of DF Hz, or by a factor N of the resolution ('4x'); means of "
                    + "the old bins, errors recomputed (Stingray rebin).")
    String rebin;

    @Option(names = "--rebin-log", paramLabel = "F",
            description = "Logarithmic rebin: each bin (1+F) times wider than the one before, e.g. 0.1 "
                    + "(Stingray rebin_log(f)).")
    Double rebinLog;

    /**
     * The rebinning asked for, if any.
     *
     * @throws InvalidParameterException if both options are given or either value is not valid
     */
    public Optional<Rebinning> rebinning() {
        if (rebin != null && rebinLog != null) {
            throw new InvalidParameterException("rebin", "--rebin " + rebin + " --rebin-log " + rebinLog,
                    "only one of --rebin and --rebin-log");
        }
        if (rebinLog != null) {
            return Optional.of(Rebinning.log(rebinLog));
        }
        return rebin == null ? Optional.empty() : Optional.of(Rebinning.linear(rebin));
    }

    /**
     * Checks a linear rebin against the spectrum of segments of {@code segment}, before any data is read: a new
     * resolution of at least its own, 1/segment (Stingray's {@code rebin} refuses a finer one), and at most the span of
     * its frequencies, {@code nFreq·df} (a wider bin would leave none). Any logarithmic rebin fits.
     *
     * @throws InvalidParameterException naming --rebin as typed and the resolution or span it must respect
     */
    public void requireFits(SegmentSpec segment) {
        requireFits(segment.df(), segment.nFreq());
    }

    /**
     * {@link #requireFits(SegmentSpec)} against a spectrum of {@code nFreq} frequencies {@code df} apart, once it is
     * known (a single periodogram's resolution is its whole span's: found, a wider --rebin wrote no frequency at all).
     */
    public void requireFits(double df, int nFreq) {
        Optional<Rebinning> linear = rebinning().filter(r -> r.kind() != Rebinning.Kind.LOG);
        if (linear.isEmpty()) {
            return;
        }
        double span = nFreq * df;
        double newDf = linear.get().df(df);
        if (newDf < df) {
            throw new InvalidParameterException("rebin", rebin, "a resolution of at least the spectrum's, 1/segment = "
                    + Numbers.compact(df) + " Hz (or a factor of at least 1 followed by x, e.g. 4x)");
        }
        if (newDf > span) {
            throw new InvalidParameterException("rebin", rebin, "at most the span of the spectrum's frequencies, "
                    + Numbers.compact(span) + " Hz (" + nFreq + " x " + Numbers.compact(df)
                    + " Hz), for at least one new bin");
        }
    }

    /**
     * How the plot of a product that keeps every frequency (lomb, multitaper) is rebinned for display: as asked, else
     * logarithmically by {@link Plots#DISPLAY_REBIN_LOG}.
     */
    public Rebinning display() {
        return rebinning().orElse(Rebinning.log(Plots.DISPLAY_REBIN_LOG));
    }
}
