package org.manta.core.lightcurve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;

class PoissonErrorsTest {
    /** Closed forms evaluated with Math.log/log1p: each within 1 ulp, the inverse within 2 ulp more. */
    private static final double CLOSED_FORM_ULPS = 3;
    /**
     * commons-math3's regularized gamma, used here only as an independent check, loses accuracy with
     * the shape (its prefactor exp(a·ln x − x − lnΓ(a)) carries an absolute error ~ a·ε).
     */
    private static final double COMMONS_MATH_RTOL = 1e-12;

    @Test
    void alphaIsTheOneSigmaTail() {
        assertEquals(new NormalDistribution().cumulativeProbability(-1), PoissonErrors.ALPHA, 1e-16);
    }

    @Test
    void smallCountsMatchClosedForms() {
        // n = 0: Q(1, u) = e^-u = α ; n = 1: P(1, l) = 1 - e^-l = α
        double u0 = -Math.log(PoissonErrors.ALPHA);
        assertEquals(u0, PoissonErrors.upper(0), CLOSED_FORM_ULPS * Math.ulp(u0));
        assertEquals(0.0, PoissonErrors.lower(0));
        double l1 = -Math.log1p(-PoissonErrors.ALPHA);
        assertEquals(l1, PoissonErrors.lower(1), CLOSED_FORM_ULPS * Math.ulp(l1));
        assertEquals((u0 - 0 + 0) / 2, PoissonErrors.garwood(0), CLOSED_FORM_ULPS * Math.ulp(u0));
    }

    @Test
    void boundsSolveTheirDefiningEquations() {
        for (long n : new long[] {1, 2, 5, 17, 39, 40, 41, 100, 1000, 12345}) {
            double l = PoissonErrors.lower(n);
            double u = PoissonErrors.upper(n);
            assertEquals(PoissonErrors.ALPHA, Gamma.regularizedGammaP(n, l), COMMONS_MATH_RTOL * PoissonErrors.ALPHA * Math.sqrt(n),
                    "P(n, l) for n = " + n);
            assertEquals(PoissonErrors.ALPHA, Gamma.regularizedGammaQ(n + 1, u), COMMONS_MATH_RTOL * PoissonErrors.ALPHA * Math.sqrt(n),
                    "Q(n+1, u) for n = " + n);
            // the interval is roughly n ± sqrt(n)
            assertEquals(Math.sqrt(n), PoissonErrors.garwood(n), 0.6 + 0.1 * Math.sqrt(n));
        }
    }

    @Test
    void largeCountsApproachSqrtN() {
        // commons-math is too inaccurate to check n = 1e6 (~1e-9); the interval half-width tends to √n
        assertEquals(1000.0, PoissonErrors.garwood(1_000_000), 1.0);
        assertEquals(PoissonErrors.upper(1_000_000) - 1_000_000, 1_000_000 - PoissonErrors.lower(1_000_000), 2.0);
    }

    @Test
    void countsAreTruncatedAndEqualCountsShareTheirError() {
        double[] err = PoissonErrors.garwood(new double[] {2.0, 2.9, 0.0, 2.0});
        assertEquals(err[0], err[1]);
        assertEquals(err[0], err[3]);
        assertEquals(PoissonErrors.garwood(0), err[2]);
        assertArrayEquals(new double[] {PoissonErrors.garwood(2)}, new double[] {err[0]});
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(InvalidParameterException.class, () -> PoissonErrors.garwood(new double[] {1, -1}));
        assertThrows(InvalidParameterException.class, () -> PoissonErrors.garwood(new double[] {Double.NaN}));
    }
}
