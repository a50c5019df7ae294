package org.manta.core.deadtime;

import org.manta.core.InvalidParameterException;

/**
 * The power spectrum of Poisson events seen through a non-paralyzable dead time (Zhang, Jahoda, Swank,
 * Morgan &amp; Giles 1995, ApJ 449, 930; Stingray {@code deadtime/model.py}, science.md §21.1), with the
 * series limits and the large-number approximations Stingray uses so that the values agree.
 *
 * <p>Notation: {@code td} dead time, {@code tb} bin time, {@code r0} detected rate, {@code τ = 1/r_in}
 * the mean interval of the incident events.
 */
public final class DeadTimeModel {
    /** Stingray's default number of terms of the k series in {@code pds_model_zhang}. */
    public static final int DEFAULT_LIMIT_K = 60;
    /** Stingray's default in {@code non_paralyzable_dead_time_model}. */
    public static final int MODEL_LIMIT_K = 200;
    /** Decimal digits of a double (numpy {@code finfo(float).precision}): the G_n series stops below them. */
    private static final int PRECISION = 15;
    /** Below this m, {@code e^-x x^m/m!} is computed directly (Stingray's threshold). */
    private static final int DIRECT_LIMIT = 50;
    private static final double[] INVERSE_FACTORIALS = inverseFactorials(DIRECT_LIMIT);
    /** Series of Stirling's approximation {@code m! ≈ √(2πm)(m/e)^m·(1 + 1/12m + 1/288m² - ...)}. */
    private static final double[] STIRLING = {1.0 / 12, 1.0 / 288, -139.0 / 51840, -571.0 / 2488320};

    private DeadTimeModel() {
    }

    /** A model power spectrum: Leahy-normalised power (Poisson level 2 without dead time) per frequency. */
    public record Spectrum(double[] freq, double[] power) {
    }

    /** Detected rate {@code 1/(1/r_in + td)} (Stingray {@code r_det}). */
    public static double detectedRate(double td, double incidentRate) {
        return 1.0 / (1 / incidentRate + td);
    }

    /** Incident rate {@code 1/(1/r_det - td)} (Stingray {@code r_in}). */
    public static double incidentRate(double td, double detectedRate) {
        return 1.0 / (1 / detectedRate - td);
    }

    /**
     * Stingray {@code pds_model_zhang(N, rate, td, tb, limit_k, rate_is_incident)}: Zhang et al. eq. 44,
     * {@code P_j = B_0 + Σ_{k=1}^{min(N, limit_k)-1} (N-k)/N·B_k·cos(2πjk/N)} for {@code j = 0..N/2-1}
     * at frequencies {@code j·(0.5/tb)/(N/2)}.
     *
     * @param nBins          N, number of light-curve bins (at least 2)
     * @param rate           count rate, ct/s: incident or detected as {@code rateIsIncident} says
     * @param td             dead time, s (positive)
     * @param tb             bin time, s (positive)
     * @param limitK         B_k is taken as 0 beyond this k (Stingray's cut; check that B_k has decayed)
     * @param rateIsIncident whether {@code rate} is the incident rate
     */
    public static Spectrum pdsModelZhang(int nBins, double rate, double td, double tb, int limitK,
            boolean rateIsIncident) {
        if (nBins < 2) {
            throw new InvalidParameterException("N", nBins, "at least 2 bins");
        }
        requirePositive("rate", rate);
        requirePositive("deadtime", td);
        requirePositive("bin_time", tb);
        if (limitK < 1) {
            throw new InvalidParameterException("limit_k", limitK, "at least 1");
        }
        double tau;
        double r0;
        if (rateIsIncident) {
            tau = 1 / rate;
            r0 = detectedRate(td, rate);
        } else {
            if (!(rate * td < 1)) {
                throw new InvalidParameterException("rate", rate, "a detected rate below 1/deadtime = " + 1 / td + " ct/s");
            }
            r0 = rate;
            tau = 1 / incidentRate(td, rate);
        }
        int kMax = Math.min(nBins, limitK);
        double[] b = new double[kMax];
        for (int k = 0; k < kMax; k++) {
            b[k] = bTerm(k, r0, td, tb, tau);
        }
        int half = nBins / 2;
        double[] power = new double[half];
        for (int j = 0; j < half; j++) {
            double sum = 0.0;
            for (int k = 1; k < kMax; k++) {
                sum += (double) (nBins - k) / nBins * b[k] * Math.cos(2 * Math.PI * j * k / nBins);
            }
            power[j] = b[0] + sum;
        }
        double df = 0.5 / tb / half;
        double[] freq = new double[half];
        for (int j = 0; j < half; j++) {
            freq[j] = j * df;
        }
        return new Spectrum(freq, power);
    }

