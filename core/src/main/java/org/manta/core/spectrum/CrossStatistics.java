package org.manta.core.spectrum;

/**
 * Scalar kernels of cross-spectral statistics in unnormalised units (science.md §7.1, §10; errata L1):
 * bias term, raw and intrinsic coherence, errors on an averaged cross spectrum. Inputs per frequency:
 * cross power {@code C = re + i·im}, subject power {@code P1}, reference power {@code P2}, their
 * Poisson levels {@code P1n = N_ph,1}, {@code P2n = N_ph,2}, and the number of averaged powers M.
 */
public final class CrossStatistics {
    /** Above this M the bias term is taken as 0 (Stingray {@code _bias_term}). */
    public static final int BIAS_FREE_M = 500;
    /** Powers within this many σ of the noise make the intrinsic coherence undefined. */
    public static final double INTRINSIC_COHERENCE_THRESHOLD = 3;

    private CrossStatistics() {
    }

    /**
     * Bias term (Vaughan &amp; Nowak 1997; Ingram 2019), Stingray {@code fourier.bias_term}:
     * {@code b² = (P1·P2 - γ²·(P1 - P1n)·(P2 - P2n))/M}, 0 if {@code M > 500}.
     */
    public static double biasTerm(double p1, double p2, double p1n, double p2n, double m, double gammaSq) {
        if (m > BIAS_FREE_M) {
            return 0.0;
        }
        return (p1 * p2 - gammaSq * (p1 - p1n) * (p2 - p2n)) / m;
    }

    /**
     * Raw coherence (Stingray {@code fourier.raw_coherence}, §10.2):
     * {@code g² = max(|C|² - b², 0)/(P1·P2)} with the bias for {@code γ² = 1}.
     */
    public static double rawCoherence(double re, double im, double p1, double p2, double p1n, double p2n, double m) {
        double bsq = biasTerm(p1, p2, p1n, p2n, m, 1.0);
        double num = (re * re + im * im) - bsq;
        if (num < 0) {
            num = 0;
        }
        return num / (p1 * p2);
    }

    /**
     * Uncertainty of the raw coherence: {@code √2·g²·(1-g²)/(√g²·√M)}, replaced by {@code 1/M} when
     * {@code g² = 0} or when smaller than {@code 1/M}.
     */
    public static double rawCoherenceError(double coherence, double m) {
        double min = 1 / m;
        double err = (Math.sqrt(2) * coherence * (1 - coherence)) / (Math.sqrt(coherence) * Math.sqrt(m));
        return (coherence == 0 || err < min) ? min : err;
    }

