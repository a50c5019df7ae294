package org.manta.core.stats;

import org.apache.commons.math3.distribution.LaplaceDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.manta.core.InvalidParameterException;

/**
 * Significance of powers under the white-noise hypothesis (science.md §16; Stingray {@code stats.py}):
 * p-values of averaged Leahy powers (χ² with {@code 2·M·r} degrees of freedom), of averaged cospectra
 * (Huppenkothen &amp; Bachetti 2018), detection levels, trial corrections and the equivalent Gaussian
 * significance. Probabilities are upper tails ("probability that noise alone gives at least this").
 */
public final class Significance {
    /** Below {@code ln p = -7} the trial corrections use Bonferroni's linear form (Stingray's switch). */
    static final double BONFERRONI_LOG_P = -7.0;
    /** {@code np.finfo(np.double).resolution}: the decimal resolution of a double. */
    private static final double DOUBLE_RESOLUTION = 1e-15;
    /** Below {@code ln p = -300} the equivalent sigma uses Abramowitz &amp; Stegun 26.2.23. */
    private static final double EXTENDED_SIGMA_LOG_P = -300.0;
    /** Above this number of averaged cospectra their distribution is taken as Gaussian (Stingray). */
    public static final int COSPECTRA_GAUSSIAN_ABOVE = 50;
    /** The cospectral detection level is sought in [-B, B]: for 2 ≤ M ≤ 50 the tail at B = 800 is below 1e-300. */
    private static final double COSPECTRA_BRACKET = 800;

    private Significance() {
    }

    /**
     * Probability that at least one of {@code n} independent trials reaches single-trial probability
     * {@code p1} (Stingray {@code p_multitrial_from_single_trial}): {@code n·p1} (Bonferroni) if
     * {@code ln p1 + ln n < -7}, else {@code 1 - (1 - p1)^n} (Šidák).
     */
    public static double pMultitrialFromSingleTrial(double p1, double n) {
        return Math.exp(logPMultitrialFromSingleLogP(Math.log(p1), n));
    }

    /**
     * {@link #pMultitrialFromSingleTrial} in logs (Stingray {@code _logp_multitrial_from_single_logp}):
     * {@code ln p1 + ln n} if that is below -7, else {@code ln(1 - (1 - p1)^n)}.
     */
    public static double logPMultitrialFromSingleLogP(double logP1, double n) {
        requireTrials(n);
        double logN = Math.log(n);
        if (logP1 + logN < BONFERRONI_LOG_P) {
            return logP1 + logN;
        }
        return Math.log(1 - Math.pow(1 - Math.exp(logP1), n));
    }

    /**
     * Single-trial probability that gives a multi-trial probability {@code pn} over {@code n} trials
     * (Stingray {@code p_single_trial_from_p_multitrial}): {@code pn/n} if {@code ln pn < -7}, else
     * {@code 1 - (1 - pn)^(1/n)}; NaN when {@code 1 - pn} is below 1000 double resolutions
     * (ill-conditioned, as Stingray).
     */
    public static double pSingleTrialFromPMultitrial(double pn, double n) {
        requireTrials(n);
        double logPn = Math.log(pn);
        double logN = Math.log(n);
        if (logPn < BONFERRONI_LOG_P) {
            return Math.exp(logPn - logN);
        }
        if (1 - Math.exp(logPn) < DOUBLE_RESOLUTION * 1000) {
            return Double.NaN;
        }
        double p1 = 1 - Math.pow(1 - Math.exp(logPn), 1 / n);
        return Math.exp(Math.log(p1));
    }

    /**
     * Probability that noise gives a Leahy power of at least {@code level} (Stingray
     * {@code pds_probability(level, ntrial, n_summed_spectra, n_rebin)}): the single-trial
     * {@code Q_χ²(level·M·r; 2·M·r)}, corrected for {@code ntrial} trials.
     *
     * @param level          Leahy power (mean 2 for Poisson noise)
     * @param ntrial         number of trials (1 = no correction)
     * @param nSummedSpectra M, spectra averaged
     * @param nRebin         r, adjacent bins averaged
     */
    public static double pdsProbability(double level, double ntrial, double nSummedSpectra, double nRebin) {
        double mr = requireCount("n_summed_spectra", nSummedSpectra) * requireCount("n_rebin", nRebin);
        return pMultitrialFromSingleTrial(Tails.chi2Sf(level * mr, 2 * mr), ntrial);
    }

    /**
     * Natural log of {@link #pdsProbability} (Stingray {@code pds_logprobability}), finite for powers whose
     * probability underflows a double: {@link Tails#chi2LogSf}{@code (level·M·r, 2·M·r)}, corrected for
     * {@code ntrial} trials with {@link #logPMultitrialFromSingleLogP}.
     */
    public static double pdsLogProbability(double level, double ntrial, double nSummedSpectra, double nRebin) {
        double mr = requireCount("n_summed_spectra", nSummedSpectra) * requireCount("n_rebin", nRebin);
        return logPMultitrialFromSingleLogP(Tails.chi2LogSf(level * mr, 2 * mr), ntrial);
    }

