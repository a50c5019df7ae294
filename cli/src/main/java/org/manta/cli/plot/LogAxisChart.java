package org.manta.cli.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationTextPanel;
import org.knowm.xchart.XYChart;

/**
 * An {@link XYChart} whose logarithmic axes carry the labels of {@link LogTicks} (at least three whatever the
 * span, 1, 2, 5 × 10ⁿ where 1..9 would crowd, plain numbers on a narrow span) instead of XChart's, which label
 * either every 1..9 × 10ⁿ or only the decades. XChart still lays the axis out (its labels on that axis are
 * painted transparent, one invisible label as wide as ours keeps the room) and draws the marks and grid lines
 * at 1..9 × 10ⁿ; the labels, and a mark where a label has none of XChart's, are painted after it.
 *
 * <p>An axis is a true log axis of XChart ({@link #logAxis}) or, for a heat map's colour bar, a linear axis of
 * log10 values labelled with the values themselves ({@link #log10Axis}).
 */
class LogAxisChart extends XYChart {
    /** Where an axis is. */
    enum Side { BOTTOM, LEFT, RIGHT }

    private static final Color TRANSPARENT = new Color(0, 0, 0, 0);
    /** The gap between the plot area's top left corner and the notes panel's, px. */
    static final int NOTES_INSET_PX = 8;
    /** Which axes are labelled here, and whether they hold log10 values on a linear XChart axis. */
    private final Map<Side, Boolean> axes = new EnumMap<>(Side.class);
    private final Map<Side, List<LogTicks.Tick>> painted = new EnumMap<>(Side.class);

    /** The lines of the chart's notes panel ({@link Plots#addNotes}), for tests to read without the image. */
    private final List<String> notes = new ArrayList<>();
    private NotesPanel notesPanel;

    LogAxisChart(int width, int height) {
        super(width, height);
    }

