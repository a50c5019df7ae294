package org.manta.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Provenance;

class PlotsTest {
    /** A PNG of a chart with data and labels is far larger than an empty canvas would compress to. */
    private static final long MIN_PNG_BYTES = 10_000;

    private static final Provenance PROV = new Provenance("manta", "test", "manta test", List.of(),
            Instant.parse("2026-11-26T00:00:00Z"));

    private static void assertPng(Path file) throws IOException {
        assertTrue(Files.size(file) > MIN_PNG_BYTES, file + " is only " + Files.size(file) + " bytes");
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, "not a readable PNG");
        assertEquals(Plots.WIDTH, img.getWidth());
        assertEquals(Plots.HEIGHT, img.getHeight());
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary file left");
        }
    }

    /** A red-noise + QPO Leahy spectrum with the awkward values a log plot must survive. */
    static Product powerSpectrum() {
        int n = 1000;
        double[] f = new double[n];
        double[] p = new double[n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = (i + 1) / 16.0;
            p[i] = 2 + 5 / (1 + f[i] * f[i]) + 30 * 0.15 / ((f[i] - 3) * (f[i] - 3) + 0.0225);
            e[i] = p[i] / 4;
        }
        p[3] = 0;
        p[4] = -1;
        p[5] = Double.NaN;
        e[6] = p[6] * 2;   // lower error bar below zero
        return Product.builder(ProductKind.POWER_SPECTRUM).array("freq", f).array("power", p).array("power_err", e)
                .text("norm", "leahy").provenance(PROV).build();
    }

    @Test
    void powerSpectrumDropsPointsALogAxisCannotShow() {
        Product ps = powerSpectrum();
        XYChart chart = Plots.powerSpectrum(ps.array("freq"), ps.array("power"), ps.array("power_err"), "leahy", false);
        double[] shown = chart.getSeriesMap().get("power").getYData();
        assertEquals(ps.array("power").length - 3, shown.length);
        for (double v : shown) {
            assertTrue(v > 0 && Double.isFinite(v));
        }
        assertEquals("Frequency (Hz)", chart.getXAxisTitle());
        assertEquals("Power (Leahy)", chart.getYAxisTitle());
    }

    @Test
    void errorBarsOnLogAxisStayPositive() {
        Product ps = powerSpectrum();
        XYChart chart = Plots.powerSpectrum(ps.array("freq"), ps.array("power"), ps.array("power_err"), "leahy", false);
        for (double v : chart.getSeriesMap().get("1σ errors").getYData()) {
            assertTrue(Double.isNaN(v) || v > 0, "error bar end " + v);
        }
    }

    @Test
    void pointsFilter() {
        Plots.Points p = Plots.Points.keep(new double[] {-1, 0, 1, 2, 3, Double.NaN},
                new double[] {1, 1, 0, 2, Double.POSITIVE_INFINITY, 1}, null, true, true);
        assertArrayEquals(new double[] {2}, p.x);
        assertArrayEquals(new double[] {2}, p.y);
    }

    @Test
    void pngsForEveryKind(@TempDir Path dir) throws IOException {
        Path pds = dir.resolve("pds.png");
        Plots.writePng(Plots.forProduct(powerSpectrum()), pds);
        assertPng(pds);

        Product ps = powerSpectrum();
        Path fp = dir.resolve("fp.png");
        Plots.writePng(Plots.powerSpectrum(ps.array("freq"), ps.array("power"), ps.array("power_err"), "frac", true), fp);
        assertPng(fp);

        int n = 200;
        double[] f = new double[n];
        double[] lag = new double[n];
        double[] err = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = (i + 1) / 16.0;
            lag[i] = 0.005 + 0.002 * Math.sin(i);
            err[i] = 0.001 * (1 + i / 50.0);
        }
        lag[7] = Double.NaN;
        Product cs = Product.builder(ProductKind.CROSS_SPECTRUM).array("freq", f).array("time_lag", lag)
                .array("time_lag_err", err).provenance(PROV).build();
        Path lags = dir.resolve("lags.png");
        Plots.writePng(Plots.forProduct(cs), lags);
        assertPng(lags);

        double[] t = new double[500];
        double[] counts = new double[500];
        for (int i = 0; i < t.length; i++) {
            t[i] = 80000000 + i + 0.5;
            counts[i] = i >= 200 && i < 230 ? Double.NaN : 100 + 20 * Math.sin(i / 10.0);
        }
        Product lc = Product.builder(ProductKind.LIGHT_CURVE).array("time", t).array("counts", counts)
                .real("dt", 1.0).provenance(PROV).build();
        Path lcPng = dir.resolve("lc.png");
        Plots.writePng(Plots.forProduct(lc), lcPng);
        assertPng(lcPng);

        double[] df = new double[300];
        double[] tt = new double[12];
        double[][] dyn = new double[df.length][tt.length];
        for (int i = 0; i < df.length; i++) {
            df[i] = (i + 1) / 64.0;
            for (int j = 0; j < tt.length; j++) {
                dyn[i][j] = 2 + 40 * Math.exp(-Math.pow(df[i] - 2 - 0.1 * j, 2) / 0.05);
            }
        }
        for (int j = 0; j < tt.length; j++) {
            tt[j] = 32 + 64 * j;
        }
        Product dp = Product.builder(ProductKind.DYNAMICAL_POWER_SPECTRUM).array("freq", df).array("time", tt)
                .matrix("dyn_ps", dyn).text("norm", "leahy").real("segment_size", 64).provenance(PROV).build();
        Path dynPng = dir.resolve("dyn.png");
        Plots.writePng(Plots.forProduct(dp), dynPng);
        assertPng(dynPng);
    }
}
