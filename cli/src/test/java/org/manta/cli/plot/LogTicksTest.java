package org.manta.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The labels of a log axis: at least three whatever the span, never overlapping, in a plain number format, for
 * spans from a few per cent to many decades.
 */
class LogTicksTest {
    /** About the width of a 13 pt character, px. */
    private static final double CHAR_PX = 8;
    private static final ToDoubleFunction<String> WIDTH = label -> CHAR_PX * label.length();
    /** The x axis of a 1000 px chart, px. */
    private static final double X_AXIS_PX = 880;

    @Test
    void everySpanHasAtLeastThreeLabelsThatDoNotOverlap() {
        double[][] spans = {{0.42, 0.48}, {4.2, 4.5}, {1.1, 1.9}, {0.042, 0.079}, {0.3, 0.9}, {0.65, 10}, {0.125, 32},
            {1e-4, 30}, {1e-12, 1e12}, {1000, 1900}, {2.2e-5, 3.1e-5}};
        for (double[] s : spans) {
            List<LogTicks.Tick> ticks = LogTicks.choose(s[0], s[1], X_AXIS_PX, WIDTH);
            String what = s[0] + "–" + s[1] + ": " + ticks;
            assertTrue(ticks.size() >= LogTicks.MIN_LABELS && ticks.size() <= LogTicks.MAX_LABELS, what);
            double scale = X_AXIS_PX / Math.log10(s[1] / s[0]);
            for (int i = 0; i < ticks.size(); i++) {
                LogTicks.Tick t = ticks.get(i);
                assertTrue(t.value() >= s[0] * (1 - 1e-9) && t.value() <= s[1] * (1 + 1e-9), "inside the axis: " + what);
                if (i > 0) {
                    LogTicks.Tick p = ticks.get(i - 1);
                    double gap = scale * Math.log10(t.value() / p.value())
                            - (WIDTH.applyAsDouble(t.label()) + WIDTH.applyAsDouble(p.label())) / 2;
                    assertTrue(gap >= LogTicks.LABEL_GAP_PX, "labels " + p.label() + " and " + t.label() + " overlap: " + what);
                }
            }
        }
    }

    @Test
    void aNarrowSpanGetsPlainNumbersAtALinearStep() {
        List<LogTicks.Tick> ticks = LogTicks.choose(0.42, 0.48, X_AXIS_PX, WIDTH);
        // no 1..9 × 10ⁿ value lies inside: steps of 0.01 (or 0.02), every label with its two decimals
        double step = ticks.get(1).value() - ticks.get(0).value();
        assertTrue(Math.abs(step - 0.01) < 1e-12 || Math.abs(step - 0.02) < 1e-12, "step " + step);
        for (LogTicks.Tick t : ticks) {
            assertEquals(String.valueOf(Math.round(t.value() * 100) / 100.0), t.label(), "plain 0.xx: " + ticks);
        }
    }

    /**
     * A colour bar from 0.66 to 1.35 (a bispectrum of the sweep) was labelled 0.7, 0.8, 0.9, 1: four labels, but none
     * on its upper half. Linear labels reach its top.
     */
    @Test
    void aSpanUnderADecadeIsLabelledToBothEnds() {
        double lo = 0.66;
        double hi = 1.35;
        List<LogTicks.Tick> ticks = LogTicks.choose(lo, hi, 470, label -> 15);
        double top = ticks.get(ticks.size() - 1).value();
        double bottom = ticks.get(0).value();
        assertTrue(Math.log(hi / top) / Math.log(hi / lo) < 0.15 && Math.log(bottom / lo) / Math.log(hi / lo) < 0.15,
                "labels near both ends: " + ticks);
        // where the 1..9 × 10ⁿ labels reach both ends, they stay: 1 to 5 is 1, 2, 3, 4, 5
        assertEquals(List.of("1", "2", "3", "4", "5"),
                LogTicks.choose(1, 5, 470, label -> 15).stream().map(LogTicks.Tick::label).toList());
    }

    @Test
    void twoDecadesAreLabelledAtOneTwoFiveNotOnlyAtTheDecades() {
        List<String> labels = LogTicks.choose(0.1, 10, 400, WIDTH).stream().map(LogTicks.Tick::label).toList();
        assertTrue(labels.containsAll(List.of("0.1", "0.2", "0.5", "1", "2", "5", "10")), labels.toString());
    }

    @Test
    void aSpanOfSeveralDecadesIsNeverLabelledAtALinearStep() {
        // 0.012 to 80 Hz: a linear step would give 20, 40, 60, 80 and leave four decades unlabelled
        List<String> labels = LogTicks.choose(0.012, 80, X_AXIS_PX, WIDTH).stream().map(LogTicks.Tick::label).toList();
        assertTrue(labels.containsAll(List.of("0.1", "1", "10")), labels.toString());
    }

    @Test
    void manyDecadesAreLabelledAtTheDecadesOrSparser() {
        List<LogTicks.Tick> ticks = LogTicks.choose(1e-12, 1e12, X_AXIS_PX, WIDTH);
        for (LogTicks.Tick t : ticks) {
            double exponent = Math.log10(t.value());
            assertEquals(Math.rint(exponent), exponent, 1e-9, "decades only: " + ticks);
        }
    }

    @Test
    void labelsArePlainDecimalsOrPowersOfTen() {
        assertEquals("0.05", LogTicks.format(0.05));
        assertEquals("0.3", LogTicks.format(0.30000000000000004));
        assertEquals("2000", LogTicks.format(2000));
        assertEquals("10⁻⁴", LogTicks.format(1e-4));
        assertEquals("2×10⁻⁵", LogTicks.format(2e-5));
        assertEquals("10⁶", LogTicks.format(1e6));
        assertEquals("−1.5", LogTicks.format(-1.5));
    }
}
