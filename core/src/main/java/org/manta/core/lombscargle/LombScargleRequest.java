package org.manta.core.lombscargle;

import java.util.function.LongConsumer;
import org.manta.core.InvalidParameterException;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.spectrum.Normalization;

/**
 * What a Lomb–Scargle spectrum is asked with ({@code manta lomb}, a LOMB job of the mesh): the frequency grid, the
 * method, the fast method's oversampling and the normalisation. The command and the mesh's worker compute the
 * spectrum of the same light curves through {@link #power} and {@link #cross}.
 *
 * @param grid         the frequency grid (unset values from the light curve)
 * @param method       exact sums or Press &amp; Rybicki extirpolation
 * @param oversampling the fast method's FFT grid oversampling, at least 1 (ignored by the slow method)
 * @param norm         normalisation of {@code power}
 * @param errDist      how the counts scatter ({@link ErrorDistribution}: Leahy from the photons or from the errors)
 */
public record LombScargleRequest(FrequencyGrid grid, LombScargleMethod method, int oversampling, Normalization norm,
                                 ErrorDistribution errDist) {
    public LombScargleRequest {
        if (oversampling < 1) {
            throw new InvalidParameterException("oversampling", oversampling, "a positive integer");
        }
        if (grid.df().isPresent() && !(grid.df().getAsDouble() > 0 && Double.isFinite(grid.df().getAsDouble()))) {
            throw new InvalidParameterException("df", grid.df().getAsDouble(), "a positive frequency step in Hz");
        }
    }

    /** A request for light curves of Poisson counts. */
    public LombScargleRequest(FrequencyGrid grid, LombScargleMethod method, int oversampling, Normalization norm) {
        this(grid, method, oversampling, norm, ErrorDistribution.POISSON);
    }

    /** The periodogram of {@code lc} ({@link LombScarglePowerSpectrum#of}). */
    public LombScarglePowerSpectrum power(LightCurve lc) {
        return power(lc, 1, done -> { });
    }

    /**
     * The periodogram of {@code lc}, the slow method's frequencies over {@code threads} threads (the same numbers);
     * {@code progress} is told the frequencies transformed, {@link #frequencies} of them in all.
     */
    public LombScarglePowerSpectrum power(LightCurve lc, int threads, LongConsumer progress) {
        return LombScarglePowerSpectrum.of(lc, grid, method, oversampling, norm, errDist, threads, progress);
    }

    /** The cross spectrum of {@code subject} against {@code reference} ({@link LombScargleCrossSpectrum#of}). */
    public LombScargleCrossSpectrum cross(LightCurve subject, LightCurve reference) {
        return cross(subject, reference, 1, done -> { });
    }

    /**
     * The cross spectrum, the slow method's frequencies over {@code threads} threads (the same numbers);
     * {@code progress} is told the frequencies transformed, twice {@link #frequencies} of them in all.
     */
    public LombScargleCrossSpectrum cross(LightCurve subject, LightCurve reference, int threads,
                                          LongConsumer progress) {
        return LombScargleCrossSpectrum.of(subject, reference, grid, method, oversampling, norm, errDist, threads,
                progress);
    }

    /** How many frequencies the spectrum of {@code subject} against {@code reference} (or itself) has. */
    public int frequencies(LightCurve subject, LightCurve reference) {
        return LombScargleCrossSpectrum.frequencies(subject, reference, grid);
    }
}
