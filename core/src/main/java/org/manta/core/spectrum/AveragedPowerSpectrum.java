package org.manta.core.spectrum;

import java.util.Arrays;
import java.util.Optional;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.fourier.FourierKernels;
import org.manta.core.fourier.RealFft;
import org.manta.core.gti.GtiList;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.stats.ClassicalSignificances;
import org.manta.core.stats.PowerUpperLimit;
import org.manta.core.stats.Significance;

/**
 * An averaged power density spectrum (Stingray {@code AveragedPowerspectrum}, science.md §6), or a
 * single periodogram when {@code segments = 1}. Arrays are owned by the record: do not modify them.
 *
 * @param freq           bin frequencies, Hz (left to right; after a log rebin the mean frequency of each bin)
 * @param power          normalised power (units of {@code norm})
 * @param powerErr       error on {@code power}: {@code power/√m}, or propagated by a rebin
 * @param unnormPower    averaged unnormalised power {@code ⟨|X_j|²⟩}, counts²
 * @param unnormPowerErr error on {@code unnormPower}
 * @param m              per bin, the number of powers averaged (segments × merged frequency bins)
 * @param k              per bin, the number of frequency bins merged by a log rebin (1 otherwise)
 * @param segments       number of averaged segments M
 * @param n              bins per segment N
 * @param df             frequency resolution, Hz ({@code 1/(N·dt)}, or the new width after a linear rebin)
 * @param dt             bin time, s
 * @param nphots         mean photons per used segment N_ph
 * @param mean           mean counts per bin {@code μ = N_ph/N}
 * @param norm           normalisation of {@code power}
 * @param segmentSize    segment length {@code N·dt}, s
 * @param gti            the GTIs the spectrum was computed on, when known
 */
