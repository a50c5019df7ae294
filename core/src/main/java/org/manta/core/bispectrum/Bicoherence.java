package org.manta.core.bispectrum;

import java.util.Optional;
import java.util.function.LongConsumer;
import org.manta.core.InvalidParameterException;
import org.manta.core.fourier.RealFft;

/**
 * Squared bicoherence by the direct, segment-averaged method (Kim &amp; Powers 1979; Nikias &amp;
 * Mendel 1993) — a Manta addition: Stingray's {@link Bispectrum} is one cumulant-based estimate and has
 * no normalised form. The light curve is cut into {@code M} consecutive segments of {@code n} bins; each
 * is de-meaned, optionally multiplied by a {@link LagWindow} of n points, and transformed ({@code X_s});
 * then, for frequency indices {@code i, j ≥ 0} with {@code i + j ≤ n/2},
 * <pre>
 *   b²(ν_i, ν_j) = |Σ_s X_s(i) X_s(j) X_s*(i+j)|² / (Σ_s |X_s(i) X_s(j)|² · Σ_s |X_s(i+j)|²)
 * </pre>
 * in [0, 1] (Cauchy–Schwarz): near 1 where the phases of {@code ν_i}, {@code ν_j} and {@code ν_i + ν_j}
 * are coupled in every segment (quadratic phase coupling), about {@code 1/M} for independent phases
 * (Gaussian noise). Cells outside {@code i + j ≤ n/2}, or with a zero denominator, are NaN.
 *
 * @param freq        frequencies {@code j/(n·dt)}, Hz, {@code j = 0..n/2} (both axes)
 * @param bicoherence {@code b²[i][j]}
 * @param segments    segments averaged, M
 * @param segmentBins bins per segment, n
 * @param dt          bin time, s
 * @param window      data window, if any
 */
public record Bicoherence(double[] freq, double[][] bicoherence, int segments, int segmentBins, double dt,
        Optional<LagWindow> window) {

    /**
     * @param counts      counts per bin; the last {@code N mod n} bins are left out; not modified
     * @param dt          bin time, s
     * @param segmentBins bins per segment n (≥ 4)
     * @param window      data window, or empty for none
     */
    public static Bicoherence of(double[] counts, double dt, int segmentBins, Optional<LagWindow> window) {
        return of(counts, dt, segmentBins, window, segments -> { });
    }

    /**
     * {@link #of(double[], double, int, Optional)}, telling {@code progress} each segment done (its triple products,
     * O(n²), are the cost; {@code counts.length / segmentBins} segments in all).
     */
    public static Bicoherence of(double[] counts, double dt, int segmentBins, Optional<LagWindow> window,
                                 LongConsumer progress) {
        if (segmentBins < 4) {
            throw new InvalidParameterException("segment bins", segmentBins, "at least 4 bins per segment");
        }
        int m = counts.length / segmentBins;
        if (m < 2) {
            throw new InvalidParameterException("segment bins", segmentBins,
                    "at most half the light curve's " + counts.length + " bins (at least 2 segments to average)");
        }
        int half = segmentBins / 2;
        double[] taper = window.map(w -> w.values(segmentBins)).orElse(null);
        double[] numRe = new double[(half + 1) * (half + 1)];
        double[] numIm = new double[numRe.length];
        double[] pairPower = new double[numRe.length];
        double[] power = new double[half + 1];
        double[] re = new double[half + 1];
        double[] im = new double[half + 1];
        double[] x = new double[segmentBins];
        RealFft fft = new RealFft(segmentBins);
        for (int s = 0; s < m; s++) {
            double mean = 0;
            for (int i = 0; i < segmentBins; i++) {
                mean += counts[s * segmentBins + i];
            }
            mean /= segmentBins;
            for (int i = 0; i < segmentBins; i++) {
                x[i] = (counts[s * segmentBins + i] - mean) * (taper == null ? 1 : taper[i]);
            }
            double[] packed = fft.forward(x);
            for (int j = 0; j <= half; j++) {
                re[j] = RealFft.re(packed, segmentBins, j);
                im[j] = RealFft.im(packed, segmentBins, j);
                power[j] += re[j] * re[j] + im[j] * im[j];
            }
            for (int i = 0; i <= half; i++) {
                for (int j = 0; i + j <= half; j++) {
                    double pr = re[i] * re[j] - im[i] * im[j];
                    double pi = re[i] * im[j] + im[i] * re[j];
                    int k = i + j;
                    int cell = i * (half + 1) + j;
                    numRe[cell] += pr * re[k] + pi * im[k];
                    numIm[cell] += pi * re[k] - pr * im[k];
                    pairPower[cell] += pr * pr + pi * pi;
                }
            }
            progress.accept(1);
        }
        double[][] b2 = new double[half + 1][half + 1];
        double[] freq = new double[half + 1];
        for (int i = 0; i <= half; i++) {
            freq[i] = i / (segmentBins * dt);
            for (int j = 0; j <= half; j++) {
                int cell = i * (half + 1) + j;
                double denominator = pairPower[cell] * (i + j <= half ? power[i + j] : 0);
                b2[i][j] = i + j <= half && denominator > 0
                        ? (numRe[cell] * numRe[cell] + numIm[cell] * numIm[cell]) / denominator
                        : Double.NaN;
            }
        }
        return new Bicoherence(freq, b2, m, segmentBins, dt, window);
    }
}
