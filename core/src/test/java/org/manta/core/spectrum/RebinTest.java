package org.manta.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.fourier.ComplexArray;

class RebinTest {
    /** A handful of weighted sums and one square root: a few ulp. */
    static final double TOL = 1e-14;

    private static double[] grid(int n, double x0, double dx) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = x0 + i * dx;
        }
        return x;
    }

    @Test
    void linearSumKeepsTheTotalWithFractionalEdges() {
        double[] x = grid(12, 1.0, 0.5);
        double[] y = new double[12];
        for (int i = 0; i < y.length; i++) {
            y[i] = i * i + 1;
        }
        Rebin.Linear r = Rebin.linear(x, y, null, 1.5, 0.5, false);
        double total = 0;
        for (double v : y) {
            total += v;
        }
        double rebinned = 0;
        for (double v : r.y()) {
            rebinned += v;
        }
        assertEquals(total, rebinned, TOL * total, "6 s of bins into 1.5-s bins: nothing lost");
        assertEquals(3.0, r.scalarStep(), 0.0);
        assertArrayEquals(new double[] {1.5, 3.0, 4.5, 6.0}, r.x(), 0.0, "centres x0 - dx/2 + dxNew/2 + i·dxNew");
    }

    @Test
    void aNonFiniteLastBinPoisonsTheFirstNewBinAsInStingray() {
        double[] x = grid(8, 1, 1);
        double[] y = {1, 2, 3, 4, 5, 6, 7, Double.NaN};
        Rebin.Linear r = Rebin.linear(x, y, null, 2, 1, true);
        assertTrue(Double.isNaN(r.y()[0]), "y[-1]·(-0.0) is added to the first bin (errata L5)");
        assertEquals(3.5, r.y()[1], 0.0);
    }

    @Test
    void complexErrorsPropagateInComplexArithmetic() {
        double[] x = grid(6, 0.25, 0.25);
        ComplexArray y = new ComplexArray(new double[] {1, 2, 3, 4, 5, 6}, new double[] {0, 1, 0, -1, 0, 1});
        ComplexArray err = new ComplexArray(new double[] {0.5, 0.4, 0.3, 0.2, 0.6, 0.1},
                new double[] {0.2, 0.6, 0.1, 0.4, 0.3, 0.5});
        Rebin.LinearComplex r = Rebin.linear(x, y, err, 0.75, new double[] {0.25}, true);
        for (int bin = 0; bin < 2; bin++) {
            // independent: V = Σ (σ_k)² with complex squares, principal root in polar form, / step (3 bins)
            double vr = 0;
            double vi = 0;
            for (int k = 3 * bin; k < 3 * bin + 3; k++) {
                double modulus2 = err.re()[k] * err.re()[k] + err.im()[k] * err.im()[k];
                double angle = 2 * Math.atan2(err.im()[k], err.re()[k]);
                vr += modulus2 * Math.cos(angle);
                vi += modulus2 * Math.sin(angle);
            }
            double rootModulus = Math.sqrt(Math.hypot(vr, vi));
            double rootAngle = Math.atan2(vi, vr) / 2;
            assertEquals(rootModulus * Math.cos(rootAngle) / 3, r.yErr().re()[bin], TOL);
            assertEquals(rootModulus * Math.sin(rootAngle) / 3, r.yErr().im()[bin], TOL);
            double separateRe = Math.sqrt(sq(err.re()[3 * bin]) + sq(err.re()[3 * bin + 1])
                    + sq(err.re()[3 * bin + 2])) / 3;
            assertNotEquals(separateRe, r.yErr().re()[bin], 1e-3, "not √Σ dRe² (errata M3)");
            assertEquals((y.re()[3 * bin] + y.re()[3 * bin + 1] + y.re()[3 * bin + 2]) / 3, r.y().re()[bin], TOL);
        }
    }

    @Test
    void logRebinMeansAndCountsPerBin() {
        double[] x = grid(20, 1, 1);
        double[] y = grid(20, 10, 10);
        Rebin.Log r = Rebin.log(x, y, null, 1.0, 1.0);
        // edges 0.5, 1.5, 3.5, 7.5, 15.5, 31.5: bins hold 1, 2, 4, 8, 5 inputs
        assertArrayEquals(new int[] {1, 2, 4, 8, 5}, r.nsamples());
        assertArrayEquals(new double[] {1, 2.5, 5.5, 11.5, 18}, r.x(), 0.0);
        assertArrayEquals(new double[] {10, 25, 55, 115, 180}, r.y(), 0.0);
    }

    @Test
    void rebinningToAFinerGridIsRejected() {
        assertThrows(InvalidParameterException.class,
                () -> Rebin.linear(grid(4, 0, 1), new double[4], null, 0.5, 1, true));
    }

    private static double sq(double v) {
        return v * v;
    }
}
