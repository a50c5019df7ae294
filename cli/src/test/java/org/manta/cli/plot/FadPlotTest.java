package org.manta.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

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
}
