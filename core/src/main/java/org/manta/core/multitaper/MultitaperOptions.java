package org.manta.core.multitaper;

import org.manta.core.InvalidParameterException;

/**
 * Choices of the multitaper estimate (Stingray {@code Multitaper} keywords, same defaults).
 *
 * @param nw        time-half-bandwidth product NW (≥ 0.5); {@code int(2·NW)} tapers are computed
 * @param adaptive  Thomson's adaptive weights instead of the eigenvalue weights (needs ≥ 3 tapers, else
 *                  falls back to the eigenvalue weights as Stingray does)
 * @param jackknife jackknife variance of the log spectrum; otherwise the degrees of freedom
 *                  {@code 2·Σ_k d_k²} (adaptive) or {@code 2K}
 * @param lowBias   keep only the tapers with concentration ratio &gt; 0.9 (or the best one)
 */
public record MultitaperOptions(double nw, boolean adaptive, boolean jackknife, boolean lowBias) {
    /** Stingray's default {@code NW = 4}. */
    public static final double DEFAULT_NW = 4;

    public MultitaperOptions {
        if (!(nw >= 0.5) || Double.isInfinite(nw)) {
            throw new InvalidParameterException("nw", nw, "a normalised half-bandwidth NW >= 0.5");
        }
    }

    /** Stingray's defaults: NW = 4, eigenvalue weights, jackknife, low bias. */
    public static MultitaperOptions defaults() {
        return new MultitaperOptions(DEFAULT_NW, false, true, true);
    }
}
