package org.manta.cli.command;

import java.util.Optional;
import org.manta.core.lightcurve.ErrorDistribution;
import picocli.CommandLine.Option;

/**
 * {@code --err-dist poisson|gauss}: how the counts of a light-curve input scatter (Stingray's {@code err_dist}), which
 * decides the Leahy normalisation of {@code lomb} and {@code multitaper} ({@link ErrorDistribution}). Shared by those
 * commands and their {@code manta submit}.
 */
public final class ErrDistOption {
    @Option(names = "--err-dist", paramLabel = "poisson|gauss",
            description = "How the counts scatter (Stingray's err_dist; it changes only the Leahy normalisation). "
                    + "poisson (default): photon counts, Leahy = 2/N_ph (event files, 'manta lc' products). gauss: a "
                    + "light curve with Gaussian errors (e.g. background-subtracted), Leahy = 2/(sigma^2 N) with sigma "
                    + "the mean of its errors (FITS ERROR column, JSON counts_err), as Stingray's Lightcurve.read(f, "
                    + "fmt='ogip'); an input without errors is refused.")
    String errDist;

    /** The distribution asked for, Poisson when none was. */
    public ErrorDistribution errDist() {
        return errDist == null ? ErrorDistribution.POISSON : ErrorDistribution.parse(errDist);
    }

    /** Whether {@code --err-dist} was given (without it, a light curve with errors that are not Poisson is warned of). */
    public boolean given() {
        return errDist != null;
    }

    /** The distribution asked for, empty when {@code --err-dist} was not given (what the job spec sends, "" then). */
    public Optional<ErrorDistribution> asked() {
        return given() ? Optional.of(errDist()) : Optional.empty();
    }
}
