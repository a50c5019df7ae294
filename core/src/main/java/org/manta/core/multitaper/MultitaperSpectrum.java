package org.manta.core.multitaper;

import java.util.Arrays;
import java.util.OptionalDouble;
import org.manta.core.InvalidParameterException;
import org.manta.core.fourier.RealFft;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lightcurve.EventLightCurves;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.lightcurve.NumpyArithmetic;
import org.manta.core.spectrum.Normalization;

/**
 * The multitaper power spectrum of an evenly binned light curve (Stingray {@code Multitaper},
 * science.md §19; Thomson 1982, Percival &amp; Walden 1993 ch. 7, adaptive weights as nitime). Arrays
 * are owned by the record.
 *
 * <p>The counts are de-meaned and multiplied by each DPSS taper {@code h_k} ({@link Dpss}); their DFTs
 * {@code Y_k} have the DC bin (and the Nyquist bin for even N) divided by √2, and only bins
 * {@code 1 .. len−2} of the one-sided transform are kept (for odd N this drops the highest positive
 * frequency). Then {@code S = 2·Σ_k |d_k Y_k|² / Σ_k d_k² · dt} with {@code d_k = √λ_k}, or Thomson's
 * adaptive weights {@code d_k = √λ_k S / (λ_k S + (1 − λ_k)σ²)} iterated to convergence.
 * {@code unnorm_power = S·N/dt}, normalised as a single spectrum (§5) with {@code μ = N_ph/N} (Leahy of a light curve
 * with Gaussian errors by their variance, {@link ErrorDistribution#variance}: Stingray's {@code Multitaper.var});
 * {@code df = 1/tseg}; {@code power_err = power} (m = 1).
 *
 * @param freq                 frequencies {@code j/(N·dt)}, Hz
 * @param power                normalised power
 * @param unnormPower          {@code S·N/dt}
 * @param multitaperNormPower  the multitaper PSD {@code S}
 * @param eigvals              concentration ratios of the tapers used
 * @param jkVarDegFreedom      jackknife variance of {@code ln S}, or the degrees of freedom without jackknife
 * @param norm                 normalisation of {@code power}
 * @param n                    light-curve bins N
 * @param dt                   bin time, s
 * @param df                   {@code 1/tseg}, Hz
 * @param nphots               total counts
 * @param errDist              how the counts scatter, which decides the Leahy normalisation
 */
