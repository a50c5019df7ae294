package org.manta.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.Locale;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A heat map on numeric axes: an {@link org.knowm.xchart.XYChart} whose axes (time, frequency) are set by
 * two invisible corner series, with the cells painted into the plot area after XChart has drawn the axes.
 * The right axis is the colour bar's: it spans the colour range, and the bar is painted in a strip right of
 * the data.
 */
final class HeatMap extends org.knowm.xchart.XYChart {
    /** Viridis (matplotlib) at 9 equally spaced points. */
    private static final int[] VIRIDIS = {0x440154, 0x482878, 0x3e4a89, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779,
        0x6dcd59, 0xfde725};
    /** Width of the colour-bar strip, as a fraction of the time span. */
    private static final double BAR_FRACTION = 0.05;
    /** Frequency rows at most: about one per pixel of the plot height. */
    static final int MAX_ROWS = 512;
    private static final double LOW_PERCENTILE = 0.01;
    private static final double HIGH_PERCENTILE = 0.99;

    private final double[] freq;
    private final double[] time;
    private final double[][] logPower;
    private final double segmentSize;
    private final double t0;
    private final double df;
    private final double vmin;
    private final double vmax;
    private final double xMax;
    private final double barStart;

    private HeatMap(double[] freq, double[] time, double[][] logPower, double segmentSize, double vmin, double vmax) {
        super(Plots.WIDTH, Plots.HEIGHT);
        this.freq = freq;
        this.time = time;
        this.logPower = logPower;
        this.segmentSize = segmentSize;
        this.t0 = time.length == 0 ? 0 : time[0] - segmentSize / 2;
        this.df = freq.length > 1 ? freq[1] - freq[0] : freq.length == 1 ? freq[0] : 1;
        this.vmin = vmin;
        this.vmax = vmax;
        double span = time.length == 0 ? segmentSize : time[time.length - 1] + segmentSize / 2 - t0;
        this.barStart = span * (1 + BAR_FRACTION / 2);
        this.xMax = span * (1 + 1.5 * BAR_FRACTION);
    }