public record AveragedPowerSpectrum(
        double[] freq,
        double[] power,
        double[] powerErr,
        double[] unnormPower,
        double[] unnormPowerErr,
        double[] m,
        int[] k,
        int segments,
        int n,
        double df,
        double dt,
        double nphots,
        double mean,
        Normalization norm,
        double segmentSize,
        Optional<GtiList> gti) {

    /**
     * The periodogram of a whole light curve taken as one segment (science.md §3.4, Stingray
     * {@code Powerspectrum(lc)}: no GTI filtering, {@code m = 1}, {@code power_err = power}).
     *
     * @param counts counts per bin, length N at least 2; not modified
     * @param dt     bin time, s
     * @param norm   normalisation
     * @throws NoDataException if every count is zero
     */
    public static AveragedPowerSpectrum periodogram(double[] counts, double dt, Normalization norm) {
        SegmentSpec spec = new SegmentSpec(dt, counts.length, counts.length * dt);
        PowerAccumulator acc = new PowerAccumulator(spec);
        acc.add(0, counts, new RealFft(counts.length));
        return acc.result(norm);
    }

    /** Mean count rate of what was analysed, {@code N_ph/(N·dt)}, ct/s. */
    public double meanRate() {
        return nphots / (n * dt);
    }

    /** The same spectrum with its GTIs recorded. */
    public AveragedPowerSpectrum withGti(GtiList gtis) {
        return new AveragedPowerSpectrum(freq, power, powerErr, unnormPower, unnormPowerErr, m, k, segments, n, df, dt,
                nphots, mean, norm, segmentSize, Optional.of(gtis));
    }

    /**
     * Linear rebin to a new resolution (Stingray {@code Powerspectrum.rebin(df=dfNew)}, science.md §8.1,
     * errata L5): power and unnormalised power averaged over the old bins inside each new bin, their
     * errors propagated in quadrature and divided by the step (not recomputed), {@code m = rint(step·m)},
     * {@code df = dfNew}; bin centres {@code f_0 - df/2 + dfNew/2 + i·dfNew}.
     *
     * @param dfNew new frequency resolution, Hz, at least {@code df}
     * @throws InvalidParameterException if {@code dfNew < df} or {@code m} is not the same in every bin
     */
    public AveragedPowerSpectrum rebin(double dfNew) {
        double mOld = uniformM("rebin");
        Rebin.Linear p = Rebin.linear(freq, power, powerErr, dfNew, df, true);
        Rebin.Linear u = Rebin.linear(freq, unnormPower, unnormPowerErr, dfNew, df, true);
        double[] newM = new double[p.y().length];
        for (int i = 0; i < newM.length; i++) {
            double step = p.uniformStep() ? p.scalarStep() : p.step()[i];
            newM[i] = Math.rint(step * mOld);
        }
        int[] newK = new int[newM.length];
        Arrays.fill(newK, 1);
        return new AveragedPowerSpectrum(p.x(), p.y(), p.yErr(), u.y(), u.yErr(), newM, newK, segments, n, dfNew, dt,
                nphots, mean, norm, segmentSize, gti);
    }

    /**
     * Logarithmic rebin (Stingray {@code rebin_log(f)}, science.md §8.2, errata L6): bin edges grow by
     * {@code 1+f}; the new frequency is the mean of the old frequencies in the bin; power the mean,
     * error {@code √(Σσ²)/k}; {@code m = k·m}; {@code k} = merged bins. Empty bins (NaN) are kept.
     *
     * @param f growth factor, positive (e.g. 0.01)
     * @throws InvalidParameterException if {@code m} is not the same in every bin
     */
    public AveragedPowerSpectrum rebinLog(double f) {
        double mOld = uniformM("rebinLog");
        Rebin.Log p = Rebin.log(freq, power, powerErr, f, df);
        Rebin.Log u = Rebin.log(freq, unnormPower, unnormPowerErr, f, df);
        int[] ns = p.nsamples();
        double[] newM = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            newM[i] = ns[i] * mOld;
        }
        return new AveragedPowerSpectrum(p.x(), p.y(), p.yErr(), u.y(), u.yErr(), newM, ns, segments, n, df, dt,
                nphots, mean, norm, segmentSize, gti);
    }

    /**
     * Fractional rms between {@code fmin} and {@code fmax} inclusive (Stingray
     * {@code Powerspectrum.compute_rms(fmin, fmax)}, science.md §11.3), with the default Poisson
     * noise level {@code N_ph} (unnormalised).
     */
    public Rms rms(double fmin, double fmax) {
        return rmsWithUnnormNoise(fmin, fmax, nphots, Normalization.FRAC);
    }

    /**
     * As {@link #rms(double, double)} with an explicit Poisson noise level given in this spectrum's
     * normalisation (unnormalised with §5 before use).
     */
    public Rms rms(double fmin, double fmax, double poissonNoiseLevel) {
        return rmsWithUnnormNoise(fmin, fmax, Norms.unnormalize(poissonNoiseLevel, norm, dt, n, nphots),
                Normalization.FRAC);
    }

    /**
     * Absolute rms (ct/s) between {@code fmin} and {@code fmax} inclusive, with the default Poisson noise
     * level {@code N_ph}: as {@link #rms(double, double)} with Stingray's
     * {@code get_rms_from_unnorm_periodogram(..., kind="abs")} (science.md §11.2).
     */
    public Rms absoluteRms(double fmin, double fmax) {
        return rmsWithUnnormNoise(fmin, fmax, nphots, Normalization.ABS);
    }

    /**
     * The Poisson noise level of this spectrum in its normalisation (science.md §5, Stingray
     * {@code poisson_level(norm, meanrate, n_ph)}, no background): leahy 2, frac {@code 2/r̄},
     * abs {@code 2·r̄}, none {@code N_ph}, with {@code r̄} = {@link #meanRate()}.
     */
    public double poissonLevel() {
        return norm.poissonLevel(meanRate(), nphots, 0.0);
    }

    /**
     * The same spectrum with the Poisson noise level subtracted: {@code power - }{@link #poissonLevel()},
     * {@code unnormPower - N_ph}; errors unchanged. Do not compute rms or p-values from the result (both
     * expect the noise in the powers).
     */
    public AveragedPowerSpectrum noiseSubtracted() {
        double level = poissonLevel();
        double[] p = new double[power.length];
        double[] u = new double[power.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = power[j] - level;
            u[j] = unnormPower[j] - nphots;
        }
        return new AveragedPowerSpectrum(freq, p, powerErr, u, unnormPowerErr, m, k, segments, n, df, dt, nphots,
                mean, norm, segmentSize, gti);
    }

    /**
     * Per-bin probability that white noise gives at least the observed power (Stingray
     * {@code pds_probability(leahy_power, ntrial, n_summed_spectra=m)}, science.md §16): computed on the
     * Leahy powers, which for another normalisation are {@code (unnormPower·2)/N_ph}.
     *
     * @param ntrial number of trials to correct for (1 = single trial; the number of bins for a blind search)
     */
    public double[] pValues(double ntrial) {
        double[] leahy = leahyPower();
        double[] p = new double[leahy.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = Significance.pdsProbability(leahy[j], ntrial, m[j], 1);
        }
        return p;
    }

    /**
     * Natural logs of {@link #pValues} (Stingray {@code pds_logprobability}): finite also for powers so large
     * that the p-value underflows to 0, e.g. for {@link Significance#equivalentGaussianNsigmaFromLogP}.
     */
    public double[] logPValues(double ntrial) {
        double[] leahy = leahyPower();
        double[] logP = new double[leahy.length];
        for (int j = 0; j < logP.length; j++) {
            logP[j] = Significance.pdsLogProbability(leahy[j], ntrial, m[j], 1);
        }
        return logP;
    }

    /**
     * Upper limit on a signal at the highest Leahy power with {@code fmin ≤ ν ≤ fmax} ({@link PowerUpperLimit}:
     * Stingray {@code power_upper_limit(P, n=m, c, summed_flag=False)} and the amplitude and pulsed fraction for the
     * {@code N_ph} photons per segment).
     *
     * @throws InvalidParameterException if no bin lies in the range
     */
    public PowerUpperLimit upperLimit(double fmin, double fmax, double confidence) {
        IntegratedRms.countInRange(freq, fmin, fmax);
        double[] leahy = leahyPower();
        int best = -1;
        for (int j = 0; j < freq.length; j++) {
            if (freq[j] >= fmin && freq[j] <= fmax && (best < 0 || leahy[j] > leahy[best])) {
                best = j;
            }
        }
        return PowerUpperLimit.of(freq[best], leahy[best], m[best], nphots, confidence);
    }

    /** The powers in Leahy normalisation: {@code power} itself, or {@code (unnormPower·2)/N_ph}. */
    private double[] leahyPower() {
        return norm == Normalization.LEAHY ? power : Norms.apply(unnormPower, Normalization.LEAHY, dt, n, mean, nphots);
    }

    /**
     * Stingray {@code Powerspectrum.classical_significances(threshold, trial_correction)}: the bins whose
     * {@link #pValues} (with {@code ntrial} = number of bins if {@code trialCorrection}, else 1) are below
     * {@code threshold}.
     *
     * @throws InvalidParameterException unless the spectrum is Leahy-normalised (as Stingray)
     */
    public ClassicalSignificances classicalSignificances(double threshold, boolean trialCorrection) {
        if (norm != Normalization.LEAHY) {
            throw new InvalidParameterException("norm", norm.label(), "leahy for classical significances");
        }
        return ClassicalSignificances.below(pValues(trialCorrection ? power.length : 1), threshold);
    }

    /**
     * Per bin, the power (in this spectrum's normalisation) that white noise exceeds with probability
     * {@code epsilon} over {@code ntrial} trials: Stingray {@code pds_detection_level(epsilon, ntrial,
     * n_summed_spectra=m)} in Leahy units, converted to {@code norm} through the unnormalised power.
     */
    public double[] detectionLevel(double epsilon, double ntrial) {
        double[] level = new double[m.length];
        for (int j = 0; j < level.length; j++) {
            double leahy = Significance.pdsDetectionLevel(epsilon, ntrial, m[j], 1);
            level[j] = norm == Normalization.LEAHY ? leahy
                    : Norms.apply(Norms.unnormalize(leahy, Normalization.LEAHY, dt, n, nphots), norm, dt, n, mean, nphots);
        }
        return level;
    }

    private Rms rmsWithUnnormNoise(double fmin, double fmax, double noiseUnnorm, Normalization kind) {
        int count = IntegratedRms.countInRange(freq, fmin, fmax);
        double[] p = new double[count];
        double[] dfs = new double[count];
        double[] ms = new double[count];
        int i = 0;
        for (int j = 0; j < freq.length; j++) {
            if (freq[j] >= fmin && freq[j] <= fmax) {
                p[i] = unnormPower[j];
                dfs[i] = df * k[j];
                ms[i] = m[j];
                i++;
            }
        }
        return IntegratedRms.fromUnnorm(p, nphots, dfs, ms, noiseUnnorm, segmentSize, kind);
    }

    /** The same spectrum with errors {@code power/√m} and {@code unnormPower/√m} (Stingray's default errors). */
    AveragedPowerSpectrum withPoissonErrors() {
        double[] pe = new double[power.length];
        double[] ue = new double[power.length];
        for (int j = 0; j < pe.length; j++) {
            double s = Math.sqrt(m[j]);
            pe[j] = power[j] / s;
            ue[j] = unnormPower[j] / s;
        }
        return new AveragedPowerSpectrum(freq, power, pe, unnormPower, ue, m, k, segments, n, df, dt, nphots, mean,
                norm, segmentSize, gti);
    }

    private double uniformM(String operation) {
        for (double v : m) {
            if (v != m[0]) {
                throw new InvalidParameterException("m", "per-bin values", operation
                        + " of a spectrum whose m is the same in every bin (rebin before log-rebinning, not after)");
            }
        }
        return m[0];
    }

    /** Positive Fourier frequencies of a segment (package use). */
    static double[] frequencies(SegmentSpec spec) {
        return FourierKernels.frequencies(spec.nbin(), spec.dt());
    }
}
