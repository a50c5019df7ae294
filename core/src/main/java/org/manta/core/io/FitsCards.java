package org.manta.core.io;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.manta.core.InvalidParameterException;

/**
 * FITS header card images (80 characters, fixed format: values right-justified to column 30 where
 * they fit) and header blocks. Reals use Java's shortest round-trip representation, so they parse
 * back to the same double.
 */
final class FitsCards {
    static final int CARD = 80;
    private static final int BLOCK = FitsScan.BLOCK;

    private FitsCards() {
    }

    /** Cards + END, padded with blanks to whole 2880-byte blocks. */
    static byte[] headerBytes(List<String> cards) {
        StringBuilder sb = new StringBuilder();
        for (String card : cards) {
            sb.append(card);
        }
        sb.append(pad("END"));
        while (sb.length() % BLOCK != 0) {
            sb.append(' ');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static String logical(String key, boolean value, String comment) {
        return card(key, String.format(Locale.ROOT, "%20s", value ? "T" : "F"), comment);
    }

    static String integer(String key, long value, String comment) {
        return card(key, String.format(Locale.ROOT, "%20d", value), comment);
    }

    static String real(String key, double value, String comment) {
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException(key, value, "a finite number for a FITS header");
        }
        String v = Double.toString(value);
        return card(key, v.length() < 20 ? String.format(Locale.ROOT, "%20s", v) : v, comment);
    }

    static String string(String key, String value, String comment) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 32 || ch > 126) {
                throw new InvalidParameterException(key, value, "printable ASCII for a FITS header");
            }
        }
        StringBuilder v = new StringBuilder("'").append(value.replace("'", "''"));
        while (v.length() < 9) {
            v.append(' ');
        }
        v.append('\'');
        if (v.length() > 70) {
            throw new InvalidParameterException(key, value, "at most 68 characters");
        }
        return card(key, v.toString(), comment);
    }

    private static String card(String key, String value, String comment) {
        String s = String.format(Locale.ROOT, "%-8s= %s", key, value);
        if (comment != null && s.length() + 3 < CARD) {
            s = s + " / " + comment;
        }
        if (s.length() > CARD) {
            s = s.substring(0, CARD);
        }
        return pad(s);
    }

    private static String pad(String s) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < CARD) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
