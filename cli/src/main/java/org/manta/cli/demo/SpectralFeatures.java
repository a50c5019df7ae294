package org.manta.cli.demo;

import java.util.Arrays;
import java.util.Locale;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.simulate.DemoTruth;

/**
 * Two small estimators the demo reports with: the frequency of the strongest QPO-like peak of a power
 * spectrum, and the error-weighted mean of a lag spectrum in a frequency band. Both take plain arrays (not
 * modified) so they work on any product.
 */
public final class SpectralFeatures {
    /** Continuum window: at least this many bins on each side of the centre. */
    static final int CONTINUUM_MIN_HALF_WIDTH = 8;
    /** Continuum grid density, points per decade (the median is interpolated in log-log between them). */
    static final int CONTINUUM_POINTS_PER_DECADE = 40;
    /** Boxcar width (bins) applied to the excess before locating the peak, to beat single-bin noise. */
    static final int SMOOTHING_BINS = 5;

    private SpectralFeatures() {
    }

    /**
     * A QPO estimate.
     *
     * @param frequency  excess-weighted centroid of the peak, Hz
     * @param fwhm       full width of the region where the smoothed excess is above half its maximum, Hz
     * @param peakExcess maximum of the smoothed continuum-subtracted power (units of the input power)
     * @param peakIndex  index into the input arrays of that maximum
     */
    public record QpoEstimate(double frequency, double fwhm, double peakExcess, int peakIndex) {
    }

    /**
     * An error-weighted mean {@code Σ(wᵢyᵢ)/Σwᵢ} with {@code wᵢ = 1/σᵢ²} and error {@code 1/sqrt(Σwᵢ)}.
     *
     * @param value the mean
     * @param error its 1σ error
     * @param count number of points used
     */
    public record WeightedMean(double value, double error, int count) {
    }

