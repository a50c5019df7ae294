package org.manta.core.spectrum;

import java.util.Locale;
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
