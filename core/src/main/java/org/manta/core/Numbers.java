package org.manta.core;

import java.util.Locale;

/** How numbers read in messages and summaries. */
public final class Numbers {
    private Numbers() {
    }

    /** Six significant digits without trailing zeros: 0.5, 2, 63.9844, 8.00000e+07 -> 8e+07. */
    public static String compact(double v) {
        return compact(v, 6);
    }

    /**
     * {@code a} and {@code b} as {@link #compact} writes them, with more significant digits (up to 17) where six
     * would show two different values alike: a message that says one was changed into the other shows the change
     * (99.675 s → 99.67504 s).
     */
    public static String[] apart(double a, double b) {
        for (int digits = 6; digits < 17; digits++) {
            String x = compact(a, digits);
            String y = compact(b, digits);
            if (!x.equals(y) || a == b) {
                return new String[] {x, y};
            }
        }
        return new String[] {compact(a, 17), compact(b, 17)};
    }

    private static String compact(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = String.format(Locale.ROOT, "%." + digits + "g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
