package org.manta.core.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoissonTest {
    private static final int DRAWS = 200_000;
    /** Sample mean and variance within 6 standard errors (σ_mean = sqrt(λ/N), σ_var ≈ λ·sqrt(2/N) for large λ). */
    private static final double SIGMAS = 6;

    @Test
    void meanAndVarianceForSmallAndLargeMeans() {
        SplittableRandom rng = new SplittableRandom(42);
        for (double lambda : new double[] {0.05, 0.3, 2.5, 9.9, 10, 37.5, 1000, 1e6}) {
            double sum = 0;
            double sum2 = 0;
            for (int i = 0; i < DRAWS; i++) {
                int k = Poisson.sample(lambda, rng);
                sum += k;
                sum2 += (double) k * k;
            }
            double mean = sum / DRAWS;
            double var = sum2 / DRAWS - mean * mean;
            assertEquals(lambda, mean, SIGMAS * Math.sqrt(lambda / DRAWS), "mean for λ = " + lambda);
            double varErr = Math.sqrt((lambda + 2 * lambda * lambda) / DRAWS);   // fourth central moment λ + 3λ²
            assertEquals(lambda, var, SIGMAS * varErr, "variance for λ = " + lambda);
        }
    }

    @Test
    void nonPositiveMeanGivesZero() {
        SplittableRandom rng = new SplittableRandom(1);
        assertEquals(0, Poisson.sample(0, rng));
        assertEquals(0, Poisson.sample(-3, rng));
        assertEquals(0, Poisson.sample(Double.NaN, rng));
    }
}
