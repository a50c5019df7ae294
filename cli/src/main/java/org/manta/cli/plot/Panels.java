package org.manta.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A figure of several charts stacked top to bottom, painted onto one {@link Graphics2D}: each panel is translated to
 * its place and clipped to its own height. The plot areas are aligned on the left: a panel whose y axis labels are
 * narrower than another's is moved right by the difference and painted that much narrower, so that the plot areas
 * also end together on the right (XChart sets no plot area's left edge, only the room its labels take). It is an
 * {@link XYChart} (without series of its own) only so that XChart's bitmap and vector encoders, which call
 * {@code paint(g, width, height)}, write the whole figure to PNG, SVG or PDF ({@link ImageFormat}).
 */
public final class Panels extends XYChart {
    private final List<Chart<?, ?>> panels;
    /** The panels' plot areas at the last paint, in the figure's pixels (empty before). */
    private final List<Rectangle2D> plotAreas = new ArrayList<>();

    private Panels(List<Chart<?, ?>> panels, int width, int height) {
        super(width, height);
        this.panels = List.copyOf(panels);
    }

    /** The charts top to bottom, each at its own height; the figure is as wide as the widest. */
    static Panels stacked(List<? extends Chart<?, ?>> charts) {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one panel");
        }
        int width = 0;
        int height = 0;
        for (Chart<?, ?> c : charts) {
            width = Math.max(width, c.getWidth());
            height += c.getHeight();
        }
        return new Panels(List.copyOf(charts), width, height);
    }

    /** The panels, top to bottom. */
    public List<Chart<?, ?>> panels() {
        return panels;
    }

    /**
     * The plot areas of the panels that are {@link LogAxisChart}s, top to bottom, at the last paint, in the figure's
     * pixels (for tests reading the image back); empty before the first paint.
     */
    List<Rectangle2D> plotAreas() {
        return List.copyOf(plotAreas);
    }

    /** Paints every panel in its band of the figure; the bands keep the panels' height ratios. */
    @Override
    public void paint(Graphics2D g, int width, int height) {
        AffineTransform transform = g.getTransform();
        Shape clip = g.getClip();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int n = panels.size();
        int[] top = new int[n + 1];
        int total = getHeight();
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += panels.get(i).getHeight();
            top[i + 1] = (int) Math.round(height * (double) sum / total);
        }
        int[] left = plotLefts(width, top);
        int aligned = Arrays.stream(left).max().orElse(0);
        plotAreas.clear();
        for (int i = 0; i < n; i++) {
            int shift = aligned - left[i];
            int h = top[i + 1] - top[i];
            g.translate(shift, top[i]);
            g.clipRect(0, 0, width - shift, h);
            panels.get(i).paint(g, width - shift, h);
            if (panels.get(i) instanceof LogAxisChart c) {
                Rectangle2D r = c.plotArea();
                plotAreas.add(new Rectangle2D.Double(r.getX() + shift, r.getY() + top[i], r.getWidth(), r.getHeight()));
            }
            g.setTransform(transform);
            g.setClip(clip);
        }
    }

    /**
     * Where each panel's plot area starts, px from the left, laid out off screen at the full width in its band
     * ({@code top[i]..top[i + 1]}); 0 for a panel that does not say ({@link LogAxisChart#plotArea}).
     */
    private int[] plotLefts(int width, int[] top) {
        int[] left = new int[panels.size()];
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        for (int i = 0; i < left.length; i++) {
            if (panels.get(i) instanceof LogAxisChart c) {
                c.paint(scratch, width, top[i + 1] - top[i]);
                left[i] = (int) Math.round(c.plotArea().getMinX());
            }
        }
        scratch.dispose();
        return left;
    }
}
