package org.manta.core.lightcurve;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.manta.core.InvalidParameterException;
import org.manta.core.Numbers;

/**
 * How the counts of a light curve scatter (Stingray's {@code Lightcurve.err_dist}): this decides the variance a
 * Leahy-normalised spectrum of a whole series (Lomb–Scargle, multitaper) is divided by (science.md §5).
 * {@link #POISSON}: counts of photons, the Poisson case ({@code 2/N_ph}); {@link #GAUSS}: measurements with Gaussian
 * errors, e.g. background-subtracted counts, normalised by {@code 2/(σ²N)} with {@code σ² = (mean counts_err)²}
 * (Stingray {@code LombScargleCrossspectrum.variance1/2}, {@code Multitaper.var}). Stingray's
 * {@code Lightcurve.read(f, fmt="ogip")} reads a FITS light curve as {@code "gauss"} by default; a light curve made from
 * events is {@code "poisson"}.
 */
public enum ErrorDistribution {
    /** Poisson counts: Leahy from the photons. */
    POISSON,
    /** Gaussian errors: Leahy from the square of the mean error bar. */
    GAUSS;

    /**
     * How far {@code (mean counts_err)²} may be from the mean counts before errors count as clearly not Poisson
     * ({@link #looksPoisson}): 10 %, well above the difference of Garwood or √n errors at a few counts per bin.
     */
    public static final double POISSON_TOLERANCE = 0.10;
    /** Relative difference within which an error bar equals the Garwood error of its count (a file's rounding). */
    static final double GARWOOD_MATCH = 1e-6;

    /** The lower-case name used on the command line and in products ({@code poisson}, {@code gauss}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code poisson|gauss} (case-insensitive); anything else is an error naming the value. */
    public static ErrorDistribution parse(String text) {
        for (ErrorDistribution d : values()) {
            if (d.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return d;
            }
        }
        throw new InvalidParameterException("err-dist", text, "poisson or gauss");
    }

    /**
     * The measurement variance a Leahy spectrum of {@code lc} is normalised by: none for {@link #POISSON} (the photons
     * are used), for {@link #GAUSS} the square of the mean error bar, {@code (mean counts_err)²} (numpy's mean), as
     * Stingray's {@code np.mean(lc.counts_err) ** 2}.
     *
     * @param lc the bins the spectrum is made of (inside the GTIs)
     * @throws InvalidParameterException for {@link #GAUSS} when the mean error is not positive and finite (Stingray:
     *                                   "The variance used to normalize the periodogram is 0")
     */
    public OptionalDouble variance(LightCurve lc) {
        if (this == POISSON) {
            return OptionalDouble.empty();
        }
        double meanErr = meanError(lc);
        if (!(meanErr > 0) || Double.isInfinite(meanErr)) {
            throw new InvalidParameterException("err-dist", "gauss", "light-curve errors with a positive, finite mean "
                    + "(their mean is " + meanErr + ")");
        }
        return OptionalDouble.of(meanErr * meanErr);
    }

    /**
     * Whether the errors of {@code lc} (its bins inside the GTIs) look Poisson: they are the Garwood errors of its
     * counts (what {@code manta lc} writes), or {@code (mean counts_err)²} is within {@link #POISSON_TOLERANCE} of the
     * mean counts, so that normalising as {@link #POISSON} or {@link #GAUSS} gives about the same Leahy powers.
     */
    public static boolean looksPoisson(LightCurve lc) {
        LightCurve in = lc.applyGtis();
        double meanErr = meanError(in);
        double meanCounts = in.meanCounts();
        return isGarwood(in) || Math.abs(meanErr * meanErr - meanCounts) <= POISSON_TOLERANCE * Math.abs(meanCounts);
    }

    /**
     * The warning for a light curve whose errors are clearly not Poisson ({@link #looksPoisson}) but which is analysed
     * as Poisson counts because no distribution was asked for (said as the plan's warnings are, {@code
     * org.manta.core.plan.PlanWarnings}): {@code INPUT: its errors are not Poisson ((mean error)^2 = V, mean counts =
     * C): normalised as Poisson; --err-dist gauss uses the file's errors, as Stingray's Lightcurve.read does}. Nothing
     * when they look Poisson.
     *
     * @param lc the light curve with the file's errors
     */
    public static Optional<String> notPoissonWarning(String input, LightCurve lc) {
        if (looksPoisson(lc)) {
            return Optional.empty();
        }
        LightCurve in = lc.applyGtis();
        double meanErr = meanError(in);
        return Optional.of(input + ": its errors are not Poisson ((mean error)^2 = " + Numbers.compact(meanErr * meanErr)
                + ", mean counts = " + Numbers.compact(in.meanCounts()) + "): normalised as Poisson; --err-dist gauss "
                + "uses the file's errors, as Stingray's Lightcurve.read does");
    }

    /** Whether every bin's count is a whole, non-negative number whose Garwood error is its error bar. */
    private static boolean isGarwood(LightCurve lc) {
        double[] counts = lc.counts();
        for (double c : counts) {
            if (!(c >= 0) || c != Math.rint(c) || Double.isInfinite(c)) {
                return false;
            }
        }
        double[] expected = PoissonErrors.garwood(counts);
        for (int i = 0; i < counts.length; i++) {
            if (!(Math.abs(lc.countsErr()[i] - expected[i]) <= GARWOOD_MATCH * expected[i])) {
                return false;
            }
        }
        return true;
    }

    private static double meanError(LightCurve lc) {
        return NumpyArithmetic.pairwiseSum(lc.countsErr(), 0, lc.size()) / lc.size();
    }
}
