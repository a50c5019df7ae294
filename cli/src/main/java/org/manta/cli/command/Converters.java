package org.manta.cli.command;

import java.util.Locale;
import org.manta.cli.output.OutputFormat;
import org.manta.core.MantaException;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.core.events.EnergyBand;
import org.manta.core.spectrum.FrequencyRange;
import org.manta.core.spectrum.Normalization;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the shared options. They throw {@link TypeConversionException}, which picocli
 * reports as {@code Invalid value for option '--dt': <message>} (exit code 2).
 */
public final class Converters {
    private Converters() {
    }

    /**
     * A positive, finite number of seconds: a decimal ({@code 0.001953125}, {@code 2e-3}) or a fraction
     * {@code A/B} ({@code 1/512}).
     */
    public static final class Seconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            double v = parseSeconds(text);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new TypeConversionException("'" + text + "': expected a positive number of seconds, e.g. 0.5 or 1/512");
            }
            return v;
        }
    }

    /**
     * A whole number for an {@code int} or {@code long} option ({@code --seed}, {@code --threads}, ...), refused in
     * words a user reads ({@code 'abc': expected an integer}) rather than picocli's {@code 'abc' is not a long}.
     */
    public static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "': expected an integer");
            }
        }

        /** The same for an {@code int} option: also refuses a number beyond the int range, naming the range. */
        public static Integer toInt(String text) {
            long v = new WholeNumber().convert(text);
            if (v != (int) v) {
                throw new TypeConversionException("'" + text + "': expected an integer from " + Integer.MIN_VALUE
                        + " to " + Integer.MAX_VALUE);
            }
            return (int) v;
        }
    }

    /** Parses a decimal or {@code A/B} fraction; NaN if it is neither. */
    static double parseSeconds(String text) {
        String s = text == null ? "" : text.trim();
        try {
            int slash = s.indexOf('/');
            if (slash >= 0) {
                double num = Double.parseDouble(s.substring(0, slash).trim());
                double den = Double.parseDouble(s.substring(slash + 1).trim());
                return den == 0 ? Double.NaN : num / den;
            }
            if (s.matches("(?i).*(nan|infinity).*") || s.matches(".*[dDfF]$")) {
                return Double.NaN;   // Java would accept these; users should not need them
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** {@code leahy|frac|abs|none}, case-insensitive; {@code rms} means frac (HENDRICS). */
    public static final class Norm implements ITypeConverter<Normalization> {
        @Override
        public Normalization convert(String text) {
            if (text != null && text.trim().equalsIgnoreCase("rms")) {
                return Normalization.FRAC;   // HENDRICS users' name for the fractional rms normalisation
            }
            try {
                return Normalization.parse(text);
            } catch (MantaException e) {
                throw new TypeConversionException("'" + text + "': expected one of leahy, frac (or rms), abs, none");
            }
        }
    }

    /** {@code LO:HI} in keV. */
    public static final class EnergyRange implements ITypeConverter<EnergyBand> {
        @Override
        public EnergyBand convert(String text) {
            return band(text, false);
        }
    }

    /** {@code LO:HI} in PI channels. */
    public static final class PiRange implements ITypeConverter<EnergyBand> {
        @Override
        public EnergyBand convert(String text) {
            return band(text, true);
        }
    }

    private static EnergyBand band(String text, boolean onPi) {
        try {
            return EnergyBand.parse(text, onPi);
        } catch (MantaException e) {
            throw new TypeConversionException("'" + text + "': expected LO:HI with LO < HI"
                    + (onPi ? " (PI channels), e.g. 35:1910" : " (keV), e.g. 3:10"));
        }
    }

    /** {@code LO:HI} in Hz ({@link FrequencyRange#parse}). */
    public static final class Frequencies implements ITypeConverter<FrequencyRange> {
        @Override
        public FrequencyRange convert(String text) {
            try {
                return FrequencyRange.parse(text);
            } catch (MantaException e) {
                throw new TypeConversionException("'" + text + "': expected LO:HI in Hz with 0 <= LO < HI, e.g. 0.1:10");
            }
        }
    }

    /** Five comma-separated frequencies in Hz, ascending; each a decimal or a fraction ({@code 1/256,1/32,0.25,2,16}). */
    public static final class FrequencyEdges implements ITypeConverter<double[]> {
        @Override
        public double[] convert(String text) {
            String[] parts = text == null ? new String[0] : text.split(",", -1);
            double[] edges = new double[parts.length];
            boolean ok = parts.length == 5;
            for (int i = 0; ok && i < parts.length; i++) {
                edges[i] = parseSeconds(parts[i]);
                ok = edges[i] > 0 && Double.isFinite(edges[i]) && (i == 0 || edges[i] > edges[i - 1]);
            }
            if (!ok) {
                throw new TypeConversionException("'" + text + "': expected 5 ascending positive frequencies in Hz, "
                        + "e.g. 1/256,1/32,0.25,2,16");
            }
            return edges;
        }
    }

    /** A probability strictly between 0 and 1 (a decimal or a fraction). */
    public static final class Probability implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            double p = parseSeconds(text);
            if (!(p > 0 && p < 1)) {
                throw new TypeConversionException("'" + text + "': expected a probability between 0 and 1, e.g. 0.01");
            }
            return p;
        }
    }

    /** A number of trials, at least 1. */
    public static final class Trials implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            double n = parseSeconds(text);
            if (!(n >= 1) || Double.isInfinite(n)) {
                throw new TypeConversionException("'" + text + "': expected a number of trials, at least 1");
            }
            return n;
        }
    }

    /** {@code json|fits|csv}. */
    public static final class Format implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String text) {
            try {
                return OutputFormat.parse(text.toLowerCase(Locale.ROOT));
            } catch (MantaException e) {
                throw new TypeConversionException("'" + text + "': expected one of json, fits, csv");
            }
        }
    }

    /** {@code gauss} (the FAD's only smoothing in Stingray), case-insensitive; {@code spline} is refused with a reason. */
    public static final class Smoothing implements ITypeConverter<FadSmoothing> {
        @Override
        public FadSmoothing convert(String text) {
            try {
                return FadSmoothing.parse(text);
            } catch (MantaException e) {
                throw new TypeConversionException("'" + text + "': expected gauss (the only smoothing Stingray's FAD "
                        + "implements; spline is not available)");
            }
        }
    }
}
