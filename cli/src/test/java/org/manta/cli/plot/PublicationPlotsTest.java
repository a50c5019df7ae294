package org.manta.cli.plot;

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
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Provenance;
import org.manta.core.spectrum.Rebin;

/** What the issue found wrong with the plots, checked on the charts' data and on the painted pixels. */
class PublicationPlotsTest {
    private static final Provenance PROV = new Provenance("manta", "test",
            "manta cpds /data/obs.evt --energy1 3:10 --energy2 0.5:3 --dt 1/256 --segment 16",
            List.of(new Provenance.InputFile("/data/obs.evt", "00", 1)), Instant.parse("2026-12-06T00:00:00Z"));

    @Test
    void logAxesCarryAtLeastThreeLabelsUnderADecadeAndDecadesOverSeveral() {
        Product narrow = Product.builder(ProductKind.POWER_SPECTRUM).array("freq", new double[] {2, 3, 5, 8})
                .array("power", new double[] {2, 2.5, 1.8, 2.2}).integer("m", 100).real("df", 1)
                .text("norm", "leahy").text("rebin", "log f=0.1").provenance(PROV).build();
        LogAxisChart chart = (LogAxisChart) Plots.powerSpectrum(narrow, false);
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        assertTrue(chart.getStyler().isXAxisLogarithmic() && chart.getStyler().isYAxisLogarithmic());
        LogAxisTicks.assertLabelled(chart, img, LogAxisChart.Side.BOTTOM, 3, "0.6 decades of frequency");
        LogAxisTicks.assertLabelled(chart, img, LogAxisChart.Side.LEFT, 3, "a factor 1.4 in power");
        Product wide = Product.builder(ProductKind.POWER_SPECTRUM).array("freq", new double[] {0.01, 1, 100})
                .array("power", new double[] {2, 2.5, 1.8}).integer("m", 100).real("df", 0.01)
                .text("norm", "leahy").text("rebin", "log f=0.1").provenance(PROV).build();
        LogAxisChart w = (LogAxisChart) Plots.powerSpectrum(wide, false);
        BufferedImage wImg = BitmapEncoder.getBufferedImage(w);
        LogAxisTicks.assertLabelled(w, wImg, LogAxisChart.Side.BOTTOM, 3, "4 decades");
        for (LogTicks.Tick t : w.ticks(LogAxisChart.Side.BOTTOM)) {
            double exponent = Math.log10(t.value());
            assertEquals(Math.rint(exponent), exponent, 1e-9, "4 decades: only the decades are labelled, " + t);
        }
    }

