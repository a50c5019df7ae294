package org.manta.core.stats;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.special.Gamma;
import org.manta.core.InvalidParameterException;

/**
 * The noncentral χ² distribution (scipy {@code stats.ncx2(dof, nc)}), which Commons Math does not have: the
 * Poisson mixture of central χ² distributions, {@code CDF(x) = Σ_j Pois(j; nc/2)·P(dof/2 + j, x/2)}, with Commons
 * Math's Poisson weights and regularized gamma function, summed outwards from the Poisson mode.
 *
 * @param dof degrees of freedom, positive
 * @param nc  noncentrality parameter λ (the signal power), ≥ 0
 */
public record NoncentralChiSquared(double dof, double nc) {
    /** A Poisson weight below this fraction of the sum is left out (each term is at most its weight). */
    private static final double WEIGHT_CUTOFF = 1e-18;
    /** Brent's relative accuracy on the abscissa (a few ULPs) and its absolute accuracy near 0. */
    private static final double X_RELATIVE_ACCURACY = 1e-15;
    private static final double X_ABSOLUTE_ACCURACY = 1e-300;
    private static final double P_ACCURACY = 1e-17;
    private static final int MAX_EVALUATIONS = 1000;

    public NoncentralChiSquared {
        if (!(dof > 0) || Double.isInfinite(dof)) {
            throw new InvalidParameterException("dof", dof, "a positive number of degrees of freedom");
        }
        if (!(nc >= 0) || Double.isInfinite(nc)) {
            throw new InvalidParameterException("nc", nc, "a finite noncentrality, at least 0");
        }
    }

    /** {@code P(X ≤ x)}; 0 for {@code x ≤ 0}. */
    public double cumulativeProbability(double x) {
        if (x <= 0) {
            return 0.0;
        }
        double a = 0.5 * dof;
        double z = 0.5 * x;
        if (nc == 0) {
            return Gamma.regularizedGammaP(a, z);
        }
        PoissonDistribution poisson = new PoissonDistribution(null, 0.5 * nc, PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS);
        int mode = (int) Math.floor(0.5 * nc);
        double sum = 0;
        for (int j = mode; j >= 0; j--) {
            double w = poisson.probability(j);
            sum += w * Gamma.regularizedGammaP(a + j, z);
            if (w < WEIGHT_CUTOFF * sum) {
                break;
            }
        }
        for (int j = mode + 1; ; j++) {
            double w = poisson.probability(j);
            sum += w * Gamma.regularizedGammaP(a + j, z);
            if (w < WEIGHT_CUTOFF * sum || w == 0) {
                break;
            }
        }
        return Math.min(sum, 1.0);
    }

    /** The quantile (scipy {@code ppf(q)}): the {@code x} with {@code cumulativeProbability(x) = q}, for 0 &lt; q &lt; 1. */
    public double inverseCumulativeProbability(double q) {
        if (!(q > 0 && q < 1)) {
            throw new InvalidParameterException("q", q, "a probability strictly between 0 and 1");
        }
        double hi = Math.max(1.0, dof + nc);
        while (cumulativeProbability(hi) < q) {
            hi *= 2;
        }
        BrentSolver solver = new BrentSolver(X_RELATIVE_ACCURACY, X_ABSOLUTE_ACCURACY, P_ACCURACY);
        return solver.solve(MAX_EVALUATIONS, x -> cumulativeProbability(x) - q, 0.0, hi);
    }
}
