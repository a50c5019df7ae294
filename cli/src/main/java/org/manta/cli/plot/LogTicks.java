package org.manta.cli.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The labelled ticks of a logarithmic axis, chosen for its length in pixels so that at least
 * {@value #MIN_LABELS} labels show whatever the span (XChart labels only 1..9 × 10ⁿ or only the decades, so an
 * axis from 0.42 to 0.48 had none and one over 1.5 decades had two). From the densest set of at most {@value #MAX_LABELS} that fits: every
 * 1..9 × 10ⁿ, then 1, 2, 3, 5 × 10ⁿ, 1, 2, 5, the decades, every other decade, and so on; on a span under a
 * decade, plain numbers at a linear step of 1, 2 or 5 × 10ᵏ, placed on the log axis, when even the densest gives
 * {@value #MIN_LABELS} labels or fewer or leaves a good part of the axis unlabelled (0.66 to 1.35: 0.7, 0.8, 0.9, 1). Pure: the painting is {@link LogAxisChart}'s.
 */
final class LogTicks {
    /** Labels at least on every log axis (fewer only when even the smallest step overlaps). */
    static final int MIN_LABELS = 3;
    /** Labels at most: more read as a crowd (a decade's 1..9 is the most). */
    static final int MAX_LABELS = 10;
    /** Free space kept between two neighbouring labels, px. */
    static final double LABEL_GAP_PX = 10;
    /** Mantissas of the labelled ticks in a decade, densest first. */
    private static final int[][] MANTISSAS = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 5}, {1, 2, 5}, {1}};
    /**
     * On a span under a decade the linear ticks are taken when their first and last label span this much more of the
     * axis than the log ticks' (or when the log ticks are {@value #MIN_LABELS} or fewer).
     */
    private static final double MIN_COVER_GAIN = 0.2;
    /** Linear steps of a narrow span, mantissas of 10ᵏ. */
    private static final double[] STEPS = {1, 2, 5};
    /** Plain decimals between these magnitudes, powers of ten outside. */
    private static final double PLAIN_MIN = 1e-3;
    private static final double PLAIN_MAX = 1e5;
    /** Significant digits a tick value is rounded to (removes 0.30000000000000004). */
    private static final MathContext DIGITS = new MathContext(6);

    /** A labelled tick: its value on the axis and its text. */
    record Tick(double value, String label) {
    }

    private LogTicks() {
    }

    /**
     * The ticks of a log axis from {@code lo} to {@code hi} (both positive), {@code lengthPx} long, whose labels
     * take {@code extentPx} pixels along the axis each (their width on an x axis, their height on a y axis).
     */
    static List<Tick> choose(double lo, double hi, double lengthPx, ToDoubleFunction<String> extentPx) {
        if (!(lo > 0) || !(hi > lo) || !Double.isFinite(hi)) {
            return List.of();
        }
        List<Tick> best = List.of();
        for (int every = 1; every <= 64; every *= 2) {      // every, every 2nd, 4th... decade: the sparsest end
            for (int[] set : every == 1 ? MANTISSAS : new int[][] {{1}}) {
                List<Tick> t = logTicks(lo, hi, set, every);
                if (t.size() <= MAX_LABELS && fits(t, lo, hi, lengthPx, extentPx)) {
                    best = t;
                    break;
                }
            }
            if (!best.isEmpty()) {
                break;
            }
        }
        if (hi / lo >= 10) {     // a decade or more: the decades are labelled
            return best;
        }
        List<Tick> linear = linearTicks(lo, hi, lengthPx, extentPx);
        boolean fewer = best.size() <= MIN_LABELS && linear.size() > best.size();
        // 0.66..1.35: 0.7, 0.8, 0.9, 1 left the upper half unlabelled; 0.7, 0.8 … 1.3 label it all
        boolean wider = linear.size() >= best.size() && cover(linear, lo, hi) > cover(best, lo, hi) + MIN_COVER_GAIN;
        return fewer || wider ? linear : best;
    }

    /** The fraction of the log axis from {@code lo} to {@code hi} between the first and the last tick. */
    private static double cover(List<Tick> ticks, double lo, double hi) {
        return ticks.size() < 2 ? 0
                : Math.log(ticks.get(ticks.size() - 1).value() / ticks.get(0).value()) / Math.log(hi / lo);
    }

    private static List<Tick> logTicks(double lo, double hi, int[] mantissas, int everyDecades) {
        List<Tick> ticks = new ArrayList<>();
        int first = (int) Math.floor(Math.log10(lo));
        int last = (int) Math.ceil(Math.log10(hi));
        for (int k = first; k <= last; k++) {
            if (Math.floorMod(k, everyDecades) != 0) {
                continue;
            }
            for (int m : mantissas) {
                double v = round(m * Math.pow(10, k));
                if (inside(v, lo, hi)) {
                    ticks.add(new Tick(v, format(v)));
                }
            }
        }
        return ticks;
    }

    /**
     * Plain numbers at the smallest 1, 2, 5 × 10ᵏ step whose labels fit, with as many decimals as the step needs.
     */
    private static List<Tick> linearTicks(double lo, double hi, double lengthPx, ToDoubleFunction<String> extentPx) {
        int k = (int) Math.floor(Math.log10(hi - lo)) - 2;
        for (int tries = 0; tries < 12; tries++, k++) {
            for (double s : STEPS) {
                double step = s * Math.pow(10, k);
                List<Tick> ticks = new ArrayList<>();
                for (long i = (long) Math.ceil(lo / step); i * step <= hi * (1 + 1e-12); i++) {
                    double v = round(i * step);
                    if (inside(v, lo, hi)) {
                        ticks.add(new Tick(v, format(v)));
                    }
                }
                if (ticks.size() <= MAX_LABELS && fits(ticks, lo, hi, lengthPx, extentPx)) {
                    return ticks;
                }
            }
        }
        return List.of();
    }

    private static boolean inside(double v, double lo, double hi) {
        return v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
    }

    /** Whether neighbouring labels keep {@value #LABEL_GAP_PX} px apart (and labels are distinct). */
    private static boolean fits(List<Tick> ticks, double lo, double hi, double lengthPx, ToDoubleFunction<String> extentPx) {
        if (ticks.isEmpty()) {
            return false;
        }
        double scale = lengthPx / Math.log10(hi / lo);
        for (int i = 1; i < ticks.size(); i++) {
            Tick a = ticks.get(i - 1);
            Tick b = ticks.get(i);
            double distance = scale * Math.log10(b.value() / a.value());
            double needed = (extentPx.applyAsDouble(a.label()) + extentPx.applyAsDouble(b.label())) / 2 + LABEL_GAP_PX;
            if (distance < needed || a.label().equals(b.label())) {
                return false;
            }
        }
        return true;
    }

    private static double round(double v) {
        return new BigDecimal(v).round(DIGITS).doubleValue();
    }

    /**
     * A tick label: a plain decimal from {@value #PLAIN_MIN} to {@value #PLAIN_MAX} ({@code 0.05}, {@code 2000},
     * never {@code .05} or a grouping comma), else {@code 10⁻⁴} or {@code 2×10⁻⁴}.
     */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(DIGITS).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= PLAIN_MIN && a < PLAIN_MAX) {
            return d.toPlainString().replace('-', '−');
        }
        int exponent = d.precision() - d.scale() - 1;
        BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
        String power = "10" + superscript(exponent);
        String sign = v < 0 ? "−" : "";
        return mantissa.abs().compareTo(BigDecimal.ONE) == 0 ? sign + power
                : sign + mantissa.abs().toPlainString() + "×" + power;
    }

    private static String superscript(int n) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder s = new StringBuilder(n < 0 ? "⁻" : "");
        for (char c : Integer.toString(Math.abs(n)).toCharArray()) {
            s.append(digits.charAt(c - '0'));
        }
        return s.toString();
    }
}
