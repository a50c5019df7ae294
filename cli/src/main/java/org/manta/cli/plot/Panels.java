package org.manta.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A figure of several charts stacked top to bottom at the full width, painted onto one {@link Graphics2D}: each
 * panel is translated to its place and clipped to its own height. It is an {@link XYChart} (without series of
 * its own) only so that XChart's bitmap and vector encoders, which call {@code paint(g, width, height)}, write the
 * whole figure to PNG, SVG or PDF ({@link ImageFormat}).
 */
final class Panels extends XYChart {
    private final List<Chart<?, ?>> panels;

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
    List<Chart<?, ?>> panels() {
        return panels;
    }

    /** Paints every panel in its band of the figure; the bands keep the panels' height ratios. */
    @Override
    public void paint(Graphics2D g, int width, int height) {
        AffineTransform transform = g.getTransform();
        Shape clip = g.getClip();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int top = 0;
        int total = getHeight();
        int sum = 0;
        for (Chart<?, ?> panel : panels) {
            sum += panel.getHeight();
            int bottom = (int) Math.round(height * (double) sum / total);
            int h = bottom - top;
            g.translate(0, top);
            g.clipRect(0, 0, width, h);
            panel.paint(g, width, h);
            g.setTransform(transform);
            g.setClip(clip);
            top = bottom;
        }
    }
}
