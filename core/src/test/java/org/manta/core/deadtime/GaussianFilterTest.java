package org.manta.core.deadtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;

/** The scipy-compatible Gaussian smoothing of the FAD. */
class GaussianFilterTest {
    /** Sums of at most 2r + 1 products in another order than scipy's C loop. */
    static final double SCIPY_RTOL = 1e-14;
    static final double[] X = {3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0};

    private static double[] smooth(double[] x, double sigma) {
        double[] out = new double[x.length];
        GaussianFilter.smooth(x, GaussianFilter.halfKernel(sigma), out);
        return out;
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], SCIPY_RTOL * Math.abs(expected[i]), "[" + i + "]");
        }
    }

    @Test
    void matchesScipyIncludingKernelsWiderThanTheData() {
        // scipy 1.17.1: scipy.ndimage.gaussian_filter1d(X, sigma) (mode="reflect", truncate=4)
        assertClose(new double[] {2.579523239295585, 2.0464702232890994, 2.767836182693429, 2.5149245888176277,
            4.9611146043791265, 6.59602723570255, 3.534103925822585}, smooth(X, 0.7));
        // radius 10 > 7 samples: the input is mirrored more than once
        assertClose(new double[] {2.7297805204252144, 2.8897336211697002, 3.187193795104792, 3.56862817308917,
            3.9522853253007892, 4.254454663318269, 4.41792390159206}, smooth(X, 2.5));
    }

    @Test
    void keepsAConstantAndTheSum() {
        double[] c = {7, 7, 7, 7, 7};
        for (double v : smooth(c, 3.3)) {
            assertEquals(7.0, v, 1e-14);
        }
        double[] spike = new double[201];
        spike[100] = 1;
        double sum = 0;
        for (double v : smooth(spike, 5)) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-14, "far from the ends the kernel integrates to 1");
    }

    @Test
    void reflectIndexMirrorsWithTheEdgeSampleRepeated() {
        int[] expected = {2, 1, 0, 0, 1, 2, 2, 1, 0, 0};   // d c b a | a b c ... for n = 3, i = -3..6
        for (int i = -3; i <= 6; i++) {
            assertEquals(expected[i + 3], GaussianFilter.reflect(i, 3), "i = " + i);
        }
    }

    @Test
    void rejectsANonPositiveWidth() {
        assertThrows(InvalidParameterException.class, () -> GaussianFilter.halfKernel(0));
    }
}