public record MultitaperSpectrum(double[] freq, double[] power, double[] unnormPower, double[] multitaperNormPower,
        double[] eigvals, double[] jkVarDegFreedom, Normalization norm, int n, double dt, double df, double nphots,
        ErrorDistribution errDist) {

    /** Concentration ratio above which a taper counts as low-bias (Stingray's 0.9). */
    public static final double LOW_BIAS_RATIO = 0.9;
    /** Adaptive iteration: convergence on the mean squared change of the weights (nitime's 1e-10). */
    static final double ADAPTIVE_TOLERANCE = 1e-10;
    /** Adaptive iteration: at most this many steps (nitime's 150). */
    static final int ADAPTIVE_MAX_ITERATIONS = 150;

    /** Stingray's error of a single estimate: {@code power / √m} with m = 1. */
    public double[] powerErr() {
        return power;
    }

    /**
     * The multitaper spectrum of contiguous bins of Poisson counts.
     *
     * @param counts counts per bin, contiguous (one GTI); not modified
     * @param dt     bin time, s
     * @param tseg   length of the light curve, s ({@code time[last] − time[0] + dt})
     */
    public static MultitaperSpectrum of(double[] counts, double dt, double tseg, MultitaperOptions options,
            Normalization norm) {
        return of(counts, dt, tseg, options, norm, ErrorDistribution.POISSON, OptionalDouble.empty());
    }

    /**
     * The multitaper spectrum of a light curve's contiguous bins ({@link EventLightCurves#contiguous}), its counts
     * scattering as {@code errDist} says (Leahy of {@link ErrorDistribution#GAUSS} by the variance of its errors).
     */
    public static MultitaperSpectrum of(LightCurve contiguous, MultitaperOptions options, Normalization norm,
            ErrorDistribution errDist) {
        return of(contiguous.counts(), contiguous.dt(), EventLightCurves.span(contiguous), options, norm, errDist,
                errDist.variance(contiguous));
    }

    private static MultitaperSpectrum of(double[] counts, double dt, double tseg, MultitaperOptions options,
            Normalization norm, ErrorDistribution errDist, OptionalDouble variance) {
        int n = counts.length;
        if (n < 4) {
            throw new InvalidParameterException("n", n, "a light curve of at least 4 bins for a multitaper spectrum");
        }
        Dpss.Tapers chosen = tapers(n, options.nw(), options.lowBias());
        double[] eig = chosen.ratios();
        double[][] tapers = chosen.tapers();
        double mean = NumpyArithmetic.sum(counts) / n;
        int half = n / 2 + 1;
        int nf = half - 2;
        double[][] re = new double[eig.length][nf];
        double[][] im = new double[eig.length][nf];
        RealFft fft = new RealFft(n);
        double[] x = new double[n];
        for (int k = 0; k < eig.length; k++) {
            for (int i = 0; i < n; i++) {
                x[i] = (counts[i] - mean) * tapers[k][i];
            }
            double[] packed = fft.forward(x);
            for (int j = 1; j <= nf; j++) {
                re[k][j - 1] = RealFft.re(packed, n, j);
                im[k][j - 1] = RealFft.im(packed, n, j);
            }
        }
        double[] freq = rfftFrequencies(n, dt, nf);
        FreqResponse fr = new FreqResponse(re, im);
        double[] sqrtEig = sqrt(eig);
        double[] psd;
        double[][] weights;
        if (options.adaptive()) {
            Adaptive a = adaptive(fr, eig);
            psd = a.psd();
            weights = a.weights();
        } else {
            weights = constantWeights(sqrtEig, nf);
            psd = fr.psd(weights);
        }
        for (int j = 0; j < nf; j++) {
            psd[j] *= dt;
        }
        double[] jk;
        if (options.jackknife()) {
            jk = jackknife(fr, eig, options.adaptive());
        } else if (options.adaptive()) {
            jk = new double[nf];
            for (int j = 0; j < nf; j++) {
                double s = 0;
                for (double[] w : weights) {
                    s += w[j] * w[j];
                }
                jk[j] = 2 * s;
            }
        } else {
            jk = new double[nf];
            Arrays.fill(jk, 2.0 * eig.length);
        }
        double nphots = NumpyArithmetic.sum(counts);
        double meanCounts = nphots / n;
        double[] unnorm = new double[nf];
        double[] power = new double[nf];
        for (int j = 0; j < nf; j++) {
            unnorm[j] = psd[j] * n / dt;
            power[j] = norm.apply(unnorm[j], dt, n, meanCounts, nphots, variance);
        }
        return new MultitaperSpectrum(freq, power, unnorm, psd, eig, jk, norm, n, dt, 1.0 / tseg, nphots, errDist);
    }

    /** Why a Lomb–Scargle multitaper spectrum needs a light curve of one GTI. */
    public static final String ONE_STRETCH = "the Lomb-Scargle multitaper is of one stretch of data";

    /**
     * The options a Lomb–Scargle multitaper spectrum uses of those asked: eigenvalue weights, no jackknife (as
     * Stingray's {@code lombscargle=True}); {@code manta multitaper --lombscargle} and the mesh's job both take these.
     *
     * @throws InvalidParameterException for adaptive weights, which it has not
     */
    public static MultitaperOptions lombScargleOptions(MultitaperOptions asked) {
        if (asked.adaptive()) {
            throw new InvalidParameterException("adaptive", "--adaptive with --lombscargle",
                    "eigenvalue weights (Stingray's Lomb-Scargle multitaper has no adaptive weights)");
        }
        return new MultitaperOptions(asked.nw(), false, false, asked.lowBias());
    }

    /**
     * The Lomb–Scargle multitaper spectrum of a light curve of one GTI (its bins inside it), with the options of
     * {@link #lombScargleOptions}: {@code manta multitaper --lombscargle} and the mesh's fft worker of such a job.
     *
     * @param source  what the light curve was read from (for the message)
     * @param errDist how the counts scatter (Leahy of {@link ErrorDistribution#GAUSS} by the variance of the errors
     *                inside the GTI)
     * @throws InvalidParameterException if the light curve has several GTIs
     */
    public static MultitaperSpectrum lombScargle(Object source, LightCurve lc, MultitaperOptions options,
                                                 Normalization norm, ErrorDistribution errDist) {
        LightCurve one = EventLightCurves.singleGti(source, lc, ONE_STRETCH);
        return lombScargle(one.time(), one.counts(), one.dt(), EventLightCurves.span(one), options.nw(),
                options.lowBias(), norm, errDist, errDist.variance(one));
    }

    /** {@link #lombScargle(Object, LightCurve, MultitaperOptions, Normalization, ErrorDistribution)} of Poisson counts. */
    public static MultitaperSpectrum lombScargle(Object source, LightCurve lc, MultitaperOptions options,
                                                 Normalization norm) {
        return lombScargle(source, lc, options, norm, ErrorDistribution.POISSON);
    }

    /**
     * The Lomb–Scargle multitaper spectrum of an unevenly sampled light curve (Stingray {@code Multitaper(lc, NW,
     * lombscargle=True)}; Springford et al. 2020): the {@code int(2·NW)} DPSS tapers of length N (low-bias
     * selection as {@link #of}) are interpolated from N even times spanning {@code [t_0, t_{N-1}]} onto the times
     * ({@link EvenCubicSpline}, as scipy's {@code InterpolatedUnivariateSpline}), divided by the sum of their
     * squares (Stingray's "re normalizing"; not its square root), multiplied by √N and by the de-meaned counts;
     * the {@link org.manta.core.lombscargle.FloatingMeanPeriodogram} of each at {@code ν_j = j/(N·dt)},
     * {@code j = 1 … N/2 − 1} (numpy {@code rfftfreq(N, dt)[1:-1]}), averaged over the tapers, is
     * {@code multitaper_norm_power}; {@code unnorm_power} is twice it times N, normalised as {@link #of}. Neither
     * adaptive weights nor the jackknife apply ({@code jkVarDegFreedom} is null, as Stingray's None).
     *
     * <p>Stingray calls astropy's {@code LombScargle} with {@code method="auto"}, which is exact for up to 200
     * frequencies (N ≤ 403) and Press &amp; Rybicki's approximation above; Manta is always exact.
     *
     * @param time   times, increasing, s; not modified
     * @param counts counts per time; not modified
     * @param dt     the light curve's bin time, s (its frequency grid)
     * @param tseg   the light curve's length, s ({@code df = 1/tseg})
     */
    public static MultitaperSpectrum lombScargle(double[] time, double[] counts, double dt, double tseg, double nw,
            boolean lowBias, Normalization norm) {
        return lombScargle(time, counts, dt, tseg, nw, lowBias, norm, ErrorDistribution.POISSON, OptionalDouble.empty());
    }

    private static MultitaperSpectrum lombScargle(double[] time, double[] counts, double dt, double tseg, double nw,
            boolean lowBias, Normalization norm, ErrorDistribution errDist, OptionalDouble variance) {
        int n = counts.length;
        if (n < 4 || time.length != n) {
            throw new InvalidParameterException("n", n + " counts at " + time.length + " times",
                    "a light curve of at least 4 points, one count per time, for a multitaper spectrum");
        }
        Dpss.Tapers chosen = tapers(n, nw, lowBias);
        double mean = NumpyArithmetic.sum(counts) / n;
        double[] demeaned = new double[n];
        for (int i = 0; i < n; i++) {
            demeaned[i] = counts[i] - mean;
        }
        int nf = n / 2 - 1;
        double[] freq = rfftFrequencies(n, dt, nf);
        double h = (time[n - 1] - time[0]) / (n - 1);
        double[] psd = new double[nf];
        for (double[] taper : chosen.tapers()) {
            EvenCubicSpline spline = new EvenCubicSpline(time[0], h, taper);
            double[] values = new double[n];
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                values[i] = spline.value(time[i]);
                sumSq += values[i] * values[i];
            }
            double scale = Math.sqrt(n) / sumSq;
            for (int i = 0; i < n; i++) {
                values[i] *= scale * demeaned[i];
            }
            double[] p = org.manta.core.lombscargle.FloatingMeanPeriodogram.psd(time, values, freq);
            for (int j = 0; j < nf; j++) {
                psd[j] += p[j];
            }
        }
        double nphots = NumpyArithmetic.sum(counts);
        double[] unnorm = new double[nf];
        double[] power = new double[nf];
        for (int j = 0; j < nf; j++) {
            psd[j] /= chosen.tapers().length;
            unnorm[j] = psd[j] * n * 2;
            power[j] = norm.apply(unnorm[j], dt, n, nphots / n, nphots, variance);
        }
        return new MultitaperSpectrum(freq, power, unnorm, psd, chosen.ratios(), null, norm, n, dt, 1.0 / tseg, nphots,
                errDist);
    }

    /** numpy {@code rfftfreq(n, dt)[1:nf+1]}: {@code j·(1/(n·dt))}, {@code j = 1 … nf}. */
    private static double[] rfftFrequencies(int n, double dt, int nf) {
        double val = 1.0 / (n * dt);
        double[] freq = new double[nf];
        for (int j = 0; j < nf; j++) {
            freq[j] = (j + 1) * val;
        }
        return freq;
    }

    /** The {@code int(2·NW)} DPSS tapers of length n and their ratios, low-bias ones only if asked ({@link #selected}). */
    private static Dpss.Tapers tapers(int n, double nw, boolean lowBias) {
        Dpss.Tapers dpss = Dpss.compute(n, nw, (int) (2 * nw));
        int[] keep = selected(dpss.ratios(), lowBias);
        double[] eig = new double[keep.length];
        double[][] tapers = new double[keep.length][];
        for (int k = 0; k < keep.length; k++) {
            eig[k] = dpss.ratios()[keep[k]];
            tapers[k] = dpss.tapers()[keep[k]];
        }
        return new Dpss.Tapers(tapers, eig);
    }

    /** Indices of the tapers with ratio &gt; 0.9 (low bias), else of the best one; all without low bias. */
    static int[] selected(double[] ratios, boolean lowBias) {
        if (!lowBias) {
            int[] all = new int[ratios.length];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] good = java.util.stream.IntStream.range(0, ratios.length).filter(i -> ratios[i] > LOW_BIAS_RATIO)
                .toArray();
        if (good.length > 0) {
            return good;
        }
        int best = 0;
        for (int i = 1; i < ratios.length; i++) {
            if (ratios[i] > ratios[best]) {
                best = i;
            }
        }
        return new int[] {best};
    }

    /**
     * The tapered transforms {@code Y_k(ν_j)} without the DC and last bins, {@code [k][j]}; the DC and
     * Nyquist halving of Stingray touches only bins that are then dropped.
     */
    record FreqResponse(double[][] re, double[][] im) {
        int tapers() {
            return re.length;
        }

        int freqs() {
            return re[0].length;
        }

        /** The tapers {@code from..to−1} and those after, without taper {@code skip} (−1: none). */
        FreqResponse without(int skip) {
            double[][] r = new double[tapers() - 1][];
            double[][] i = new double[tapers() - 1][];
            for (int k = 0, o = 0; k < tapers(); k++) {
                if (k != skip) {
                    r[o] = re[k];
                    i[o++] = im[k];
                }
            }
            return new FreqResponse(r, i);
        }

        FreqResponse first(int count) {
            return new FreqResponse(Arrays.copyOf(re, count), Arrays.copyOf(im, count));
        }

        /**
         * Stingray {@code psd_from_freq_response}: {@code 2·Σ_k |w_k Y_k|² / Σ_k w_k²} per frequency.
         *
         * @param w weights {@code [k][j]}
         */
        double[] psd(double[][] w) {
            int nf = freqs();
            double[] out = new double[nf];
            for (int j = 0; j < nf; j++) {
                double s = 0;
                double sw = 0;
                for (int k = 0; k < tapers(); k++) {
                    double a = re[k][j] * w[k][j];
                    double b = im[k][j] * w[k][j];
                    s += a * a + b * b;
                    sw += w[k][j] * w[k][j];
                }
                out[j] = s * (2 / sw);
            }
            return out;
        }
    }

    private record Adaptive(double[] psd, double[][] weights) {
    }

    /**
     * Thomson's adaptive weighting as Stingray's {@code _get_adaptive_psd} (from nitime): start from the
     * first two tapers, iterate {@code d_k = √λ_k S/(λ_k S + (1 − λ_k)σ²)} and {@code S(d)} until the
     * largest (over frequencies) mean squared change of the weights is below 1e-10, at most 150 times.
     * {@code σ²} is the trapezoid integral of the eigenvalue-weighted estimate with step {@code π/N_f},
     * over 2π. With fewer than 3 tapers the eigenvalue weights are used.
     */
    private static Adaptive adaptive(FreqResponse fr, double[] eig) {
        int k = eig.length;
        int nf = fr.freqs();
        double[] sqrtEig = sqrt(eig);
        if (k < 3) {
            double[][] w = constantWeights(sqrtEig, nf);
            return new Adaptive(fr.psd(w), w);
        }
        double[] est = fr.psd(constantWeights(sqrtEig, nf));
        double var = trapezoid(est, Math.PI / nf) / (2 * Math.PI);
        double[] psd = fr.first(2).psd(constantWeights(Arrays.copyOf(sqrtEig, 2), nf));
        double[][] err = new double[k][nf];
        double[][] d = new double[k][nf];
        for (int it = 0; it < ADAPTIVE_MAX_ITERATIONS; it++) {
            d = new double[k][nf];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < nf; j++) {
                    d[i][j] = psd[j] / (eig[i] * psd[j] + (1 - eig[i]) * var);
                    d[i][j] *= sqrtEig[i];
                }
            }
            double worst = 0;
            for (int j = 0; j < nf; j++) {
                double s = 0;
                for (int i = 0; i < k; i++) {
                    double e = err[i][j] - d[i][j];
                    s += e * e;
                }
                worst = Math.max(worst, s / k);
            }
            if (worst < ADAPTIVE_TOLERANCE) {
                break;
            }
            psd = fr.psd(d);
            err = d;
        }
        return new Adaptive(psd, d);
    }

    /**
     * Jackknife variance of {@code ln S} over the leave-one-taper-out estimates, times Thomson's factor
     * {@code (K−1)²/(K(K−½))} (Thomson &amp; Chave 1991; Stingray {@code jackknifed_sdf_variance}). With one taper
     * (NW &lt; 1, or low bias keeping only the best) there is no leave-one-out estimate: NaN at every frequency, as
     * Stingray's sum over no taper gives ({@code 0·(2/0)}).
     */
    private static double[] jackknife(FreqResponse fr, double[] eig, boolean adaptive) {
        int k = eig.length;
        if (k < 2) {
            double[] none = new double[fr.freqs()];
            java.util.Arrays.fill(none, Double.NaN);
            return none;
        }
        int nf = fr.freqs();
        double[][] logs = new double[k][];
        for (int i = 0; i < k; i++) {
            FreqResponse sub = fr.without(i);
            double[] subEig = new double[k - 1];
            for (int a = 0, o = 0; a < k; a++) {
                if (a != i) {
                    subEig[o++] = eig[a];
                }
            }
            double[] psd = adaptive ? adaptive(sub, subEig).psd() : sub.psd(constantWeights(sqrt(subEig), nf));
            logs[i] = new double[nf];
            for (int j = 0; j < nf; j++) {
                logs[i][j] = Math.log(psd[j]);
            }
        }
        double factor = Math.pow(k - 1.0, 2) / k / (k - 0.5);
        double[] var = new double[nf];
        for (int j = 0; j < nf; j++) {
            double mean = 0;
            for (int i = 0; i < k; i++) {
                mean += logs[i][j];
            }
            mean /= k;
            double s = 0;
            for (int i = 0; i < k; i++) {
                double dev = logs[i][j] - mean;
                s += dev * dev;
            }
            var[j] = s * factor;
        }
        return var;
    }

    /** numpy {@code trapz(y, dx)}: {@code Σ dx·(y[i+1] + y[i])/2}, summed pairwise. */
    static double trapezoid(double[] y, double dx) {
        double[] terms = new double[Math.max(y.length - 1, 0)];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = dx * (y[i + 1] + y[i]) / 2.0;
        }
        return NumpyArithmetic.sum(terms);
    }

    private static double[][] constantWeights(double[] w, int nf) {
        double[][] out = new double[w.length][nf];
        for (int k = 0; k < w.length; k++) {
            Arrays.fill(out[k], w[k]);
        }
        return out;
    }

    private static double[] sqrt(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.sqrt(v[i]);
        }
        return out;
    }
}
