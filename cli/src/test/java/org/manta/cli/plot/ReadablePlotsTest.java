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
        XYChart chart = (XYChart) Plots.forProduct(lc);
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        int plotTop = (int) Math.ceil(chart.getScreenYFromChart(chart.getStyler().getYAxisMax()));
        int notesBottom = Plots.notesBottomPx(3);    // file, band, dt
        int dataUnderNotes = Pixels.count(img, Pixels.DATA, COLOUR_TOLERANCE, 90, 400, plotTop, notesBottom);
        int dataBelow = Pixels.count(img, Pixels.DATA, COLOUR_TOLERANCE, 90, 400, notesBottom, img.getHeight());
        assertEquals(0, dataUnderNotes, "data pixels in the notes' band of the plot");
        assertTrue(dataBelow > 100, "the data are drawn below it: " + dataBelow);
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
    void logAxesLabelOnlyDecadesWhereTheNineLabelsWouldOverlap() {
        XYChart chart = Plots.powerSpectrum(new double[] {0.125, 1, 10, 32}, new double[] {0.05, 0.06, 0.07, 0.08}, null,
                "frac", false);
        assertTrue(chart.getStyler().isXAxisLogarithmicDecadeOnly(), "2.4 decades of frequency: 0.8 and 0.9 overlap");
        assertFalse(chart.getStyler().isYAxisLogarithmicDecadeOnly(), "less than a decade of power: all labelled");
        XYChart energies = Plots.varEnergy(new double[] {0.75, 1.5, 3, 6, 10}, new double[] {1, 2, 3, 4, 5}, null,
                "Rms-energy spectrum", "Fractional rms", List.of(), false);
        assertTrue(energies.getStyler().isXAxisLogarithmic());
        assertFalse(energies.getStyler().isXAxisLogarithmicDecadeOnly(), "1.1 decades of energy: every tick labelled");
    }

    @Test
    void powerColoursLabelASmallRangeAndSayWhatWasAnalysed() {
        double[] pc0 = {0.1, 0.2, 0.3, 0.5};
        double[] pc1 = {0.3, 0.5, 0.8, 1.5};
        Product colours = Product.builder(ProductKind.POWER_COLORS).array("pc0", pc0).array("pc1", pc1)
                .array("hue_deg", new double[] {300, 310, 320, 340}).array("freq_edges", new double[] {1.0 / 32, 0.125,
                    0.5, 2, 16}).real("dt", 1.0 / 64).real("segment_size", 32).integer("m", 1).provenance(PROV).build();
        XYChart chart = (XYChart) Plots.forProduct(colours);
        assertTrue(chart.getStyler().isYAxisLogarithmic() && !chart.getStyler().isYAxisLogarithmicDecadeOnly(),
                "PC1 from 0.3 to 1.5: every tick labelled");
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
}
