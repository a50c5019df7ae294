package org.manta.cli.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A heat map on numeric axes: an {@link org.knowm.xchart.XYChart} whose axes are set by two invisible corner
 * series, with the cells painted into the plot area after XChart has drawn the axes (real tick values, cells
 * where their centres are: gaps stay blank). The right axis is the colour bar's: it spans the colour range, and
 * the bar (viridis, a perceptual palette) is painted in a strip right of the data. Used for the dynamical power
 * spectrum (time × frequency) and the bispectrum and bicoherence (frequency × frequency). A log map's bar is
 * labelled with the values themselves on a log scale (0.1, 0.2, 0.5, 1…, {@link LogTicks}), not with their log10;
 * the x axis is labelled only under the cells, not under the bar.
 */
final class HeatMap extends LogAxisChart {
    /** Viridis (matplotlib) at 9 equally spaced points. */
    private static final int[] VIRIDIS = {0x440154, 0x482878, 0x3e4a89, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779,
        0x6dcd59, 0xfde725};
    /** Width of the colour-bar strip, as a fraction of the x span. */
    private static final double BAR_FRACTION = 0.05;
    /** Frequency rows at most of a dynamical spectrum: about one per pixel of the plot height. */
    static final int MAX_ROWS = 512;
    /** XChart's title padding, px; a subtitle line's height, its gap below the title, px, and its size, pt. */
    private static final int TITLE_PADDING_PX = 5;
    private static final int SUBTITLE_LINE_PX = 17;
    private static final int SUBTITLE_GAP_PX = 2;
    private static final float SUBTITLE_POINTS = 13f;
    /** The colour range of log maps: these percentiles of the log values (a few outliers do not set it). */
    private static final double LOW_PERCENTILE = 0.01;
    private static final double HIGH_PERCENTILE = 0.99;

    private final double[] x;
    private final double[] y;
    private final double[][] z;
    private final double cellWidth;
    private final double cellHeight;
    private final double xLo;
    private final double yLo;
    private final double yHi;
    private final double vmin;
    private final double vmax;
    private final double xHi;
    private final double xMax;
    private final double barStart;
    private final boolean log;
    private final List<String> subtitle = new ArrayList<>();

    /**
     * @param x          cell centres along x (columns of {@code z})
     * @param cellWidth  width of every cell along x
     * @param y          cell centres along y (rows of {@code z}), uniformly spaced by {@code cellHeight}
     * @param cellHeight height of every cell along y
     * @param z          values, {@code z[row][column]}; NaN cells stay blank
     * @param vmin       value at the bottom of the colour bar
     * @param vmax       value at its top, more than {@code vmin}
     * @param log        whether {@code z} holds log10 of the quantity (the bar is then labelled on a log scale)
     */
    private HeatMap(double[] x, double cellWidth, double[] y, double cellHeight, double[][] z, double vmin, double vmax,
                    boolean log) {
        super(Plots.WIDTH, Plots.HEIGHT);
        this.x = x;
        this.y = y;
        this.z = z;
        this.cellWidth = cellWidth;
        this.cellHeight = cellHeight;
        this.xLo = x.length == 0 ? 0 : x[0] - cellWidth / 2;
        this.xHi = x.length == 0 ? cellWidth : x[x.length - 1] + cellWidth / 2;
        this.yLo = y.length == 0 ? 0 : y[0] - cellHeight / 2;
        this.yHi = y.length == 0 ? 1 : y[y.length - 1] + cellHeight / 2;
        this.vmin = vmin;
        this.vmax = vmax;
        this.log = log;
        // the bar right against the map, no white gap: the x axis is labelled only under the data (xLabel)
        this.barStart = xHi;
        this.xMax = xHi + (xHi - xLo) * BAR_FRACTION;
    }