    /**
     * Leahy power that noise exceeds with probability {@code epsilon} over {@code ntrial} trials
     * (Stingray {@code pds_detection_level}): {@code χ²_isf(p1; 2·M·r)/(M·r)}, with {@code p1} the
     * single-trial probability of {@code epsilon}. The inverse of {@link #pdsProbability}.
     */
    public static double pdsDetectionLevel(double epsilon, double ntrial, double nSummedSpectra, double nRebin) {
        requireProbability("epsilon", epsilon);
        double mr = requireCount("n_summed_spectra", nSummedSpectra) * requireCount("n_rebin", nRebin);
        return Tails.chi2Isf(pSingleTrialFromPMultitrial(epsilon, ntrial), 2 * mr) / mr;
    }

    /**
     * Probability that noise gives an averaged Leahy cospectral power of at least {@code power}
     * (Stingray {@code cospectra_pvalue(power, nspec)}; Huppenkothen &amp; Bachetti 2018): for one
     * cospectrum the Laplace(0, 1) tail; above {@value #COSPECTRA_GAUSSIAN_ABOVE} averaged the Gaussian
     * tail with {@code σ = √2/√M}; otherwise {@code 1 - CDF(power)} with their eq. 19,
     * {@code CDF(x) = Σ_{j<M} (M-1+j)!/((M-1)!(M-1-j)! j! 2^(M+j)) · F_j(x)},
     * {@code F_j = Γ(M-j)(2 - Q(M-j, Mx))} for {@code x ≥ 0}, {@code Γ(M-j)Q(M-j, -Mx)} for {@code x < 0}.
     * For {@code x ≥ 0} the tail is summed directly, {@code Σ_j c_j Γ(M-j) Q(M-j, Mx)} (the terms of
     * {@code 1 - CDF} once {@code Σ_j 2 c_j Γ(M-j) = 1} is taken out), so that it keeps its relative precision
     * where Stingray's {@code 1 - CDF} cancels to a few ε (the two agree to 1e-13 absolute).
     *
     * @param power Leahy-normalised cospectral power (real part of the cross spectrum), finite
     * @param nspec number M of averaged cospectra, at least 1
     */
    public static double cospectraPvalue(double power, int nspec) {
        requireCospectrum(power, nspec);
        if (nspec == 1) {
            return new LaplaceDistribution(null, 0.0, 1.0).cumulativeProbability(-power);
        }
        if (nspec > COSPECTRA_GAUSSIAN_ABOVE) {
            return Tails.normalSf(power / cospectraSigma(nspec));
        }
        return power >= 0 ? averagedCospectraTail(power, nspec) : 1.0 - averagedCospectraCdf(power, nspec);
    }

    /**
     * Natural log of {@link #cospectraPvalue}, finite where the p-value underflows a double: {@code ln ½ - x}
     * for one cospectrum and {@code x ≥ 0}, {@link Tails#normalLogSf} above {@value #COSPECTRA_GAUSSIAN_ABOVE},
     * else the log of the directly summed tail.
     */
    public static double cospectraLogPvalue(double power, int nspec) {
        requireCospectrum(power, nspec);
        if (nspec == 1 && power >= 0) {
            return Math.log(0.5) - power;
        }
        if (nspec > COSPECTRA_GAUSSIAN_ABOVE) {
            return Tails.normalLogSf(power / cospectraSigma(nspec));
        }
        return Math.log(cospectraPvalue(power, nspec));
    }

    /**
     * Averaged Leahy cospectral power that noise exceeds with probability {@code epsilon} over {@code ntrial}
     * trials: the inverse of {@link #cospectraPvalue} at the single-trial probability of {@code epsilon}
     * ({@link #pSingleTrialFromPMultitrial}); {@code -ln(2p)} for one cospectrum ({@code p < ½}),
     * {@code σ·norm.isf(p)} above {@value #COSPECTRA_GAUSSIAN_ABOVE} averaged, else the root of
     * {@code ln tail(x) = ln p} (Brent). Stingray has no cospectral detection level; this is the analogue of
     * {@link #pdsDetectionLevel}.
     *
     * @param nspec number M of averaged cospectra, at least 1
     */
    public static double cospectraDetectionLevel(double epsilon, double ntrial, int nspec) {
        requireProbability("epsilon", epsilon);
        requireCospectrum(0.0, nspec);
        double p = pSingleTrialFromPMultitrial(epsilon, ntrial);
        if (nspec == 1) {
            return p < 0.5 ? -Math.log(2 * p) : new LaplaceDistribution(null, 0.0, 1.0).inverseCumulativeProbability(1 - p);
        }
        if (nspec > COSPECTRA_GAUSSIAN_ABOVE) {
            return cospectraSigma(nspec) * Tails.normalIsf(p);
        }
        return Tails.solveDecreasing(x -> cospectraPvalue(x, nspec), p, -COSPECTRA_BRACKET, COSPECTRA_BRACKET);
    }