    /** {@link #pdsModelZhang(int, double, double, double, int, boolean)} with {@value #DEFAULT_LIMIT_K} terms, incident rate. */
    public static Spectrum pdsModelZhang(int nBins, double rate, double td, double tb) {
        return pdsModelZhang(nBins, rate, td, tb, DEFAULT_LIMIT_K, true);
    }

    /**
     * Stingray {@code non_paralyzable_dead_time_model(freqs, dead_time, rate, bin_time, limit_k,
     * background_rate, n_approx)}: the Zhang model for the <b>detected</b> rate {@code rate + background}
     * on {@code N = 2·(int) n} bins, {@code n = nApprox} if positive else {@code max(max(freqs), 10)}
     * (Stingray's quirk: the largest frequency value, not the number of frequencies); rescaled for the
     * background ({@code (P-2)·r/(r+r_b) + 2}) and interpolated linearly, with linear extrapolation, at
     * {@code freqs}.
     *
     * @param freqs          frequencies, Hz, non-empty
     * @param td             dead time, s
     * @param rate           detected source rate, ct/s
     * @param binTime        bin time, s; {@code NaN} for {@code 1/(2·max(freqs))}
     * @param limitK         terms of the k series
     * @param backgroundRate detected background rate, ct/s (0 for none)
     * @param nApprox        model size, or 0 for Stingray's default
     * @return Leahy power per frequency
     */
    public static double[] nonParalyzable(double[] freqs, double td, double rate, double binTime, int limitK,
            double backgroundRate, int nApprox) {
        if (freqs.length == 0) {
            throw new InvalidParameterException("freqs", "[]", "at least one frequency");
        }
        double fMax = Double.NEGATIVE_INFINITY;
        for (double f : freqs) {
            fMax = Math.max(fMax, f);
        }
        if (rate + backgroundRate > 1 / td) {
            throw new InvalidParameterException("rate", rate + backgroundRate,
                    "source + background rate below 1/deadtime = " + 1 / td + " ct/s");
        }
        double tb = Double.isNaN(binTime) ? 1 / (2 * fMax) : binTime;
        double n = nApprox > 0 ? nApprox : Math.max(fMax, 10);
        Spectrum model = pdsModelZhang(2 * (int) n, rate + backgroundRate, td, tb, limitK, false);
        double[] p = model.power();
        if (backgroundRate > 0) {
            for (int j = 0; j < p.length; j++) {
                p[j] = (p[j] - 2) * rate / (rate + backgroundRate) + 2;
            }
        }
        double[] out = new double[freqs.length];
        for (int i = 0; i < freqs.length; i++) {
            out[i] = interpolate(model.freq(), p, freqs[i]);
        }
        return out;
    }

    /** scipy {@code interp1d(x, y, fill_value="extrapolate")} on ascending x (at least 2 points). */
    private static double interpolate(double[] x, double[] y, double v) {
        int hi = 1;
        while (hi < x.length - 1 && x[hi] < v) {
            hi++;
        }
        int lo = hi - 1;
        double slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
        return slope * (v - x[lo]) + y[lo];
    }

