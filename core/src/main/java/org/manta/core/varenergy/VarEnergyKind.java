package org.manta.core.varenergy;

import java.util.Locale;
import org.manta.core.InvalidParameterException;

/** Which variability-versus-energy spectrum (Stingray {@code varenergyspectrum.py}, science.md §13). */
public enum VarEnergyKind {
    /** Rms in a frequency interval per band (Stingray {@code RmsSpectrum}, §13.1); norm frac or abs. */
    RMS("rms"),
    /** Time lag of each band against the reference band (Stingray {@code LagSpectrum}, §13.2), s. */
    LAG("lag"),
    /** Modulus of the covariance (Stingray {@code CovarianceSpectrum}, §13.3); norm frac or abs. */
    COVARIANCE("covariance"),
    /** Complex covariance (Stingray {@code ComplexCovarianceSpectrum}, §13.3); norm frac or abs. */
    COMPLEX_COVARIANCE("complexcov"),
    /** Events per band in the whole list and {@code √counts} (Stingray {@code CountSpectrum}, §13.4). */
    COUNT("count"),
    /** Fractional excess variance per band (Vaughan et al. 2003; Stingray {@code ExcessVarianceSpectrum}, §13.5). */
    EXCESS_VARIANCE("excvar");

    private final String label;

    VarEnergyKind(String label) {
        this.label = label;
    }

    /** The name users type ({@code rms}, {@code lag}, …). */
    public String label() {
        return label;
    }

    /** Whether the spectrum is complex (only the complex covariance). */
    public boolean complex() {
        return this == COMPLEX_COVARIANCE;
    }

    /** Whether the spectrum comes from the segment-averaged Fourier pass (rms, lag, covariances, count). */
    public boolean fourier() {
        return this != EXCESS_VARIANCE;
    }

    /** The normalisation used when none is asked for: abs for the covariance, frac otherwise (cli.md varenergy). */
    public org.manta.core.spectrum.Normalization defaultNorm() {
        return this == COVARIANCE ? org.manta.core.spectrum.Normalization.ABS : org.manta.core.spectrum.Normalization.FRAC;
    }

    /** Parses a label, case-insensitively. */
    public static VarEnergyKind parse(String text) {
        for (VarEnergyKind k : values()) {
            if (k.label.equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new InvalidParameterException("kind", text, "one of rms, lag, covariance, complexcov, count, excvar");
    }
}
