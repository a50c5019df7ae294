package org.manta.core.deadtime;

import java.util.Locale;
import org.manta.core.InvalidParameterException;

/**
 * How the FAD smooths the squared Fourier amplitude difference (Stingray {@code FAD(smoothing_alg=...)}).
 * Stingray 840569c6 implements only the Gaussian filter and raises {@code ValueError} for anything else;
 * so does {@link #parse}.
 */
public enum FadSmoothing {
    /** scipy {@code gaussian_filter1d} with σ = smoothing length in frequency bins ({@link GaussianFilter}). */
    GAUSS;

    /** The lower-case name used on the command line and in products. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code gauss} (case-insensitive); anything else, {@code spline} included, is an error naming it. */
    public static FadSmoothing parse(String text) {
        String t = text == null ? "" : text.trim();
        for (FadSmoothing s : values()) {
            if (s.label().equalsIgnoreCase(t)) {
                return s;
            }
        }
        throw new InvalidParameterException("smoothing-alg", text,
                "gauss (the only smoothing Stingray's FAD implements; spline is not available)");
    }
}