    /**
     * The chart of {@code dynPs[freq][time]} (log10 of the positive, finite powers; the rest blank). More than
     * {@value #MAX_ROWS} frequencies are averaged in groups of k consecutive bins (the mean power of each group),
     * which the title says; segments are never merged.
     */
    static HeatMap of(double[] freq, double[] time, double[][] dynPs, String norm, double segmentSize) {
        int k = Math.max(1, (int) Math.ceil(freq.length / (double) MAX_ROWS));
        int rows = (freq.length + k - 1) / k;
        double[] f = new double[rows];
        double[][] lp = new double[rows][time.length];
        double[] all = new double[rows * time.length];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            int from = r * k;
            int to = Math.min(freq.length, from + k);
            double fs = 0;
            for (int i = from; i < to; i++) {
                fs += freq[i];
            }
            f[r] = fs / (to - from);
            for (int j = 0; j < time.length; j++) {
                double sum = 0;
                int used = 0;
                for (int i = from; i < to; i++) {
                    double v = dynPs[i][j];
                    if (v > 0 && Double.isFinite(v)) {
                        sum += v;
                        used++;
                    }
                }
                lp[r][j] = used > 0 ? Math.log10(sum / used) : Double.NaN;
                if (used > 0) {
                    all[n++] = lp[r][j];
                }
            }
        }
        double[] sorted = Arrays.copyOf(all, n);
        Arrays.sort(sorted);
        double lo = n == 0 ? 0 : sorted[(int) Math.floor(LOW_PERCENTILE * (n - 1))];
        double hi = n == 0 ? 1 : sorted[(int) Math.ceil(HIGH_PERCENTILE * (n - 1))];
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        HeatMap chart = new HeatMap(f, time, lp, segmentSize, lo, hi);
        chart.style(norm);
        if (k > 1) {
            chart.setTitle(chart.getTitle() + String.format(Locale.ROOT, " (frequencies averaged by %d: df shown %.4g Hz)",
                    k, chart.df));
        }
        return chart;
    }

    private void style(String norm) {
        setTitle("Dynamical power spectrum — " + Plots.normLabel(norm));
        setXAxisTitle(String.format(Locale.ROOT, "Time since the first segment's start (s), T0 = %.6f s (MET)", t0));
        setYAxisTitle("Frequency (Hz)");
        var st = getStyler();
        st.setLegendVisible(false);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotGridLinesVisible(false);
        st.setPlotContentSize(1.0);
        double fLo = freq.length == 0 ? 0 : freq[0] - df / 2;
        double fHi = freq.length == 0 ? 1 : freq[freq.length - 1] + df / 2;
        st.setXAxisMin(0.0);
        st.setXAxisMax(xMax);
        st.setYAxisMin(0, fLo);
        st.setYAxisMax(0, fHi);
        st.setYAxisMin(1, vmin);
        st.setYAxisMax(1, vmax);
        st.setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        st.putYAxisGroupDecimalPatternMap(1, "0.0#");
        invisible("axes", new double[] {0, xMax}, new double[] {fLo, fHi}, 0);
        invisible("colour bar", new double[] {barStart, xMax}, new double[] {vmin, vmax}, 1);
        setYAxisGroupTitle(1, "log10 power (" + Plots.powerUnit(norm, false) + ")");
    }

    private void invisible(String name, double[] x, double[] y, int group) {
        XYSeries s = addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setYAxisGroup(group);
    }

    /** The colour of a log10 power (viridis, clipped to the colour range). */
    Color colour(double v) {
        double u = Math.max(0, Math.min(1, (v - vmin) / (vmax - vmin))) * (VIRIDIS.length - 1);
        int k = Math.min(VIRIDIS.length - 2, (int) Math.floor(u));
        double w = u - k;
        int a = VIRIDIS[k];
        int b = VIRIDIS[k + 1];
        return new Color(mix(a >> 16, b >> 16, w), mix(a >> 8, b >> 8, w), mix(a, b, w));
    }

    private static int mix(int a, int b, double w) {
        return (int) Math.round((a & 0xff) * (1 - w) + (b & 0xff) * w);
    }

    /** The colour range of the bar (log10 power). */
    double[] colourRange() {
        return new double[] {vmin, vmax};
    }

    /** The plot area of the last paint, px (for tests reading the image back). */
    Rectangle2D plotArea() {
        return plot.getBounds();
    }

    /** Where time {@code t} (s since T0) and frequency {@code f} were painted, px (after a paint). */
    double[] pixelOf(double t, double f) {
        Rectangle2D r = plot.getBounds();
        double fLo = freq.length == 0 ? 0 : freq[0] - df / 2;
        double fHi = freq.length == 0 ? 1 : freq[freq.length - 1] + df / 2;
        return new double[] {x(r, t), y(r, f, fLo, fHi)};
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        super.paint(g, width, height);
        Object antialiasing = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);   // no seams
        paintCells(g);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, antialiasing);
    }

    private void paintCells(Graphics2D g) {
        Rectangle2D r = plot.getBounds();
        double fLo = freq.length == 0 ? 0 : freq[0] - df / 2;
        double fHi = freq.length == 0 ? 1 : freq[freq.length - 1] + df / 2;
        for (int j = 0; j < time.length; j++) {
            double a = x(r, time[j] - segmentSize / 2 - t0);
            double b = x(r, time[j] + segmentSize / 2 - t0);
            for (int i = 0; i < freq.length; i++) {
                if (Double.isNaN(logPower[i][j])) {
                    continue;
                }
                double top = y(r, freq[i] + df / 2, fLo, fHi);
                double bottom = y(r, freq[i] - df / 2, fLo, fHi);
                g.setColor(colour(logPower[i][j]));
                g.fill(new Rectangle2D.Double(a, top, Math.max(1, b - a), Math.max(1, bottom - top)));
            }
        }
        double a = x(r, barStart);
        double b = x(r, xMax);
        int steps = Math.max(1, (int) r.getHeight());
        for (int k = 0; k < steps; k++) {
            double v = vmin + (vmax - vmin) * (k + 0.5) / steps;
            g.setColor(colour(v));
            double top = y(r, v + (vmax - vmin) / steps / 2, vmin, vmax);
            g.fill(new Rectangle2D.Double(a, top, b - a, r.getHeight() / steps + 1));
        }
        g.setColor(Color.DARK_GRAY);
        g.draw(new Rectangle2D.Double(a, r.getY(), b - a, r.getHeight()));
    }

    private double x(Rectangle2D r, double t) {
        return r.getX() + r.getWidth() * t / xMax;
    }

    private static double y(Rectangle2D r, double v, double lo, double hi) {
        return r.getY() + r.getHeight() * (1 - (v - lo) / (hi - lo));
    }
}
