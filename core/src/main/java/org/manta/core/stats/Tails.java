package org.manta.core.stats;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;
import org.manta.core.InvalidParameterException;

/**
 * Upper-tail (survival) probabilities and their inverses, computed from the tail itself so that tiny
 * probabilities keep their relative precision (scipy's {@code sf}/{@code isf}; {@code 1 - cdf} would
 * lose it below about 1e-8).
 */
public final class Tails {
    /** Brent's relative accuracy on the abscissa: a few ULPs. */
    private static final double X_RELATIVE_ACCURACY = 1e-15;
    /** Brent's absolute accuracy on the abscissa, for roots near 0. */
    private static final double X_ABSOLUTE_ACCURACY = 1e-300;
    /** Brent stops when |ln sf(x) - ln p| is below this: a relative error of 1e-15 on p. */
    private static final double LOG_P_ACCURACY = 1e-15;
    private static final int MAX_EVALUATIONS = 1000;
    /** Beyond 40σ the normal tail is below 1e-300 (Commons Math's own cut). */
    private static final double NORMAL_BRACKET = 40.0;
    /**
     * Beyond 30σ (a tail of 5e-198, still a normal double) {@link #normalLogSf} uses the asymptotic series,
     * which there converges in a few terms.
     */
    private static final double NORMAL_LOG_ASYMPTOTIC = 30.0;
    /** Stingray's switch to the asymptotic log-tail: reduced χ² above 15, or above 6 with more than 150 dof. */
    private static final double ASYMPTOTIC_REDUCED_CHI2 = 15.0;
    private static final double ASYMPTOTIC_MANY_DOF = 150;
    private static final double ASYMPTOTIC_REDUCED_CHI2_MANY_DOF = 6.0;
    /** The asymptotic series stops at a term below this (Stingray, after PRESTO). */
    private static final double ASYMPTOTIC_SERIES_TOLERANCE = 1e-15;
    private static final double HALF_LOG_TWO_PI = 0.91893853320467267;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0.0, 1.0);

    private Tails() {
    }

    /**
     * χ² survival function {@code Q(dof/2, x/2)} (scipy {@code stats.chi2.sf(x, dof)}); 1 for {@code x <= 0}.
     *
     * @param x   the statistic, ≥ 0
     * @param dof degrees of freedom, positive
     */
    public static double chi2Sf(double x, double dof) {
        if (x <= 0) {
            return 1.0;
        }
        return Gamma.regularizedGammaQ(0.5 * dof, 0.5 * x);
    }

    /**
     * Inverse χ² survival function (scipy {@code stats.chi2.isf(p, dof)}): the {@code x} with
     * {@code chi2Sf(x, dof) = p}; 0 for {@code p >= 1}, infinity for {@code p <= 0}, NaN for NaN.
     */
    public static double chi2Isf(double p, double dof) {
        if (Double.isNaN(p)) {
            return Double.NaN;
        }
        if (p >= 1) {
            return 0.0;
        }
        if (p <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double hi = Math.max(1.0, 2 * dof);
        while (chi2Sf(hi, dof) > p) {
            hi *= 2;
        }
        return solveDecreasing(x -> chi2Sf(x, dof), p, 0.0, hi);
    }

    /**
     * Natural log of the χ² survival function as Stingray computes it ({@code stats.chi2_logp(chi2, dof)}): for
     * {@code χ²/dof > 15}, or {@code dof > 150} and {@code χ²/dof > 6}, the asymptotic
     * {@code ln Γ(a, z) - ln Γ(a)} with {@code a = dof/2}, {@code z = χ²/2} (Abramowitz &amp; Stegun 6.5.32 and
     * 6.1.41, as in PRESTO), which stays finite where the tail underflows; otherwise {@code ln chi2Sf}.
     *
     * @throws InvalidParameterException if {@code dof < 2} (as Stingray)
     */
    public static double chi2LogSf(double chi2, double dof) {
        if (dof < 2) {
            throw new InvalidParameterException("dof", dof, "at least 2 degrees of freedom");
        }
        double reduced = chi2 / dof;
        if (reduced > ASYMPTOTIC_REDUCED_CHI2 || (dof > ASYMPTOTIC_MANY_DOF && reduced > ASYMPTOTIC_REDUCED_CHI2_MANY_DOF)) {
            return logAsymptoticIncompleteGamma(0.5 * dof, 0.5 * chi2) - logAsymptoticGamma(0.5 * dof);
        }
        return Math.log(chi2Sf(chi2, dof));
    }

    /** {@code ln Γ(a, z)} for large z: {@code (a-1) ln z - z + ln(1 + Σ_i (a-1)…(a-i)/z^i)} (A&amp;S 6.5.32). */
    private static double logAsymptoticIncompleteGamma(double a, double z) {
        double x = 1.0;
        double newPart = 1.0;
        double term = 1.0;
        for (int i = 1; Math.abs(newPart) > ASYMPTOTIC_SERIES_TOLERANCE; i++) {
            term *= a - i;
            newPart = term / Math.pow(z, i);
            x += newPart;
        }
        return (a - 1.0) * Math.log(z) - z + Math.log(x);
    }

    /** Stirling's series for {@code ln Γ(z)} with Stingray's four correction terms (A&amp;S 6.1.41). */
    private static double logAsymptoticGamma(double z) {
        double x = (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI;
        double y = 1.0 / (z * z);
        x += (((-1.0 / 1680 * y + 1.0 / 1260) * y - 1.0 / 360) * y + 1.0 / 12) / z;
        return x;
    }

    /** Standard normal survival function {@code 1 - Φ(x)}, computed as {@code Φ(-x)} (scipy {@code norm.sf}). */
    public static double normalSf(double x) {
        return STANDARD_NORMAL.cumulativeProbability(-x);
    }

    /**
     * Natural log of {@link #normalSf}, finite where the tail underflows: beyond {@value #NORMAL_LOG_ASYMPTOTIC}σ it is
     * {@code ln ½ + ln Γ(½, x²/2) - ln Γ(½)} with the asymptotic incomplete gamma of {@link #chi2LogSf}
     * ({@code sf(x) = ½·erfc(x/√2)}).
     */
    public static double normalLogSf(double x) {
        if (x < NORMAL_LOG_ASYMPTOTIC) {
            return Math.log(normalSf(x));
        }
        return Math.log(0.5) + logAsymptoticIncompleteGamma(0.5, 0.5 * x * x) - 0.5 * Math.log(Math.PI);
    }

    /**
     * Inverse standard normal survival function (scipy {@code norm.isf(p)}): the {@code x} with
     * {@code normalSf(x) = p}; ±infinity for p = 0 or 1, NaN outside [0, 1].
     */
    public static double normalIsf(double p) {
        if (Double.isNaN(p) || p < 0 || p > 1) {
            return Double.NaN;
        }
        if (p == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (p == 1) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p > 0.5) {
            return -normalIsf(1 - p);
        }
        return solveDecreasing(Tails::normalSf, p, 0.0, NORMAL_BRACKET);
    }

    /** The root of {@code ln sf(x) = ln p} in {@code [lo, hi]}, where {@code sf} decreases and brackets p. */
    static double solveDecreasing(DoubleUnaryOperator sf, double p, double lo, double hi) {
        double logP = Math.log(p);
        BrentSolver solver = new BrentSolver(X_RELATIVE_ACCURACY, X_ABSOLUTE_ACCURACY, LOG_P_ACCURACY);
        return solver.solve(MAX_EVALUATIONS, x -> Math.log(Math.max(sf.applyAsDouble(x), Double.MIN_VALUE)) - logP,
                lo, hi);
    }
}
