package org.manta.core.lombscargle;

import org.manta.core.InvalidParameterException;

/**
 * The floating-mean (generalised) Lomb–Scargle periodogram of unweighted values in its "psd" normalisation:
 * what astropy's {@code LombScargle(t, y).power(frequency, normalization="psd")} computes with its defaults
 * ({@code fit_mean=True}, {@code center_data=True}, no errors) by an exact method (Zechmeister &amp; Kürster 2009,
 * with the weights {@code 1/N}).
 *
 * <p>With {@code y} centred on its mean and, per frequency {@code ω = 2πν}, the sums over the {@code N} points
 * {@code ⟨·⟩ = Σ·/N}: the phase {@code 2ωτ = atan2(⟨sin 2ωt⟩ − 2⟨sin ωt⟩⟨cos ωt⟩, ⟨cos 2ωt⟩ − (⟨cos ωt⟩² −
 * ⟨sin ωt⟩²))}; with {@code c = cos ω(t−τ)}, {@code s = sin ω(t−τ)}: {@code YC = ⟨yc⟩ − ⟨y⟩⟨c⟩}, {@code YS = ⟨ys⟩ −
 * ⟨y⟩⟨s⟩}, {@code CC = ⟨c²⟩ − ⟨c⟩²}, {@code SS = ⟨s²⟩ − ⟨s⟩²}; the power is {@code (N/2)·(YC²/CC + YS²/SS)}.
 */
public final class FloatingMeanPeriodogram {
    private FloatingMeanPeriodogram() {
    }

    /**
     * @param t    times, s; not modified
     * @param y    values, one per time; not modified
     * @param freq frequencies, Hz, positive
     * @return the "psd"-normalised power at each frequency
     */
    public static double[] psd(double[] t, double[] y, double[] freq) {
        if (t.length != y.length || t.length < 2) {
            throw new InvalidParameterException("y", y.length + " values for " + t.length + " times",
                    "one value per time, at least 2");
        }
        int n = t.length;
        double w = 1.0 / n;
        double mean = 0;
        for (double v : y) {
            mean += w * v;
        }
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            yc[i] = y[i] - mean;
        }
        double ybar = 0;
        for (double v : yc) {
            ybar += w * v;
        }
        double[] power = new double[freq.length];
        for (int j = 0; j < freq.length; j++) {
            double omega = 2 * Math.PI * freq[j];
            double sinCos = 0;
            double cos2 = 0;
            double sum = 0;
            double cum = 0;
            for (int i = 0; i < n; i++) {
                double s = Math.sin(omega * t[i]);
                double c = Math.cos(omega * t[i]);
                sinCos += w * s * c;
                cos2 += w * (0.5 - s * s);
                sum += w * s;
                cum += w * c;
            }
            double s2 = 2 * sinCos - 2 * sum * cum;
            double c2 = 2 * cos2 - (cum * cum - sum * sum);
            double tau = 0.5 * Math.atan2(s2, c2);
            double yC = 0;
            double yS = 0;
            double cC = 0;
            double sS = 0;
            double cT = 0;
            double sT = 0;
            for (int i = 0; i < n; i++) {
                double phase = omega * t[i] - tau;
                double c = Math.cos(phase);
                double s = Math.sin(phase);
                yC += w * yc[i] * c;
                yS += w * yc[i] * s;
                cC += w * c * c;
                sS += w * s * s;
                cT += w * c;
                sT += w * s;
            }
            yC -= ybar * cT;
            yS -= ybar * sT;
            cC -= cT * cT;
            sS -= sT * sT;
            power[j] = 0.5 * n * (yC * yC / cC + yS * yS / sS);
        }
        return power;
    }
}
