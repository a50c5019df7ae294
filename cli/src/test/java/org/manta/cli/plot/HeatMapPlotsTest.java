package org.manta.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * The bispectrum and bicoherence images on numeric frequency axes: what the cells hold, where the peak lands (read
 * back from the PNG), the colour bar's label and range.
 */
class HeatMapPlotsTest {
    /** Painted against computed bar colours: the strip is painted in one-pixel steps. */
    private static final int BAR_COLOUR_TOLERANCE = 6;
    /** XChart's tick-label colour, about. */
    private static final int[] TEXT = {0x30, 0x30, 0x30};

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
        HeatMap chart = (HeatMap) Plots.bispectrum(freq, mag);
        assertEquals(3.0, chart.cell(12, 14), 0.0, "log10 |B| at the peak: row f2, column f1");
        assertEquals(0, chart.colourRange()[0], 0.0, "the bar starts at the plane's level");
        assertTrue(chart.colour(3.0).equals(chart.colour(chart.colourRange()[1])), "the peak takes the top colour");
        assertTrue(chart.getYAxisGroupTitle(1).startsWith("|B|") && chart.getYAxisGroupTitle(1).endsWith("log scale"),
                "the colour bar names the quantity and its scale: " + chart.getYAxisGroupTitle(1));
        assertEquals(-0.525, chart.getStyler().getXAxisMin(), 1e-12, "numeric f1 axis from the first cell's edge");
        assertEquals(0.525, chart.getStyler().getYAxisMax(0), 1e-12, "numeric f2 axis to the last cell's edge");
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        double[] peak = chart.pixelOf(0.2, 0.1);
        double[] flat = chart.pixelOf(-0.2, -0.3);
        assertEquals(chart.colour(3.0).getRGB(), img.getRGB((int) peak[0], (int) peak[1]), "the peak at (0.2, 0.1) Hz");
        assertEquals(chart.colour(0.0).getRGB(), img.getRGB((int) flat[0], (int) flat[1]), "the flat plane elsewhere");
        Path png = dir.resolve("bs.png");
        Plots.writePng(chart, png);
        assertEquals(Plots.WIDTH, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void bicoherenceImageLeavesTheUndefinedHalfBlankOnABarFromZeroToTheLargestValue() {
        int size = 65;
        double[] freq = new double[size];
        double[][] b2 = new double[size][size];
        for (int i = 0; i < size; i++) {
            freq[i] = i / 8.0;
            for (int j = 0; j < size; j++) {
                b2[i][j] = i + j <= 64 ? 0.25 : Double.NaN;
            }
        }
        b2[3][4] = 0.5;
        HeatMap chart = (HeatMap) Plots.bicoherence(freq, b2);
        assertArrayEquals(new double[] {0, 0.5}, chart.colourRange(), 0.0);
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        double[] defined = chart.pixelOf(1, 1);
        double[] beyond = chart.pixelOf(7, 7);      // f1 + f2 = 14 Hz, beyond the 8 Hz line: blank
        assertEquals(chart.colour(0.25).getRGB(), img.getRGB((int) defined[0], (int) defined[1]));
        Color blank = new Color(img.getRGB((int) beyond[0], (int) beyond[1]));
        assertTrue(blank.getRed() > 200 && blank.getGreen() > 200 && blank.getBlue() > 200, "blank: " + blank);
        assertTrue(chart.getYAxisGroupTitle(1).startsWith("b²"));
    }

    @Test
    void theColourBarOfALogMapIsLabelledWithValuesWhereTheirColoursAre() {
        int size = 21;
        double[] freq = java.util.stream.IntStream.range(0, size).mapToDouble(i -> (i - 10) * 0.05).toArray();
        double[][] mag = new double[size][size];
        for (int k = 0; k < size * size; k++) {      // 0.042..0.079: under a factor 2
            mag[k / size][k % size] = 0.042 + 0.037 * k / (size * size - 1.0);
        }
        HeatMap chart = (HeatMap) Plots.bispectrum(freq, mag);
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        List<String> labels = LogAxisTicks.assertLabelled(chart, img, LogAxisChart.Side.RIGHT, 3, "|B| from 0.042 to 0.079");
        assertTrue(labels.contains("0.05") && labels.contains("0.06"), "plain values, not their log10: " + labels);
        double[] bar = chart.pixelOf(0.55, 0);     // the middle of the colour bar's strip (0.525 to 0.5775)
        for (LogTicks.Tick t : chart.ticks(LogAxisChart.Side.RIGHT)) {
            int y = (int) Math.round(chart.pixelOf(LogAxisChart.Side.RIGHT, t));
            Color painted = new Color(img.getRGB((int) bar[0], Math.min(y, (int) chart.plotArea().getMaxY() - 1)));
            Color expected = chart.colour(Math.log10(t.value()));
            assertTrue(Math.abs(painted.getGreen() - expected.getGreen()) <= BAR_COLOUR_TOLERANCE
                    && Math.abs(painted.getBlue() - expected.getBlue()) <= BAR_COLOUR_TOLERANCE,
                    "the bar's colour at the label " + t.label() + ": " + painted + ", expected " + expected);
        }
    }

    /**
     * The f2 axis of a map with a log colour bar is labelled as that of a linear one: "0.05", not XChart's ".05" (the
     * sweep's bispectrum of a light curve); the two maps' labels left of the plot area take the same pixels.
     */
    @Test
    void theFrequencyAxisOfALogMapHasPlainLabels() {
        int size = 11;
        double[] freq = java.util.stream.IntStream.range(0, size).mapToDouble(i -> (i - 5) * 0.01).toArray();
        double[][] values = new double[size][size];
        for (int k = 0; k < size * size; k++) {
            values[k / size][k % size] = 1 + k;
        }
        int[] text = new int[2];
        XYChart[] charts = {Plots.bispectrum(freq, values), Plots.bicoherence(freq, values)};
        for (int c = 0; c < 2; c++) {
            HeatMap chart = (HeatMap) charts[c];
            BufferedImage img = BitmapEncoder.getBufferedImage(chart);
            java.awt.geom.Rectangle2D r = chart.plotArea();
            text[c] = Pixels.count(img, TEXT, 70, 0, (int) r.getMinX() - 2, (int) r.getMinY() - 8, (int) r.getMaxY() + 8);
        }
        assertTrue(text[1] > 200, "labels of the linear map: " + text[1] + " px");
        assertEquals(text[1], text[0], text[1] * 0.03, "label pixels of the log map against the linear map's");
    }

    @Test
    void theTimeAxisIsNotLabelledUnderTheColourBar() {
        double[] freq = {0.5, 1, 1.5, 2};
        double[] time = new double[16];
        double[][] power = new double[4][16];
        for (int j = 0; j < time.length; j++) {
            time[j] = 32 + 64 * j;
            for (int i = 0; i < 4; i++) {
                power[i][j] = 1 + i + j;
            }
        }
        HeatMap chart = (HeatMap) Plots.dynamicalPowerSpectrum(freq, time, power, "leahy", 64);
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        java.awt.geom.Rectangle2D r = chart.plotArea();
        int cellsEnd = (int) Math.ceil(chart.pixelOf(1024, 0)[0]);
        int under = Pixels.count(img, TEXT, 70, cellsEnd + 12, (int) r.getMaxX() + 1, (int) r.getMaxY() + 6,
                (int) r.getMaxY() + 26);
        int underCells = Pixels.count(img, TEXT, 70, (int) r.getMinX(), cellsEnd, (int) r.getMaxY() + 6,
                (int) r.getMaxY() + 26);
        assertEquals(0, under, "no time label under the colour bar");
        assertTrue(underCells > 50, "time labels under the cells: " + underCells);
    }
}
