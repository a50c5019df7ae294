package org.manta.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Provenance;
import org.manta.core.spectrum.Rebin;

/** The FAD chart: corrected, uncorrected and model series on log axes, non-positive points dropped. */
class FadPlotTest {
    private static final double[] FREQ = {0.5, 1, 2, 4};
    private static final double[] CORRECTED = {2.1, 1.9, 2.0, 2.05};
    private static final double[] UNCORRECTED = {0.7, 0.0, 0.9, 1.5};
    private static final double[] MODEL = {0.66, 0.7, 0.95, 1.4};

    @Test
    void drawsTheThreeSpectraOnLogAxes() {
        XYChart chart = Plots.fad(FREQ, CORRECTED, UNCORRECTED, MODEL, "leahy", List.of("M = 4"));
        assertTrue(chart.getStyler().isXAxisLogarithmic() && chart.getStyler().isYAxisLogarithmic());
        assertTrue(chart.getTitle().contains("Leahy"), chart.getTitle());
        assertEquals(List.of("uncorrected", "FAD-corrected", "dead-time model (Zhang et al. 1995)"),
                List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(CORRECTED, chart.getSeriesMap().get("FAD-corrected").getYData());
        // the zero uncorrected power cannot be drawn on a log axis
        assertArrayEquals(new double[] {0.7, 0.9, 1.5}, chart.getSeriesMap().get("uncorrected").getYData());
        assertTrue(chart.getYAxisTitle().contains("Leahy"), chart.getYAxisTitle());
    }

    @Test
    void withoutModelTwoSeries() {
        XYChart chart = Plots.fad(FREQ, CORRECTED, UNCORRECTED, null, "frac", List.of());
        assertEquals(2, chart.getSeriesMap().size());
        assertTrue(chart.getYAxisTitle().contains("rms/mean"), chart.getYAxisTitle());
    }

    @Test
    void aFadProductIsShownLogRebinnedAsThePowerSpectra() {
        int n = 2048;
        double df = 0.125;
        double[] f = new double[n];
        double[] ptot = new double[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = (i + 1) * df;
            ptot[i] = i % 2 == 0 ? 1.5 : 2.5;      // alternating: the log bins of two or more average to 2
            raw[i] = 1;
        }
        Product p = Product.builder(ProductKind.FAD).array("freq", f).array("ptot", ptot).array("ptot_uncorrected", raw)
                .integer("m", 64).real("df", df).real("dt", 1.0 / 512).text("norm", "leahy").text("smoothing_alg", "gauss")
                .real("smoothing_length", 24).real("fad_delta", 0.002).text("is_compliant", "true")
                .provenance(new Provenance("manta", "test", "manta fad a b", List.of(), Instant.EPOCH)).build();
        XYChart chart = (XYChart) Plots.forProduct(p);
        double[] shown = chart.getSeriesMap().get("FAD-corrected").getYData();
        assertTrue(shown.length < n / 20, "log-rebinned: " + shown.length + " points");
        Rebin.Log expected = Rebin.log(f, ptot, null, Plots.DISPLAY_REBIN_LOG, df);
        assertArrayEquals(expected.y(), shown, 0.0);
        assertEquals(2.0, shown[shown.length - 1], 0.01, "a wide bin averages the alternating powers");
    }
}
