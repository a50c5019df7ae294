package org.manta.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Provenance;
import org.manta.core.spectrum.Rebin;

/**
 * What the sweep of every command on every file found in the plots (issue 13): notes naming the bands of the
 * command line instead of the product's, a noise line on noise-subtracted spectra, crowded heat-map titles and a
 * gap before the colour bar, a fixed 0..1 bicoherence bar, empty or error-bar-scaled lag axes, unrebinned
 * Lomb–Scargle lags, no multitaper noise level, colours without error bars, faint energy-spectrum bars.
 */
class SweepPlotsTest {
    /** The command line names other bands than the product: the product's must be shown. */
    private static final Provenance PROV = new Provenance("manta", "test",
            "manta cpds /data/obs.evt --energy1 1:2 --energy2 5:6 --dt 0.01 --segment 100",
            List.of(new Provenance.InputFile("/data/obs.evt", "00", 1)), Instant.parse("2026-12-06T00:00:00Z"));
    private static final int N = 10;

    private static double[] freq(int n, double df) {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = (i + 1) * df;
        }
        return f;
    }

    private static Product.Builder lags(double[] lag, double[] lagErr, double coherence, double coherenceErr) {
        double[] coh = new double[lag.length];
        double[] cohErr = new double[lag.length];
        java.util.Arrays.fill(coh, coherence);
        java.util.Arrays.fill(cohErr, coherenceErr);
        return Product.builder(ProductKind.CROSS_SPECTRUM).array("freq", freq(lag.length, 0.1)).array("time_lag", lag)
                .array("time_lag_err", lagErr).array("raw_coherence", coh).array("raw_coherence_err", cohErr)
                .real("dt", 0.01).real("segment_size", 100).integer("m", 10).provenance(PROV);
    }

    /** The lag panel of a cross spectrum's figure: the top of the lags and the coherence, or the chart itself. */
    static XYChart lagPanel(Chart<?, ?> figure) {
        return (XYChart) (figure instanceof Panels p ? p.panels().get(0) : figure);
    }

    @Test
    void notesNameTheBandsOfTheProductNotOfTheCommandLine() {
        double[] lag = new double[N];
        double[] err = new double[N];
        java.util.Arrays.fill(err, 0.001);
        Product p = lags(lag, err, 0.5, 0.01).real("e_min1", 3).real("e_max1", 10).real("e_min2", 0.5)
                .real("e_max2", 3).build();
        PlotNotes notes = PlotNotes.of(p);
        assertTrue(notes.lines().contains("band: energy1 3:10, energy2 0.5:3"), notes.lines().toString());
        assertEquals("lag of 3:10 keV vs 0.5:3 keV", notes.bandLegend());
        Product pi = Product.builder(ProductKind.POWER_SPECTRUM).real("pi_min", 30).real("pi_max", 200)
                .provenance(PROV).build();
        assertTrue(PlotNotes.of(pi).lines().contains("band: pi 30:200"), PlotNotes.of(pi).lines().toString());
        // an old product without band fields: the command line still tells
        assertTrue(PlotNotes.of(lags(lag, err, 0.5, 0.01).build()).lines().contains("band: energy1 1:2, energy2 5:6"));
        // a spectrum normalised with the light curve's own errors says so; one of Poisson counts does not
        Product gauss = spectrum(new double[] {1, 2}).text("err_dist", "gauss").build();
        assertTrue(PlotNotes.of(gauss).lines().contains("errors: the light curve's own (--err-dist gauss)"),
                PlotNotes.of(gauss).lines().toString());
        Product poisson = spectrum(new double[] {1, 2}).text("err_dist", "poisson").build();
        assertFalse(PlotNotes.of(poisson).lines().stream().anyMatch(l -> l.startsWith("errors:")),
                PlotNotes.of(poisson).lines().toString());
    }

    /** The plots of multitaper, Lomb–Scargle and bispectrum products say the method's settings (the sweep: none did). */
    @Test
    void notesSayTheMethodsSettings() {
        Product mt = Product.builder(ProductKind.MULTITAPER_POWER_SPECTRUM).real("nw", 4).provenance(PROV).build();
        assertTrue(PlotNotes.of(mt).lines().contains("NW = 4"), PlotNotes.of(mt).lines().toString());
        Product ls = Product.builder(ProductKind.LOMB_SCARGLE_POWER_SPECTRUM).text("method", "fast")
                .integer("oversampling", 5).provenance(PROV).build();
        assertTrue(PlotNotes.of(ls).lines().contains("method: fast, oversampling 5"), PlotNotes.of(ls).lines().toString());
        Product slow = Product.builder(ProductKind.LOMB_SCARGLE_POWER_SPECTRUM).text("method", "slow")
                .integer("oversampling", 5).provenance(PROV).build();
        assertTrue(PlotNotes.of(slow).lines().contains("method: slow"), PlotNotes.of(slow).lines().toString());
        Product bs = Product.builder(ProductKind.BISPECTRUM).integer("maxlag", 64).text("window", "parzen")
                .text("scale", "biased").provenance(PROV).build();
        assertTrue(PlotNotes.of(bs).lines().contains("maxlag = 64 bins, parzen window, biased"),
                PlotNotes.of(bs).lines().toString());
        assertFalse(PlotNotes.of(spectrum(new double[] {1, 2}).build()).lines().stream()
                .anyMatch(l -> l.startsWith("NW") || l.startsWith("method") || l.startsWith("maxlag")));
    }

    /** The zero line of a lag plot spans every frequency, also those whose lags are hidden (found: it stopped short). */
    @Test
    void theLagPlotsZeroLineSpansTheWholeSpectrum() {
        double[] lag = new double[N];
        double[] err = new double[N];
        java.util.Arrays.fill(lag, 0.002);
        java.util.Arrays.fill(err, 0.001);
        double[] coh = new double[N];
        double[] cohErr = new double[N];
        java.util.Arrays.fill(cohErr, 0.01);
        java.util.Arrays.fill(coh, 0, N / 2, 0.5);      // the upper half incoherent: its lags are not shown
        Product p = Product.builder(ProductKind.CROSS_SPECTRUM).array("freq", freq(N, 0.1)).array("time_lag", lag)
                .array("time_lag_err", err).array("raw_coherence", coh).array("raw_coherence_err", cohErr)
                .real("dt", 0.01).real("segment_size", 100).integer("m", 10).provenance(PROV).build();
        XYChart chart = lagPanel(Plots.crossSpectrum(p));
        assertArrayEquals(new double[] {0.1, N * 0.1}, chart.getSeriesMap().get("zero").getXData(), 1e-12);
        XYSeries lags = chart.getSeriesMap().values().stream().filter(x -> x.getName().startsWith("lag")).findFirst()
                .orElseThrow();
        assertEquals(N / 2, java.util.Arrays.stream(lags.getYData()).filter(Double::isFinite).count(),
                "the incoherent half's lags are hidden");
    }

    private static Product.Builder spectrum(double[] power) {
        return Product.builder(ProductKind.POWER_SPECTRUM).array("freq", freq(power.length, 0.1)).array("power", power)
                .integer("m", 20).real("df", 0.1).real("dt", 0.01).real("mean", 0.02).text("norm", "leahy")
                .text("rebin", "log f=0.1").provenance(PROV);
    }

    @Test
    void aNoiseSubtractedSpectrumHasNoNoiseLineAndCountsThePowersALogAxisCannotShow() {
        double[] power = {30, 10, 3, 1, -0.2, 0.4, -0.1, 0.05, 0, 0.02};
        LogAxisChart raw = (LogAxisChart) Plots.powerSpectrum(spectrum(power).build(), false);
        assertArrayEquals(new double[] {2, 2}, raw.getSeriesMap().get("Poisson noise level").getYData(), 0.0);
        LogAxisChart subtracted = (LogAxisChart) Plots.powerSpectrum(spectrum(power).real("poisson_level", 2)
                .text("noise_subtracted", "yes").build(), false);
        assertFalse(subtracted.getSeriesMap().containsKey("Poisson noise level"));
        assertTrue(subtracted.notes().contains("3 of 10 bins with power ≤ 0 not shown (log axis): below the "
                + "subtracted noise level"), subtracted.notes().toString());
        assertEquals(7, subtracted.getSeriesMap().get("power").getXData().length, "the positive powers are drawn");
    }

    /**
     * A periodogram of m = 1 log-rebinned for display: its lowest bins stand alone and are drawn without a bar, which
     * the notes say (the sweep's multitaper plot: bars on most points, none on the first few, not a word).
     */
    @Test
    void binsOfASinglePowerWithoutABarAreCounted() {
        int n = 200;
        double[] power = new double[n];
        java.util.Arrays.fill(power, 2);
        Product p = Product.builder(ProductKind.POWER_SPECTRUM).array("freq", freq(n, 0.1)).array("power", power)
                .array("power_err", power).integer("m", 1).real("df", 0.1).real("dt", 0.01).text("norm", "leahy")
                .provenance(PROV).build();
        LogAxisChart chart = (LogAxisChart) Plots.powerSpectrum(p, false);
        int shown = chart.getSeriesMap().get("power").getXData().length;
        List<String> said = chart.notes().stream().filter(l -> l.endsWith(" bins of a single power: no error bar (χ² with "
                + "2 d.o.f.)")).toList();
        assertEquals(1, said.size(), chart.notes().toString());
        int single = Integer.parseInt(said.get(0).split(" ")[0]);
        assertTrue(single >= 3 && single < shown, single + " of " + shown + " bins alone under log rebinning by 1.1");
        // all of a periodogram of m = 1 shown as it is: the one note of m = 1
        LogAxisChart plain = (LogAxisChart) Plots.powerSpectrum(p, false, org.manta.cli.output.Rebinning.log(1e-6));
        assertFalse(plain.notes().stream().anyMatch(l -> l.contains("single power")), plain.notes().toString());
    }

    @Test
    void aMultitaperSpectrumDrawsStingraysPoissonLevelFour() {
        XYSeries level = Plots.powerSpectrum(multitaper("leahy"), false).getSeriesMap().get("Poisson noise level");
        assertArrayEquals(new double[] {4, 4}, level.getYData(), 0.0);
        // frac: 4 / rate, the rate being nphots / n / dt = 0.5 count/s
        assertArrayEquals(new double[] {8, 8}, Plots.powerSpectrum(multitaper("frac"), false).getSeriesMap()
                .get("Poisson noise level").getYData(), 1e-12);
    }

    private static Product multitaper(String norm) {
        return Product.builder(ProductKind.MULTITAPER_POWER_SPECTRUM).array("freq", freq(N, 0.1))
                .array("power", new double[] {9, 8, 7, 6, 5, 4, 4, 4, 4, 4}).integer("m", 1).real("df", 0.1)
                .real("dt", 0.01).real("nphots", 500).integer("n", 100_000).text("norm", norm)
                .text("rebin", "none").provenance(PROV).build();
    }

    @Test
    void theDynamicalSpectrumSaysItsBinTimeUnderAShortTitleAndItsBarTouchesTheMap() {
        double[] f = freq(8, 0.01);
        double[] t = {50, 150, 250};
        double[][] dyn = new double[f.length][t.length];
        for (double[] row : dyn) {
            java.util.Arrays.fill(row, 2);
        }
        dyn[0][0] = 20;
        Product p = Product.builder(ProductKind.DYNAMICAL_POWER_SPECTRUM).array("freq", f).array("time", t)
                .matrix("dyn_ps", dyn).real("df", 0.01).real("dt", 100).integer("m", 1).text("norm", "leahy")
                .real("segment_size", 100).real("bin_time", 0.01).provenance(PROV).build();
        HeatMap heat = (HeatMap) Plots.forProduct(p);
        assertEquals("Dynamical power spectrum — Leahy normalisation", heat.getTitle());
        String sub = String.join("; ", heat.subtitle());
        assertTrue(sub.contains("file: obs.evt") && sub.contains("dt = 0.01 s") && sub.contains("segment = 100 s"), sub);
        BufferedImage img = BitmapEncoder.getBufferedImage(heat);
        double[] edge = heat.pixelOf(300, f[4]);      // the right edge of the last segment
        Color right = new Color(img.getRGB((int) Math.ceil(edge[0]) + 2, (int) edge[1]));
        assertFalse(right.getRed() > 240 && right.getGreen() > 240 && right.getBlue() > 240,
                "the colour bar follows the map without a white gap: " + right);
    }

    @Test
    void anEmptyLagPanelSaysWhy() {
        double[] lag = {0.1, -0.2, 0.05, 0.3, 0.1, -0.1, 0.2, 0, 0.1, 0.12};
        double[] err = new double[N];
        java.util.Arrays.fill(err, 0.05);
        Chart<?, ?> figure = Plots.crossSpectrum(lags(lag, err, 0.01, 0.1).build());   // coherence consistent with 0
        XYChart chart = lagPanel(figure);
        assertEquals(-1.0, chart.getStyler().getYAxisMin(), 0.0);
        assertEquals(1.0, chart.getStyler().getYAxisMax(), 0.0);
        BufferedImage img = BitmapEncoder.getBufferedImage(figure);     // the lag panel on top
        int text = Pixels.count(img, new int[] {0, 0, 0}, 60, Plots.WIDTH / 2 - 150, Plots.WIDTH / 2 + 150,
                Plots.HEIGHT / 2 - 20, Plots.HEIGHT / 2 + 20);
        assertTrue(text > 100, "'" + Plots.NO_COHERENT_LAG + "' written in the middle: " + text + " dark pixels");
    }

    @Test
    void theLagAxisIsSetByTheLagsNotByTheirErrorBars() {
        double[] lag = {0.005, 0.004, 0.006, 0.003, 0.005, 0.004, 0.006, 0.005, 0.004, 0.3};
        double[] err = {0.12, 0.0005, 0.0005, 0.0005, 0.0005, 0.0005, 0.0005, 0.0005, 0.0005, 0.5};
        Plots.Points pts = Plots.Points.keep(freq(N, 0.1), lag, err, true, false);
        Plots.LagAxis axis = Plots.lagRange(pts);
        // the well-measured lags 0.003..0.006 and 0 set it, with a margin of 10 % of the span
        assertEquals(-0.1 * 0.006, axis.lo(), 1e-12);
        assertEquals(0.006 * 1.1, axis.hi(), 1e-12);
        assertEquals(1, axis.pointsOutside(), "the imprecise 0.3 s lag");
        assertEquals(1, axis.barsClipped(), "the ±0.12 s bar of the first lag");
        assertTrue(axis.note().orElseThrow().contains("1 outlying lag beyond the axis, 1 error bar cut"));
        XYChart chart = lagPanel(Plots.crossSpectrum(lags(lag, err, 0.5, 0.01).build()));
        assertEquals(0.006 * 1.1 * 1e3, chart.getStyler().getYAxisMin() + (chart.getStyler().getYAxisMax()
                - chart.getStyler().getYAxisMin()) * (1 - Plots.notesFraction(((LogAxisChart) chart).notes().size())),
                1e-9, "in ms, the top of the data before the room for the notes");
    }

    @Test
    void lombScargleLagsAreLogRebinnedFromTheCrossPowerAndAnOutlierDoesNotSetTheAxis() {
        int n = 400;
        double df = 0.01;
        double[] f = freq(n, df);
        double[] re = new double[n];
        double[] im = new double[n];
        double[] lag = new double[n];
        for (int i = 0; i < n; i++) {
            lag[i] = i == 0 ? 384 : 0.01 * Math.sin(i);
            double phase = i == 0 ? 0.9 * Math.PI : 2 * Math.PI * f[i] * lag[i];
            re[i] = Math.cos(phase) * (1 + i % 3);
            im[i] = Math.sin(phase) * (1 + i % 3);
        }
        Product p = Product.builder(ProductKind.LOMB_SCARGLE_CROSS_SPECTRUM).array("freq", f).complex("power", re, im)
                .array("time_lag", lag).real("df", df).real("dt", 0.01).integer("m", 1).text("norm", "leahy")
                .provenance(PROV).build();
        XYChart chart = (XYChart) Plots.forProduct(p);
        XYSeries s = chart.getSeriesMap().get("time lag");
        Rebin.Log rRe = Rebin.log(f, re, null, Plots.DISPLAY_REBIN_LOG, df);
        double[] rIm = Rebin.log(f, im, null, Plots.DISPLAY_REBIN_LOG, df).y();
        assertEquals(rRe.x().length, s.getXData().length, "one lag per log bin");
        assertTrue(s.getXData().length < n / 4, "rebinned: " + s.getXData().length);
        int last = rRe.x().length - 1;
        assertEquals(Math.atan2(rIm[last], rRe.y()[last]) / (2 * Math.PI * rRe.x()[last]) * 1e3,
                s.getYData()[s.getYData().length - 1], 1e-9, "lag of the rebinned power, ms");
        assertTrue(chart.getStyler().getYAxisMax() < 100, "the lowest bin's outlier does not set the axis: "
                + chart.getStyler().getYAxisMax());
    }

    @Test
    void colourErrorBarsAreDrawnAndEnergySpectrumBarsAreVisible() {
        Product colours = Product.builder(ProductKind.POWER_COLORS).array("pc0", new double[] {0.2, 0.4})
                .array("pc0_err", new double[] {0.01, 0.02}).array("pc1", new double[] {0.5, 0.6})
                .array("pc1_err", new double[] {0.02, 0.04}).array("hue_deg", new double[] {300, 310})
                .real("dt", 0.01).real("segment_size", 256).integer("m", 1).real("e_min", 0.5).real("e_max", 10)
                .provenance(PROV).build();
        LogAxisChart chart = (LogAxisChart) Plots.forProduct(colours);
        double[] y = chart.getSeriesMap().get("1σ errors (PC1)").getYData();
        assertArrayEquals(new double[] {0.48, 0.52, Double.NaN, 0.56, 0.64, Double.NaN}, y, 1e-12);
        double[] x = chart.getSeriesMap().get("1σ errors (PC0)").getXData();
        assertArrayEquals(new double[] {0.19, 0.21, 0.21, 0.38, 0.42, 0.42}, x, 1e-12);
        assertTrue(chart.notes().contains("band: energy 0.5:10"), chart.notes().toString());
        assertTrue(chart.notes().contains("dt = 0.01 s, segment = 256 s, m = 1"), chart.notes().toString());
        XYChart lagE = Plots.varEnergy(new double[] {1, 3}, null, new double[] {0.01, 0.02}, new double[] {0.002, 0.003},
                "Lag-energy spectrum", "Time lag (s)", List.of(), true);
        XYSeries bars = lagE.getSeriesMap().get("1σ errors");
        assertTrue(bars.getLineStyle().getLineWidth() >= Plots.ERROR_BAR_WIDTH, "wide bars");
        assertTrue(bars.getLineColor().getAlpha() >= 0xc0, "opaque bars: " + bars.getLineColor().getAlpha());
    }
}
