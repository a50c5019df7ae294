package org.manta.core;

import java.util.Locale;

/** How numbers read in messages and summaries. */
public final class Numbers {
    private Numbers() {
    }

    /** Six significant digits without trailing zeros: 0.5, 2, 63.9844, 8.00000e+07 -> 8e+07. */
    public static String compact(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }
}
