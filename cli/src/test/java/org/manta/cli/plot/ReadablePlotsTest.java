package org.manta.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Provenance;

/**
 * What looking at the plots of every command found: notes panels over the data, crowded log-axis labels, log axes
 * without labels (colours, energies), an empty excess-variance panel without a reason, colour-bar steps with the
 * same label. Checked on the painted pixels and the charts' axes.
 */
class ReadablePlotsTest {
    private static final Provenance PROV = new Provenance("manta", "test", "manta lc /data/obs.evt --dt 1",
            List.of(new Provenance.InputFile("/data/obs.evt", "00", 1)), Instant.parse("2026-12-06T00:00:00Z"));
    private static final int COLOUR_TOLERANCE = 40;

    @Test
    void theNotesPanelDoesNotCoverTheData() {
        int n = 200;
        double[] t = new double[n];
        double[] counts = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 100.5 + i;
            counts[i] = i < 20 ? 50 : 10 + (i % 7);    // the highest rates at the start, under the notes
        }
        Product lc = Product.builder(ProductKind.LIGHT_CURVE).array("time", t).array("counts", counts).real("dt", 1)
                .real("tstart", 100).provenance(PROV).build();
        LogAxisChart chart = (LogAxisChart) Plots.forProduct(lc);
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        int plotTop = (int) Math.ceil(chart.getScreenYFromChart(chart.getStyler().getYAxisMax()));
        int notesBottom = (int) Math.ceil(chart.notesArea().getMaxY());    // file, band, dt
        int dataUnderNotes = Pixels.count(img, Pixels.DATA, COLOUR_TOLERANCE, 90, 400, plotTop, notesBottom);
        int dataBelow = Pixels.count(img, Pixels.DATA, COLOUR_TOLERANCE, 90, 400, notesBottom, img.getHeight());
        assertEquals(0, dataUnderNotes, "data pixels in the notes' band of the plot");
        assertTrue(dataBelow > 100, "the data are drawn below it: " + dataBelow);
    }

    /**
     * The notes panel lies inside the plot area, right of the y axis's labels however wide they are (found: at a fixed
     * x it covered "10⁵" of an absolute-rms spectrum, "1000" of others), and its top below the plot area's top.
     */
    @Test
    void theNotesPanelIsInsideThePlotAreaClearOfTheTickLabels() {
        double[] f = new double[40];
        double[] power = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = 0.02 * (i + 1);
            power[i] = 7000 * Math.exp(-i / 4.0);     // 7000 down to 0.4: the axis reaches 10⁵ with the notes
        }
        Product ps = Product.builder(ProductKind.POWER_SPECTRUM).array("freq", f).array("power", power)
                .integer("m", 40).real("df", 0.02).real("dt", 1.0 / 64).real("mean", 6).text("norm", "abs")
                .text("rebin", "log f=0.1").text("noise_subtracted", "yes").real("poisson_level", 402.156)
                .provenance(PROV).build();
        LogAxisChart chart = (LogAxisChart) Plots.powerSpectrum(ps, false);
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        java.awt.geom.Rectangle2D plot = chart.plotArea();
        java.awt.geom.Rectangle2D notes = chart.notesArea();
        List<String> labels = LogAxisTicks.assertLabelled(chart, img, LogAxisChart.Side.LEFT, 3, "power");
        assertTrue(labels.contains("10⁵") && labels.contains("10000"), "wide labels: " + labels);
        assertTrue(plot.getMinX() > 120, "wide labels push the plot area right: " + plot);
        assertEquals(plot.getMinX() + LogAxisChart.NOTES_INSET_PX, notes.getMinX(), 1.0, "notes " + notes + " in " + plot);
        assertEquals(plot.getMinY() + LogAxisChart.NOTES_INSET_PX, notes.getMinY(), 1.0, "notes " + notes + " in " + plot);
        assertTrue(plot.contains(notes), "notes " + notes + " inside the plot area " + plot);
    }

    @Test
    void theLightCurveGivesTstartAsAnMjdInItsTimeSystem() {
        Product lc = Product.builder(ProductKind.LIGHT_CURVE).array("time", new double[] {100.5, 101.5})
                .array("counts", new double[] {3, 4}).real("dt", 1).real("tstart", 100).real("mjdref", 55197.00076601852)
                .text("timesys", "TDB").provenance(PROV).build();
        String label = ((XYChart) Plots.forProduct(lc)).getXAxisTitle();
        // 55197.00076601852 + 100 / 86400 = 55197.00192342593
        assertTrue(label.endsWith("= MJD 55197.00192343 TDB"), label);
    }

    @Test
    void logAxesLabelOneTwoFiveWhereTheNineLabelsWouldOverlap() {
        LogAxisChart chart = (LogAxisChart) Plots.powerSpectrum(new double[] {0.125, 1, 10, 32},
                new double[] {0.05, 0.06, 0.07, 0.08}, null, "frac", false);
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        List<String> x = LogAxisTicks.assertLabelled(chart, img, LogAxisChart.Side.BOTTOM, 4, "2.4 decades of frequency");
        assertTrue(x.containsAll(List.of("0.2", "0.5", "1", "2", "5", "10", "20")), "1, 2, 5 in every decade: " + x);
        assertFalse(x.contains("0.9"), "not every 1..9: " + x);
        LogAxisTicks.assertLabelled(chart, img, LogAxisChart.Side.LEFT, 3, "less than a factor 2 of power");
        LogAxisChart energies = (LogAxisChart) Plots.varEnergy(new double[] {0.75, 1.5, 3, 6, 10}, null,
                new double[] {1, 2, 3, 4, 5}, null, "Rms-energy spectrum", "Fractional rms", List.of(), false);
        LogAxisTicks.assertLabelled(energies, BitmapEncoder.getBufferedImage(energies), LogAxisChart.Side.BOTTOM, 4,
                "1.1 decades of energy");
    }

    @Test
    void powerColoursLabelASmallRangeAndSayWhatWasAnalysed() {
        double[] pc0 = {0.1, 0.2, 0.3, 0.5};
        double[] pc1 = {0.3, 0.5, 0.8, 1.5};
        Product colours = Product.builder(ProductKind.POWER_COLORS).array("pc0", pc0).array("pc1", pc1)
                .array("hue_deg", new double[] {300, 310, 320, 340}).array("freq_edges", new double[] {1.0 / 32, 0.125,
                    0.5, 2, 16}).real("dt", 1.0 / 64).real("segment_size", 32).integer("m", 1).provenance(PROV).build();
        LogAxisChart chart = (LogAxisChart) Plots.forProduct(colours);
        LogAxisTicks.assertLabelled(chart, BitmapEncoder.getBufferedImage(chart), LogAxisChart.Side.LEFT, 4,
                "PC1 from 0.3 to 1.5");
        assertTrue(chart.getStyler().getYAxisMax() > 1.5 * 1.2, "room above the points for the notes");
    }

    @Test
    void anEmptyExcessVarianceSpectrumSaysWhy() {
        Product fvar = Product.builder(ProductKind.VAR_ENERGY_SPECTRUM).array("energy", new double[] {1, 3})
                .array("spectrum", new double[] {Double.NaN, Double.NaN}).array("spectrum_error",
                    new double[] {Double.NaN, Double.NaN}).text("kind", "excvar").text("norm", "frac")
                .real("dt", 1.0 / 64).integer("m", 1000).provenance(PROV).build();
        XYChart chart = (XYChart) Plots.forProduct(fvar);
        assertTrue(chart.getTitle().contains("Poisson noise exceeds the variance"), chart.getTitle());
    }

    @Test
    void eachVariabilityEnergyPointSpansItsBandHorizontally() {
        double[][] bands = {{0.3, 1}, {1, 2}, {2, 4}, {4, 12}};
        double[] energy = {0.65, 1.5, 3, 8};
        for (String kind : List.of("lag", "rms", "covariance", "count")) {
            Product p = Product.builder(ProductKind.VAR_ENERGY_SPECTRUM).array("energy", energy).matrix("energy_intervals",
                    bands).array("spectrum", new double[] {-0.002, 0.001, 0.004, 0.008}).array("spectrum_error",
                    new double[] {3e-4, 3e-4, 3e-4, 3e-4}).text("kind", kind).text("norm", "frac").real("dt", 1.0 / 64)
                    .real("segment_size", 32).integer("m", 62).provenance(PROV).build();
            LogAxisChart chart = (LogAxisChart) Plots.forProduct(p);
            BufferedImage img = BitmapEncoder.getBufferedImage(chart);
            double[] edges = chart.getSeriesMap().get("energy bands").getXData();
            java.awt.geom.Rectangle2D r = chart.plotArea();
            assertTrue(chart.getChartXFromCoordinate((int) r.getMinX()) <= 0.3
                    && chart.getChartXFromCoordinate((int) r.getMaxX()) >= 12, kind + ": the axis spans every band");
            double[] y = chart.getSeriesMap().get(chart.getTitle()).getYData();
            for (int i = 0; i < bands.length; i++) {
                assertEquals(bands[i][0], edges[3 * i], 0.0, kind);
                assertEquals(bands[i][1], edges[3 * i + 1], 0.0, kind);
                int row = (int) Math.round(chart.getScreenYFromChart(y[i]));
                int from = (int) Math.ceil(chart.getScreenXFromChart(bands[i][0])) + 2;
                int to = (int) Math.floor(chart.getScreenXFromChart(energy[i])) - 8;    // left of the marker
                int drawn = Pixels.count(img, Pixels.DATA, COLOUR_TOLERANCE, from, to, row - 1, row + 2);
                assertTrue(drawn >= to - from, kind + ", band " + i + ": the bar from its low edge to the point, "
                        + drawn + " of " + (to - from) + " px");
            }
        }
    }
}
