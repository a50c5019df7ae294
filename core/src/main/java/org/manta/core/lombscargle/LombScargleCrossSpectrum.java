package org.manta.core.lombscargle;

import java.util.OptionalDouble;
import java.util.function.LongConsumer;
import org.manta.core.InvalidParameterException;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.lightcurve.NumpyArithmetic;
import org.manta.core.spectrum.Normalization;

/**
 * The Lomb–Scargle cross spectrum of two unevenly sampled light curves (Stingray
 * {@code LombScargleCrossspectrum}, {@code lscrossspectrum_from_lightcurve}; science.md §18):
 * {@code C = F₁·F₂*}, the <em>opposite</em> conjugation to the FFT cross spectra of §7, normalised as
 * a single (m = 1) spectrum with {@code N} = points of the first light curve, {@code dt} its bin time,
 * {@code N_ph = √(N_ph1·N_ph2)} and {@code μ = N_ph/N}; with Gaussian errors ({@link ErrorDistribution#GAUSS})
 * Leahy uses the geometric mean of the two variances {@code √(σ₁²σ₂²)} instead of the photons (Stingray's
 * {@code variance1}, {@code variance2}). Arrays are owned by the record.
 *
 * @param freq         frequencies, Hz
 * @param unnormPower  {@code F₁·F₂*}
 * @param power        {@code unnormPower} normalised by {@code norm} (real and imaginary parts alike)
 * @param norm         normalisation of {@code power}
 * @param method       how the transforms were evaluated
 * @param n            points of the first light curve
 * @param dt           bin time of the first light curve, s
 * @param nphots1      total counts of the first light curve
 * @param nphots2      total counts of the second light curve
 * @param errDist      how the counts scatter, which decides the Leahy normalisation
 */
