package org.manta.core.simulate;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;

/**
 * Poisson random numbers: Knuth's multiplication method for small means, and Hörmann's transformed rejection
 * with squeeze (PTRS; W. Hörmann 1993, Insurance: Mathematics and Economics 12, 39) for means of 10 or more.
 */
final class Poisson {
    private static final double PTRS_THRESHOLD = 10;

    private Poisson() {
    }

    /** A Poisson(mean) deviate; 0 for {@code mean <= 0}. */
    static int sample(double mean, SplittableRandom rng) {
        if (!(mean > 0)) {
            return 0;
        }
        if (mean < PTRS_THRESHOLD) {
            double limit = Math.exp(-mean);
            double p = rng.nextDouble();
            int k = 0;
            while (p > limit) {
                p *= rng.nextDouble();
                k++;
            }
            return k;
        }
        double slam = Math.sqrt(mean);
        double logLam = Math.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return (int) k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
                    <= -mean + k * logLam - Gamma.logGamma(k + 1.0)) {
                return (int) k;
            }
        }
    }
}
