package org.manta.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.manta.cli.output.AtomicFiles;
import org.manta.cli.output.Field;
import org.manta.core.Numbers;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Products;
import org.manta.cli.output.Rebinning;
import org.manta.core.InvalidParameterException;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.PowerColors;
import org.manta.core.spectrum.Rebin;

/**
 * Charts of Manta products. Each method takes plain arrays (not modified) and returns an XChart chart;
 * {@link #forProduct(Product)} picks the right one for a product and {@link #writePng} saves it.
 */
public final class Plots {
    /** Default PNG size, px. */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 650;
    /** A multitaper spectrum's Poisson level over a periodogram's (Stingray's scaling: 4 in Leahy). */
    static final double MULTITAPER_NOISE_FACTOR = 2;
    /** Above this many points, draw lines without markers (markers would merge into a blur). */
    private static final int MARKER_LIMIT = 300;
    /** Width of the hue sectors that share a colour in the colour–colour diagram, degrees. */
    private static final double HUE_SECTOR_DEGREES = 30;
    /** The colour–colour axes span at least this factor, and leave this factor free beyond the outermost points. */
    private static final double POWER_COLOUR_SPAN = 10;
    private static final double POWER_COLOUR_PAD = 1.15;
    private static final Color DATA = new Color(0x1f, 0x4e, 0x9e);
    private static final Color ERRORS = new Color(0x1f, 0x4e, 0x9e, 0x70);
    /** Error bars of a few points (energy spectra, colours): opaque and wider, so they read at a glance. */
    private static final Color FEW_ERRORS = new Color(0x1f, 0x4e, 0x9e, 0xe0);
    static final float ERROR_BAR_WIDTH = 1.8f;
    private static final Color UNCORRECTED = new Color(0xc0, 0x50, 0x20, 0xb0);
    private static final Color MODEL = new Color(0x20, 0x90, 0x40);
    private static final Color COHERENCE = new Color(0xc0, 0x60, 0x10);
    private static final Color COHERENCE_ERRORS = new Color(0xc0, 0x60, 0x10, 0x90);
    static final BasicStroke DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);
    /** Logarithmic rebinning of an unrebinned spectrum for display (Stingray {@code rebin_log(f)}). */
    public static final double DISPLAY_REBIN_LOG = 0.1;
    /** Error bars are drawn where at least this many powers were averaged (m = 1: χ²₂, the bar reaches 0). */
    static final double MIN_M_FOR_ERRORS = 2;
    /** Title font size, pt, and the characters of a bold title that fit the width at that size, about. */
    private static final float TITLE_POINTS = 16f;
    private static final int TITLE_CHARS = 95;
    private static final float MIN_TITLE_POINTS = 9f;
    /** Height of the plot area of a {@link #HEIGHT} px chart (below the title, above the x axis), about, px. */
    private static final int PLOT_AREA_PX = HEIGHT - 130;
    /** A notes panel's height per line and its top and bottom padding together, about; the gap kept below it; px. */
    private static final int NOTES_LINE_PX = 13;
    private static final int NOTES_PADDING_PX = 18;
    private static final int NOTES_GAP_PX = 10;
    /** The margin of a power axis, a factor below and above the data: (max/min)^exponent, between these bounds. */
    private static final double MIN_LOG_PAD = 1.05;
    private static final double MAX_LOG_PAD = 1.5;
    private static final double LOG_PAD_EXPONENT = 0.05;
    /** Height of the coherence panel under the lags, px: a third of the figure. */
    public static final int COHERENCE_PANEL_HEIGHT = HEIGHT / 2;
    /** Top of the coherence axis (from 0): a little above 1, so that γ² = 1 is not on the frame. */
    static final double COHERENCE_AXIS_MAX = 1.05;
    /** The margin of a shared frequency axis beyond the lowest and highest frequency, a factor. */
    private static final double FREQUENCY_MARGIN = 1.1;
    /** Lags are shown where the raw coherence is more than this many σ above 0. */
    static final double COHERENCE_SIGMAS = 2;
    /** Lags with errors up to this many times the median error set the lag axis. */
    static final double LAG_RANGE_ERRORS = 3;
    /** The margin of a lag axis beyond its lags, a fraction of their span. */
    static final double LAG_MARGIN = 0.1;
    /**
     * Outlying lags (a single 384 s lag at the lowest frequency of a Lomb–Scargle cross spectrum) do not set the lag
     * axis: with at least {@code ROBUST_MIN_POINTS} lags, those further than {@code ROBUST_REACH} × the spread
     * between the {@code ROBUST_QUANTILE} and 1 − {@code ROBUST_QUANTILE} quantiles beyond them.
     */
    static final int ROBUST_MIN_POINTS = 10;
    static final double ROBUST_QUANTILE = 0.05;
    static final double ROBUST_REACH = 1.0;
    /** What an empty lag panel says. */
    static final String NO_COHERENT_LAG = "no frequency with meaningful coherence";
    /** Consecutive light-curve bins further apart than this many dt are a gap. */
    private static final double GAP_BINS = 1.5;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /**
     * The power spectrum of a product as one would publish it: log-rebinned for display by
     * {@value #DISPLAY_REBIN_LOG} unless the product was rebinned already (the factor is stated on the
     * plot), error bars only where at least {@value #MIN_M_FOR_ERRORS} powers were averaged, the Poisson
     * noise level drawn (Leahy, frac, abs), and the notes of {@link PlotNotes}.
     *
     * @param freqTimesPower plot ν·P instead of P
     */
    public static XYChart powerSpectrum(Product p, boolean freqTimesPower) {
        return powerSpectrum(p, freqTimesPower, DISPLAY_REBIN_LOG);
    }

    /**
     * As {@link #powerSpectrum(Product, boolean)} with display rebinning {@code displayRebinLog}.
     *
     * @throws org.manta.core.InvalidParameterException if {@code displayRebinLog} is not positive
     */
    public static XYChart powerSpectrum(Product p, boolean freqTimesPower, double displayRebinLog) {
        return powerSpectrum(p, freqTimesPower, Rebinning.log(displayRebinLog));
    }

    /**
     * As {@link #powerSpectrum(Product, boolean)} with {@code display} as the display rebinning of a product that
     * was not rebinned (log or linear). Also the Lomb–Scargle and multitaper spectra (titled by their kind; their
     * {@code power_err} is the power, m = 1, as Stingray's, so bars only where the display averages bins: the
     * multitaper's jackknife variance is of ln S and is not drawn).
     */
    public static XYChart powerSpectrum(Product p, boolean freqTimesPower, Rebinning display) {
        return powerSpectrum(p, freqTimesPower, display, noiseLevel(p));
    }

    /** As {@link #powerSpectrum(Product, boolean, Rebinning)} with the noise level drawn, if any. */
    private static XYChart powerSpectrum(Product p, boolean freqTimesPower, Rebinning display,
                                         Optional<Double> noise) {
        double[] freq = p.array("freq");
        double[] power = p.array("power");
        double[] err = p.optionalArray("power_err").orElse(null);
        double[] m = perBinM(p, freq.length);
        String rebinNote = p.text("rebin").map(r -> "rebinned: " + r).orElse(null);
        if (rebinNote == null && uniform(m) && freq.length > 1 && p.has("df")) {
            double m0 = m[0];
            double df = p.number("df");
            if (display.kind() == Rebinning.Kind.LOG) {
                Rebin.Log r = Rebin.log(freq, power, err, display.value(), df);
                freq = r.x();
                power = r.y();
                err = err == null ? null : r.yErr();
                m = new double[freq.length];
                for (int i = 0; i < m.length; i++) {
                    m[i] = r.nsamples()[i] * m0;
                }
                rebinNote = "shown log-rebinned, f = " + Numbers.compact(display.value()) + " (bin widths grow by 1+f)";
            } else {
                Rebin.Linear r = Rebin.linear(freq, power, err, display.df(df), df, true);
                freq = r.x();
                power = r.y();
                err = err == null ? null : r.yErr();
                m = new double[freq.length];
                for (int i = 0; i < m.length; i++) {
                    m[i] = Math.rint((r.uniformStep() ? r.step()[0] : r.step()[i]) * m0);
                }
                rebinNote = "shown rebinned linearly to df = " + Numbers.compact(display.df(df)) + " Hz";
            }
        }
        if (err != null) {
            err = err.clone();
            for (int i = 0; i < err.length; i++) {
                if (!(m[i] >= MIN_M_FOR_ERRORS)) {
                    err[i] = Double.NaN;
                }
            }
        }
        String norm = p.text("norm").orElse("none");
        XYChart chart = powerSpectrum(freq, power, err, norm, freqTimesPower);
        if (p.kind() != ProductKind.POWER_SPECTRUM) {
            String title = p.flag("lombscargle").filter(Boolean::booleanValue).map(t -> "Lomb–Scargle multitaper spectrum")
                    .orElse(p.kind().title());
            chart.setTitle(chart.getTitle().replace(freqTimesPower ? "Power spectrum (ν × P)" : "Power spectrum",
                    title + (freqTimesPower ? " (ν × P)" : "")));
        }
        double[] shownFreq = freq;
        noise.ifPresent(level -> addNoiseLevel(chart, shownFreq, level, freqTimesPower));
        List<String> notes = new ArrayList<>(PlotNotes.of(p).lines());
        if (rebinNote != null) {
            notes.add(rebinNote);
        }
        int notPositive = 0;
        for (int i = 0; i < power.length; i++) {
            notPositive += power[i] <= 0 && freq[i] > 0 ? 1 : 0;
        }
        boolean subtracted = noiseSubtracted(p);
        if (subtracted) {
            notes.add("Poisson noise subtracted" + (p.has("poisson_level")
                    ? " (level " + Numbers.compact(p.number("poisson_level")) + ")" : "") + ": no noise line");
        }
        if (notPositive > 0) {
            notes.add(notPositive + " of " + power.length + " bins with power ≤ 0 not shown (log axis)"
                    + (subtracted ? ": below the subtracted noise level" : ""));
        }
        long single = java.util.Arrays.stream(m).filter(v -> v < MIN_M_FOR_ERRORS).count();
        if (uniform(m) && m.length > 0 && m[0] < MIN_M_FOR_ERRORS) {
            notes.add("m = 1: no error bars (each power is χ² with 2 d.o.f.)");
        } else if (single > 0 && err != null) {
            // the lowest bins of a log-rebinned periodogram stand alone: without a word their missing bars read as exact
            notes.add(single + " bin" + (single == 1 ? "" : "s") + " of a single power: no error bar (χ² with 2 d.o.f.)");
        }
        addNotes(chart, notes);
        return chart;
    }

    /**
     * Power spectrum on log-log axes with 1σ error bars (NaN errors: no bar), the y axis fitted to the
     * powers (not to the error bars).
     *
     * @param freq           frequencies, Hz
     * @param power          powers in normalisation {@code norm}
     * @param powerErr       1σ errors, same length, or {@code null} for none
     * @param norm           {@code leahy|frac|abs|none} (for the axis label)
     * @param freqTimesPower plot ν·P instead of P
     */
    public static XYChart powerSpectrum(double[] freq, double[] power, double[] powerErr, String norm,
                                        boolean freqTimesPower) {
        requireSameLength("power", freq, power);
        double[] y = power.clone();
        double[] e = powerErr == null ? null : powerErr.clone();
        if (freqTimesPower) {
            for (int i = 0; i < y.length; i++) {
                y[i] *= freq[i];
                if (e != null) {
                    e[i] *= freq[i];
                }
            }
        }
        String unit = powerUnit(norm, freqTimesPower);
        XYChart chart = base((freqTimesPower ? "Power spectrum (ν × P)" : "Power spectrum") + " — " + normLabel(norm),
                "Frequency (Hz)", (freqTimesPower ? "ν × Power" : "Power") + " (" + unit + ")");
        Points pts = Points.keep(freq, y, e, true, true);
        if (pts.size() == 0) {
            logAxes(chart, true, true);
            chart.setTitle(chart.getTitle() + " (no positive values to show)");
            return chart;
        }
        addData(chart, "power", pts);
        if (pts.err != null) {
            addErrorBars(chart, pts, true);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < pts.size(); i++) {
            double bar = pts.err == null || !Double.isFinite(pts.err[i]) ? 0 : pts.err[i];
            lo = Math.min(lo, pts.y[i]);        // the powers set the bottom: an m = 2 bar may reach far down
            hi = Math.max(hi, pts.y[i] + bar);
        }
        // a margin that grows with the span: a spectrum near the noise level is not squeezed into a third of the axis
        double pad = Math.max(MIN_LOG_PAD, Math.min(MAX_LOG_PAD, Math.pow(hi / lo, LOG_PAD_EXPONENT)));
        chart.getStyler().setYAxisMin(lo / pad);
        chart.getStyler().setYAxisMax(hi * pad);
        logAxes(chart, true, true);
        return chart;
    }

    /**
     * Poisson noise level of a power spectrum product in its normalisation (science.md §5), if known: 2 in Leahy,
     * 2/rate in frac, 2·rate in abs; a multitaper spectrum's is twice that (Stingray's scaling: 4 in Leahy,
     * docs/cli.md); none once the noise was subtracted ({@code noise_subtracted}), the powers being around 0.
     */
    static Optional<Double> noiseLevel(Product p) {
        if (noiseSubtracted(p) || !p.has("dt")) {
            return Optional.empty();
        }
        boolean multitaper = p.kind() == ProductKind.MULTITAPER_POWER_SPECTRUM
                && !p.flag("lombscargle").orElse(false);     // not astropy's "psd" normalisation
        // the mean counts per bin: a multitaper product gives its photons and bins instead
        double mean = p.has("mean") ? p.number("mean") : multitaper && p.has("nphots") && p.has("n")
                && p.number("n") > 0 ? p.number("nphots") / p.number("n") : Double.NaN;
        if (!Double.isFinite(mean)) {
            return Optional.empty();
        }
        double rate = mean / p.number("dt");
        double scale = multitaper ? MULTITAPER_NOISE_FACTOR : 1;
        return switch (p.text("norm").orElse("none").toLowerCase(Locale.ROOT)) {
            case "leahy" -> Optional.of(2.0 * scale);
            case "frac" -> rate > 0 ? Optional.of(2 * scale / rate) : Optional.empty();
            case "abs" -> Optional.of(2 * scale * rate);
            default -> Optional.empty();
        };
    }

    private static boolean noiseSubtracted(Product p) {
        return p.flag("noise_subtracted").orElse(false);
    }

    private static void addNoiseLevel(XYChart chart, double[] freq, double level, boolean freqTimesPower) {
        Points f = Points.keep(freq, freq, null, true, true);
        if (f.size() < 2) {
            return;
        }
        double a = f.x[0];
        double b = f.x[f.size() - 1];
        XYSeries s = chart.addSeries("Poisson noise level", new double[] {a, b},
                freqTimesPower ? new double[] {a * level, b * level} : new double[] {level, level});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Color.GRAY);
        s.setLineStyle(DASHED);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    }

    /** m per frequency bin: the product's array, or its scalar repeated; 1 when absent. */
    static double[] perBinM(Product p, int n) {
        Optional<double[]> arr = p.optionalArray("m");
        if (arr.isPresent()) {
            return arr.get();
        }
        double[] m = new double[n];
        Arrays.fill(m, p.has("m") ? p.number("m") : 1);
        return m;
    }

    private static boolean uniform(double[] a) {
        for (double v : a) {
            if (v != a[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A lag axis: its range and what falls outside it.
     *
     * @param lo            bottom of the axis, s
     * @param hi            top of the axis, s
     * @param pointsOutside lags beyond the range (not drawn)
     * @param barsClipped   error bars of drawn lags that run beyond the range (cut at the axis)
     */
    record LagAxis(double lo, double hi, int pointsOutside, int barsClipped) {
        /** The note that says what the range leaves out, or empty when nothing. */
        Optional<String> note() {
            List<String> parts = new ArrayList<>();
            if (pointsOutside > 0) {
                parts.add(pointsOutside + " outlying lag" + (pointsOutside > 1 ? "s" : "") + " beyond the axis");
            }
            if (barsClipped > 0) {
                parts.add(barsClipped + " error bar" + (barsClipped > 1 ? "s" : "") + " cut at the axis");
            }
            return parts.isEmpty() ? Optional.empty()
                    : Optional.of(String.join(", ", parts) + " (axis set by the lags, not by the errors)");
        }
    }

    /**
     * The lag axis range, set by the lags themselves (never by their error bars, which are cut at the axis): from
     * the lowest to the highest well-measured lag (error at most {@value #LAG_RANGE_ERRORS} × the median error, so a
     * few imprecise low-frequency lags do not flatten the rest), including 0, with a margin of {@value #LAG_MARGIN}
     * of the span. With at least
     * {@value #ROBUST_MIN_POINTS} lags, lags further than {@value #ROBUST_REACH} × the
     * {@value #ROBUST_QUANTILE}–(1 − {@value #ROBUST_QUANTILE}) quantile spread beyond those quantiles are
     * outliers: they do not set the axis and are counted ({@link LagAxis#pointsOutside}).
     */
    static LagAxis lagRange(Points pts) {
        if (pts.size() == 0) {
            return new LagAxis(-1, 1, 0, 0);
        }
        double limit = Double.POSITIVE_INFINITY;
        if (pts.err != null) {
            double[] e = Arrays.stream(pts.err).filter(Double::isFinite).sorted().toArray();
            limit = e.length == 0 ? limit : LAG_RANGE_ERRORS * e[e.length / 2];
        }
        double[] v = new double[pts.size()];
        int n = 0;
        for (int i = 0; i < pts.size(); i++) {
            if (pts.err == null || !(pts.err[i] > limit)) {
                v[n++] = pts.y[i];
            }
        }
        v = Arrays.copyOf(v, n);
        Arrays.sort(v);
        double lo = v[0];
        double hi = v[n - 1];
        if (n >= ROBUST_MIN_POINTS) {
            double qlo = v[(int) Math.floor(ROBUST_QUANTILE * (n - 1))];
            double qhi = v[(int) Math.ceil((1 - ROBUST_QUANTILE) * (n - 1))];
            double reach = ROBUST_REACH * (qhi - qlo);
            lo = Math.max(lo, qlo - reach);
            hi = Math.min(hi, qhi + reach);
        }
        lo = Math.min(lo, 0);
        hi = Math.max(hi, 0);
        double pad = LAG_MARGIN * (hi - lo);
        if (!(pad > 0)) {
            pad = Math.max(1e-6, Math.abs(hi));
        }
        lo -= pad;
        hi += pad;
        int outside = 0;
        int clipped = 0;
        for (int i = 0; i < pts.size(); i++) {
            double e = pts.err == null || !Double.isFinite(pts.err[i]) ? 0 : pts.err[i];
            if (pts.y[i] < lo || pts.y[i] > hi) {
                outside++;
            } else if (pts.y[i] - e < lo || pts.y[i] + e > hi) {
                clipped++;
            }
        }
        return new LagAxis(lo, hi, outside, clipped);
    }

    /**
     * The lag plot of a live cross spectrum: the product's own arrays when it was rebinned, else those of
     * its log-rebinned copy ({@value #DISPLAY_REBIN_LOG}; lags and errors recomputed after rebinning, errata
     * H1), so the unbinned high-frequency noise does not hide the lags.
     */
    public static Chart<?, ?> crossSpectrum(AveragedCrossSpectrum cs, Product product) {
        return crossSpectrum(shown(cs, product));
    }

    /**
     * As {@link #crossSpectrum(AveragedCrossSpectrum, Product)}; with {@code freqTimesPower} the figure of
     * {@link #crossSpectrum(Product, boolean)}.
     */
    public static Chart<?, ?> crossSpectrum(AveragedCrossSpectrum cs, Product product, boolean freqTimesPower) {
        return crossSpectrum(shown(cs, product), freqTimesPower);
    }

    /** The product as drawn: itself when rebinned, else its log-rebinned copy (lags recomputed, errata H1). */
    private static Product shown(AveragedCrossSpectrum cs, Product product) {
        if (product.has("rebin")) {
            return product;
        }
        Rebinning display = Rebinning.log(DISPLAY_REBIN_LOG);
        return Products.rebinnedCrossSpectrum(product, display.apply(cs), display.label() + " (plot only)");
    }

    /**
     * A saved cross-spectrum product as drawn with {@code display}: a product saved unrebinned is rebinned (its
     * cross spectrum taken up again, {@link Products#crossSpectrumOf}, lags, coherence and errors recomputed
     * from the rebinned quantities, errata H1); a rebinned one is drawn as it is, and asking to rebin it again
     * is an error.
     *
     * @param display the rebinning asked for, or empty for the default display rebinning
     * @throws InvalidParameterException if a rebinning is asked of a product that was rebinned when computed
     */
    public static Product shownCrossSpectrum(Product p, Optional<Rebinning> display) {
        requireRebinnable(p, display);
        if (p.has("rebin")) {
            return p;
        }
        if (display.isEmpty() && !(p.field("m").orElse(null) instanceof Field.Int && p.has("pds1_power"))) {
            return p;       // not a cpds product as saved (m per bin, or no band powers): drawn as it is
        }
        Rebinning r = display.orElse(Rebinning.log(DISPLAY_REBIN_LOG));
        return Products.rebinnedCrossSpectrum(p, r.apply(Products.crossSpectrumOf(p)),
                r.label() + (display.isPresent() ? "" : " (plot only)"));
    }

    /**
     * Refuses a display rebinning of a product that was rebinned when computed ({@code rebin} recorded): its bins
     * are drawn as saved, so the rebinning asked for would be silently ignored.
     *
     * @param display the rebinning asked for, or empty for none
     * @throws InvalidParameterException naming the option, its value and the rebinning the product has
     */
    public static void requireRebinnable(Product p, Optional<Rebinning> display) {
        if (p.has("rebin") && display.isPresent()) {
            Rebinning asked = display.get();
            String value = Numbers.compact(asked.value()) + (asked.kind() == Rebinning.Kind.LINEAR_FACTOR ? "x" : "");
            throw new InvalidParameterException(asked.kind() == Rebinning.Kind.LOG ? "rebin-log" : "rebin", value,
                    "a " + p.kind().title().toLowerCase(Locale.ROOT) + " saved without rebinning (this one was "
                    + "rebinned when computed: " + p.text("rebin").orElse("") + ")");
        }
    }

    /**
     * The lag figure of {@link #crossSpectrum(Product)}; with {@code freqTimesPower} a figure of three panels, the
     * cospectrum ν × Re C above (HENDRICS {@code plot_cospectrum}: the cross power, free of Poisson noise when the
     * two channels have independent events), the lags and the coherence, on one frequency axis.
     */
    public static Chart<?, ?> crossSpectrum(Product p, boolean freqTimesPower) {
        if (!freqTimesPower) {
            return crossSpectrum(p);
        }
        List<XYChart> panels = new ArrayList<>(List.of(cospectrum(p), lags(p, List.of())));   // the context above
        coherence(p).ifPresent(panels::add);
        return onOneFrequencyAxis(p, panels);
    }

    /**
     * ν × Re C of a cross-spectrum product on log–log axes, drawn as {@link #powerSpectrum(Product, boolean)}
     * draws ν × P (display rebinning, error bars where m ≥ {@value #MIN_M_FOR_ERRORS}, the notes) but with no
     * noise level; bins with a non-positive cospectrum cannot be shown on the log axis and are counted in the notes.
     */
    static XYChart cospectrum(Product p) {
        double[] re = realPart(p, "power");
        Product.Builder view = Product.builder(ProductKind.POWER_SPECTRUM).provenance(p.provenance());
        p.fields().forEach((name, field) -> {
            if (!name.equals("power") && !name.equals("power_err")) {
                view.field(name, field);
            }
        });
        view.array("power", re);
        if (p.has("power_err")) {
            view.array("power_err", realPart(p, "power_err"));
        }
        XYChart chart = powerSpectrum(view.build(), true, Rebinning.log(DISPLAY_REBIN_LOG), Optional.empty());
        String norm = p.text("norm").orElse("none");
        chart.setTitle("Cospectrum (ν × Re C) — " + normLabel(norm));
        chart.setYAxisTitle("ν × Re C (" + powerUnit(norm, true) + ")");
        return chart;
    }

    /**
     * Time lag against frequency with 1σ errors, only where the raw coherence is significant
     * ({@code γ² > } {@value #COHERENCE_SIGMAS}σ), so the noisy low-coherence bins do not set the lag axis, with a
     * zero line, the bands in the legend and the notes of {@link PlotNotes}; below it, in a panel a third of the
     * figure's height on the same frequency axis, the raw coherence with its errors ({@link #coherence}). A positive
     * lag means the subject (first) band lags the reference. Without a coherence, the lag chart alone.
     */
    public static Chart<?, ?> crossSpectrum(Product p) {
        XYChart lags = lags(p, PlotNotes.of(p).lines());
        return coherence(p).<Chart<?, ?>>map(c -> onOneFrequencyAxis(p, List.of(lags, c))).orElse(lags);
    }

    /**
     * {@code panels} stacked top to bottom ({@link Panels}) on one log frequency axis, from the product's lowest to
     * its highest positive frequency with a margin of 10 % either way; the frequency axis title only on the lowest.
     */
    private static Chart<?, ?> onOneFrequencyAxis(Product p, List<XYChart> panels) {
        Points f = Points.keep(p.array("freq"), p.array("freq"), null, true, true);
        for (XYChart c : panels) {
            if (f.size() > 1) {
                c.getStyler().setXAxisMin(f.x[0] / FREQUENCY_MARGIN);
                c.getStyler().setXAxisMax(f.x[f.size() - 1] * FREQUENCY_MARGIN);
            }
            logAxes(c, true, false);
            c.getStyler().setXAxisTitleVisible(c == panels.get(panels.size() - 1));
        }
        return Panels.stacked(panels);
    }

    /**
     * The lag panel of {@link #crossSpectrum(Product)}: lags where coherent, the band legend, the notes with
     * {@code context} (file, band, dt, segment, m) first.
     */
    private static XYChart lags(Product p, List<String> context) {
        double[] freq = p.array("freq");
        double[] lag = p.array("time_lag");
        double[] lagErr = p.optionalArray("time_lag_err").orElse(null);
        double[] coh = p.optionalArray("raw_coherence").orElse(null);
        double[] cohErr = p.optionalArray("raw_coherence_err").orElse(null);
        double[] shownLag = lag.clone();
        int hidden = 0;
        if (coh != null && cohErr != null) {
            for (int i = 0; i < lag.length; i++) {
                if (!(coh[i] - COHERENCE_SIGMAS * cohErr[i] > 0)) {
                    shownLag[i] = Double.NaN;
                    hidden += Double.isFinite(lag[i]) ? 1 : 0;
                }
            }
        }
        PlotNotes notes = PlotNotes.of(p);
        XYChart chart = lagFrequency(freq, shownLag, lagErr, notes.bandLegend());
        boolean noLag = hidden > 0 && chart.getTitle().endsWith(" (no finite lags to show)");  // finite, not significant
        if (noLag) {
            chart.setTitle(chart.getTitle().replace(" (no finite lags to show)",
                    " (no lag shown: coherence consistent with 0)"));
            sayInPanel(chart, NO_COHERENT_LAG);
        }
        if (!chart.getSeriesMap().isEmpty()) {
            chart.getStyler().setLegendVisible(true);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        }
        List<String> lines = new ArrayList<>(context);
        p.text("rebin").ifPresent(r -> lines.add("rebinned: " + r));
        if (hidden > 0) {
            lines.add(hidden + " bins with coherence < " + (int) COHERENCE_SIGMAS + "σ from 0: lags not shown");
        }
        lagRange(Points.keep(freq, shownLag, lagErr, true, false)).note().ifPresent(lines::add);
        addNotes(chart, lines);
        return chart;
    }

    /**
     * The coherence panel of {@link #crossSpectrum(Product)}: the raw coherence γ² against frequency (log axis) on a
     * 0..{@value #COHERENCE_AXIS_MAX} axis, {@link #COHERENCE_PANEL_HEIGHT} px high, with its 1σ errors where the
     * product has them; empty when the product has no finite coherence.
     */
    static Optional<XYChart> coherence(Product p) {
        Optional<double[]> coh = p.optionalArray("raw_coherence");
        if (coh.isEmpty()) {
            return Optional.empty();
        }
        Points c = Points.keep(p.array("freq"), coh.get(), p.optionalArray("raw_coherence_err").orElse(null), true,
                false);
        if (c.size() == 0) {
            return Optional.empty();
        }
        XYChart chart = base("", "Frequency (Hz)", "Raw coherence γ²", COHERENCE_PANEL_HEIGHT);
        chart.getStyler().setChartTitleVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(COHERENCE_AXIS_MAX);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        logAxes(chart, true, false);
        if (c.err != null) {
            addErrorBars(chart, c, false, COHERENCE_ERRORS, 1f);
        }
        XYSeries s = chart.addSeries("raw coherence", c.x, c.y);
        s.setMarker(c.size() > MARKER_LIMIT ? SeriesMarkers.NONE : SeriesMarkers.DIAMOND);
        s.setLineColor(COHERENCE);
        s.setMarkerColor(COHERENCE);
        s.setLineStyle(new BasicStroke(1f));
        return Optional.of(chart);
    }

    /**
     * Time lag against frequency (log frequency axis, linear lag axis) with 1σ error bars and a zero line.
     * A positive lag means the subject (first) series lags the reference (second). Lags are shown in ms when
     * all are below 0.1 s; NaN lags are left out.
     *
     * @param seriesName legend text of the lags (e.g. the bands)
     */
    public static XYChart lagFrequency(double[] freq, double[] timeLag, double[] timeLagErr, String seriesName) {
        requireSameLength("time_lag", freq, timeLag);
        Points pts = Points.keep(freq, timeLag, timeLagErr, true, false);
        LagAxis axis = lagRange(pts);
        double[] range = {axis.lo(), axis.hi()};
        double maxAbs = Math.max(Math.abs(range[0]), Math.abs(range[1]));
        boolean ms = maxAbs < 0.1;
        double scale = ms ? 1e3 : 1.0;
        pts.scale(scale);
        XYChart chart = base("Time lag vs frequency (positive: subject lags reference)", "Frequency (Hz)",
                "Time lag (" + (ms ? "ms" : "s") + ")");
        logAxes(chart, true, false);
        chart.getStyler().setYAxisDecimalPattern(maxAbs * scale >= 10 ? "0.#" : "0.0##");
        if (pts.size() > 0) {
            chart.getStyler().setYAxisMin(range[0] * scale);
            chart.getStyler().setYAxisMax(range[1] * scale);
        }
        if (pts.size() == 0) {
            chart.setTitle(chart.getTitle() + " (no finite lags to show)");
            return chart;
        }
        // across every frequency of the spectrum, not only those with a lag shown (the coherence panel spans them all)
        Points all = Points.keep(freq, new double[freq.length], null, true, false);
        XYSeries zero = chart.addSeries("zero", new double[] {all.x[0], all.x[all.size() - 1]}, new double[] {0, 0});
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineColor(Color.GRAY);
        zero.setLineStyle(DASHED);
        zero.setShowInLegend(false);
        if (pts.err != null) {
            addErrorBars(chart, pts, false);
        }
        XYSeries s = chart.addSeries(seriesName, pts.x, pts.y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(DATA);
        return chart;
    }

    /**
     * Light curve: count rate against time since {@code tstart}; where consecutive bins are more than one
     * bin apart (GTI gaps) the line is broken, not drawn across the gap.
     *
     * @param time    bin centres, MET s
     * @param rate    count rate, counts/s
     * @param rateErr 1σ errors or {@code null}
     * @param dt      bin time, s
     * @param tstart  start of the light curve (its first bin's left edge, or TSTART), MET s
     * @param mjdref  MJD of MET 0, or NaN when unknown
     */
    public static XYChart lightCurve(double[] time, double[] rate, double[] rateErr, double dt, double tstart,
                                     double mjdref) {
        requireSameLength("rate", time, rate);
        String t0 = String.format(Locale.ROOT, "TSTART = %.6f s (MET)", tstart)
                + (Double.isFinite(mjdref) ? String.format(Locale.ROOT, " = MJD %.8f", mjdref + tstart / 86400) : "");
        XYChart chart = base("Light curve", "Time since TSTART (s), " + t0, "Count rate (counts/s)");
        if (time.length == 0) {
            return chart;
        }
        int gaps = 0;
        for (int i = 1; i < time.length; i++) {
            gaps += time[i] - time[i - 1] > GAP_BINS * dt ? 1 : 0;
        }
        int n = time.length + gaps;
        double[] t = new double[n];
        double[] y = new double[n];
        double[] e = rateErr == null ? null : new double[n];
        for (int i = 0, k = 0; i < time.length; i++, k++) {
            if (i > 0 && time[i] - time[i - 1] > GAP_BINS * dt) {
                t[k] = (time[i] + time[i - 1]) / 2 - tstart;
                y[k] = Double.NaN;
                if (e != null) {
                    e[k] = Double.NaN;
                }
                k++;
            }
            t[k] = time[i] - tstart;
            y[k] = rate[i];
            if (e != null) {
                e[k] = rateErr[i];
            }
        }
        chart.getStyler().setXAxisMin(Math.min(0, t[0]));
        chart.getStyler().setXAxisMax(t[n - 1] + dt / 2);
        XYSeries s = chart.addSeries("rate", t, y);
        s.setMarker(n > MARKER_LIMIT ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        s.setLineColor(DATA);
        s.setMarkerColor(DATA);
        if (e != null && n <= MARKER_LIMIT) {
            addErrorBars(chart, Points.keep(t, y, e, false, false), false);
        }
        return chart;
    }

    /**
     * Dynamical power spectrum as a heat map on numeric axes: each used segment is a column of its real width
     * at its real time (since the first segment's start), each frequency a row of height df, so gaps between
     * GTIs stay blank; colours log10(power) on the perceptual viridis scale, clipped to the 1st–99th
     * percentile, with a labelled colour bar (right axis). Nothing is averaged.
     *
     * @param freq        frequencies, Hz (rows of {@code dynPs})
     * @param time        segment mid-times, MET s (columns of {@code dynPs})
     * @param dynPs       powers, {@code [freq_index][time_index]}
     * @param segmentSize segment length, s (column width)
     */
    public static XYChart dynamicalPowerSpectrum(double[] freq, double[] time, double[][] dynPs, String norm,
                                                 double segmentSize) {
        if (dynPs.length != freq.length || (dynPs.length > 0 && dynPs[0].length != time.length)) {
            throw new IllegalArgumentException("dyn_ps is " + dynPs.length + "x" + (dynPs.length == 0 ? 0 : dynPs[0].length)
                    + ", expected freq x time = " + freq.length + "x" + time.length);
        }
        return HeatMap.dynamical(freq, time, dynPs, norm, segmentSize);
    }

    /**
     * Bispectrum magnitude as an image on numeric frequency axes: log10 |B(f1, f2)| cell by cell, a viridis colour
     * bar of |B| on a log scale spanning the values' range.
     *
     * @param freq      frequencies of both axes, Hz, uniformly spaced
     * @param magnitude {@code |B|[f1_index][f2_index]}; f1 runs along x, f2 along y
     */
    public static XYChart bispectrum(double[] freq, double[][] magnitude) {
        return HeatMap.plane("Bispectrum — |B(f1, f2)|", "f1 (Hz)", freq, "f2 (Hz)", freq, magnitude, true, 0, 0,
                "|B| (bispectrum magnitude)");
    }

    /**
     * Squared bicoherence as an image on numeric frequency axes (cells beyond the Nyquist line, NaN, stay blank);
     * a viridis colour bar labelled {@code b²} from 0 to the largest value (b² of noise is about 1/M: a fixed 0..1
     * bar would paint it all dark).
     *
     * @param freq         frequencies of both axes, Hz, uniformly spaced
     * @param bicoherence  {@code b²[f1_index][f2_index]}; f1 runs along x, f2 along y
     */
    public static XYChart bicoherence(double[] freq, double[][] bicoherence) {
        return HeatMap.plane("Squared bicoherence b²(f1, f2)", "f1 (Hz)", freq, "f2 (Hz)", freq, bicoherence, false, 0,
                Double.NaN, "b² (squared bicoherence), 0 to the largest");
    }

    /**
     * Colour–colour diagram (Heil, Uttley &amp; Klein-Wolt 2015): PC0 against PC1 on log axes, one point per
     * segment coloured by its hue (one series per 30° sector, named in the legend), and the centre of the hue
     * wheel marked "+". Points with a non-positive colour (noise-dominated after subtraction) are left out
     * and counted in the title.
     *
     * @param pc0        first colour per segment
     * @param pc1        second colour per segment
     * @param hueDegrees hue per segment, degrees in [0, 360)
     * @param annotation what was analysed (file, band, dt, segment), shown in the title
     */
    public static XYChart powerColors(double[] pc0, double[] pc1, double[] hueDegrees, String annotation) {
        requireSameLength("pc1", pc0, pc1);
        requireSameLength("hue", pc0, hueDegrees);
        XYChart chart = base("Power colours" + (annotation.isEmpty() ? "" : " — " + annotation), "PC0 = V(f0–f1) / V(f2–f3)",
                "PC1 = V(f1–f2) / V(f3–f4)");
        Points all = Points.keep(pc0, pc1, null, true, true);
        double[] xr = {PowerColors.HUE_CENTER_PC0, PowerColors.HUE_CENTER_PC0};
        double[] yr = {PowerColors.HUE_CENTER_PC1, PowerColors.HUE_CENTER_PC1};
        for (int i = 0; i < all.size(); i++) {
            xr[0] = Math.min(xr[0], all.x[i]);
            xr[1] = Math.max(xr[1], all.x[i]);
            yr[0] = Math.min(yr[0], all.y[i]);
            yr[1] = Math.max(yr[1], all.y[i]);
        }
        logAxes(chart, true, true);
        // axes around the points and the hue centre, at least a factor POWER_COLOUR_SPAN each way: with no point
        // but the centre (every colour non-positive) the axes still have a range and labels
        double padX = Math.max(POWER_COLOUR_PAD, Math.sqrt(POWER_COLOUR_SPAN * xr[0] / xr[1]));
        double padY = Math.max(POWER_COLOUR_PAD, Math.sqrt(POWER_COLOUR_SPAN * yr[0] / yr[1]));
        chart.getStyler().setXAxisMin(xr[0] / padX);
        chart.getStyler().setXAxisMax(xr[1] * padX);
        chart.getStyler().setYAxisMin(yr[0] / padY);
        chart.getStyler().setYAxisMax(yr[1] * padY);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        XYSeries centre = chart.addSeries("hue centre", new double[] {PowerColors.HUE_CENTER_PC0},
                new double[] {PowerColors.HUE_CENTER_PC1});
        centre.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        centre.setMarker(SeriesMarkers.CROSS);
        centre.setMarkerColor(Color.BLACK);
        int shown = 0;
        for (int sector = 0; sector < 360 / HUE_SECTOR_DEGREES; sector++) {
            double lo = sector * HUE_SECTOR_DEGREES;
            double[] x = new double[pc0.length];
            double[] y = new double[pc0.length];
            for (int i = 0; i < pc0.length; i++) {
                boolean inSector = hueDegrees[i] >= lo && hueDegrees[i] < lo + HUE_SECTOR_DEGREES;
                x[i] = inSector ? pc0[i] : Double.NaN;
                y[i] = pc1[i];
            }
            Points pts = Points.keep(x, y, null, true, true);
            if (pts.size() == 0) {
                continue;
            }
            shown += pts.size();
            Color colour = Color.getHSBColor((float) ((lo + HUE_SECTOR_DEGREES / 2) / 360), 0.85f, 0.8f);
            XYSeries s = chart.addSeries(String.format(Locale.ROOT, "hue %d–%d°", (int) lo,
                    (int) (lo + HUE_SECTOR_DEGREES)), pts.x, pts.y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(colour);
        }
        if (shown < pc0.length) {
            chart.setTitle(chart.getTitle() + String.format(Locale.ROOT, " (%d of %d segments with non-positive "
                    + "colours not shown)", pc0.length - shown, pc0.length));
        }
        fitTitle(chart);
        return chart;
    }

    /**
     * The colour–colour diagram of a {@code colors} product ({@link #powerColors(double[], double[], double[],
     * String)}) with the notes of {@link PlotNotes} and the frequency edges.
     */
    public static XYChart powerColors(Product p) {
        double[] pc0 = p.array("pc0");
        double[] pc1 = p.array("pc1");
        XYChart chart = powerColors(pc0, pc1, p.array("hue_deg"), "");
        Optional<double[]> err0 = p.optionalArray("pc0_err");
        Optional<double[]> err1 = p.optionalArray("pc1_err");
        if (err0.isPresent() && err1.isPresent()) {
            addColourErrorBars(chart, pc0, pc1, err0.get(), err1.get());
        }
        List<String> notes = new ArrayList<>(PlotNotes.of(p).lines());
        p.optionalArray("freq_edges").ifPresent(edges -> {
            List<String> e = new ArrayList<>();
            for (double v : edges) {
                e.add(compact(v));
            }
            notes.add("f0..f4 = " + String.join(", ", e) + " Hz");
        });
        addNotes(chart, notes);
        return chart;
    }

    /**
     * 1σ error bars of both colours (a cross on each shown point), on the log axes of the colour–colour diagram: a
     * bar reaching 0 or below is cut at the axis. Points with a non-positive colour are not shown, nor their bars.
     */
    private static void addColourErrorBars(XYChart chart, double[] pc0, double[] pc1, double[] err0, double[] err1) {
        int n = pc0.length;
        double xFloor = chart.getStyler().getXAxisMin();
        double yFloor = chart.getStyler().getYAxisMin();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] xLo = new double[n];
        double[] xHi = new double[n];
        double[] yLo = new double[n];
        double[] yHi = new double[n];
        for (int i = 0; i < n; i++) {
            boolean shown = pc0[i] > 0 && pc1[i] > 0 && Double.isFinite(pc0[i]) && Double.isFinite(pc1[i]);
            x[i] = pc0[i];
            y[i] = shown ? pc1[i] : Double.NaN;
            xLo[i] = Math.max(xFloor, pc0[i] - err0[i]);
            xHi[i] = pc0[i] + err0[i];
            yLo[i] = shown && err1[i] > 0 ? Math.max(yFloor, pc1[i] - err1[i]) : Double.NaN;
            yHi[i] = shown && err1[i] > 0 ? pc1[i] + err1[i] : Double.NaN;
        }
        double[] yx = y.clone();    // horizontal bars only where the pc0 error is finite and positive
        for (int i = 0; i < n; i++) {
            yx[i] = err0[i] > 0 && Double.isFinite(err0[i]) ? y[i] : Double.NaN;
        }
        addSegments(chart, "1σ errors (PC0)", xLo, yx, xHi, yx, FEW_ERRORS, ERROR_BAR_WIDTH);
        addSegments(chart, "1σ errors (PC1)", x, yLo, x, yHi, FEW_ERRORS, ERROR_BAR_WIDTH);
    }

    /**
     * The natural chart for a product: power spectrum (also Lomb–Scargle and multitaper, log–log),
     * lag-frequency (cross spectra), light curve, dynamical power spectrum, or the bispectrum and
     * bicoherence images.
     *
     * @throws IllegalArgumentException if the product lacks the fields the chart needs
     */
    public static Chart<?, ?> forProduct(Product p) {
        String norm = p.text("norm").orElse("none");
        return switch (p.kind()) {
            case POWER_SPECTRUM -> powerSpectrum(p, false);
            case CROSS_SPECTRUM -> crossSpectrum(shownCrossSpectrum(p, Optional.empty()));
            case LIGHT_CURVE -> lightCurveOf(p);
            case POWER_COLORS -> powerColors(p);
            case DYNAMICAL_POWER_SPECTRUM -> {
                XYChart chart = dynamicalPowerSpectrum(p.array("freq"), p.array("time"), p.matrix("dyn_ps").rows(), norm,
                        p.has("segment_size") ? p.number("segment_size") : p.number("dt"));
                yield withNotesInTitle(chart, p);
            }
            case FAD -> fadOf(p);
            case LOMB_SCARGLE_POWER_SPECTRUM, MULTITAPER_POWER_SPECTRUM -> powerSpectrum(p, false);
            case LOMB_SCARGLE_CROSS_SPECTRUM -> lombScargleLags(p);
            case BISPECTRUM -> withNotesInTitle(bispectrum(p.array("freq"), p.matrix("bispec_mag").rows()), p);
            case BICOHERENCE -> withNotesInTitle(bicoherence(p.array("freq"), p.matrix("bicoherence").rows()), p);
            case VAR_ENERGY_SPECTRUM -> varEnergyOf(p);
        };
    }

    /**
     * FAD dead-time correction on log-log axes: the corrected and the uncorrected power spectrum of the
     * summed detectors and, if given, the Zhang et al. dead-time model; in Leahy normalisation a dashed line
     * marks the Poisson level 2. A text panel gives M, the smoothing and the compliance check.
     *
     * @param freq        frequencies, Hz
     * @param corrected   FAD-corrected total power
     * @param uncorrected uncorrected total power, same normalisation
     * @param model       Zhang model (Leahy) or {@code null}
     * @param norm        normalisation label
     * @param notes       lines of the text panel
     */
    public static XYChart fad(double[] freq, double[] corrected, double[] uncorrected, double[] model, String norm,
                              List<String> notes) {
        requireSameLength("ptot", freq, corrected);
        requireSameLength("ptot_uncorrected", freq, uncorrected);
        XYChart chart = base("FAD dead-time correction — " + normLabel(norm), "Frequency (Hz)",
                "Power of the summed detectors (" + powerUnit(norm, false) + ")");
        logAxes(chart, true, true);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        Points raw = Points.keep(freq, uncorrected, null, true, true);
        Points fixed = Points.keep(freq, corrected, null, true, true);
        if (raw.size() == 0 && fixed.size() == 0) {
            chart.setTitle(chart.getTitle() + " (no positive values to show)");
            return chart;
        }
        if (raw.size() > 0) {
            XYSeries s = chart.addSeries("uncorrected", raw.x, raw.y);
            s.setLineColor(UNCORRECTED);
            s.setLineStyle(new BasicStroke(1.0f));
            s.setMarker(SeriesMarkers.NONE);
        }
        if (fixed.size() > 0) {
            addData(chart, "FAD-corrected", fixed);
        }
        if (model != null) {
            requireSameLength("model_zhang", freq, model);
            Points m = Points.keep(freq, model, null, true, true);
            if (m.size() > 0) {
                XYSeries s = chart.addSeries("dead-time model (Zhang et al. 1995)", m.x, m.y);
                s.setLineColor(MODEL);
                s.setLineStyle(new BasicStroke(2.2f));
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        if ("leahy".equalsIgnoreCase(norm)) {
            chart.getStyler().setAnnotationLineColor(Color.GRAY);
            chart.getStyler().setAnnotationLineStroke(
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            chart.addAnnotation(new AnnotationLine(2.0, false, false));
        }
        List<String> lines = new ArrayList<>(notes);
        if ("leahy".equalsIgnoreCase(norm)) {
            lines.add("dashed: Poisson level 2 (no dead time)");
        }
        addNotes(chart, lines);
        return chart;
    }

    private static XYChart fadOf(Product p) {
        String norm = p.text("norm").orElse("none");
        List<String> notes = new ArrayList<>(PlotNotes.of(p).lines());
        notes.add(String.format(Locale.ROOT, "smoothing: %s, %s bins; fad_delta = %.4f (compliant: %s)",
                p.text("smoothing_alg").orElse("gauss"), p.number("smoothing_length"), p.number("fad_delta"),
                p.text("is_compliant").orElse("?")));
        double[] freq = p.array("freq");
        double[] corrected = p.array("ptot");
        double[] uncorrected = p.array("ptot_uncorrected");
        double[] model = p.optionalArray("model_zhang").orElse(null);
        if (p.has("df") && freq.length > 1) {       // log-rebinned for display, as the power spectra
            double df = p.number("df");
            Rebin.Log shown = Rebin.log(freq, corrected, null, DISPLAY_REBIN_LOG, df);
            corrected = shown.y();
            uncorrected = Rebin.log(freq, uncorrected, null, DISPLAY_REBIN_LOG, df).y();
            model = model == null ? null : Rebin.log(freq, model, null, DISPLAY_REBIN_LOG, df).y();
            freq = shown.x();
            notes.add("shown log-rebinned, f = " + DISPLAY_REBIN_LOG + " (bin widths grow by 1+f)");
        }
        return fad(freq, corrected, uncorrected, model, norm, notes);
    }

    /**
     * The lags of a Lomb–Scargle cross spectrum, log-rebinned for display by {@value #DISPLAY_REBIN_LOG} as the
     * spectra are (unless the product was rebinned when computed): Re and Im of the cross power rebinned apart
     * (errata L6) and the lag taken from the rebinned power, {@code arg C / (2π f)}, as {@code time_lag} is from
     * the unbinned one; the lag axis robust to outliers ({@link #lagRange}), which are counted in the notes.
     */
    static XYChart lombScargleLags(Product p) {
        double[] freq = p.array("freq");
        double[] lag = p.array("time_lag");
        List<String> notes = new ArrayList<>(PlotNotes.of(p).lines());
        p.text("rebin").ifPresent(r -> notes.add("rebinned: " + r));
        if (!p.has("rebin") && p.has("df") && freq.length > 1 && p.field("power").orElse(null) instanceof Field.ComplexArray c) {
            double df = p.number("df");
            Rebin.Log re = Rebin.log(freq, c.re(), null, DISPLAY_REBIN_LOG, df);
            double[] im = Rebin.log(freq, c.im(), null, DISPLAY_REBIN_LOG, df).y();
            freq = re.x();
            lag = new double[freq.length];
            for (int i = 0; i < lag.length; i++) {
                lag[i] = Math.atan2(im[i], re.y()[i]) / (2 * Math.PI * freq[i]);
            }
            notes.add("shown log-rebinned, f = " + Numbers.compact(DISPLAY_REBIN_LOG)
                    + " (Re and Im of the cross power; lags from the rebinned power)");
        }
        XYChart chart = titled(lagFrequency(freq, lag, null, "time lag"),
                "Lomb–Scargle time lag vs frequency (positive: subject lags reference)");
        lagRange(Points.keep(freq, lag, null, true, false)).note().ifPresent(notes::add);
        addNotes(chart, notes);
        return chart;
    }

    /** {@code chart} with the notes of {@link PlotNotes} under its title (a heat map has no free corner for them). */
    private static XYChart withNotesInTitle(XYChart chart, Product p) {
        ((HeatMap) chart).addSubtitle(String.join("; ", PlotNotes.of(p).lines()));
        return chart;
    }

    /** A title longer than the width holds at {@value #TITLE_POINTS} pt is set smaller, so that it fits. */
    private static void fitTitle(Chart<?, ?> chart) {
        String title = chart.getTitle();
        if (title.length() > TITLE_CHARS) {
            var st = chart.getStyler();
            st.setChartTitleFont(st.getChartTitleFont().deriveFont((float) Math.max(MIN_TITLE_POINTS,
                    TITLE_POINTS * TITLE_CHARS / title.length())));
        }
    }

    private static XYChart titled(XYChart chart, String title) {
        boolean empty = chart.getSeriesMap().isEmpty();
        chart.setTitle(title + (empty ? " (nothing to show)" : ""));
        return chart;
    }

    /**
     * A variability-versus-energy spectrum against band energy (log axis) with 1σ error bars and, as Stingray and
     * HENDRICS users expect, a horizontal bar across each point's energy band; the real part of a complex
     * covariance. Lags are shown in ms when all are below 0.1 s, with a zero line.
     *
     * @param energy     band midpoints, keV
     * @param intervals  the bands, {@code [band][lo, hi]} keV (Stingray {@code energy_intervals}), or {@code null}
     *                   for no horizontal bars
     * @param value      the spectrum
     * @param error      1σ errors, or {@code null}
     * @param title      chart title
     * @param yTitle     y-axis title (with units)
     * @param notes      lines written in the upper left corner (input, bands, dt, segment, m), or none
     * @param lag        a lag spectrum (ms when small, a zero line)
     */
    public static XYChart varEnergy(double[] energy, double[][] intervals, double[] value, double[] error, String title,
                                    String yTitle, List<String> notes, boolean lag) {
        requireSameLength("spectrum", energy, value);
        if (intervals != null && intervals.length != energy.length) {
            throw new IllegalArgumentException("energy_intervals has " + intervals.length + " bands for " + energy.length
                    + " energies");
        }
        Points pts = Points.keep(energy, value, error, true, false);
        double[] bandLo = intervals == null ? null : Points.kept(energy, value, column(intervals, 0), true, false);
        double[] bandHi = intervals == null ? null : Points.kept(energy, value, column(intervals, 1), true, false);
        double maxAbs = 0;
        int withError = 0;
        for (int i = 0; i < pts.size(); i++) {
            boolean hasError = pts.err != null && Double.isFinite(pts.err[i]);
            withError += hasError ? 1 : 0;
            maxAbs = Math.max(maxAbs, Math.abs(pts.y[i]) + (hasError ? pts.err[i] : 0));
        }
        boolean ms = lag && maxAbs < 0.1;
        if (ms) {
            pts.scale(1e3);
            yTitle = yTitle.replace("(s)", "(ms)");
        }
        XYChart chart = base(title, "Energy (keV)", yTitle);
        logAxes(chart, true, false);
        chart.getStyler().setYAxisDecimalPattern(maxAbs * (ms ? 1e3 : 1) >= 10 ? "0.#" : "0.0##");   // "0.05", not ".05"
        if (pts.size() > 0 && withError < pts.size()) {
            notes = new ArrayList<>(notes);
            notes.add(withError == 0 ? "no error bars: the errors are undefined (NaN) in every band"
                    : (pts.size() - withError) + " of " + pts.size() + " bands without error bars (errors undefined)");
        }
        if (pts.size() == 0) {
            chart.setTitle(chart.getTitle() + " (no finite values to show)");
            addNotes(chart, notes);
            return chart;
        }
        if (lag) {
            double from = bandLo == null ? pts.x[0] : Math.min(pts.x[0], bandLo[0]);
            double to = bandHi == null ? pts.x[pts.size() - 1] : Math.max(pts.x[pts.size() - 1], bandHi[pts.size() - 1]);
            XYSeries zero = chart.addSeries("zero", new double[] {from, to}, new double[] {0, 0});
            zero.setMarker(SeriesMarkers.NONE);
            zero.setLineColor(Color.GRAY);
            zero.setShowInLegend(false);
        }
        if (pts.err != null) {
            addErrorBars(chart, pts, false, FEW_ERRORS, ERROR_BAR_WIDTH);
        }
        if (bandLo != null) {
            addBandBars(chart, bandLo, bandHi, pts.y);
        }
        XYSeries s = chart.addSeries(title, pts.x, pts.y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(DATA);
        double lo = Double.POSITIVE_INFINITY;     // a margin below the lowest bar, as XChart leaves none
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < pts.size(); i++) {
            double e = pts.err == null || !Double.isFinite(pts.err[i]) ? 0 : pts.err[i];
            lo = Math.min(lo, pts.y[i] - e);
            hi = Math.max(hi, pts.y[i] + e);
        }
        double span = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1e-30);
        chart.getStyler().setYAxisMin(lo - 0.05 * span);
        addNotes(chart, notes);
        return chart;
    }

    private static XYChart varEnergyOf(Product p) {
        String kind = p.text("kind").orElse("");
        String norm = p.text("norm").orElse("none");
        boolean frac = norm.equals("frac");
        String yTitle = switch (kind) {
            case "lag" -> "Time lag (s)";
            case "rms" -> frac ? "Fractional rms" : "rms (counts/s)";
            case "covariance", "complexcov" -> frac ? "Fractional covariance" : "Covariance (counts/s)";
            case "count" -> "Counts";
            case "excvar" -> "Fractional excess variance F_var";
            default -> "Spectrum";
        };
        String title = switch (kind) {
            case "lag" -> "Lag-energy spectrum (positive: band lags reference)";
            case "rms" -> "Rms-energy spectrum";
            case "covariance" -> "Covariance spectrum";
            case "complexcov" -> "Complex covariance spectrum (real part)";
            case "count" -> "Count spectrum";
            case "excvar" -> "Excess-variance spectrum";
            default -> "Variability-energy spectrum";
        };
        double[] value = realPart(p, "spectrum");
        double[] error = realPart(p, "spectrum_error");
        boolean excvar = kind.equals("excvar");
        List<String> notes = new ArrayList<>();
        PlotNotes context = PlotNotes.of(p);
        if (!context.files().isEmpty()) {
            notes.add((context.files().size() == 1 ? "file: " : "files: ") + String.join(", ", context.files()));
        }
        if (p.has("freq_lo") && !excvar && !kind.equals("count")) {
            notes.add("frequencies: " + compact(p.number("freq_lo")) + "–" + compact(p.number("freq_hi")) + " Hz");
        }
        if (p.has("ref_band_lo") && !kind.equals("rms") && !kind.equals("count") && !excvar) {
            double lo = p.number("ref_band_lo");
            double hi = p.number("ref_band_hi");
            notes.add("reference band: " + (lo <= 0 && Double.isInfinite(hi) ? "all energies"
                    : compact(lo) + "–" + compact(hi) + " keV"));
        }
        notes.add("dt = " + compact(p.number("dt")) + " s"
                + (p.has("segment_size") && !excvar ? ", segment = " + compact(p.number("segment_size")) + " s" : "")
                + (!p.has("m") ? "" : excvar ? ", " + (long) p.number("m") + " light-curve bins"
                        : ", m = " + (long) p.number("m")));
        double[][] intervals = p.has("energy_intervals") ? p.matrix("energy_intervals").rows() : null;
        XYChart chart = varEnergy(p.array("energy"), intervals, value, error, title, yTitle, notes, kind.equals("lag"));
        if (excvar && chart.getSeriesMap().isEmpty()) {
            chart.setTitle(title + " (F_var is NaN in every band: the Poisson noise exceeds the variance; try a longer dt)");
        }
        return chart;
    }

    private static String compact(double v) {
        return org.manta.core.Numbers.compact(v);
    }


    private static XYChart lightCurveOf(Product p) {
        double dt = p.number("dt");
        double[] time = p.array("time");
        double[] rate;
        double[] err;
        if (p.has("rate")) {
            rate = p.array("rate");
            err = p.optionalArray("rate_err").orElse(null);
        } else {
            rate = scaled(p.array("counts"), 1 / dt);
            err = p.optionalArray("counts_err").map(ce -> scaled(ce, 1 / dt)).orElse(null);
        }
        Optional<GtiList> gti = Products.gtiOf(p);
        if (gti.isPresent()) {
            boolean[] good = Gtis.mask(time, gti.get(), dt);
            rate = rate.clone();
            for (int i = 0; i < rate.length; i++) {
                rate[i] = good[i] ? rate[i] : Double.NaN;   // outside the GTIs: no data, not zero counts
            }
        }
        double tstart = p.has("tstart") ? p.number("tstart") : time.length == 0 ? 0 : time[0] - dt / 2;
        double mjdref = p.has("mjdref") ? p.number("mjdref") : Double.NaN;
        XYChart chart = lightCurve(time, rate, err, dt, tstart, mjdref);
        if (Double.isFinite(mjdref)) {     // the time system of the MJD (TT, TDB, UTC)
            p.text("timesys").filter(t -> !t.isBlank()).ifPresent(t -> chart.setXAxisTitle(chart.getXAxisTitle() + " " + t));
        }
        addNotes(chart, PlotNotes.of(p).lines());
        return chart;
    }

    private static double[] scaled(double[] a, double factor) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] * factor;
        }
        return r;
    }

    /** A real array, or the real part of a complex one. */
    private static double[] realPart(Product p, String name) {
        return p.field(name).orElse(null) instanceof Field.ComplexArray c ? c.re() : p.array(name);
    }

    /** Saves {@code chart} as a PNG, all-or-nothing (see {@link AtomicFiles}). */
    public static void writePng(Chart<?, ?> chart, Path file) throws IOException {
        write(chart, file, ImageFormat.PNG);
    }

    /** Saves {@code chart} in {@code format}, all-or-nothing. */
    public static void write(Chart<?, ?> chart, Path file, ImageFormat format) throws IOException {
        AtomicFiles.write(file, out -> format.write(chart, out));
    }

    /** Axis label for the power in a normalisation (science.md §5). */
    static String powerUnit(String norm, boolean timesFreq) {
        String n = norm == null ? "none" : norm.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "leahy" -> timesFreq ? "Leahy × Hz" : "Leahy";
            case "frac" -> timesFreq ? "(rms/mean)²" : "(rms/mean)² Hz⁻¹";
            case "abs" -> timesFreq ? "(counts/s)²" : "(counts/s)² Hz⁻¹";
            default -> timesFreq ? "unnormalised × Hz" : "unnormalised |X|²";
        };
    }

    static String normLabel(String norm) {
        String n = norm == null ? "none" : norm.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "leahy" -> "Leahy normalisation";
            case "frac" -> "fractional rms normalisation";
            case "abs" -> "absolute rms normalisation";
            default -> "unnormalised";
        };
    }

    /**
     * Makes the x and/or the y axis logarithmic, labelled by {@link LogTicks} (at least three labels whatever the
     * span; see {@link LogAxisChart}).
     */
    static void logAxes(XYChart chart, boolean logX, boolean logY) {
        LogAxisChart c = (LogAxisChart) chart;
        if (logX) {
            c.logAxis(LogAxisChart.Side.BOTTOM);
        }
        if (logY) {
            c.logAxis(LogAxisChart.Side.LEFT);
        }
    }

    /**
     * A text panel of notes at the top left of the plot area, inside it (right of the y axis's labels, whatever their
     * width: {@link LogAxisChart#addNotes}), with room made for it: the y axis is stretched upwards so that the data
     * (every series on the left axis, error bars included) stay below the panel.
     */
    static void addNotes(XYChart chart, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        makeRoomForNotes(chart, lines.size());
        ((LogAxisChart) chart).addNotes(lines);
    }

    /**
     * {@code text} in the middle of the plot area of an empty panel (its y axis set to -1..1 so that it is not an
     * axis of nothing), instead of a blank plot.
     */
    static void sayInPanel(XYChart chart, String text) {
        chart.getStyler().setYAxisMin(-1.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setAnnotationTextFont(chart.getStyler().getAxisTitleFont());
        chart.addAnnotation(new AnnotationText(text, WIDTH / 2.0, HEIGHT / 2.0, true));
    }

    /**
     * Fraction of the plot height, from its top, taken by a notes panel of {@code lines} lines, the gap above it
     * and the gap kept below it.
     */
    static double notesFraction(int lines) {
        return Math.min(0.5, (LogAxisChart.NOTES_INSET_PX + NOTES_PADDING_PX + NOTES_LINE_PX * lines + NOTES_GAP_PX)
                / (double) PLOT_AREA_PX);
    }

    private static void makeRoomForNotes(XYChart chart, int lines) {
        var st = chart.getStyler();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean log = st.isYAxisLogarithmic();
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (s.getYAxisGroup() != 0) {
                continue;
            }
            for (double v : s.getYData()) {
                if (Double.isFinite(v) && (!log || v > 0)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (st.getYAxisMin() != null) {
            lo = st.getYAxisMin();
        }
        if (st.getYAxisMax() != null) {
            hi = Math.min(hi, st.getYAxisMax());   // what lies above the axis is not drawn anyway
            hi = Math.max(hi, lo);
        }
        if (!(hi > lo) || Double.isInfinite(hi) || Double.isInfinite(lo)) {
            return;
        }
        double keep = 1 - notesFraction(lines);
        if (log) {
            st.setYAxisMax(lo * Math.pow(hi / lo, 1 / keep));
        } else {
            st.setYAxisMax(lo + (hi - lo) / keep);
        }
        st.setYAxisMin(lo);
    }

    private static XYChart base(String title, String xTitle, String yTitle) {
        return base(title, xTitle, yTitle, HEIGHT);
    }

    /** A chart of {@link #WIDTH} × {@code height} px in the style of every plot here. */
    private static XYChart base(String title, String xTitle, String yTitle, int height) {
        XYChart chart = new LogAxisChart(WIDTH, height);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        var s = chart.getStyler();
        s.setLegendVisible(false);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
        chart.getStyler().setAxisTickLabelsFont(chart.getStyler().getAxisTickLabelsFont().deriveFont(13f));
        chart.getStyler().setAxisTitleFont(chart.getStyler().getAxisTitleFont().deriveFont(15f));
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(TITLE_POINTS));
        return chart;
    }

    private static void addData(XYChart chart, String name, Points pts) {
        XYSeries s = chart.addSeries(name, pts.x, pts.y);
        s.setLineColor(DATA);
        s.setMarkerColor(DATA);
        s.setLineStyle(new BasicStroke(1.2f));
        s.setMarker(pts.size() > MARKER_LIMIT ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }

    /**
     * Error bars as one line series of vertical segments separated by NaN (XChart breaks lines at NaN). On a
     * log axis the lower end is clipped to a third of the smallest value shown, so bars reaching zero or
     * below stay visible without stretching the axis.
     */
    private static void addErrorBars(XYChart chart, Points pts, boolean logY) {
        addErrorBars(chart, pts, logY, ERRORS, 1f);
    }

    private static void addErrorBars(XYChart chart, Points pts, boolean logY, Color colour, float width) {
        double floor = Double.POSITIVE_INFINITY;
        if (logY) {
            for (int i = 0; i < pts.size(); i++) {
                floor = Math.min(floor, pts.y[i]);
            }
            floor /= 3;
        }
        int n = pts.size();
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            double e = pts.err[i];
            boolean ok = Double.isFinite(e) && e > 0;
            lo[i] = ok ? (logY ? Math.max(floor, pts.y[i] - e) : pts.y[i] - e) : Double.NaN;
            hi[i] = ok ? pts.y[i] + e : Double.NaN;
        }
        addSegments(chart, "1σ errors", pts.x, lo, pts.x, hi, colour, width);
    }

    /**
     * Horizontal bars from {@code lo[i]} to {@code hi[i]} at height {@code y[i]}: one line series of segments
     * separated by NaN, as {@link #addErrorBars}; bands with a non-positive edge (not on a log axis) are left out.
     */
    private static void addBandBars(XYChart chart, double[] lo, double[] hi, double[] y) {
        double[] shown = y.clone();
        for (int i = 0; i < y.length; i++) {
            shown[i] = lo[i] > 0 && hi[i] > lo[i] && Double.isFinite(hi[i]) ? y[i] : Double.NaN;
        }
        addSegments(chart, "energy bands", lo, shown, hi, shown, DATA, 1.5f);
    }

    /**
     * Line segments from {@code (x0[i], y0[i])} to {@code (x1[i], y1[i])} as one series broken by NaN (XChart
     * breaks lines there), left out of the legend; a segment with a NaN end is not drawn.
     */
    private static void addSegments(XYChart chart, String name, double[] x0, double[] y0, double[] x1, double[] y1,
                                    Color colour, float width) {
        int n = x0.length;
        double[] x = new double[3 * n];
        double[] y = new double[3 * n];
        for (int i = 0; i < n; i++) {
            boolean ok = !Double.isNaN(y0[i]) && !Double.isNaN(y1[i]);
            x[3 * i] = x0[i];
            x[3 * i + 1] = x1[i];
            x[3 * i + 2] = x1[i];
            y[3 * i] = ok ? y0[i] : Double.NaN;
            y[3 * i + 1] = ok ? y1[i] : Double.NaN;
            y[3 * i + 2] = Double.NaN;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(new BasicStroke(width));
        s.setShowInLegend(false);
    }

    private static double[] column(double[][] rows, int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i].length > j ? rows[i][j] : Double.NaN;
        }
        return c;
    }

    private static void requireSameLength(String what, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(what + " has " + y.length + " values for " + x.length + " x values");
        }
    }

    /** The points a chart can show: finite, and positive on log axes. */
    static final class Points {
        double[] x;
        double[] y;
        double[] err;

        static Points keep(double[] x, double[] y, double[] err, boolean logX, boolean logY) {
            int n = 0;
            boolean[] keep = new boolean[x.length];
            for (int i = 0; i < x.length; i++) {
                keep[i] = Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logX || x[i] > 0) && (!logY || y[i] > 0);
                if (keep[i]) {
                    n++;
                }
            }
            Points p = new Points();
            p.x = new double[n];
            p.y = new double[n];
            p.err = err == null ? null : new double[n];
            for (int i = 0, k = 0; i < x.length; i++) {
                if (keep[i]) {
                    p.x[k] = x[i];
                    p.y[k] = y[i];
                    if (err != null) {
                        p.err[k] = err[i];
                    }
                    k++;
                }
            }
            return p;
        }

        /** The values of {@code other} at the points {@link #keep} keeps (same filter on {@code x}, {@code y}). */
        static double[] kept(double[] x, double[] y, double[] other, boolean logX, boolean logY) {
            return keep(x, y, other, logX, logY).err;
        }

        int size() {
            return x.length;
        }

        void scale(double s) {
            for (int i = 0; i < y.length; i++) {
                y[i] *= s;
                if (err != null) {
                    err[i] *= s;
                }
            }
        }
    }
}
