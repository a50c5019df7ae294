package org.manta.core.bispectrum;

import org.manta.core.InvalidParameterException;

/**
 * The windows of Stingray's {@code utils.create_window(N, window_type)}, evaluated as it does
 * ({@code n = 0..N−1}). Used as lag windows of the bispectrum and as data windows of the bicoherence.
 */
public enum LagWindow {
    UNIFORM("uniform"),
    PARZEN("parzen"),
    HAMMING("hamming"),
    HANNING("hanning"),
    TRIANGULAR("triangular"),
    WELCH("welch"),
    BLACKMANN("blackmann"),
    FLAT_TOP("flat-top");

    private final String label;

    LagWindow(String label) {
        this.label = label;
    }

    /** Stingray's name ({@code flat-top}, {@code blackmann}, ...). */
    public String label() {
        return label;
    }

    /** Parses a Stingray window name (case-insensitive); anything else is an error naming the value. */
    public static LagWindow parse(String text) {
        for (LagWindow w : values()) {
            if (w.label.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return w;
            }
        }
        throw new InvalidParameterException("window", text,
                "one of uniform, parzen, hamming, hanning, triangular, welch, blackmann, flat-top");
    }

    /** The {@code n}-point window (Stingray {@code create_window}); empty for {@code n = 0}. */
    public double[] values(int n) {
        if (n < 0) {
            throw new InvalidParameterException("window length", n, "a non-negative number of samples");
        }
        double[] w = new double[n];
        if (n == 0) {
            return w;
        }
        if (this == PARZEN) {
            return parzen(n);
        }
        int nm1 = n - 1;
        int half = (int) Math.floor(nm1 / 2.0);
        for (int i = 0; i < n; i++) {
            w[i] = switch (this) {
                case UNIFORM -> 1.0;
                case HAMMING -> 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / nm1);
                case HANNING -> 0.5 * (1 - Math.cos(2 * Math.PI * i / nm1));
                case TRIANGULAR -> 1 - Math.abs((double) (i - half) / n);
                case WELCH -> {
                    double c = nm1 / 2.0;
                    double r = (i - c) / c;
                    yield 1 - r * r;
                }
                case BLACKMANN -> 0.42659 - 0.49656 * Math.cos((2 * Math.PI * i) / nm1)
                        + 0.076849 * Math.cos((4 * Math.PI * i) / nm1);
                case FLAT_TOP -> 1 - 1.93 * Math.cos((2 * Math.PI * i) / nm1) + 1.29 * Math.cos((4 * Math.PI * i) / nm1)
                        - 0.388 * Math.cos((6 * Math.PI * i) / nm1) + 0.028 * Math.cos((8 * Math.PI * i) / nm1);
                case PARZEN -> throw new IllegalStateException("handled above");
            };
        }
        return w;
    }

    /** Stingray's Parzen construction: a one-sided half of length ⌈(N+1)/2⌉, mirrored, cut to N. */
    private static double[] parzen(int n) {
        int np = (int) Math.ceil((n + 1) / 2.0);
        int split = (int) Math.floor(np / 2.0) + 1;
        double[] half = new double[np];
        for (int i = 0; i < np; i++) {
            if (i < split) {
                double lag = (double) i / (np - 1);
                half[i] = 1 - (1 - lag) * lag * lag * 6;
            } else {
                double lag = 1 - (double) i / (np - 1);
                half[i] = lag * lag * lag * 2;
            }
        }
        double[] full = new double[2 * np - 1];
        for (int i = 0; i < np - 1; i++) {
            full[i] = half[np - 1 - i];
        }
        System.arraycopy(half, 0, full, np - 1, np);
        return java.util.Arrays.copyOf(full, n);
    }
}
