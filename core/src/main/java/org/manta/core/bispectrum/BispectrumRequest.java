package org.manta.core.bispectrum;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongConsumer;
import org.manta.core.InvalidParameterException;

/**
 * What a bispectrum is asked with ({@code manta bispectrum}, a BISPECTRUM job of the mesh): the largest lag, the lag
 * window and the cumulant's scaling. The command and the mesh's worker compute it of the same contiguous bins
 * through {@link #of}.
 *
 * @param maxlag   the largest lag in bins; empty: Stingray's {@code N/2} ({@link Bispectrum#defaultMaxlag})
 * @param window   the lag window, or empty for none
 * @param unbiased divide the cumulant by the number of terms instead of N
 */
public record BispectrumRequest(OptionalInt maxlag, Optional<LagWindow> window, boolean unbiased) {
    /**
     * Most cumulant products ({@code N·(2L+1)²/2}) a run may need, about a minute of one core: Stingray's
     * default L = N/2 grows as N³ and would not finish for a long light curve.
     */
    public static final double MAX_PRODUCTS = 5e10;

    public BispectrumRequest {
        if (maxlag.isPresent() && maxlag.getAsInt() < 1) {
            throw new InvalidParameterException("maxlag", maxlag.getAsInt(),
                    "a positive number of bins (a lag of 0 leaves a single frequency)");
        }
    }

    /** The scaling named {@code biased} (divide by N) or {@code unbiased} (by the number of terms): whether unbiased. */
    public static boolean unbiased(String scale) {
        return switch (scale.toLowerCase(Locale.ROOT)) {
            case "biased" -> false;
            case "unbiased" -> true;
            default -> throw new InvalidParameterException("scale", scale, "biased or unbiased");
        };
    }

    /**
     * The largest lag for {@code n} bins: the one asked for, or {@code N/2}.
     *
     * @throws InvalidParameterException if the cumulant would need more than {@link #MAX_PRODUCTS} products,
     *                                   naming the largest lag that fits
     */
    public int lag(int n) {
        int lag = maxlag.orElse(Bispectrum.defaultMaxlag(n));
        double products = (double) n * (2.0 * lag + 1) * (2.0 * lag + 1) / 2;
        if (products > MAX_PRODUCTS) {
            int suggested = (int) Math.floor((Math.sqrt(2 * MAX_PRODUCTS / n) - 1) / 2);
            throw new InvalidParameterException("maxlag", lag + (maxlag.isEmpty() ? " (the default N/2)" : ""),
                    String.format(Locale.ROOT, "at most %d bins for %d bins of data (the cumulant needs N(2L+1)^2/2 "
                            + "= %.2g products)", suggested, n, products));
        }
        return lag;
    }

    /** The bispectrum of contiguous bins ({@link Bispectrum#of} with {@link #lag}). */
    public Bispectrum of(double[] counts, double dt) {
        return of(counts, dt, pairs -> { });
    }

    /**
     * {@link #of(double[], double)}, telling {@code progress} the cumulant's lag pairs done
     * ({@link Bispectrum#cumulantPairs} of {@link #lag} in all).
     */
    public Bispectrum of(double[] counts, double dt, LongConsumer progress) {
        return Bispectrum.of(counts, dt, lag(counts.length), window, unbiased, progress);
    }
}
