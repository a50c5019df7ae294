package org.manta.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;

/**
 * The bispectrum and bicoherence images on numeric frequency axes: what the cells hold, where the peak lands (read
 * back from the PNG), the colour bar's label and range.
 */
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
        HeatMap chart = (HeatMap) Plots.bispectrum(freq, mag);
        assertEquals(3.0, chart.cell(12, 14), 0.0, "log10 |B| at the peak: row f2, column f1");
        assertEquals(0, chart.colourRange()[0], 0.0, "the bar starts at the plane's level");
        assertTrue(chart.colour(3.0).equals(chart.colour(chart.colourRange()[1])), "the peak takes the top colour");
        assertTrue(chart.getYAxisGroupTitle(1).contains("log10 |B|"), "the colour bar names the quantity");
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
    void bicoherenceImageLeavesTheUndefinedHalfBlankOnAFixedZeroToOneBar() {
        int size = 65;
        double[] freq = new double[size];
        double[][] b2 = new double[size][size];
        for (int i = 0; i < size; i++) {
            freq[i] = i / 8.0;
            for (int j = 0; j < size; j++) {
                b2[i][j] = i + j <= 64 ? 0.25 : Double.NaN;
            }
        }
        HeatMap chart = (HeatMap) Plots.bicoherence(freq, b2);
        assertArrayEquals(new double[] {0, 1}, chart.colourRange(), 0.0);
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        double[] defined = chart.pixelOf(1, 1);
        double[] beyond = chart.pixelOf(7, 7);      // f1 + f2 = 14 Hz, beyond the 8 Hz line: blank
        assertEquals(chart.colour(0.25).getRGB(), img.getRGB((int) defined[0], (int) defined[1]));
        Color blank = new Color(img.getRGB((int) beyond[0], (int) beyond[1]));
        assertTrue(blank.getRed() > 200 && blank.getGreen() > 200 && blank.getBlue() > 200, "blank: " + blank);
        assertTrue(chart.getYAxisGroupTitle(1).startsWith("b²"));
    }
}