    /** Standard deviation of the mean of M Leahy cospectra, {@code √2/√M} (Stingray's Gaussian limit). */
    private static double cospectraSigma(int nspec) {
        return Math.sqrt(2) / Math.sqrt(nspec);
    }

    private static void requireCospectrum(double power, int nspec) {
        if (!Double.isFinite(power)) {
            throw new InvalidParameterException("power", power, "a finite number");
        }
        if (nspec < 1) {
            throw new InvalidParameterException("nspec", nspec, "at least 1 averaged cospectrum");
        }
    }

    /** Huppenkothen &amp; Bachetti (2018) eq. 19, in the evaluation order of Stingray's {@code _averaged_cospectra_cdf}. */
    static double averagedCospectraCdf(double x, int n) {
        double cdf = 0;
        for (int j = 0; j < n; j++) {
            int a = n - j;
            double gammaA = Gamma.gamma(a);
            double fac = x >= 0
                    ? 2.0 * gammaA - Gamma.regularizedGammaQ(a, n * x) * gammaA
                    : Gamma.regularizedGammaQ(a, -n * x) * gammaA;
            cdf += cospectraPrefactor(n, j) * fac;
        }
        return cdf;
    }

    /** {@code 1 - CDF(x)} for {@code x ≥ 0} summed from its positive terms {@code c_j Γ(M-j) Q(M-j, Mx)}. */
    static double averagedCospectraTail(double x, int n) {
        double tail = 0;
        for (int j = 0; j < n; j++) {
            int a = n - j;
            tail += cospectraPrefactor(n, j) * Gamma.regularizedGammaQ(a, n * x) * Gamma.gamma(a);
        }
        return tail;
    }

    /** {@code c_j = (M-1+j)!/((M-1)!·(M-1-j)!·j!·2^(M+j))}, in Stingray's order of operations. */
    private static double cospectraPrefactor(int n, int j) {
        double top = CombinatoricsUtils.factorialDouble(n - 1 + j);
        double bottom1 = CombinatoricsUtils.factorialDouble(n - 1);
        double bottom2 = CombinatoricsUtils.factorialDouble(n - 1 - j) * CombinatoricsUtils.factorialDouble(j);
        double bottom3 = Math.pow(2.0, n + j);
        return top / (bottom1 * bottom2 * bottom3);
    }

    /**
     * The number of Gaussian standard deviations whose upper tail is {@code p} (Stingray
     * {@code equivalent_gaussian_Nsigma}, scipy {@code norm.isf(p)}); see {@link #equivalentGaussianNsigmaFromLogP}.
     */
    public static double equivalentGaussianNsigma(double p) {
        return equivalentGaussianNsigmaFromLogP(Math.log(p));
    }

    /**
     * As {@link #equivalentGaussianNsigma} from {@code ln p} (Stingray {@code equivalent_gaussian_Nsigma_from_logp}):
     * {@code norm.isf(exp(logp))}, or for {@code logp < -300} Abramowitz &amp; Stegun 26.2.23,
     * {@code t - (2.515517 + 0.802853t + 0.010328t²)/(1 + 1.432788t + 0.189269t² + 0.001308t³)} with
     * {@code t = √(-2 ln p)}.
     */
    public static double equivalentGaussianNsigmaFromLogP(double logP) {
        if (logP < EXTENDED_SIGMA_LOG_P) {
            double t = Math.sqrt(-2.0 * logP);
            double num = 2.515517 + t * (0.802853 + t * 0.010328);
            double denom = 1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308));
            return t - num / denom;
        }
        return Tails.normalIsf(Math.exp(logP));
    }

    /** The inverse of {@link #equivalentGaussianNsigma}: the upper tail of a standard normal beyond {@code nsigma} (scipy {@code norm.sf}). */
    public static double pFromGaussianNsigma(double nsigma) {
        return Tails.normalSf(nsigma);
    }

    private static void requireTrials(double n) {
        if (!(n >= 1) || Double.isInfinite(n)) {
            throw new InvalidParameterException("ntrial", n, "a finite number of trials, at least 1");
        }
    }

    private static double requireCount(String name, double value) {
        if (!(value >= 1) || Double.isInfinite(value)) {
            throw new InvalidParameterException(name, value, "a finite count, at least 1");
        }
        return value;
    }

    private static void requireProbability(String name, double p) {
        if (!(p > 0 && p < 1)) {
            throw new InvalidParameterException(name, p, "a probability strictly between 0 and 1");
        }
    }
}