public record LombScargleCrossSpectrum(double[] freq, ComplexArray unnormPower, ComplexArray power,
        Normalization norm, LombScargleMethod method, int n, double dt, double nphots1, double nphots2,
        ErrorDistribution errDist) {

    /**
     * The cross spectrum of {@code lc1} (subject) against {@code lc2} (reference). Both are first
     * restricted to their GTIs (Stingray {@code apply_gtis}); the frequency grid uses the smaller bin time
     * and the span {@code max(last times) − min(first times)}.
     *
     * @param oversampling the fast method's grid oversampling (ignored by the slow method)
     * @param errDist      how both light curves' counts scatter: {@link ErrorDistribution#GAUSS} normalises Leahy by
     *                     their errors ({@link ErrorDistribution#variance}, of the bins inside the GTIs)
     */
    public static LombScargleCrossSpectrum of(LightCurve lc1, LightCurve lc2, FrequencyGrid grid,
            LombScargleMethod method, int oversampling, Normalization norm, ErrorDistribution errDist) {
        return of(lc1, lc2, grid, method, oversampling, norm, errDist, 1, done -> { });
    }

    /**
     * {@link #of} with the slow method's frequencies spread over {@code threads} threads
     * ({@link LombScargleTransform#slow(double[], double[], double[], int, java.util.function.LongConsumer)}: the
     * same numbers whatever {@code threads}); the fast method runs on the calling thread.
     *
     * @param threads  threads of the slow method, at least 1
     * @param progress told the number of frequencies transformed as the slow method's chunks finish: in all
     *                 {@link #frequencies} for one light curve against itself, twice that for two
     */
    public static LombScargleCrossSpectrum of(LightCurve lc1, LightCurve lc2, FrequencyGrid grid,
            LombScargleMethod method, int oversampling, Normalization norm, ErrorDistribution errDist, int threads,
            LongConsumer progress) {
        LightCurve a = lc1.applyGtis();
        LightCurve b = lc2 == lc1 ? a : lc2.applyGtis();
        double[] freq = grid(a, b, grid);
        ComplexArray f1 = transform(a, freq, method, oversampling, threads, progress);
        ComplexArray f2 = a == b ? f1 : transform(b, freq, method, oversampling, threads, progress);
        int len = freq.length;
        double[] re = new double[len];
        double[] im = new double[len];
        for (int j = 0; j < len; j++) {
            re[j] = f1.re()[j] * f2.re()[j] + f1.im()[j] * f2.im()[j];
            im[j] = f1.im()[j] * f2.re()[j] - f1.re()[j] * f2.im()[j];
        }
        ComplexArray unnorm = new ComplexArray(re, im);
        double nphots1 = NumpyArithmetic.sum(a.counts());
        double nphots2 = NumpyArithmetic.sum(b.counts());
        OptionalDouble v1 = errDist.variance(a);
        OptionalDouble variance = v1.isEmpty() ? v1
                : OptionalDouble.of(Math.sqrt(v1.getAsDouble() * errDist.variance(b).getAsDouble()));
        return new LombScargleCrossSpectrum(freq, unnorm,
                normalize(unnorm, norm, a.dt(), a.size(), nphots1, nphots2, variance), norm, method, a.size(), a.dt(),
                nphots1, nphots2, errDist);
    }

    /** {@link #of} of two light curves of Poisson counts. */
    public static LombScargleCrossSpectrum of(LightCurve lc1, LightCurve lc2, FrequencyGrid grid,
            LombScargleMethod method, int oversampling, Normalization norm) {
        return of(lc1, lc2, grid, method, oversampling, norm, ErrorDistribution.POISSON);
    }

    /** The same light curve against itself: used by {@link LombScarglePowerSpectrum}. */
    static LombScargleCrossSpectrum auto(LightCurve lc, FrequencyGrid grid, LombScargleMethod method,
            int oversampling, Normalization norm, ErrorDistribution errDist, int threads, LongConsumer progress) {
        return of(lc, lc, grid, method, oversampling, norm, errDist, threads, progress);
    }

    /**
     * How many frequencies the spectrum of {@code lc1} against {@code lc2} has ({@link #of}: the grid of the smaller
     * bin time and the span of both, restricted to their GTIs), e.g. to size a progress bar before the work.
     */
    public static int frequencies(LightCurve lc1, LightCurve lc2, FrequencyGrid grid) {
        LightCurve a = lc1.applyGtis();
        return grid(a, lc2 == lc1 ? a : lc2.applyGtis(), grid).length;
    }

    /** The non-negative frequencies of the grid for {@code a} and {@code b}, already restricted to their GTIs. */
    private static double[] grid(LightCurve a, LightCurve b, FrequencyGrid grid) {
        double length = Math.max(last(a), last(b)) - Math.min(a.time()[0], b.time()[0]);
        double[] freq = LombScargleTransform.nonNegative(grid.frequencies(Math.min(a.dt(), b.dt()), length));
        if (freq.length == 0) {
            throw new InvalidParameterException("frequency grid", "empty", "at least one non-negative frequency");
        }
        return freq;
    }

    /**
     * Phase lag {@code arg C}, rad, in {@code (−π, π]}: positive when the first light curve lags
     * (with this conjugation, as the reference's {@code time_lag} shows).
     */
    public double[] phaseLag() {
        double[] lag = new double[freq.length];
        for (int j = 0; j < lag.length; j++) {
            lag[j] = unnormPower.arg(j);
        }
        return lag;
    }

    /** Time lag {@code phaseLag/(2πν)}, s (Stingray {@code LombScargleCrossspectrum.time_lag}). */
    public double[] timeLag() {
        double[] lag = phaseLag();
        for (int j = 0; j < lag.length; j++) {
            lag[j] = lag[j] / (2 * Math.PI * freq[j]);
        }
        return lag;
    }

    /** {@code √(N_ph1·N_ph2)}: the photons the normalisation uses. */
    public double nphots() {
        return Math.sqrt(nphots1 * nphots2);
    }

    /** Frequency step of the grid, Hz (0 for a one-frequency grid). */
    public double df() {
        return freq.length > 1 ? freq[1] - freq[0] : 0;
    }

    private static double last(LightCurve lc) {
        return lc.time()[lc.size() - 1];
    }

    private static ComplexArray transform(LightCurve lc, double[] freq, LombScargleMethod method, int oversampling,
            int threads, LongConsumer progress) {
        return switch (method) {
            case SLOW -> LombScargleTransform.slow(lc.counts(), lc.time(), freq, threads, progress);
            case FAST -> LombScargleTransform.fast(lc.counts(), lc.time(), freq, oversampling);
        };
    }

    private static ComplexArray normalize(ComplexArray unnorm, Normalization norm, double dt, int n, double nph1,
            double nph2, OptionalDouble variance) {
        double nph = Math.sqrt(nph1 * nph2);
        double mean = nph / n;
        double[] re = new double[unnorm.length()];
        double[] im = new double[unnorm.length()];
        for (int j = 0; j < re.length; j++) {
            re[j] = norm.apply(unnorm.re()[j], dt, n, mean, nph, variance);
            im[j] = norm.apply(unnorm.im()[j], dt, n, mean, nph, variance);
        }
        return new ComplexArray(re, im);
    }
}
