package org.manta.core.spectrum;

import java.util.Locale;
import java.util.OptionalDouble;
import org.manta.core.InvalidParameterException;

/**
 * Power normalisations (science.md §5; Stingray {@code fourier.normalize_periodograms}).
 * Leahy et al. 1983; Belloni &amp; Hasinger 1990; Miyamoto et al. 1991.
 */
public enum Normalization {
    /** {@code 2/N_ph · P}: Poisson noise level 2. */
    LEAHY,
    /** Fractional rms: {@code 2Δt/(μ²N) · P}, (rms/mean)² Hz⁻¹. */
    FRAC,
    /** Absolute rms: {@code 2/(NΔt) · P}, (ct/s)² Hz⁻¹. */
    ABS,
    /** Unnormalised {@code |X|²}. */
    NONE;

    /** The lower-case name used on the command line and in products ({@code leahy}, {@code frac}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Normalises one unaveraged (m = 1) unnormalised power or cross-power component as Stingray's
     * {@code normalize_periodograms} does for single spectra (Poisson case; evaluation order of
     * errata L2): leahy {@code (x·2)/N_ph}, frac {@code ((x·2)·dt)/(μ²·N)}, abs {@code ((x·2)/N)/dt},
     * none {@code x}. Used by the Lomb–Scargle and multitaper spectra.
     *
     * @param x    unnormalised power (or the real or imaginary part of a cross power)
     * @param dt   bin time, s
     * @param n    number of light-curve bins N
     * @param mean mean counts per bin μ
     * @param nph  photons N_ph
     */
    public double apply(double x, double dt, int n, double mean, double nph) {
        return Norms.apply(x, this, dt, n, mean, nph);
    }

    /**
     * {@link #apply}, except that Leahy with a measurement {@code variance} σ² (a light curve with Gaussian errors,
     * science.md §5) is Stingray's {@code normalize_leahy_from_variance}: {@code (x·2)/(σ²·N)}. The other
     * normalisations do not use it.
     *
     * @param variance σ², counts² per bin; empty for Poisson counts
     */
    public double apply(double x, double dt, int n, double mean, double nph, OptionalDouble variance) {
        if (this == LEAHY && variance.isPresent()) {
            return (x * 2.0) / (variance.getAsDouble() * n);
        }
        return apply(x, dt, n, mean, nph);
    }

    /**
     * The Poisson (white) noise level of a power spectrum in this normalisation (science.md §5; Stingray
     * {@code fourier.poisson_level(norm, meanrate, n_ph, backrate)}): leahy 2; frac
     * {@code 2/(r̄ - b)²·r̄}; abs {@code 2·r̄}; none {@code N_ph}. Stingray has no dead-time option here:
     * a dead-time distorted level comes from a dead-time model, not from this function.
     *
     * @param meanrate mean count rate r̄, ct/s (used by frac and abs)
     * @param nph      photons per segment N_ph (used by none)
     * @param backrate background count rate b, ct/s (frac only; 0 for none)
     * @throws InvalidParameterException if frac or abs get a non-positive or non-finite rate
     */
    public double poissonLevel(double meanrate, double nph, double backrate) {
        if ((this == FRAC || this == ABS) && !(meanrate > 0 && Double.isFinite(meanrate))) {
            throw new InvalidParameterException("meanrate", meanrate,
                    "a positive count rate for the " + label() + " Poisson level");
        }
        return switch (this) {
            case LEAHY -> 2.0;
            case FRAC -> 2.0 / ((meanrate - backrate) * (meanrate - backrate)) * meanrate;
            case ABS -> 2.0 * meanrate;
            case NONE -> nph;
        };
    }

    /** Parses {@code leahy|frac|abs|none} (case-insensitive); anything else is an error naming the value. */
    public static Normalization parse(String text) {
        for (Normalization n : values()) {
            if (n.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return n;
            }
        }
        throw new InvalidParameterException("norm", text, "one of leahy, frac, abs, none");
    }
}