    /**
     * Intrinsic coherence and its uncertainty (Stingray {@code fourier.intrinsic_coherence}, §10.3),
     * as {@code {γ², δγ²}}: NaN/NaN when {@code P1 - P1n <= 3·P1n/√M} or the same for P2; 0/NaN when
     * {@code |C|² < b²}; otherwise {@code γ² = (|C|² - b²)/((P1-P1n)(P2-P2n))} with the VN97 eq. 8
     * uncertainty written with Stingray's exact terms. With {@code adjustBias} the bias is iterated
     * with the current {@code γ²} (Ingram 2019 §5, up to 40 times, until it moves by less than 0.01).
     * M is truncated to an integer, as Stingray does.
     */
    public static double[] intrinsicCoherence(double re, double im, double p1, double p2, double p1n, double p2n,
            double mIn, boolean adjustBias) {
        long m = (long) mIn;
        double sqrtM = Math.sqrt(m);
        boolean low1 = (p1 - p1n) <= INTRINSIC_COHERENCE_THRESHOLD * p1n / sqrtM;
        boolean low2 = (p2 - p2n) <= INTRINSIC_COHERENCE_THRESHOLD * p2n / sqrtM;
        if (low1 || low2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double p1sub = p1 - p1n;
        double p2sub = p2 - p2n;
        double cc = re * re + im * im;
        double bsq;
        double num;
        double coherence;
        if (!adjustBias) {
            bsq = biasTerm(p1, p2, p1n, p2n, m, 1);
            num = cc - bsq;
            if (num < 0) {
                return new double[] {0.0, Double.NaN};
            }
            coherence = num / (p1sub * p2sub);
        } else {
            double current = 1.0;
            bsq = 0;
            num = 0;
            coherence = current;
            for (int i = 0; i < 40; i++) {
                bsq = biasTerm(p1, p2, p1n, p2n, m, current);
                num = cc - bsq;
                if (num <= 0) {
                    return new double[] {0.0, Double.NaN};
                }
                coherence = num / (p1sub * p2sub);
                if (Math.abs(current - coherence) < 0.01) {
                    break;
                }
                current = coherence;
            }
        }
        double err1 = 2.0 * (bsq * bsq) * m / ((num - bsq) * (num - bsq));
        double err2 = (p1n / p1sub) * (p1n / p1sub) + (p2n / p2sub) * (p2n / p2sub);
        double r = (1 - coherence) / Math.pow(coherence, 1.5);
        double err3 = 2.0 * (r * r);
        double uncertainty = coherence / sqrtM * Math.sqrt(err1 + err2 + err3);
        return new double[] {coherence, uncertainty};
    }

    /**
     * Errors on an averaged cross spectrum for independent bands (Ingram 2019; Stingray
     * {@code fourier.error_on_averaged_cross_spectrum(common_ref=False)}, §7.1), as
     * {@code {δRe, δIm, δφ}}:
     * {@code δRe = √((P2·P1 + Re² - Im²)/(2M))}, {@code δIm = √((P2·P1 - Re² + Im²)/(2M))},
     * {@code δφ = √((1 - g²)/(2·g²·M))} with {@code g²} the raw coherence (with bias).
     */
    public static double[] crossSpectrumErrors(double re, double im, double p1, double p2, double p1n, double p2n,
            double m) {
        double[] e = averagedCrossErrors(re, im, p1, p2, p1n, p2n, m, false);
        return new double[] {e[0], e[1], e[2]};
    }

    /**
     * All errors of Stingray {@code fourier.error_on_averaged_cross_spectrum} (Ingram 2019, science.md §7.1),
     * as {@code {δRe, δIm, δφ, δG}}, for a subject power {@code P1} (noise {@code P1n}), a reference power
     * {@code P2} (noise {@code P2n}) and M averaged powers:
     * <ul>
     *   <li>independent bands ({@code commonRef = false}): {@code δRe, δIm, δφ} as
     *       {@link #crossSpectrumErrors} and {@code δG = √(P2·P1/M)};</li>
     *   <li>subject photons also in the reference ({@code commonRef = true}, Ingram 2019 eqs. 18–19): with
     *       {@code G² = |C|²} and the bias {@code b²} ({@link #biasTerm}, γ² = 1),
     *       {@code δRe = δIm = δG = √(P2/(2M)·(P1 - (G² - b²)/(P2 - P2n)))} and
     *       {@code δφ = √(P2/(2M)·(P1/(G² - b²) - 1/(P2 - P2n)))}.</li>
     * </ul>
     * NaN where a square root has a negative argument, as numpy gives.
     */
    public static double[] averagedCrossErrors(double re, double im, double p1, double p2, double p1n, double p2n,
            double m, boolean commonRef) {
        double twoM = 2 * m;
        if (commonRef) {
            double gsq = re * re + im * im;
            double bsq = biasTerm(p1, p2, p1n, p2n, m, 1.0);
            double frac = (gsq - bsq) / (p2 - p2n);
            double powerOver2n = p2 / twoM;
            double dG = Math.sqrt(powerOver2n * (p1 - frac));
            double dPhi = Math.sqrt(powerOver2n * (p1 / (gsq - bsq) - 1 / (p2 - p2n)));
            return new double[] {dG, dG, dPhi, dG};
        }
        double prps = p2 * p1;
        double dRe = Math.sqrt((prps + re * re - im * im) / twoM);
        double dIm = Math.sqrt((prps - re * re + im * im) / twoM);
        double gsq = rawCoherence(re, im, p1, p2, p1n, p2n, m);
        double dPhi = Math.sqrt((1 - gsq) / (2 * gsq * m));
        return new double[] {dRe, dIm, dPhi, Math.sqrt(prps / m)};
    }
}
