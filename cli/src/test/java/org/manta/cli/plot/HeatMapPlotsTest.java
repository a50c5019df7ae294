package org.manta.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;

/** The bispectrum and bicoherence images: what the cells hold, where the peak lands, the colour-bar label. */
class HeatMapPlotsTest {

    @Test
    void bispectrumImageShowsLog10MagnitudeWithThePeakInPlace(@TempDir Path dir) throws Exception {
        int size = 21;
        double[] freq = new double[size];
        double[][] mag = new double[size][size];
        for (int i = 0; i < size; i++) {
            freq[i] = (i - 10) * 0.05;
            for (int j = 0; j < size; j++) {
                mag[i][j] = 1.0;
            }
        }
        mag[14][12] = 1000.0;   // f1 = 0.2 Hz, f2 = 0.1 Hz
        HeatMapChart chart = Plots.bispectrum(freq, mag);
        HeatMapSeries series = chart.getSeriesMap().get("log10 |B|");
        List<Number[]> cells = List.copyOf(series.getHeatData());
        assertEquals(size * size, cells.size(), "a 21 x 21 plane is drawn cell by cell");
        Number[] peak = cells.stream().max((a, b) -> Double.compare(a[2].doubleValue(), b[2].doubleValue())).orElseThrow();
        assertEquals(3.0, peak[2].doubleValue(), 0.0, "log10 |B| at the peak");
        assertEquals(14, peak[0].intValue(), "f1 along x");
        assertEquals(12, peak[1].intValue(), "f2 along y");
        assertEquals("0.200", series.getXData().get(14).toString());
        assertTrue(chart.getStyler().getHeatMapDecimalValueFormatter().apply(3.0).startsWith("log10 |B|"),
                "the colour bar names the quantity");
        Path png = dir.resolve("bs.png");
        Plots.writePng(chart, png);
        assertTrue(Files.size(png) > 10_000, "image written");
    }

    @Test
    void bicoherenceImageLeavesTheUndefinedHalfEmptyAndAveragesLargePlanes() {
        int size = 65;
        double[] freq = new double[size];
        double[][] b2 = new double[size][size];
        for (int i = 0; i < size; i++) {
            freq[i] = i / 8.0;
            for (int j = 0; j < size; j++) {
                b2[i][j] = i + j <= 64 ? 0.5 : Double.NaN;
            }
        }
        HeatMapSeries series = Plots.bicoherence(freq, b2).getSeriesMap().get("b²");
        List<Number[]> cells = List.copyOf(series.getHeatData());
        int axis = series.getXData().size();
        assertTrue(axis <= 32, "at most 32 cells per axis, got " + axis);
        assertTrue(cells.size() < axis * axis, "cells wholly beyond the Nyquist line are left out");
        for (Number[] c : cells) {
            assertEquals(0.5, c[2].doubleValue(), 0.0, "the mean of the defined values");
        }
    }
}
