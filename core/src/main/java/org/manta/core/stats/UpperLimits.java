package org.manta.core.stats;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.manta.core.InvalidParameterException;

/**
 * Upper limits on a signal from a measured power (Stingray {@code stats.py}; Vaughan et al. 1994, with the
 * noncentral χ² of {@code n} Leahy powers, {@code 2n} degrees of freedom and the signal power as noncentrality):
 * the largest signal power, sinusoidal amplitude or pulsed fraction that would give a power above the measured one
 * with probability {@code c}.
 */
public final class UpperLimits {
    /** Average response of an FFT bin to a sinusoid (1 at the centre, 2/π at the edge): Stingray's {@code fft_corr}. */
    public static final double FFT_BIN_RESPONSE = 0.773;
    private static final double X_RELATIVE_ACCURACY = 1e-15;
    private static final double X_ABSOLUTE_ACCURACY = 1e-14;
    private static final double P_ACCURACY = 1e-17;
    private static final int MAX_EVALUATIONS = 1000;

    private UpperLimits() {
    }

    /**
     * Upper limit on the signal power (Stingray {@code power_upper_limit(pmeas, n, c, summed_flag)}): the
     * noncentrality λ whose {@code (1-c)} quantile of {@code ncx2(2n, λ)} is the measured (summed) power, i.e. the
     * root of {@code CDF_{ncx2(2n, λ)}(P) = 1 - c}; 0 when P is below the noise's own {@code (1-c)} quantile
     * {@code χ²_{2n}.ppf(1-c)}. Stingray finds the same root with {@code brentq} on the quantile.
     *
     * @param pmeas  measured Leahy power: the sum of {@code n} powers, or their mean if not {@code summed}
     * @param n      number of powers summed or averaged (harmonics, bins, spectra), at least 1
     * @param c      confidence, e.g. 0.95
     * @param summed whether {@code pmeas} is a sum (Z²_n) rather than a mean (an averaged spectrum)
     * @return the signal power on the scale of {@code pmeas}
     */
    public static double powerUpperLimit(double pmeas, double n, double c, boolean summed) {
        requireInputs(pmeas, n, c);
        double p = summed ? pmeas : pmeas * n;
        double dof = 2 * n;
        if (p < Tails.chi2Isf(c, dof)) {
            return 0.0;
        }
        double target = 1 - c;
        double hi = Math.max(1.0, p);
        while (new NoncentralChiSquared(dof, hi).cumulativeProbability(p) > target) {
            hi *= 2;
        }
        BrentSolver solver = new BrentSolver(X_RELATIVE_ACCURACY, X_ABSOLUTE_ACCURACY, P_ACCURACY);
        double lambda = solver.solve(MAX_EVALUATIONS,
                nc -> new NoncentralChiSquared(dof, nc).cumulativeProbability(p) - target, 0.0, hi);
        return summed ? lambda : lambda / n;
    }

    /**
     * Upper limit on the fractional amplitude {@code a} of a modulation {@code p̄(1 + a sin x)} (Stingray
     * {@code amplitude_upper_limit}): {@code a = √(2·P_up/counts)} ({@link #powerUpperLimit}), divided by
     * {@code √0.773} with {@code fftCorr} and by {@code sinc(π/2·nyqRatio)} for {@code nyqRatio > 0}.
     *
     * @param counts   photons of the light curve the power was computed from (per spectrum, if averaged)
     * @param nyqRatio the frequency over the Nyquist frequency (0: no correction)
     */
    public static double amplitudeUpperLimit(double pmeas, double counts, double n, double c, boolean fftCorr,
                                             double nyqRatio, boolean summed) {
        if (!(counts > 0) || Double.isInfinite(counts)) {
            throw new InvalidParameterException("counts", counts, "a positive number of photons");
        }
        double a = Math.sqrt(2 * powerUpperLimit(pmeas, n, c, summed) / counts);
        if (fftCorr) {
            a *= 1 / Math.sqrt(FFT_BIN_RESPONSE);
        }
        if (nyqRatio > 0) {
            double x = Math.PI / 2 * nyqRatio;
            a /= Math.sin(x) / x;
        }
        return a;
    }

    /** Upper limit on the pulsed fraction (Stingray {@code pf_upper_limit}): {@link #pfFromA} of {@link #amplitudeUpperLimit}. */
    public static double pfUpperLimit(double pmeas, double counts, double n, double c, boolean fftCorr,
                                      double nyqRatio, boolean summed) {
        return pfFromA(amplitudeUpperLimit(pmeas, counts, n, c, fftCorr, nyqRatio, summed));
    }

    /** Pulsed fraction {@code 2a/(1+a)} of a modulation of fractional amplitude a (Stingray {@code pf_from_a}). */
    public static double pfFromA(double a) {
        return 2 * a / (1 + a);
    }

    /**
     * The symmetric {@code c} interval of the power measured for a signal power {@code preal} (Stingray
     * {@code power_confidence_limits}): the {@code (1∓c)/2} quantiles of {@code ncx2(2n, preal)}, or for averaged
     * powers of {@code ncx2(2n, n·preal)} divided by n.
     *
     * @return {@code [lo, hi]}
     */
    public static double[] powerConfidenceLimits(double preal, double n, double c, boolean summed) {
        requireInputs(preal, n, c);
        NoncentralChiSquared ncx2 = new NoncentralChiSquared(2 * n, summed ? preal : preal * n);
        double scale = summed ? 1 : n;
        return new double[] {ncx2.inverseCumulativeProbability((1 - c) / 2) / scale,
            ncx2.inverseCumulativeProbability((1 + c) / 2) / scale};
    }

    private static void requireInputs(double power, double n, double c) {
        if (!(power >= 0) || Double.isInfinite(power)) {
            throw new InvalidParameterException("power", power, "a finite power, at least 0");
        }
        if (!(n >= 1) || Double.isInfinite(n)) {
            throw new InvalidParameterException("n", n, "a finite number of powers, at least 1");
        }
        if (!(c > 0 && c < 1)) {
            throw new InvalidParameterException("confidence", c, "a probability strictly between 0 and 1");
        }
    }
}