    /** Zhang eq. 45 with Stingray's cut: {@code B_0 = 2(A_0 - r0²tb²)/(r0·tb)}, {@code B_k = 4(A_k - r0²tb²)/(r0·tb)}. */
    static double bTerm(int k, double r0, double td, double tb, double tau) {
        if (k == 0) {
            return 2 * (aTerm(0, r0, td, tb, tau) - r0 * r0 * (tb * tb)) / (r0 * tb);
        }
        return 4 * (aTerm(k, r0, td, tb, tau) - r0 * r0 * (tb * tb)) / (r0 * tb);
    }

    /**
     * Zhang eqs. 38–39: {@code A_0 = r0·tb·(1 + 2Σ_{n=1}^{max(2, 2tb/td+1)-1} h(1, n))};
     * {@code A_k = r0·tb·Σ_{n=1}^{max(3, 2(k+1)tb/td)-1} [h(k+1, n) - 2h(k, n) + h(k-1, n)]}.
     */
    static double aTerm(int k, double r0, double td, double tb, double tau) {
        double s = 0.0;
        if (k == 0) {
            int nMax = (int) Math.max(2, tb / td * 2 + 1);
            for (int n = 1; n < nMax; n++) {
                s += h(1, n, td, tb, tau);
            }
            return r0 * tb * (1 + 2 * s);
        }
        int nMax = (int) Math.max(3, (k + 1) * tb / td * 2);
        for (int n = 1; n < nMax; n++) {
            s += h(k + 1, n, td, tb, tau) - 2 * h(k, n, td, tb, tau) + h(k - 1, n, td, tb, tau);
        }
        return r0 * tb * s;
    }

    /**
     * Zhang eq. 35 (with the typo {@code k·td → k·tb} corrected as in Stingray):
     * {@code h(k, n) = k - n(td + τ)/tb + τ/tb·G_n((k·tb - n·td)/τ)} where {@code k·tb >= n·td}, else 0.
     */
    static double h(int k, int n, double td, double tb, double tau) {
        double factor = k * tb - n * td;
        if (factor < 0) {
            return 0.0;
        }
        return k - n * (td + tau) / tb + tau / tb * gn(factor / tau, n);
    }

    /**
     * Zhang eq. 34: {@code G_n(x) = Σ_{m=0}^{n-1} (n - m)·e^{-x}x^m/m!}, stopped (as Stingray does) once
     * {@code m > 2x} and the new term is below 10^-15 of the sum.
     */
    static double gn(double x, int n) {
        double s = 0.0;
        for (int m = 0; m < n; m++) {
            double term = expMinusXPowerOverFactorial(x, m) * (n - m);
            s += term;
            if (x != 0 && s > 0 && m > 2 * x && -Math.log10(Math.abs(term / s)) > PRECISION) {
                break;
            }
        }
        return s;
    }

    /**
     * {@code e^{-x}x^m/m!}: directly for {@code m < 50} (or {@code x > 1} and {@code m·max(log10 x, 1) < 50});
     * otherwise Stirling's form {@code (x·e^{1-x/m}/m)^m / (√(2πm)·A(m))}, which avoids the huge factors
     * (Stingray {@code e_m_x_x_over_factorial}).
     */
    static double expMinusXPowerOverFactorial(double x, int m) {
        if (x == 0.0 && m == 0) {
            return 1.0;
        }
        if (m < DIRECT_LIMIT || (x > 1 && m * Math.max(Math.log10(x), 1) < DIRECT_LIMIT)) {
            return Math.exp(-x) * Math.pow(x, m) * INVERSE_FACTORIALS[m];
        }
        return 1.0 / Math.sqrt(2 * Math.PI * m) * Math.pow(x * Math.exp(1 - x / m) / m, m) / stirlingFactor(m);
    }

    private static double stirlingFactor(int m) {
        double fact = 1.0;
        double power = 1.0;
        for (double c : STIRLING) {
            power *= m;
            fact += c / power;
        }
        return fact;
    }

    private static double[] inverseFactorials(int count) {
        double[] inv = new double[count];
        double factorial = 1.0;
        for (int m = 0; m < count; m++) {
            if (m > 0) {
                factorial *= m;
            }
            inv[m] = 1.0 / factorial;
        }
        return inv;
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new InvalidParameterException(name, v, "a positive, finite number");
        }
    }
}
