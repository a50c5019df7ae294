package org.manta.cli.command;

import java.util.Optional;
import org.manta.cli.output.Rebinning;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
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
     * How the plot of a product that keeps every frequency (lomb, multitaper) is rebinned for display: as asked, else
     * logarithmically by {@link Plots#DISPLAY_REBIN_LOG}.
     */
    public Rebinning display() {
        return rebinning().orElse(Rebinning.log(Plots.DISPLAY_REBIN_LOG));
    }
}