    @Test
    void periodogramIsShownLogRebinnedWithoutErrorBarsWhereMIsOne() {
        int n = 4096;
        double df = 1.0 / 16;
        double[] f = new double[n];
        double[] p = new double[n];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            f[i] = (i + 1) * df;
            p[i] = -2 * Math.log(1 - rnd.nextDouble());   // Leahy noise, χ²₂
        }
        Product ps = Product.builder(ProductKind.POWER_SPECTRUM).array("freq", f).array("power", p)
                .array("power_err", p.clone()).integer("m", 1).real("df", df).real("dt", 1.0 / 256).real("mean", 4)
                .text("norm", "leahy").provenance(PROV).build();
        XYChart chart = Plots.powerSpectrum(ps, false);
        Rebin.Log expected = Rebin.log(f, p, p, Plots.DISPLAY_REBIN_LOG, df);
        XYSeries power = chart.getSeriesMap().get("power");
        int finite = 0;
        for (double v : expected.y()) {
            finite += Double.isFinite(v) ? 1 : 0;
        }
        assertEquals(finite, power.getYData().length, "one point per non-empty log bin, not " + n);
        assertTrue(finite < n / 20, "rebinned: " + finite);
        double[] shown = power.getYData();
        double lo = Double.POSITIVE_INFINITY;
        for (double v : shown) {
            lo = Math.min(lo, v);
        }
        double bottom = chart.getStyler().getYAxisMin();
        assertTrue(bottom < lo && bottom >= lo / 1.5, "y axis from the powers, not the error bars: " + bottom + " vs " + lo);
        // error bars only where at least 2 powers were averaged: the first bins hold one frequency each
        double[] bars = chart.getSeriesMap().get("1σ errors").getYData();
        assertTrue(Double.isNaN(bars[0]) && Double.isNaN(bars[1]), "no bar for a single χ²₂ power");
        assertTrue(Double.isFinite(bars[3 * (shown.length - 1)]), "bar where many powers were averaged");
        XYSeries noise = chart.getSeriesMap().get("Poisson noise level");
        assertEquals(2.0, noise.getYData()[0], 0.0, "Leahy noise level");
        assertTrue(chart.getTitle().contains("Leahy"));
    }

    @Test
    void frequencyTimesPowerDrawsTheNoiseAsALineOfSlopeOne() {
        Product ps = Product.builder(ProductKind.POWER_SPECTRUM).array("freq", new double[] {1, 2, 3, 4})
                .array("power", new double[] {3, 2, 2.5, 1}).integer("m", 10).real("df", 1).real("dt", 0.01)
                .real("mean", 2).text("norm", "frac").text("rebin", "log f=0.1").provenance(PROV).build();
        XYChart chart = Plots.powerSpectrum(ps, true);
        double rate = 2 / 0.01;
        double[] y = chart.getSeriesMap().get("Poisson noise level").getYData();
        assertEquals(1 * 2 / rate, y[0], 1e-15);
        assertEquals(4 * 2 / rate, y[1], 1e-15);
        assertArrayEquals(new double[] {3, 4, 7.5, 4}, chart.getSeriesMap().get("power").getYData());
    }

    private static void assertArrayEquals(double[] e, double[] a) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(e, a, 1e-12);
    }

    /**
     * The lags only where the coherence is significant, the bands in the legend; the raw coherence in a panel of its
     * own below the lags (a third of the figure, 0..1.05, with its error bars) on the same frequency axis, the two plot
     * areas aligned in the image.
     */
    @Test
    void lagsOnlyWhereCoherentWithTheCoherenceInAPanelBelowAndTheBandsInTheLegend() {
        int n = 40;
        double[] f = new double[n];
        double[] lag = new double[n];
        double[] err = new double[n];
        double[] coh = new double[n];
        double[] cohErr = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = 0.1 * (i + 1);
            boolean coherent = i < 20;
            lag[i] = coherent ? 0.005 : (i % 2 == 0 ? 3 : -3);   // noisy incoherent bins would set the axis
            err[i] = coherent ? 0.0005 : 2;
            coh[i] = coherent ? 0.8 : 0.02;
            cohErr[i] = coherent ? 0.05 : 0.03;
        }
        Product cs = Product.builder(ProductKind.CROSS_SPECTRUM).array("freq", f).array("time_lag", lag)
                .array("time_lag_err", err).array("raw_coherence", coh).array("raw_coherence_err", cohErr)
                .real("dt", 1.0 / 256).real("segment_size", 16).integer("m", 64).text("rebin", "log f=0.1")
                .provenance(PROV).build();
        Panels figure = (Panels) Plots.crossSpectrum(cs);
        assertEquals(2, figure.panels().size());
        XYChart chart = (XYChart) figure.panels().get(0);
        XYChart coherence = (XYChart) figure.panels().get(1);
        XYSeries lags = chart.getSeriesMap().get("lag of 3:10 keV vs 0.5:3 keV");
        assertEquals(20, lags.getYData().length, "only the coherent bins");
        for (double v : lags.getYData()) {
            assertEquals(5.0, v, 1e-12, "in ms");
        }
        assertEquals("0.0##", chart.getStyler().getYAxisDecimalPattern());
        assertTrue(chart.getStyler().isLegendVisible(), "the bands in the legend");
        assertFalse(chart.getSeriesMap().values().stream().anyMatch(s -> s.getYAxisGroup() != 0),
                "no second y axis on the lags");
        assertFalse(((LogAxisChart) chart).notes().isEmpty(), "the notes stay with the lags");

        assertEquals(Plots.HEIGHT, chart.getHeight());
        assertEquals(figure.getHeight(), 3 * coherence.getHeight(), "the coherence panel: a third of the figure");
        XYSeries c = coherence.getSeriesMap().get("raw coherence");
        assertEquals(n, c.getYData().length, "the coherence at every frequency");
        org.junit.jupiter.api.Assertions.assertArrayEquals(coh, c.getYData(), 0.0);
        assertEquals("Raw coherence γ²", coherence.getYAxisTitle());
        assertEquals(0.0, coherence.getStyler().getYAxisMin(), 0.0);
        assertEquals(Plots.COHERENCE_AXIS_MAX, coherence.getStyler().getYAxisMax(), 0.0);
        double[] bars = coherence.getSeriesMap().get("1σ errors").getYData();
        assertArrayEquals(new double[] {0.75, 0.85, Double.NaN}, java.util.Arrays.copyOf(bars, 3));
        assertArrayEquals(new double[] {-0.01, 0.05, Double.NaN}, java.util.Arrays.copyOfRange(bars, 3 * (n - 1), 3 * n));
        for (XYChart panel : List.of(chart, coherence)) {
            assertTrue(panel.getStyler().isXAxisLogarithmic());
            assertEquals(0.1 / 1.1, panel.getStyler().getXAxisMin(), 1e-12, "one frequency axis");
            assertEquals(4.0 * 1.1, panel.getStyler().getXAxisMax(), 1e-12, "one frequency axis");
        }
        assertFalse(chart.getStyler().isXAxisTitleVisible(), "the frequency axis titled once, under the coherence");
        assertTrue(coherence.getStyler().isXAxisTitleVisible());

        // the plot areas start and end at the same x, though the lag labels (-0.5 .. 5.5) are wider than 0.0 .. 1.0
        BufferedImage img = BitmapEncoder.getBufferedImage(figure);
        List<java.awt.geom.Rectangle2D> areas = figure.plotAreas();
        assertEquals(2, areas.size());
        assertEquals(areas.get(0).getMinX(), areas.get(1).getMinX(), 1.0, "left edges " + areas);
        assertEquals(areas.get(0).getMaxX(), areas.get(1).getMaxX(), 1.0, "right edges " + areas);
        assertTrue(areas.get(1).getMinY() > areas.get(0).getMaxY(), "the coherence below the lags " + areas);
        for (java.awt.geom.Rectangle2D r : areas) {     // the frame of each plot area, where the figure says
            Color frame = new Color(img.getRGB((int) Math.round(r.getMinX()), (int) r.getCenterY()));
            assertTrue(frame.getRed() < 200, "the plot area's left frame at x " + r.getMinX() + ": " + frame);
        }
        int coherencePixels = Pixels.count(img, new int[] {0xc0, 0x60, 0x10}, 40, 0, img.getWidth(),
                (int) areas.get(1).getMinY(), (int) areas.get(1).getMaxY());
        assertTrue(coherencePixels > 200, "the coherence drawn in its panel: " + coherencePixels + " px");
    }

    @Test
    void aFewImpreciseLagsDoNotSetTheLagAxis() {
        int n = 21;
        double[] f = new double[n];
        double[] lag = new double[n];
        double[] err = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = 0.1 * (i + 1);
            lag[i] = 0.005;
            err[i] = 0.001;
        }
        lag[0] = 0.3;     // a low-frequency lag from few powers
        err[0] = 0.2;
        XYChart chart = Plots.lagFrequency(f, lag, err, "lag");
        // set by the lags, not their bars: 0 to 5 ms with 10 % of the span either side
        assertEquals(-0.5, chart.getStyler().getYAxisMin(), 1e-9, "ms: (0 - 10% of 5 ms)");
        assertEquals(5.5, chart.getStyler().getYAxisMax(), 1e-9, "ms: 5 + 10% of 5");
        assertEquals(n, chart.getSeriesMap().get("lag").getYData().length, "the imprecise lag is still drawn");
    }

    @Test
    void lightCurveBreaksAtGapsAndCountsFromTstart() {
        double[] t = {100.5, 101.5, 102.5, 110.5, 111.5};
        double[] counts = {5, 6, 7, 8, 9};
        Product lc = Product.builder(ProductKind.LIGHT_CURVE).array("time", t).array("counts", counts)
                .real("dt", 1.0).real("tstart", 100).real("mjdref", 55197).provenance(PROV).build();
        XYChart chart = (XYChart) Plots.forProduct(lc);
        XYSeries s = chart.getSeriesMap().get("rate");
        double[] x = s.getXData();
        double[] y = s.getYData();
        assertEquals(6, x.length, "one NaN inserted in the gap");
        assertEquals(0.5, x[0], 0.0, "time since TSTART, not since the first bin centre");
        assertTrue(Double.isNaN(y[3]), "the line is broken across the gap");
        assertEquals(10.5, x[4], 0.0);
        assertTrue(chart.getXAxisTitle().contains("MJD 55197.00115741"), chart.getXAxisTitle());
    }

    @Test
    void lightCurveBinsOutsideTheGtisAreGapsNotZeros() {
        double[] t = new double[10];
        double[] counts = new double[10];
        for (int i = 0; i < t.length; i++) {
            t[i] = 100.5 + i;
            counts[i] = i >= 4 && i < 7 ? 0 : 5;   // zero counts in the GTI gap [104, 107]
        }
        Product lc = Product.builder(ProductKind.LIGHT_CURVE).array("time", t).array("counts", counts)
                .real("dt", 1.0).real("tstart", 100).gti("gti", new double[][] {{100, 104}, {107, 110}})
                .provenance(PROV).build();
        double[] y = ((XYChart) Plots.forProduct(lc)).getSeriesMap().get("rate").getYData();
        for (int i = 0; i < y.length; i++) {
            assertEquals(i >= 4 && i < 7, Double.isNaN(y[i]), "bin " + i);
        }
    }

    @Test
    void dynamicalSpectrumIsPaintedOnNumericAxesWithGapsBlankAndAColourBar() {
        double[] freq = new double[64];
        for (int i = 0; i < freq.length; i++) {
            freq[i] = (i + 1) / 16.0;
        }
        double[] time = {8, 24, 40, 104, 120};   // 16 s segments; a gap from 48 to 96 s
        double[][] dyn = new double[freq.length][time.length];
        for (int i = 0; i < freq.length; i++) {
            for (int j = 0; j < time.length; j++) {
                dyn[i][j] = 1 + i + 10 * j;
            }
        }
        XYChart chart = Plots.dynamicalPowerSpectrum(freq, time, dyn, "leahy", 16);
        HeatMap heat = (HeatMap) chart;
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        double[] inGap = heat.pixelOf(72, 2);
        double[] inData = heat.pixelOf(24, 2);
        Color gap = new Color(img.getRGB((int) inGap[0], (int) inGap[1]));
        Color data = new Color(img.getRGB((int) inData[0], (int) inData[1]));
        assertTrue(gap.getRed() > 200 && gap.getGreen() > 200 && gap.getBlue() > 200, "gap blank: " + gap);
        assertEquals(heat.colour(Math.log10(dyn[31][1])).getRGB(), data.getRGB(), "cell coloured by its own power");
        assertFalse(data.equals(Color.WHITE));
        double[] bar = heat.pixelOf(heat.getStyler().getXAxisMax() - 1, freq[32]);
        Color barColour = new Color(img.getRGB((int) bar[0], (int) bar[1]));
        assertTrue(barColour.getGreen() > 100 && barColour.getRed() < 120, "mid-bar viridis teal: " + barColour);
        assertEquals("Power (Leahy), log scale", chart.getYAxisGroupTitle(1));
    }

    @Test
    void manyFrequenciesAreAveragedAndTheSubtitleSaysSo() {
        int nf = 3 * HeatMap.MAX_ROWS;
        double[] freq = new double[nf];
        double[][] dyn = new double[nf][2];
        for (int i = 0; i < nf; i++) {
            freq[i] = (i + 1) / 8.0;
            dyn[i][0] = 1 + i % 3;   // groups of three: mean 2
            dyn[i][1] = 100;
        }
        HeatMap heat = (HeatMap) Plots.dynamicalPowerSpectrum(freq, new double[] {4, 12}, dyn, "leahy", 8);
        assertTrue(heat.subtitle().stream().anyMatch(l -> l.contains("averaged by 3")), heat.subtitle().toString());
        BufferedImage img = BitmapEncoder.getBufferedImage(heat);
        double[] px = heat.pixelOf(4, freq[nf / 2]);
        assertEquals(heat.colour(Math.log10(2)).getRGB(), img.getRGB((int) px[0], (int) px[1]), "mean of the group");
    }
}
