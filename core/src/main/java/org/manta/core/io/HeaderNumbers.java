package org.manta.core.io;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.regex.Pattern;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.manta.core.BadEventFileException;
import org.manta.core.gti.Float80;

/**
 * The numeric timing keywords of an events header (TIMEZERO, TIMEDEL, TIMEPIXR, TSTART, TSTOP, MJDREF,
 * MJDREFI, MJDREFF) as Stingray reads them: {@code np.longdouble(header[KEY])}. A number card is its double
 * value; a string card holding a number (e.g. {@code TIMEZERO = '0.1'}, which some pipelines write) is
 * parsed, and numpy parses such a string straight to {@code longdouble} ({@link Float80#ofDecimal}). A string
 * that is not a finite number is refused, naming the keyword, the value and the file.
 */
final class HeaderNumbers {
    /** A decimal number: sign, digits with an optional point, optional exponent (FITS also allows D). */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([EeDd][+-]?\\d+)?");

    private HeaderNumbers() {
    }

    /**
     * The value of {@code key}, or {@code null} when the header does not have it.
     *
     * @throws BadEventFileException when the value is a string that is not a finite number, or not a number
     */
    static Float80.Value read(Header h, String key, Path file) {
        HeaderCard card = h.findCard(key);
        if (card == null) {
            return null;
        }
        String raw = card.getValue();
        if (card.isStringValue()) {
            String text = raw == null ? "" : raw.trim();
            if (!NUMBER.matcher(text).matches()) {
                throw new BadEventFileException(file, "keyword " + key + " = '" + raw
                        + "' is not a number (expected a number of " + unit(key) + ", e.g. " + key + " = 0.0)");
            }
            return Float80.ofDecimal(new BigDecimal(text.replace('D', 'E').replace('d', 'e')));
        }
        if (raw == null || raw.isBlank()) {
            throw new BadEventFileException(file, "keyword " + key + " has no value (expected a number of " + unit(key) + ")");
        }
        double value = h.getDoubleValue(key, Double.NaN);
        if (!Double.isFinite(value)) {
            throw new BadEventFileException(file, "keyword " + key + " = " + raw + " is not a finite number (expected a number of "
                    + unit(key) + ")");
        }
        return Float80.of(value);
    }

    /** {@link #read} as a double, or {@code absent} when the header does not have the keyword. */
    static double readDouble(Header h, String key, Path file, double absent) {
        Float80.Value v = read(h, key, file);
        return v == null ? absent : v.toDouble();
    }

    private static String unit(String key) {
        return key.startsWith("MJDREF") ? "days" : key.equals("TIMEPIXR") ? "bins (0 to 1)" : "seconds";
    }
}
