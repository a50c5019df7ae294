package org.manta.core.multitaper;

import org.manta.core.InvalidParameterException;

/**
 * The cubic spline through values on evenly spaced abscissae with not-a-knot ends (the third derivative is
 * continuous at the second and the second-to-last points): the interpolating spline of scipy's
 * {@code InterpolatedUnivariateSpline(x, y, k=3)} (FITPACK with s = 0, whose interior knots are
 * {@code x[2..N-3]}).
 *
 * <p>With second derivatives {@code M_i} and spacing {@code h}, the interior rows are
 * {@code M_{i-1} + 4M_i + M_{i+1} = 6(y_{i-1} − 2y_i + y_{i+1})/h²}; not-a-knot gives {@code M_0 = 2M_1 − M_2}
 * (and the mirror), which turns the first and last interior rows into {@code 6M_1 = r_1}, {@code 6M_{N-2} = r_{N-2}};
 * the tridiagonal rest is solved by elimination (Thomas).
 */
final class EvenCubicSpline {
    private final double x0;
    private final double h;
    private final double[] y;
    private final double[] m;

    /**
     * @param x0 first abscissa
     * @param h  spacing, positive
     * @param y  values at {@code x0 + i·h}, at least 4; not modified
     */
    EvenCubicSpline(double x0, double h, double[] y) {
        int n = y.length;
        if (n < 4) {
            throw new InvalidParameterException("n", n, "at least 4 points for a not-a-knot cubic spline");
        }
        if (!(h > 0)) {
            throw new InvalidParameterException("h", h, "a positive spacing");
        }
        this.x0 = x0;
        this.h = h;
        this.y = y.clone();
        double[] r = new double[n];
        for (int i = 1; i < n - 1; i++) {
            r[i] = 6 * (y[i - 1] - 2 * y[i] + y[i + 1]) / (h * h);
        }
        // unknowns M_1..M_{n-2}: diagonal 6 at both ends (no neighbours), 4 with neighbours 1 inside
        int k = n - 2;
        double[] diag = new double[k];
        double[] lower = new double[k];
        double[] upper = new double[k];
        double[] rhs = new double[k];
        for (int i = 0; i < k; i++) {
            boolean end = i == 0 || i == k - 1;
            diag[i] = end ? 6 : 4;
            lower[i] = end ? 0 : 1;
            upper[i] = end ? 0 : 1;
            rhs[i] = r[i + 1];
        }
        for (int i = 1; i < k; i++) {
            double f = lower[i] / diag[i - 1];
            diag[i] -= f * upper[i - 1];
            rhs[i] -= f * rhs[i - 1];
        }
        double[] inner = new double[k];
        inner[k - 1] = rhs[k - 1] / diag[k - 1];
        for (int i = k - 2; i >= 0; i--) {
            inner[i] = (rhs[i] - upper[i] * inner[i + 1]) / diag[i];
        }
        m = new double[n];
        System.arraycopy(inner, 0, m, 1, k);
        m[0] = 2 * m[1] - m[2];
        m[n - 1] = 2 * m[n - 2] - m[n - 3];
    }

    /** The spline at {@code x}; beyond the ends, the end polynomial continued. */
    double value(double x) {
        int n = y.length;
        int i = (int) Math.floor((x - x0) / h);
        i = Math.max(0, Math.min(n - 2, i));
        double a = (x0 + (i + 1) * h - x) / h;
        double b = 1 - a;
        return a * y[i] + b * y[i + 1] + ((a * a * a - a) * m[i] + (b * b * b - b) * m[i + 1]) * h * h / 6;
    }
}