    /**
     * Finds the strongest peak above the continuum between {@code fmin} and {@code fmax}. The continuum is a
     * running median over a window of about ±f/2, symmetric in bins (robust to a peak narrower than the
     * window, as a QPO with Q ≳ 2 is, and unbiased on a monotonic slope), evaluated on a logarithmic grid and
     * interpolated; the excess {@code P - continuum} is smoothed over
     * {@value #SMOOTHING_BINS} bins, its maximum located, and the frequency returned is the excess-weighted
     * centroid of the contiguous bins around it with smoothed excess above half the maximum.
     *
     * @param freq  frequencies, Hz, ascending
     * @param power powers, any normalisation (Leahy is typical)
     * @throws NoDataException if no finite power lies in the band or nothing rises above the continuum
     */
    public static QpoEstimate findQpo(double[] freq, double[] power, double fmin, double fmax) {
        if (freq.length != power.length) {
            throw new InvalidParameterException("power", power.length + " values", freq.length + " (one per frequency)");
        }
        if (!(fmax > fmin) || !(fmin > 0)) {
            throw new InvalidParameterException("frequency band", fmin + ":" + fmax, "0 < fmin < fmax");
        }
        int from = 0;
        while (from < freq.length && freq[from] < fmin) {
            from++;
        }
        int to = from;
        while (to < freq.length && freq[to] <= fmax) {
            to++;
        }
        int n = to - from;
        double[] f = Arrays.copyOfRange(freq, from, to);
        double[] p = Arrays.copyOfRange(power, from, to);
        int finite = 0;
        for (double v : p) {
            finite += Double.isFinite(v) ? 1 : 0;
        }
        if (finite < SMOOTHING_BINS) {
            throw new NoDataException("no QPO search possible: only " + finite + " finite powers between "
                    + fmin + " and " + fmax + " Hz");
        }
        double[] continuum = continuum(freq, power, f);
        double[] excess = new double[n];
        for (int i = 0; i < n; i++) {
            excess[i] = Double.isFinite(p[i]) && Double.isFinite(continuum[i]) ? p[i] - continuum[i] : Double.NaN;
        }
        double[] smooth = boxcar(excess, SMOOTHING_BINS);
        int peak = -1;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(smooth[i]) && (peak < 0 || smooth[i] > smooth[peak])) {
                peak = i;
            }
        }
        if (peak < 0 || !(smooth[peak] > 0)) {
            throw new NoDataException("no peak above the continuum between " + fmin + " and " + fmax + " Hz");
        }
        double half = smooth[peak] / 2;
        int lo = peak;
        while (lo > 0 && smooth[lo - 1] > half) {
            lo--;
        }
        int hi = peak;
        while (hi < n - 1 && smooth[hi + 1] > half) {
            hi++;
        }
        double sw = 0;
        double swf = 0;
        for (int i = lo; i <= hi; i++) {
            double w = excess[i];
            if (Double.isFinite(w) && w > 0) {
                sw += w;
                swf += w * f[i];
            }
        }
        double centroid = sw > 0 ? swf / sw : f[peak];
        double binWidth = n > 1 ? (f[n - 1] - f[0]) / (n - 1) : 0;
        return new QpoEstimate(centroid, f[hi] - f[lo] + binWidth, smooth[peak], from + peak);
    }

    /**
     * Error-weighted mean of {@code value} over the bins with {@code flo <= freq <= fhi}; bins with a
     * non-finite value or an error that is not finite and positive are skipped.
     *
     * @throws NoDataException if no usable bin lies in the band
     */
    public static WeightedMean weightedMean(double[] freq, double[] value, double[] err, double flo, double fhi) {
        if (freq.length != value.length || freq.length != err.length) {
            throw new InvalidParameterException("lag arrays", freq.length + "/" + value.length + "/" + err.length,
                    "freq, value and error of equal length");
        }
        double sw = 0;
        double swy = 0;
        int count = 0;
        for (int i = 0; i < freq.length; i++) {
            if (freq[i] >= flo && freq[i] <= fhi && Double.isFinite(value[i]) && Double.isFinite(err[i]) && err[i] > 0) {
                double w = 1 / (err[i] * err[i]);
                sw += w;
                swy += w * value[i];
                count++;
            }
        }
        if (count == 0) {
            throw new NoDataException("no finite values with positive errors between " + flo + " and " + fhi + " Hz");
        }
        return new WeightedMean(swy / sw, 1 / Math.sqrt(sw), count);
    }

    /**
     * The frequency band in which to average the lags of a QPO: its centroid ± its FWHM (lower edge at least
     * half the centroid), as {@code {lo, hi}} in Hz.
     */
    public static double[] qpoBand(QpoEstimate qpo) {
        double lo = Math.max(qpo.frequency() / 2, qpo.frequency() - qpo.fwhm());
        return new double[] {lo, qpo.frequency() + qpo.fwhm()};
    }

    /**
     * The demo's closing line, e.g.
     * {@code QPO found at 3.02 Hz (simulated 3 Hz); hard lag 4.8 ± 0.6 ms (simulated 5 ms)}.
     */
    public static String report(QpoEstimate qpo, WeightedMean lag, DemoTruth truth) {
        return String.format(Locale.ROOT, "QPO found at %.3g Hz (simulated %.3g Hz); hard lag %.2g ± %.1g ms (simulated %.3g ms)",
                qpo.frequency(), truth.qpoFrequency(), lag.value() * 1e3, lag.error() * 1e3, truth.hardLag() * 1e3);
    }

    /**
     * Running median of {@code power} at each {@code at} frequency. The median at bin c is taken over the bins
     * c−h..c+h with h = max({@value #CONTINUUM_MIN_HALF_WIDTH}, c/2) (about ±f/2), shrunk to stay symmetric at
     * the low edge: the median of a monotonic continuum over a symmetric window is its value at the centre, so
     * a steep red-noise slope does not leave a spurious excess. Medians are computed on a logarithmic grid of
     * {@value #CONTINUUM_POINTS_PER_DECADE} points per decade and interpolated in log-log.
     */
    private static double[] continuum(double[] freq, double[] power, double[] at) {
        double fLo = at[0];
        double fHi = at[at.length - 1];
        int points = Math.max(2, (int) Math.ceil(Math.log10(fHi / fLo) * CONTINUUM_POINTS_PER_DECADE) + 1);
        double[] gridLogF = new double[points];
        double[] gridLogP = new double[points];
        double[] window = new double[freq.length];
        int n = freq.length;
        for (int g = 0; g < points; g++) {
            double fg = fLo * Math.pow(fHi / fLo, g / (double) (points - 1));
            int c = nearest(freq, fg);
            int half = Math.max(CONTINUUM_MIN_HALF_WIDTH, c / 2);
            half = Math.min(half, Math.max(2, Math.min(c, n - 1 - c)));
            int k = 0;
            for (int i = Math.max(0, c - half); i <= Math.min(n - 1, c + half); i++) {
                if (Double.isFinite(power[i])) {
                    window[k++] = power[i];
                }
            }
            gridLogF[g] = Math.log(freq[c]);
            double median = median(window, k);
            gridLogP[g] = median > 0 ? Math.log(median) : Double.NaN;
        }
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            double lf = Math.log(at[i]);
            int g = 0;
            while (g < points - 2 && gridLogF[g + 1] < lf) {
                g++;
            }
            double span = gridLogF[g + 1] - gridLogF[g];
            double t = span > 0 ? (lf - gridLogF[g]) / span : 0;
            out[i] = Math.exp(gridLogP[g] * (1 - t) + gridLogP[g + 1] * t);
        }
        return out;
    }

    private static int nearest(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        if (i >= 0) {
            return i;
        }
        int ins = -i - 1;
        if (ins == 0) {
            return 0;
        }
        if (ins == sorted.length) {
            return sorted.length - 1;
        }
        return x - sorted[ins - 1] <= sorted[ins] - x ? ins - 1 : ins;
    }

    private static double median(double[] a, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double[] c = Arrays.copyOf(a, n);
        Arrays.sort(c);
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }

    /** Centred moving average of width {@code w}, ignoring NaN; shrinks at the edges. */
    private static double[] boxcar(double[] x, int w) {
        double[] out = new double[x.length];
        int h = w / 2;
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            int k = 0;
            for (int j = Math.max(0, i - h); j <= Math.min(x.length - 1, i + h); j++) {
                if (Double.isFinite(x[j])) {
                    s += x[j];
                    k++;
                }
            }
            out[i] = k > 0 ? s / k : Double.NaN;
        }
        return out;
    }
}
