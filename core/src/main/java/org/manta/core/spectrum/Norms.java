package org.manta.core.spectrum;

/**
 * The normalisation arithmetic of science.md §5 (Stingray {@code fourier.normalize_periodograms},
 * {@code unnormalize_periodograms}), Poisson case only, in the evaluation orders of errata L2 so
 * that results agree with the reference to the last bit where the inputs do.
 */
public final class Norms {
    private Norms() {
    }

    /**
     * The factor applied to an averaged unnormalised power with the common mean (errata L2,
     * "factor first"): leahy {@code 2/N_ph}; frac {@code 2·dt/(μ²·N)}; abs {@code (2/N)/dt}; none 1.
     *
     * @param dt   bin time, s
     * @param n    bins per segment
     * @param mean mean counts per bin μ
     * @param nph  mean photons per segment N_ph
     */
    public static double factor(Normalization norm, double dt, int n, double mean, double nph) {
        return apply(1.0, norm, dt, n, mean, nph);
    }

    /**
     * Normalises one value left to right as Stingray does for cross spectra, errors and per-segment
     * normalisation (errata L2): leahy {@code (x·2)/N_ph}; frac {@code ((x·2)·dt)/(μ²·N)};
     * abs {@code ((x·2)/N)/dt}; none {@code x}.
     */
    public static double apply(double x, Normalization norm, double dt, int n, double mean, double nph) {
        return switch (norm) {
            case LEAHY -> (x * 2.0) / nph;
            case FRAC -> ((x * 2.0) * dt) / (mean * mean * n);
            case ABS -> ((x * 2.0) / n) / dt;
            case NONE -> x;
        };
    }

    /** {@link #apply} on every element, into a new array. */
    public static double[] apply(double[] x, Normalization norm, double dt, int n, double mean, double nph) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = apply(x[i], norm, dt, n, mean, nph);
        }
        return out;
    }

    /**
     * The average of per-segment normalised powers ({@code use_common_mean=False}: each segment
     * normalised with its own {@code N_ph}) from three running sums over M segments: leahy
     * {@code Σ(P/N_ph)·2/M}; frac {@code Σ(P/N_ph²)·(2·dt·N)/M} (since {@code μ²N = N_ph²/N});
     * abs and none {@code apply(ΣP)/M} (no per-segment quantity enters).
     *
     * @param sum     {@code ΣP}
     * @param sumW    {@code Σ P/N_ph}
     * @param sumW2   {@code Σ P/N_ph²}
     * @param mSeg    number of segments M
     * @param dt      bin time, s
     * @param n       bins per segment
     */
    public static double perSegmentAverage(Normalization norm, double sum, double sumW, double sumW2, int mSeg,
            double dt, int n) {
        return switch (norm) {
            case LEAHY -> sumW * 2.0 / mSeg;
            case FRAC -> sumW2 * (2.0 * dt * n) / mSeg;
            case ABS, NONE -> apply(sum, norm, dt, n, Double.NaN, Double.NaN) / mSeg;
        };
    }

    /**
     * Inverse of the normalisation for a value given in {@code norm} (Stingray
     * {@code unnormalize_periodograms}): leahy {@code x·N_ph/2}; frac {@code x·(N_ph²/N)/(2·dt)};
     * abs {@code x·dt·N/2}; none {@code x}.
     */
    public static double unnormalize(double x, Normalization norm, double dt, int n, double nph) {
        return switch (norm) {
            case LEAHY -> x * nph / 2.0;
            case FRAC -> x * (nph * nph / n) / (2.0 * dt);
            case ABS -> x * dt * n / 2.0;
            case NONE -> x;
        };
    }
}
