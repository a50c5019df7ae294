package org.manta.core.spectrum;

import org.manta.core.InvalidParameterException;

/**
 * A frequency interval {@code [lo, hi]} in Hz, e.g. the range of an integrated rms.
 *
 * @param lo lower end, Hz, at least 0
 * @param hi upper end, Hz, above {@code lo}
 */
public record FrequencyRange(double lo, double hi) {
    public FrequencyRange {
        if (!(lo >= 0) || !(hi > lo) || Double.isInfinite(hi)) {
            throw new InvalidParameterException("frequency range", lo + ":" + hi, "LO:HI in Hz with 0 <= LO < HI");
        }
    }

    /**
     * Parses {@code LO:HI} (Hz), e.g. {@code 0.1:10}.
     *
     * @throws InvalidParameterException naming the text if it is not two numbers with {@code 0 <= LO < HI}
     */
    public static FrequencyRange parse(String text) {
        String s = text == null ? "" : text.trim();
        int colon = s.indexOf(':');
        try {
            if (colon > 0 && !s.matches("(?i).*(nan|infinity).*")) {
                return new FrequencyRange(Double.parseDouble(s.substring(0, colon).trim()),
                        Double.parseDouble(s.substring(colon + 1).trim()));
            }
        } catch (NumberFormatException | InvalidParameterException e) {
            // fall through to the message naming the text
        }
        throw new InvalidParameterException("frequency range", text, "LO:HI in Hz with 0 <= LO < HI, e.g. 0.1:10");
    }
}
