package org.manta.core.spectrum;

/**
 * The normalisation arithmetic of science.md §5 (Stingray {@code fourier.normalize_periodograms},
 * {@code unnormalize_periodograms}), Poisson case only, in the evaluation orders of errata L2 so
 * that results agree with the reference to the last bit where the inputs do.
 */
final class Norms {
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
    static double factor(Normalization norm, double dt, int n, double mean, double nph) {
        return apply(1.0, norm, dt, n, mean, nph);
    }

    /**
     * Normalises one value left to right as Stingray does for cross spectra, errors and per-segment
     * normalisation (errata L2): leahy {@code (x·2)/N_ph}; frac {@code ((x·2)·dt)/(μ²·N)};
     * abs {@code ((x·2)/N)/dt}; none {@code x}.
     */
    static double apply(double x, Normalization norm, double dt, int n, double mean, double nph) {
        return switch (norm) {
            case LEAHY -> (x * 2.0) / nph;
            case FRAC -> ((x * 2.0) * dt) / (mean * mean * n);
            case ABS -> ((x * 2.0) / n) / dt;
            case NONE -> x;
        };
    }

    /** {@link #apply} on every element, into a new array. */
    static double[] apply(double[] x, Normalization norm, double dt, int n, double mean, double nph) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = apply(x[i], norm, dt, n, mean, nph);
        }
        return out;
    }

    /**
     * Inverse of the normalisation for a value given in {@code norm} (Stingray
     * {@code unnormalize_periodograms}): leahy {@code x·N_ph/2}; frac {@code x·(N_ph²/N)/(2·dt)};
     * abs {@code x·dt·N/2}; none {@code x}.
     */
    static double unnormalize(double x, Normalization norm, double dt, int n, double nph) {
        return switch (norm) {
            case LEAHY -> x * nph / 2.0;
            case FRAC -> x * (nph * nph / n) / (2.0 * dt);
            case ABS -> x * dt * n / 2.0;
            case NONE -> x;
        };
    }
}
