package org.manta.core.spectrum;

import java.util.Arrays;
import java.util.Optional;
import org.manta.core.InvalidParameterException;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.gti.GtiList;
import org.manta.core.stats.ClassicalSignificances;
import org.manta.core.stats.Significance;

/**
 * An averaged cross spectrum {@code C = ⟨X1*·X2⟩} between a subject band (channel 1) and a reference
 * band (channel 2) (Stingray {@code AveragedCrossspectrum}, science.md §7), with the auxiliary power
 * spectra of both bands. Errors follow §7.1 (Ingram 2019, independent bands) and are always computed
 * from the unnormalised quantities and the per-bin {@code m} this object holds, also after a rebin
 * (errata H1: Stingray recomputes them on the first lag call after rebinning; this record does it
 * when it is made). Arrays are owned by the record: do not modify them.
 *
 * <p>Sign convention: a positive phase or time lag means the subject band lags the reference band.
 *
 * @param freq           bin frequencies, Hz
 * @param power          normalised cross power (complex)
 * @param powerErr       {@code δRe + i·δIm} normalised like {@code power}
 * @param unnormPower    averaged unnormalised cross power {@code ⟨X1*·X2⟩}, counts²
 * @param unnormPowerErr {@code δRe + i·δIm}, unnormalised (§7.1; where either is NaN both are
 *                       {@code √(2/m)·N_ph/2})
 * @param phaseLagErr    phase-lag uncertainty {@code δφ} per bin, rad
 * @param pds1           averaged power spectrum of the subject band (normalised with its own mean)
 * @param pds2           averaged power spectrum of the reference band
 * @param m              per bin, number of averaged powers
 * @param k              per bin, number of merged frequency bins (log rebin), else 1
 * @param segments       number of averaged segments M
 * @param n              bins per segment N
 * @param df             frequency resolution, Hz
 * @param dt             bin time, s
 * @param nphots         geometric mean photons per segment {@code √(N_ph,1·N_ph,2)}
 * @param nphots1        mean subject-band photons per segment
 * @param nphots2        mean reference-band photons per segment
 * @param mean           {@code nphots/N}, counts per bin
 * @param norm           normalisation of {@code power}
 * @param segmentSize    {@code N·dt}, s
 * @param gti            GTIs the spectrum was computed on, when known
 */