    /**
     * The chart of {@code dynPs[freq][time]} (log10 of the positive, finite powers; the rest blank), time since the
     * first segment's start along x. More than {@value #MAX_ROWS} frequencies are averaged in groups of k
     * consecutive bins (the mean power of each group), which the title says; segments are never merged. The
     * colour range runs from the 1st to the 99th percentile of the log powers.
     */
    static HeatMap dynamical(double[] freq, double[] time, double[][] dynPs, String norm, double segmentSize) {
        int k = Math.max(1, (int) Math.ceil(freq.length / (double) MAX_ROWS));
        int rows = (freq.length + k - 1) / k;
        double[] f = new double[rows];
        double[][] lp = new double[rows][time.length];
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
            }
        }
        double t0 = time.length == 0 ? 0 : time[0] - segmentSize / 2;
        double[] t = new double[time.length];
        for (int j = 0; j < t.length; j++) {
            t[j] = time[j] - t0;
        }
        double df = f.length > 1 ? f[1] - f[0] : f.length == 1 ? f[0] : 1;
        double[] range = percentiles(lp);
        HeatMap chart = new HeatMap(t, segmentSize, f, df, lp, range[0], range[1], true);
        chart.style("Dynamical power spectrum — " + Plots.normLabel(norm),
                String.format(Locale.ROOT, "Time since the first segment's start (s), T0 = %.6f s (MET)", t0),
                "Frequency (Hz)", "Power (" + Plots.powerUnit(norm, false) + "), log scale");
        if (k > 1) {
            chart.subtitle.add(String.format(Locale.ROOT, "frequencies averaged by %d (df shown %.4g Hz)", k, df));
        }
        return chart;
    }

    /**
     * A map of {@code value[i][j]} on the plane of two uniformly spaced axes, {@code a[i]} along x and {@code b[j]}
     * along y (a bispectrum's f1 and f2); NaN and, with {@code log}, non-positive values stay blank. With
     * {@code log} the cells show log10 of the values and the colour bar spans their 1st to 99th percentile (a few
     * outliers do not wash out the rest; stronger cells take the top colour); otherwise the values on the colour
     * range {@code [lo, hi]} ({@code hi} NaN: the largest value). {@code barTitle} names the quantity (a log bar adds ", log scale").
     */
    static HeatMap plane(String title, String xTitle, double[] a, String yTitle, double[] b, double[][] value,
                         boolean log, double lo, double hi, String barTitle) {
        double[][] zz = new double[b.length][a.length];
        for (int j = 0; j < b.length; j++) {
            for (int i = 0; i < a.length; i++) {
                double v = value[i][j];
                zz[j][i] = !Double.isFinite(v) || (log && v <= 0) ? Double.NaN : log ? Math.log10(v) : v;
            }
        }
        double[] range = log ? percentiles(zz) : new double[] {lo, Double.isNaN(hi) ? max(zz, lo) : hi};
        double vmin = range[0];
        double vmax = range[1];
        HeatMap chart = new HeatMap(a, step(a), b, step(b), zz, vmin, vmax, log);
        chart.style(title, xTitle, yTitle, log ? barTitle + ", log scale" : barTitle);
        return chart;
    }

    /** The largest finite value, or {@code lo} + 1 when none exceeds {@code lo}. */
    private static double max(double[][] values, double lo) {
        double m = Arrays.stream(values).flatMapToDouble(Arrays::stream).filter(Double::isFinite).max().orElse(lo);
        return m > lo ? m : lo + 1;
    }

    /**
     * A part of the line under the title (file, band, dt, segment, m: a heat map has no free corner for a notes
     * panel); the title keeps its size and the plot moves down by a line.
     */
    void addSubtitle(String line) {
        subtitle.add(line);
    }

    private static double step(double[] axis) {
        return axis.length > 1 ? axis[1] - axis[0] : 1;
    }

    private static double[] percentiles(double[][] values) {
        double[] all = Arrays.stream(values).flatMapToDouble(Arrays::stream).filter(v -> !Double.isNaN(v)).sorted()
                .toArray();
        int n = all.length;
        double lo = n == 0 ? 0 : all[(int) Math.floor(LOW_PERCENTILE * (n - 1))];
        double hi = n == 0 ? 1 : all[(int) Math.ceil(HIGH_PERCENTILE * (n - 1))];
        return new double[] {lo, hi > lo ? hi : lo + 1};
    }

    private void style(String title, String xTitle, String yTitle, String barTitle) {
        setTitle(title);
        setXAxisTitle(xTitle);
        setYAxisTitle(yTitle);
        var st = getStyler();
        st.setLegendVisible(false);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotGridLinesVisible(false);
        st.setPlotContentSize(1.0);
        st.setXAxisMin(xLo);
        st.setXAxisMax(xMax);
        st.setYAxisMin(0, yLo);
        st.setYAxisMax(0, yHi);
        st.setYAxisMin(1, vmin);
        st.setYAxisMax(1, vmax);
        st.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        // "0.005", not XChart's ".005" (its per-axis decimal patterns take the first axis's for both); a log colour
        // bar's labels are painted over its hidden ones
        setCustomYAxisTickLabelsFormatter(LogTicks::format);
        if (log) {
            log10Axis();
        }
        setCustomXAxisTickLabelsFormatter(this::xLabel);
        invisible("axes", new double[] {xLo, xMax}, new double[] {yLo, yHi}, 0);
        invisible("colour bar", new double[] {barStart, xMax}, new double[] {vmin, vmax}, 1);
        setYAxisGroupTitle(1, barTitle);
    }

    /**
     * An x tick label: the value under the cells, nothing under the colour bar's strip (zero-width spaces, as
     * many as the tick's place: XChart wants the labels distinct, else it looks for other steps forever).
     */
    private String xLabel(double v) {
        double span = xMax - xLo;
        return v <= xHi + span * 1e-9 ? LogTicks.format(v) : "\u200b".repeat(1 + (int) Math.round((v - xHi) / span * 1e3));
    }

    private void invisible(String name, double[] xs, double[] ys, int group) {
        XYSeries s = addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setYAxisGroup(group);
    }

    /** The colour of a value (viridis, clipped to the colour range). */
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

    /** The colour range of the bar. */
    double[] colourRange() {
        return new double[] {vmin, vmax};
    }

    /** The value painted in the cell at row {@code i}, column {@code j} (NaN: blank). */
    double cell(int i, int j) {
        return z[i][j];
    }

    /** Where the axis values {@code (u, v)} were painted, px (after a paint). */
    double[] pixelOf(double u, double v) {
        Rectangle2D r = plot.getBounds();
        return new double[] {px(r, u), py(r, v, yLo, yHi)};
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        var st = getStyler();
        // XChart pads the title alike above and below: a padding of a line more keeps a line free under it
        st.setChartTitlePadding(subtitle.isEmpty() ? TITLE_PADDING_PX : TITLE_PADDING_PX + SUBTITLE_LINE_PX);
        super.paint(g, width, height);
        paintSubtitle(g, width);
        Object antialiasing = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);   // no seams
        paintCells(g);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, antialiasing);
    }

    /** The subtitle, its parts joined by "; ", centred under the title in the room its padding kept. */
    private void paintSubtitle(Graphics2D g, int width) {
        if (subtitle.isEmpty()) {
            return;
        }
        var st = getStyler();
        FontMetrics title = g.getFontMetrics(st.getChartTitleFont());
        g.setFont(st.getChartTitleFont().deriveFont(Font.PLAIN, SUBTITLE_POINTS));
        g.setColor(st.getChartFontColor());
        FontMetrics fm = g.getFontMetrics();
        // the title is drawn below the chart padding and its own padding; the subtitle follows it
        int y = st.getChartPadding() + st.getChartTitlePadding() + title.getAscent() + title.getDescent()
                + SUBTITLE_GAP_PX + fm.getAscent();
        String line = String.join("; ", subtitle);
        g.drawString(line, (float) (width - fm.stringWidth(line)) / 2, y);
    }

    /** The parts of the subtitle (for tests). */
    List<String> subtitle() {
        return List.copyOf(subtitle);
    }

    private void paintCells(Graphics2D g) {
        Rectangle2D r = plot.getBounds();
        for (int j = 0; j < x.length; j++) {
            double a = px(r, x[j] - cellWidth / 2);
            double b = px(r, x[j] + cellWidth / 2);
            for (int i = 0; i < y.length; i++) {
                if (Double.isNaN(z[i][j])) {
                    continue;
                }
                double top = py(r, y[i] + cellHeight / 2, yLo, yHi);
                double bottom = py(r, y[i] - cellHeight / 2, yLo, yHi);
                g.setColor(colour(z[i][j]));
                g.fill(new Rectangle2D.Double(a, top, Math.max(1, b - a), Math.max(1, bottom - top)));
            }
        }
        double a = px(r, barStart);
        double b = px(r, xMax);
        int steps = Math.max(1, (int) r.getHeight());
        for (int k = 0; k < steps; k++) {
            double v = vmin + (vmax - vmin) * (k + 0.5) / steps;
            g.setColor(colour(v));
            double top = py(r, v + (vmax - vmin) / steps / 2, vmin, vmax);
            g.fill(new Rectangle2D.Double(a, top, b - a, r.getHeight() / steps + 1));
        }
        g.setColor(Color.DARK_GRAY);
        g.draw(new Rectangle2D.Double(a, r.getY(), b - a, r.getHeight()));
    }

    private double px(Rectangle2D r, double u) {
        return r.getX() + r.getWidth() * (u - xLo) / (xMax - xLo);
    }

    private static double py(Rectangle2D r, double v, double lo, double hi) {
        return r.getY() + r.getHeight() * (1 - (v - lo) / (hi - lo));
    }
}
