package org.manta.cli.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.FontMetrics;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Reading the labels of a log axis back from a painted chart: where they are and that they were drawn. */
final class LogAxisTicks {
    /** The label colour of {@link LogAxisChart}, RGB, and how far anti-aliased text may be from it. */
    private static final int[] LABEL = {0x20, 0x20, 0x20};
    private static final int TOLERANCE = 70;
    /** The margin of the box searched for a label's pixels around where it should be, px. */
    private static final int MARGIN_PX = 2;
    /** Dark pixels that make a label (a "1" at 13 pt has about 20). */
    private static final int MIN_LABEL_PIXELS = 8;

    private LogAxisTicks() {
    }

    /**
     * Asserts that {@code side} of {@code chart}, painted as {@code img}, carries at least {@code min} labels, each
     * inside the plot's extent along the axis, in increasing order, and painted (dark pixels next to its tick).
     *
     * @return the labels, in order
     */
    static List<String> assertLabelled(LogAxisChart chart, BufferedImage img, LogAxisChart.Side side, int min,
                                       String what) {
        List<LogTicks.Tick> ticks = chart.ticks(side);
        assertTrue(ticks.size() >= min, what + ": " + ticks.size() + " labels, expected at least " + min + ": " + ticks);
        Rectangle2D r = chart.plotArea();
        FontMetrics fm = img.createGraphics().getFontMetrics(chart.getStyler().getAxisTickLabelsFont());
        int gap = chart.getStyler().getAxisTickMarkLength() + chart.getStyler().getAxisTickPadding();
        int h = fm.getAscent();
        List<String> labels = new ArrayList<>();
        double previous = Double.NEGATIVE_INFINITY;
        for (LogTicks.Tick t : ticks) {
            assertTrue(t.value() > previous, what + ": increasing " + ticks);
            previous = t.value();
            double at = chart.pixelOf(side, t);
            int w = fm.stringWidth(t.label());
            int dark;
            if (side == LogAxisChart.Side.BOTTOM) {
                assertTrue(at >= r.getMinX() - 1 && at <= r.getMaxX() + 1, what + ": " + t + " at x " + at + " outside " + r);
                int top = (int) r.getMaxY() + gap;
                dark = Pixels.count(img, LABEL, TOLERANCE, (int) (at - w / 2.0) - MARGIN_PX, (int) (at + w / 2.0) + MARGIN_PX,
                        top - MARGIN_PX, top + h + MARGIN_PX);
            } else {
                assertTrue(at >= r.getMinY() - 1 && at <= r.getMaxY() + 1, what + ": " + t + " at y " + at + " outside " + r);
                int x0 = side == LogAxisChart.Side.LEFT ? (int) r.getMinX() - gap - w : (int) r.getMaxX() + gap;
                if (side == LogAxisChart.Side.LEFT) {     // right of the chart's padding and the rotated axis title
                    double title = new TextLayout(chart.getYAxisTitle(), chart.getStyler().getAxisTitleFont(),
                            new FontRenderContext(null, true, false)).getBounds().getHeight();
                    assertTrue(x0 >= chart.getStyler().getChartPadding() + title, what + ": label " + t.label()
                            + " at x " + x0 + " overlaps the axis title (" + title + " px wide)");
                }
                dark = Pixels.count(img, LABEL, TOLERANCE, x0 - MARGIN_PX, x0 + w + MARGIN_PX, (int) at - h / 2 - MARGIN_PX,
                        (int) at + h / 2 + MARGIN_PX);
            }
            assertTrue(dark >= MIN_LABEL_PIXELS, what + ": label " + t.label() + " not painted (" + dark + " px)");
            labels.add(t.label());
        }
        return labels;
    }
}