public record AveragedCrossSpectrum(
        double[] freq,
        ComplexArray power,
        ComplexArray powerErr,
        ComplexArray unnormPower,
        ComplexArray unnormPowerErr,
        double[] phaseLagErr,
        AveragedPowerSpectrum pds1,
        AveragedPowerSpectrum pds2,
        double[] m,
        int[] k,
        int segments,
        int n,
        double df,
        double dt,
        double nphots,
        double nphots1,
        double nphots2,
        double mean,
        Normalization norm,
        double segmentSize,
        Optional<GtiList> gti) {

    /**
     * Builds the spectrum from its averaged quantities and computes the §7.1 errors from them
     * (Stingray {@code AveragedCrossspectrum._calculate_errors}); also how a saved spectrum is taken up again
     * (its power, unnormalised power and auxiliary spectra are all that the errors, lags and rebinning need).
     */
    public static AveragedCrossSpectrum withErrors(double[] freq, ComplexArray power, ComplexArray unnorm,
            AveragedPowerSpectrum pds1, AveragedPowerSpectrum pds2, double[] m, int[] k, int segments, int n, double df,
            double dt, double nphots1, double nphots2, Normalization norm, double segmentSize, Optional<GtiList> gti) {
        int len = freq.length;
        double nph = Math.sqrt(nphots1 * nphots2);
        double mean = nph / n;
        ComplexArray unnormErr = ComplexArray.zeros(len);
        ComplexArray powerErr = ComplexArray.zeros(len);
        double[] dPhi = new double[len];
        double[] p1 = pds1.unnormPower();
        double[] p2 = pds2.unnormPower();
        for (int j = 0; j < len; j++) {
            double[] e = CrossStatistics.crossSpectrumErrors(unnorm.re()[j], unnorm.im()[j], p1[j], p2[j], nphots1,
                    nphots2, m[j]);
            double dRe = e[0];
            double dIm = e[1];
            if (Double.isNaN(dRe) || Double.isNaN(dIm)) {
                double fallback = Math.sqrt(2 / m[j]) * nph / 2;
                dRe = fallback;
                dIm = fallback;
            }
            unnormErr.re()[j] = dRe;
            unnormErr.im()[j] = dIm;
            powerErr.re()[j] = Norms.apply(dRe, norm, dt, n, mean, nph);
            powerErr.im()[j] = Norms.apply(dIm, norm, dt, n, mean, nph);
            dPhi[j] = e[2];
        }
        return new AveragedCrossSpectrum(freq, power, powerErr, unnorm, unnormErr, dPhi, pds1.withPoissonErrors(),
                pds2.withPoissonErrors(), m, k, segments, n, df, dt, nph, nphots1, nphots2, mean, norm, segmentSize,
                gti);
    }

    /** Mean subject-band counts per bin, {@code nphots1/N}. */
    public double mean1() {
        return nphots1 / n;
    }

    /** Mean reference-band counts per bin, {@code nphots2/N}. */
    public double mean2() {
        return nphots2 / n;
    }

    /** The same spectrum with its GTIs recorded. */
    public AveragedCrossSpectrum withGti(GtiList gtis) {
        return new AveragedCrossSpectrum(freq, power, powerErr, unnormPower, unnormPowerErr, phaseLagErr,
                pds1.withGti(gtis), pds2.withGti(gtis), m, k, segments, n, df, dt, nphots, nphots1, nphots2, mean, norm,
                segmentSize, Optional.of(gtis));
    }

    /**
     * Phase lag {@code φ_j = arg⟨C_j⟩} in {@code (-π, π]} (Stingray {@code phase_lag()}, science.md §9)
     * and its uncertainty {@code δφ} (§7.1).
     */
    public Estimates phaseLag() {
        double[] phi = new double[freq.length];
        for (int j = 0; j < phi.length; j++) {
            phi[j] = unnormPower.arg(j);
        }
        return new Estimates(phi, phaseLagErr.clone());
    }

    /**
     * Time lag {@code τ_j = φ_j/(2π·ν_j)} and {@code δτ_j = δφ_j/(2π·ν_j)}, s (Stingray
     * {@code time_lag()}).
     */
    public Estimates timeLag() {
        double[] tau = new double[freq.length];
        double[] err = new double[freq.length];
        for (int j = 0; j < tau.length; j++) {
            double w = 2 * Math.PI * freq[j];
            tau[j] = unnormPower.arg(j) / w;
            err[j] = phaseLagErr[j] / w;
        }
        return new Estimates(tau, err);
    }

    /**
     * Raw coherence {@code g² = max(|C|² - b², 0)/(P1·P2)} and its uncertainty (Stingray
     * {@code raw_coherence()}, science.md §10.2), with noise levels {@code N_ph,1}, {@code N_ph,2} and
     * the per-bin m.
     */
    public Estimates rawCoherence() {
        double[] g = new double[freq.length];
        double[] err = new double[freq.length];
        for (int j = 0; j < g.length; j++) {
            g[j] = CrossStatistics.rawCoherence(unnormPower.re()[j], unnormPower.im()[j], pds1.unnormPower()[j],
                    pds2.unnormPower()[j], nphots1, nphots2, m[j]);
            err[j] = CrossStatistics.rawCoherenceError(g[j], m[j]);
        }
        return new Estimates(g, err);
    }

    /**
     * Stingray {@code Crossspectrum.classical_significances(threshold, trial_correction)} (science.md §16):
     * per bin the {@link Significance#cospectraPvalue} of the Leahy cospectrum (real part of
     * {@code power}) with {@code M = m}; bins below {@code threshold}, which {@code trialCorrection}
     * divides by the number of bins.
     *
     * @throws InvalidParameterException unless the spectrum is Leahy-normalised (as Stingray)
     */
    public ClassicalSignificances classicalSignificances(double threshold, boolean trialCorrection) {
        if (norm != Normalization.LEAHY) {
            throw new InvalidParameterException("norm", norm.label(), "leahy for classical significances");
        }
        return ClassicalSignificances.below(cospectraPValues(1), trialCorrection ? threshold / freq.length : threshold);
    }

    /**
     * Per-bin probability that white noise gives at least the observed cospectral power (Stingray
     * {@code cospectra_pvalue(leahy_cospectrum, m)}, Huppenkothen &amp; Bachetti 2018), corrected for
     * {@code ntrial} trials with {@link Significance#pMultitrialFromSingleTrial}; computed on the Leahy cospectrum,
     * which for another normalisation is {@code Re(unnormPower)·2/N_ph}.
     *
     * @param ntrial number of trials to correct for (1 = single trial; the number of bins for a blind search)
     */
    public double[] cospectraPValues(double ntrial) {
        double[] co = leahyCospectrum();
        double[] p = new double[co.length];
        for (int j = 0; j < p.length; j++) {
            double p1 = Significance.cospectraPvalue(co[j], cospectraCount(j));
            p[j] = ntrial == 1 ? p1 : Significance.pMultitrialFromSingleTrial(p1, ntrial);
        }
        return p;
    }

    /** Natural logs of {@link #cospectraPValues}, finite also where the p-value underflows (for the Gaussian sigma). */
    public double[] cospectraLogPValues(double ntrial) {
        double[] co = leahyCospectrum();
        double[] logP = new double[co.length];
        for (int j = 0; j < logP.length; j++) {
            logP[j] = Significance.logPMultitrialFromSingleLogP(
                    Significance.cospectraLogPvalue(co[j], cospectraCount(j)), ntrial);
        }
        return logP;
    }

    /**
     * Per bin, the cospectral power (real part of {@code power}, in this spectrum's normalisation) that white noise
     * exceeds with probability {@code epsilon} over {@code ntrial} trials ({@link Significance#cospectraDetectionLevel}
     * with {@code M = m}, converted from Leahy units through the unnormalised power).
     */
    public double[] cospectraDetectionLevel(double epsilon, double ntrial) {
        double[] level = new double[freq.length];
        for (int j = 0; j < level.length; j++) {
            double leahy = Significance.cospectraDetectionLevel(epsilon, ntrial, cospectraCount(j));
            level[j] = norm == Normalization.LEAHY ? leahy
                    : Norms.apply(Norms.unnormalize(leahy, Normalization.LEAHY, dt, n, nphots), norm, dt, n, mean, nphots);
        }
        return level;
    }

    /** The real part of the cross power in Leahy normalisation: {@code power.re()}, or {@code Re(unnormPower)·2/N_ph}. */
    private double[] leahyCospectrum() {
        return norm == Normalization.LEAHY ? power.re()
                : Norms.apply(unnormPower.re(), Normalization.LEAHY, dt, n, mean, nphots);
    }

    /** Number of cospectra averaged in bin {@code j}: its m, as an integer (Stingray passes {@code self.m}). */
    private int cospectraCount(int j) {
        return (int) Math.round(m[j]);
    }

    /** Intrinsic coherence (Stingray {@code intrinsic_coherence(adjust_bias=False)}, science.md §10.3). */
    public Estimates intrinsicCoherence() {
        return intrinsicCoherence(false);
    }

    /** Intrinsic coherence, optionally with the iterated bias term (Ingram 2019 §5). */
    public Estimates intrinsicCoherence(boolean adjustBias) {
        double[] g = new double[freq.length];
        double[] err = new double[freq.length];
        for (int j = 0; j < g.length; j++) {
            double[] r = CrossStatistics.intrinsicCoherence(unnormPower.re()[j], unnormPower.im()[j],
                    pds1.unnormPower()[j], pds2.unnormPower()[j], nphots1, nphots2, m[j], adjustBias);
            g[j] = r[0];
            err[j] = r[1];
        }
        return new Estimates(g, err);
    }

    /**
     * Logarithmic rebin (Stingray {@code rebin_log(f)}, science.md §8.2): power, unnormalised power
     * and the auxiliary spectra rebinned (Re and Im separately), {@code m = k·m}; then every error is
     * recomputed from the rebinned unnormalised quantities and the per-bin m (errata H1).
     *
     * @param f growth factor of the bin width, positive
     */
    public AveragedCrossSpectrum rebinLog(double f) {
        double mOld = uniformM("rebinLog");
        Rebin.LogComplex p = Rebin.log(freq, power, null, f, df);
        Rebin.LogComplex u = Rebin.log(freq, unnormPower, null, f, df);
        int[] ns = p.nsamples();
        double[] newM = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            newM[i] = ns[i] * mOld;
        }
        return withErrors(p.x(), p.y(), u.y(), pds1.rebinLog(f), pds2.rebinLog(f), newM, ns, segments, n, df, dt,
                nphots1, nphots2, norm, segmentSize, gti);
    }

    /**
     * Linear rebin to {@code dfNew} (Stingray {@code rebin(df=dfNew)}, science.md §8.1, errata L5):
     * means of the old bins with fractional edge weights, {@code m = rint(step·m)}, {@code df = dfNew};
     * then every error is recomputed from the rebinned unnormalised quantities and m (errata H1).
     * Stingray's transient, propagated complex errors (errata M3) are {@link Rebin#linear(double[],
     * ComplexArray, ComplexArray, double, double[], boolean)}.
     *
     * @param dfNew new resolution, Hz, at least {@code df}
     */
    public AveragedCrossSpectrum rebin(double dfNew) {
        double mOld = uniformM("rebin");
        double[] dx = {df};
        Rebin.LinearComplex p = Rebin.linear(freq, power, null, dfNew, dx, true);
        Rebin.LinearComplex u = Rebin.linear(freq, unnormPower, null, dfNew, dx, true);
        double[] newM = new double[p.x().length];
        for (int i = 0; i < newM.length; i++) {
            double step = p.uniformStep() ? p.step()[0] : p.step()[i];
            newM[i] = Math.rint(step * mOld);
        }
        int[] newK = new int[newM.length];
        Arrays.fill(newK, 1);
        return withErrors(p.x(), p.y(), u.y(), pds1.rebin(dfNew), pds2.rebin(dfNew), newM, newK, segments, n, dfNew,
                dt, nphots1, nphots2, norm, segmentSize, gti);
    }

    private double uniformM(String operation) {
        for (double v : m) {
            if (v != m[0]) {
                throw new InvalidParameterException("m", "per-bin values",
                        operation + " of a spectrum whose m is the same in every bin");
            }
        }
        return m[0];
    }
}
