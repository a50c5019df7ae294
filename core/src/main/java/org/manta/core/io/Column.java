package org.manta.core.io;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nom.tam.fits.Header;

/**
 * One column of a FITS binary table, described by its {@code TTYPEn}, {@code TFORMn},
 * {@code TSCALn}, {@code TZEROn} and {@code TUNITn} keywords, with its byte offset in a row.
 * Scalar numeric columns (repeat 1 of {@code D, E, K, J, I, B}) can be decoded; the others are only
 * skipped over.
 *
 * @param name   TTYPE as written (may be any case); "" if absent
 * @param type   TFORM type letter ({@code D, E, K, J, I, B, L, X, A, C, M, P, Q})
 * @param repeat TFORM repeat count
 * @param offset byte offset of the field in a row
 * @param width  field width in bytes
 * @param scale  TSCAL (1 if absent)
 * @param zero   TZERO (0 if absent)
 * @param unit   TUNIT, trimmed; "" if absent
 */
record Column(String name, char type, int repeat, int offset, int width, double scale, double zero, String unit) {
    private static final Pattern TFORM = Pattern.compile("\\s*(\\d*)\\s*([A-Za-z])(.*)");

    /** Reads column {@code n} (1-based) of a binary table header. */
    static Column read(Header h, int n, int offset) {
        String name = h.getStringValue("TTYPE" + n, "").trim();
        String tform = h.getStringValue("TFORM" + n, "");
        Matcher m = TFORM.matcher(tform);
        if (!m.matches()) {
            throw new IllegalArgumentException("column " + n + " has TFORM" + n + " = '" + tform + "'");
        }
        int repeat = m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
        char type = Character.toUpperCase(m.group(2).charAt(0));
        int width = switch (type) {
            case 'L', 'B', 'A' -> repeat;
            case 'X' -> (repeat + 7) / 8;
            case 'I' -> 2 * repeat;
            case 'J', 'E' -> 4 * repeat;
            case 'K', 'D', 'C' -> 8 * repeat;
            case 'M' -> 16 * repeat;
            case 'P' -> repeat == 0 ? 0 : 8;
            case 'Q' -> repeat == 0 ? 0 : 16;
            default -> throw new IllegalArgumentException("column " + n + " ('" + name + "') has unknown TFORM" + n
                    + " = '" + tform + "'");
        };
        double scale = h.getDoubleValue("TSCAL" + n, 1.0);
        double zero = h.getDoubleValue("TZERO" + n, 0.0);
        String unit = h.getStringValue("TUNIT" + n, "").trim();
        return new Column(name, type, repeat, offset, width, scale, zero, unit);
    }

    /** True for a single numeric value per row that {@link #getDouble} can decode. */
    boolean isNumericScalar() {
        return repeat == 1 && "DEKJIB".indexOf(type) >= 0;
    }

    boolean isScaled() {
        return scale != 1.0 || zero != 0.0;
    }

    /** The TFORM as {@code repeat + type}, for messages. */
    String tform() {
        return repeat + String.valueOf(type);
    }

    boolean nameIs(String other) {
        return name.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
    }

    /**
     * The physical value {@code TZERO + TSCAL·raw} of this field in the row starting at
     * {@code rowStart} of a big-endian buffer. Unsigned byte ({@code B}) as FITS defines it.
     */
    double getDouble(ByteBuffer buf, int rowStart) {
        int p = rowStart + offset;
        double raw = switch (type) {
            case 'D' -> buf.getDouble(p);
            case 'E' -> buf.getFloat(p);
            case 'K' -> buf.getLong(p);
            case 'J' -> buf.getInt(p);
            case 'I' -> buf.getShort(p);
            case 'B' -> buf.get(p) & 0xFF;
            default -> throw new IllegalStateException("column '" + name + "' (" + tform() + ") is not numeric");
        };
        return isScaled() ? zero + scale * raw : raw;
    }

    /** The field as a float (for {@code E} columns without scaling), else as {@link #getDouble}. */
    float getFloat(ByteBuffer buf, int rowStart) {
        return buf.getFloat(rowStart + offset);
    }

    /** The physical value of an integer field, as a long (exact for unscaled integer columns). */
    long getLong(ByteBuffer buf, int rowStart) {
        int p = rowStart + offset;
        if (!isScaled()) {
            switch (type) {
                case 'K':
                    return buf.getLong(p);
                case 'J':
                    return buf.getInt(p);
                case 'I':
                    return buf.getShort(p);
                case 'B':
                    return buf.get(p) & 0xFF;
                default:
                    break;
            }
        }
        return (long) getDouble(buf, rowStart);
    }
}
