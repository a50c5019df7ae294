package org.manta.cli.output;

import java.util.Locale;
import org.manta.core.InvalidParameterException;
import org.manta.core.Numbers;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;

/**
 * A rebinning of a spectrum as a user asks for it: logarithmic (each bin {@code 1+f} times wider than the one
 * before, Stingray {@code rebin_log(f)}) or linear, to a resolution of {@code value} Hz or by a factor
 * {@code value} of the old resolution (Stingray {@code rebin(df=…)} / {@code rebin(f=…)}).
 *
 * @param kind  log, linear to a resolution, or linear by a factor
 * @param value the growth factor f, the new resolution in Hz, or the factor
 */
public record Rebinning(Kind kind, double value) {
    /** How the new bins are made. */
    public enum Kind { LOG, LINEAR_DF, LINEAR_FACTOR }

    public Rebinning {
        boolean ok = kind == Kind.LINEAR_FACTOR ? value >= 1 && Double.isFinite(value) : value > 0 && Double.isFinite(value);
        if (!ok) {
            throw kind == Kind.LOG ? new InvalidParameterException("rebin-log", value, "a positive bin-width growth factor, "
                    + "e.g. 0.1") : new InvalidParameterException("rebin", Numbers.compact(value) + (kind == Kind.LINEAR_FACTOR
                    ? "x" : ""), "a new resolution in Hz (e.g. 0.5) or a factor of at least 1 followed by x (e.g. 4x)");
        }
    }

    /** {@code rebin_log(f)}. */
    public static Rebinning log(double f) {
        return new Rebinning(Kind.LOG, f);
    }

    /**
     * A linear rebin as typed: {@code "0.5"} (new resolution, Hz) or {@code "4x"} (a factor of the resolution).
     *
     * @throws InvalidParameterException if the text is neither
     */
    public static Rebinning linear(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        boolean factor = t.endsWith("x");
        double v;
        try {
            v = Double.parseDouble(factor ? t.substring(0, t.length() - 1) : t);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("rebin", text,
                    "a new resolution in Hz (e.g. 0.5) or a factor of at least 1 followed by x (e.g. 4x)");
        }
        return new Rebinning(factor ? Kind.LINEAR_FACTOR : Kind.LINEAR_DF, v);
    }

    /** The new resolution of a linear rebin of a spectrum of resolution {@code oldDf}, Hz. */
    public double df(double oldDf) {
        return kind == Kind.LINEAR_FACTOR ? value * oldDf : value;
    }

    /** How products record it: {@code "log f=0.1"}, {@code "linear df=0.5"}, {@code "linear 4x"}. */
    public String label() {
        return switch (kind) {
            case LOG -> "log f=" + Numbers.compact(value);
            case LINEAR_DF -> "linear df=" + Numbers.compact(value);
            case LINEAR_FACTOR -> "linear " + Numbers.compact(value) + "x";
        };
    }

    /** The power spectrum rebinned. */
    public AveragedPowerSpectrum apply(AveragedPowerSpectrum ps) {
        return kind == Kind.LOG ? ps.rebinLog(value) : ps.rebin(df(ps.df()));
    }

    /** The cross spectrum rebinned; lags, coherence and errors follow from the rebinned quantities (errata H1). */
    public AveragedCrossSpectrum apply(AveragedCrossSpectrum cs) {
        return kind == Kind.LOG ? cs.rebinLog(value) : cs.rebin(df(cs.df()));
    }
}