    /** The lines of the notes panel, in order (empty: none). */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Adds a notes panel of {@code lines} at the top left of the plot area, {@value #NOTES_INSET_PX} px inside it
     * (right of the y axis's labels, however wide they are, and below the plot's top).
     */
    void addNotes(List<String> lines) {
        notes.addAll(lines);
        notesPanel = new NotesPanel(this, lines);
        addAnnotation(notesPanel);
    }

    /** Where the notes panel was painted at the last paint, px (for tests reading the image back); null: none. */
    Rectangle2D notesArea() {
        return notesPanel == null ? null : notesPanel.getBounds();
    }

    /** Makes the x axis ({@link Side#BOTTOM}) or the left y axis a logarithmic axis labelled by {@link LogTicks}. */
    void logAxis(Side side) {
        var st = getStyler();
        // XChart labels every 1..9 × 10ⁿ tick (invisibly): with decades only, a span without a decade would have
        // no label, and XChart would keep no room for ours
        if (side == Side.BOTTOM) {
            st.setXAxisLogarithmic(true);
            st.setXAxisLogarithmicDecadeOnly(false);
        } else if (side == Side.LEFT) {
            st.setYAxisLogarithmic(true);
            st.setYAxisLogarithmicDecadeOnly(false);
        } else {
            throw new IllegalArgumentException("a log axis is at the bottom or on the left, not " + side);
        }
        axes.put(side, false);
        hideXChartLabels(side);
    }

    /** Labels the right axis (y group 1), a linear axis of log10 values, with the values 10^v (a colour bar). */
    void log10Axis() {
        axes.put(Side.RIGHT, true);
        hideXChartLabels(Side.RIGHT);
    }

    /** The ticks labelled on {@code side} at the last paint (empty before, or for an axis left to XChart). */
    List<LogTicks.Tick> ticks(Side side) {
        return painted.getOrDefault(side, List.of());
    }

    /** The plot area of the last paint, px (for tests reading the image back). */
    Rectangle2D plotArea() {
        return plot.getBounds();
    }

    /** Where the tick {@code t} on {@code side} was painted: x for the bottom axis, y for the others, px. */
    double pixelOf(Side side, LogTicks.Tick t) {
        return switch (side) {
            case BOTTOM -> getScreenXFromChart(t.value());
            case LEFT -> getScreenYFromChart(t.value(), 0);
            case RIGHT -> getScreenYFromChart(axes.getOrDefault(side, false) ? Math.log10(t.value()) : t.value(), 1);
        };
    }

    private void hideXChartLabels(Side side) {
        var st = getStyler();
        switch (side) {
            case BOTTOM -> st.setXAxisTickLabelsColor(TRANSPARENT);
            case LEFT -> st.setYAxisGroupTickLabelsColorMap(0, TRANSPARENT);
            case RIGHT -> st.setYAxisGroupTickLabelsColorMap(1, TRANSPARENT);
        }
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        painted.clear();
        if (axes.isEmpty()) {
            super.paint(g, width, height);
            return;
        }
        // a first layout off screen gives the y ranges, hence our labels and the room they need
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D s = scratch.createGraphics();
        super.paint(s, width, height);
        Font font = getStyler().getAxisTickLabelsFont();
        FontMetrics fm = s.getFontMetrics(font);
        for (Side side : List.of(Side.LEFT, Side.RIGHT)) {
            if (axes.containsKey(side)) {
                double widest = 0;
                for (LogTicks.Tick t : ticksOf(side, fm)) {
                    widest = Math.max(widest, fm.stringWidth(t.label()));
                }
                reserve(side, (int) Math.ceil(widest / fm.charWidth('0')));
            }
        }
        s.dispose();
        super.paint(g, width, height);
        fm = g.getFontMetrics(font);
        for (Side side : axes.keySet()) {
            List<LogTicks.Tick> ticks = ticksOf(side, fm);
            paintLabels(g, side, ticks, fm);
            painted.put(side, ticks);
        }
    }

    /**
     * XChart's invisible labels on a y axis made {@code chars} digits wide at least: the room for ours. The right
     * axis is a linear one, whose labels XChart drops when the pattern cuts their decimals: it keeps three.
     */
    private void reserve(Side side, int chars) {
        String digits = "'" + "0".repeat(Math.max(1, chars - 1)) + "'0";
        getStyler().putYAxisGroupDecimalPatternMap(side == Side.LEFT ? 0 : 1, side == Side.LEFT ? digits : digits + ".###");
    }

    private List<LogTicks.Tick> ticksOf(Side side, FontMetrics fm) {
        Rectangle2D r = plot.getBounds();
        if (side == Side.BOTTOM) {
            double lo = getChartXFromCoordinate((int) Math.ceil(r.getMinX()));
            double hi = getChartXFromCoordinate((int) Math.floor(r.getMaxX()));
            return LogTicks.choose(lo, hi, r.getWidth(), fm::stringWidth);
        }
        int group = side == Side.LEFT ? 0 : 1;
        double lo = getChartYFromCoordinate((int) Math.floor(r.getMaxY()), group);
        double hi = getChartYFromCoordinate((int) Math.ceil(r.getMinY()), group);
        if (axes.get(side)) {
            lo = Math.pow(10, lo);
            hi = Math.pow(10, hi);
        }
        double lineHeight = fm.getAscent();
        return LogTicks.choose(lo, hi, r.getHeight(), label -> lineHeight);
    }

    private void paintLabels(Graphics2D g, Side side, List<LogTicks.Tick> ticks, FontMetrics fm) {
        Rectangle2D r = plot.getBounds();
        var st = getStyler();
        int gap = st.getAxisTickMarkLength() + st.getAxisTickPadding();
        for (LogTicks.Tick t : ticks) {
            double at = pixelOf(side, t);
            int w = fm.stringWidth(t.label());
            Line2D mark = switch (side) {
                case BOTTOM -> new Line2D.Double(at, r.getMaxY(), at, r.getMaxY() + st.getAxisTickMarkLength());
                case LEFT -> new Line2D.Double(r.getMinX() - st.getAxisTickMarkLength(), at, r.getMinX(), at);
                case RIGHT -> new Line2D.Double(r.getMaxX(), at, r.getMaxX() + st.getAxisTickMarkLength(), at);
            };
            g.setColor(st.getAxisTickMarksColor());
            g.draw(mark);
            double baseline = side == Side.BOTTOM ? r.getMaxY() + gap + fm.getAscent() : at + fm.getAscent() / 2.0 - 1;
            double left = switch (side) {
                case BOTTOM -> at - w / 2.0;
                case LEFT -> r.getMinX() - gap - w;
                case RIGHT -> r.getMaxX() + gap;
            };
            // filled outlines, as XChart paints its labels (drawString looks lighter next to them)
            TextLayout layout = new TextLayout(t.label(), st.getAxisTickLabelsFont(), g.getFontRenderContext());
            g.setColor(st.getAxisTickLabelsColor());
            g.fill(layout.getOutline(AffineTransform.getTranslateInstance(left, baseline)));
        }
    }

    /**
     * XChart's text panel placed by its top left corner at the plot area's, {@value #NOTES_INSET_PX} px inside, when
     * it is painted (after the axes have been laid out): XChart itself places a panel by its lower left corner at a
     * fixed position, which the y axis's labels may reach.
     */
    private static final class NotesPanel extends AnnotationTextPanel {
        /** XChart's gap between the lines of a panel, px. */
        private static final int LINE_GAP_PX = 3;
        private final LogAxisChart owner;
        private final List<String> lines;

        NotesPanel(LogAxisChart owner, List<String> lines) {
            super("", 0, 0, true);
            this.owner = owner;
            this.lines = List.copyOf(lines);
            setLines(this.lines);
        }

        @Override
        public void paint(Graphics2D g) {
            Rectangle2D plot = owner.plotArea();
            setX(plot.getMinX() + NOTES_INSET_PX);
            // XChart's lower left corner, from the bottom of the chart: top = height - panel height - y - 1
            setY(owner.getHeight() - (plot.getMinY() + NOTES_INSET_PX) - height() - 1);
            super.paint(g);
        }

        /** The panel's height as XChart computes it: the lines' outlines, the gaps between them, the padding. */
        private double height() {
            Font font = owner.getStyler().getAnnotationTextPanelFont();
            FontRenderContext frc = new FontRenderContext(null, true, false);
            double h = -LINE_GAP_PX;
            for (String line : lines) {
                h += new TextLayout(line, font, frc).getOutline(null).getBounds2D().getHeight() + LINE_GAP_PX;
            }
            return h + 2 * owner.getStyler().getAnnotationTextPanelPadding();
        }
    }
}
