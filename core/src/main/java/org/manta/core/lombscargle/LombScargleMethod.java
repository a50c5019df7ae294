package org.manta.core.lombscargle;

import java.util.Locale;
import org.manta.core.InvalidParameterException;

/** How the Lomb–Scargle Fourier transform is evaluated (Stingray's {@code method}). */
public enum LombScargleMethod {
    /** The exact O(N·N_f) sums of {@code lsft_slow} (Scargle 1989). */
    SLOW,
    /**
     * Press &amp; Rybicki (1989) extirpolation onto an FFT grid ({@code lsft_fast}, astropy
     * {@code trig_sum}); an approximation, with Stingray's quirks reproduced (see
     * {@link LombScargleTransform#fast}). Stingray's default.
     */
    FAST;

    /** {@code slow} or {@code fast}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code slow|fast} (case-insensitive); anything else is an error naming the value. */
    public static LombScargleMethod parse(String text) {
        for (LombScargleMethod m : values()) {
            if (m.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return m;
            }
        }
        throw new InvalidParameterException("method", text, "one of slow, fast");
    }
}
