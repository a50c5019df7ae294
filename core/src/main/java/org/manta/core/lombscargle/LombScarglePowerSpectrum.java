package org.manta.core.lombscargle;

import java.util.function.LongConsumer;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.spectrum.Normalization;

/**
 * The Lomb–Scargle periodogram of an unevenly sampled light curve (Stingray
 * {@code LombScarglePowerspectrum}; science.md §18): {@code |F|²}, normalised as a single (m = 1)
 * spectrum with the light curve's {@code N}, {@code dt} and total counts (Leahy with Gaussian errors: their variance,
 * {@link ErrorDistribution#variance}). Stingray's error is
 * {@code power_err = power} (one realisation). Arrays are owned by the record.
 *
 * @param freq        frequencies, Hz
 * @param unnormPower {@code |F|²}
 * @param power       {@code unnormPower} normalised by {@code norm}
 * @param norm        normalisation of {@code power}
 * @param method      how the transform was evaluated
 * @param n           light-curve points inside the GTIs
 * @param dt          bin time, s
 * @param nphots      total counts
 * @param errDist     how the counts scatter, which decides the Leahy normalisation
 */
public record LombScarglePowerSpectrum(double[] freq, double[] unnormPower, double[] power, Normalization norm,
        LombScargleMethod method, int n, double dt, double nphots, ErrorDistribution errDist) {

    /**
     * The periodogram of {@code lc} restricted to its GTIs.
     *
     * @param oversampling the fast method's grid oversampling (ignored by the slow method)
     * @param errDist      how the counts scatter ({@link LombScargleCrossSpectrum#of})
     */
    public static LombScarglePowerSpectrum of(LightCurve lc, FrequencyGrid grid, LombScargleMethod method,
            int oversampling, Normalization norm, ErrorDistribution errDist) {
        return of(lc, grid, method, oversampling, norm, errDist, 1, done -> { });
    }

    /**
     * {@link #of} with the slow method's frequencies spread over {@code threads} threads (the same numbers whatever
     * {@code threads}; {@link LombScargleCrossSpectrum#of(LightCurve, LightCurve, FrequencyGrid, LombScargleMethod,
     * int, Normalization, ErrorDistribution, int, LongConsumer)}).
     *
     * @param progress told the number of frequencies transformed as the slow method's chunks finish
     */
    public static LombScarglePowerSpectrum of(LightCurve lc, FrequencyGrid grid, LombScargleMethod method,
            int oversampling, Normalization norm, ErrorDistribution errDist, int threads, LongConsumer progress) {
        LombScargleCrossSpectrum cs = LombScargleCrossSpectrum.auto(lc, grid, method, oversampling, norm, errDist,
                threads, progress);
        return new LombScarglePowerSpectrum(cs.freq(), cs.unnormPower().re(), cs.power().re(), norm, method, cs.n(),
                cs.dt(), cs.nphots1(), errDist);
    }

    /** {@link #of} of a light curve of Poisson counts. */
    public static LombScarglePowerSpectrum of(LightCurve lc, FrequencyGrid grid, LombScargleMethod method,
            int oversampling, Normalization norm) {
        return of(lc, grid, method, oversampling, norm, ErrorDistribution.POISSON);
    }

    /** Frequency step of the grid, Hz (0 for a one-frequency grid). */
    public double df() {
        return freq.length > 1 ? freq[1] - freq[0] : 0;
    }
}
