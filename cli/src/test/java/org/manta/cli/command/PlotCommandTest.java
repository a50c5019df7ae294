package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.output.JsonProductReader;
import org.manta.cli.output.Product;
import org.manta.cli.output.Rebinning;
import org.manta.cli.plot.Panels;
import org.manta.cli.plot.Plots;

/** {@code manta plot} re-draws saved products; the image is read back and its plot area must hold data. */
class PlotCommandTest {
    /** Share of non-white pixels in the middle of the plot area of a drawn spectrum or light curve, at least. */
    private static final double MIN_INK = 0.002;

    @TempDir
    Path dir;

    @Test
    void replotsEverySavedProductKind() throws IOException {
        Path evt = CliRun.copyData(dir, "monol_testA.evt");
        Path sim = CliRun.copyData(dir, "sim_varenergy.evt.gz");
        String[][] commands = {
            {"pds", evt.toString(), "--dt", "1/128", "--segment", "64"},
            {"cpds", evt.toString(), "--energy1", "0:10", "--energy2", "10:100", "--dt", "1/128", "--segment", "64"},
            {"lc", evt.toString(), "--dt", "1"},
            {"dynps", evt.toString(), "--dt", "1/16", "--segment", "64"},
            // the reference band's upper edge is infinite: "Infinity" in the JSON, a number when read back
            {"varenergy", sim.toString(), "--kind", "lag", "--freq", "0.1:2", "--bands", "0.5,2,4,12", "--dt", "1/64",
                "--segment", "32"}};
        for (String[] c : commands) {
            Path json = dir.resolve(c[0] + ".json");
            String[] args = java.util.Arrays.copyOf(c, c.length + 3);
            args[c.length] = "--quiet";
            args[c.length + 1] = "-o";
            args[c.length + 2] = json.toString();
            assertEquals(0, CliRun.run(args).code(), c[0]);
            CliRun.Result r = CliRun.run("plot", json.toString());
            assertEquals(0, r.code(), r.err());
            BufferedImage img = ImageIO.read(dir.resolve(c[0] + ".png").toFile());
            assertEquals(Plots.WIDTH, img.getWidth());
            // down to the lower part of the plot area: the cross spectrum of monol_testA's two bands is incoherent, so
            // its lags are not shown and only the coherence, near 0, is drawn
            double ink = ink(img, Plots.WIDTH / 4, Plots.HEIGHT / 4, Plots.WIDTH * 3 / 4, Plots.HEIGHT * 17 / 20);
            assertTrue(ink > MIN_INK, c[0] + ": plot area nearly empty (" + ink + ")");
        }
    }

    @Test
    void fitsProductsArePlottedAsTheirJsonTwins() throws IOException {
        Path evt = CliRun.copyData(dir, "monol_testA.evt");
        String[][] commands = {
            {"pds", evt.toString(), "--dt", "1/128", "--segment", "64", "--rebin-log", "0.05"},
            {"cpds", evt.toString(), "--energy1", "0:10", "--energy2", "10:100", "--dt", "1/128", "--segment", "64"},
            {"lc", evt.toString(), "--dt", "1"},
            {"dynps", evt.toString(), "--dt", "1/16", "--segment", "64"},
            // ref_band_hi = Infinity: a COMMENT card in FITS, read back as the number
            {"varenergy", CliRun.copyData(dir, "sim_varenergy.evt.gz").toString(), "--kind", "lag", "--freq", "0.1:2",
                "--bands", "0.5,2,4,12", "--dt", "1/64", "--segment", "32"}};
        for (String[] c : commands) {
            Product[] twins = new Product[2];
            String[] ext = {".json", ".fits"};
            for (int k = 0; k < 2; k++) {
                Path file = dir.resolve(c[0] + ext[k]);
                String[] args = java.util.Arrays.copyOf(c, c.length + 3);
                args[c.length] = "--quiet";
                args[c.length + 1] = "-o";
                args[c.length + 2] = file.toString();
                assertEquals(0, CliRun.run(args).code(), c[0]);
                twins[k] = k == 0 ? JsonProductReader.read(file) : org.manta.cli.output.FitsProductReader.read(file);
            }
            assertEquals(twins[0].kind(), twins[1].kind());
            assertEquals(twins[0].provenance().commandLine().replace(".json", ""),
                    twins[1].provenance().commandLine().replace(".fits", ""));
            List<XYChart> as = panels(Plots.forProduct(twins[0]));
            List<XYChart> bs = panels(Plots.forProduct(twins[1]));
            assertEquals(as.size(), bs.size(), c[0]);
            for (int k = 0; k < as.size(); k++) {
                XYChart xa = as.get(k);
                XYChart xb = bs.get(k);
                assertEquals(xa.getTitle(), xb.getTitle(), c[0]);
                for (String series : xa.getSeriesMap().keySet()) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(xa.getSeriesMap().get(series).getYData(),
                            xb.getSeriesMap().get(series).getYData(), c[0] + " " + series);
                }
            }
            assertEquals(0, CliRun.run("plot", dir.resolve(c[0] + ".fits").toString(), "-o",
                    dir.resolve(c[0] + "-fits.png").toString()).code(), c[0]);
        }
    }

    @Test
    void rebinLogOfTheReplotIsTheRequestedOne() throws IOException {
        Path evt = CliRun.copyData(dir, "monol_testA.evt");
        Path json = dir.resolve("pds.json");
        assertEquals(0, CliRun.run("pds", evt.toString(), "--dt", "1/128", "--segment", "64", "--quiet", "-o",
                json.toString()).code());
        Product p = JsonProductReader.read(json);
        XYChart fine = Plots.powerSpectrum(p, false, 0.02);
        XYChart coarse = Plots.powerSpectrum(p, false, 0.3);
        int nFine = fine.getSeriesMap().get("power").getXData().length;
        int nCoarse = coarse.getSeriesMap().get("power").getXData().length;
        assertTrue(nFine > 2 * nCoarse, nFine + " vs " + nCoarse);
        Path png = dir.resolve("coarse.png");
        assertEquals(0, CliRun.run("plot", json.toString(), "-o", png.toString(), "--rebin-log", "0.3").code());
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void unsupportedImageFormatsAndProductsAreRejected() throws IOException {
        Path evt = CliRun.copyData(dir, "monol_testA.evt");
        Path json = dir.resolve("cpds.json");
        assertEquals(0, CliRun.run("cpds", evt.toString(), "--energy1", "0:10", "--energy2", "10:100", "--dt", "1/128",
                "--segment", "64", "--quiet", "-o", json.toString()).code());
        CliRun.Result eps = CliRun.run("plot", json.toString(), "-o", dir.resolve("x.eps").toString());
        assertEquals(2, eps.code());
        assertTrue(eps.err().contains("x.eps") && eps.err().contains(".png") && eps.err().contains(".svg")
                && eps.err().contains(".pdf"), eps.err());
        assertFalse(Files.exists(dir.resolve("x.eps")));
        Path svg = dir.resolve("x.svg");
        assertEquals(0, CliRun.run("plot", json.toString(), "-o", svg.toString(), "--freq-power").code());
        String text = Files.readString(svg);
        assertTrue(text.contains("height=\"" + (2 * Plots.HEIGHT + Plots.COHERENCE_PANEL_HEIGHT) + "px\"")
                && text.contains("Cospectrum"), "the cospectrum panel above the lags and the coherence");
        Path pdf = dir.resolve("x.pdf");
        assertEquals(0, CliRun.run("plot", json.toString(), "-o", pdf.toString()).code());
        CliRun.Result again = CliRun.run("plot", json.toString(), "-o", pdf.toString());
        assertEquals(2, again.code(), "an existing image is not replaced silently");
        assertTrue(again.err().contains("--overwrite"), again.err());
        assertEquals(0, CliRun.run("plot", json.toString(), "-o", pdf.toString(), "--overwrite").code());
        assertEquals("%PDF", new String(Files.readAllBytes(pdf), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        Path lc = dir.resolve("lc.json");
        assertEquals(0, CliRun.run("lc", evt.toString(), "--dt", "1", "--quiet", "-o", lc.toString()).code());
        CliRun.Result lcPower = CliRun.run("plot", lc.toString(), "--freq-power");
        assertEquals(2, lcPower.code());
        assertTrue(lcPower.err().contains("freq-power") && lcPower.err().contains("light curve"), lcPower.err());
        CliRun.Result lcRebin = CliRun.run("plot", lc.toString(), "--rebin-log", "0.1");
        assertEquals(2, lcRebin.code());
        assertTrue(lcRebin.err().contains("rebin-log") && lcRebin.err().contains("light curve"), lcRebin.err());
        Path rebinned = dir.resolve("cpds-rebinned.json");
        assertEquals(0, CliRun.run("cpds", evt.toString(), "--energy1", "0:10", "--energy2", "10:100", "--dt", "1/128",
                "--segment", "64", "--rebin-log", "0.05", "--quiet", "-o", rebinned.toString()).code());
        CliRun.Result twice = CliRun.run("plot", rebinned.toString(), "--rebin-log", "0.1");
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("rebin-log") && twice.err().contains("log f=0.05"), twice.err());
    }

    /**
     * A power spectrum rebinned when computed cannot be rebinned again for the plot: --rebin-log or --rebin is refused
     * as for a cross spectrum (found: its saved bins were drawn unchanged, exit 0), naming the option, its value and
     * the product's rebinning; nothing is written.
     */
    @Test
    void aRebinnedPowerSpectrumIsNotRebinnedAgainSilently() throws IOException {
        Path evt = CliRun.copyData(dir, "monol_testA.evt");
        Path rebinned = dir.resolve("pds-rebinned.json");
        assertEquals(0, CliRun.run("pds", evt.toString(), "--dt", "1/128", "--segment", "64", "--rebin", "2x",
                "--quiet", "-o", rebinned.toString()).code());
        for (String[] option : new String[][] {{"--rebin-log", "0.1"}, {"--rebin", "4x"}}) {
            Path png = dir.resolve("again" + option[0] + ".png");
            CliRun.Result again = CliRun.run("plot", rebinned.toString(), "-o", png.toString(), option[0], option[1]);
            assertEquals(2, again.code(), again.err());
            assertTrue(again.err().contains(option[0].substring(2) + " = " + option[1])
                    && again.err().contains("a power spectrum saved without rebinning")
                    && again.err().contains("rebinned when computed: linear 2x"), again.err());
            assertFalse(Files.exists(png));
        }
        assertEquals(0, CliRun.run("plot", rebinned.toString()).code(), "drawn as saved without a rebinning asked");
    }

    /**
     * A cross spectrum saved without rebinning, re-plotted with --rebin-log F or --rebin, is drawn as the product of
     * cpds with that option: lags, coherence and errors recomputed from the rebinned cross and band powers (errata
     * H1), each band's unnormalised power recovered from its saved normalised power.
     */
    @Test
    void aSavedUnrebinnedCrossSpectrumReplotsAsTheRebinnedProduct() throws IOException {
        Path evt = CliRun.copyData(dir, "monol_testA.evt");
        String[] cpds = {"cpds", evt.toString(), "--energy1", "0:10", "--energy2", "10:100", "--dt", "1/128",
            "--segment", "64", "--norm", "frac", "--quiet", "-o"};
        Path saved = dir.resolve("saved.json");
        assertEquals(0, CliRun.run(concat(cpds, saved.toString())).code());
        for (String[] option : new String[][] {{"--rebin-log", "0.02"}, {"--rebin", "4x"}}) {
            Path direct = dir.resolve("direct" + option[0] + ".json");
            assertEquals(0, CliRun.run(concat(concat(cpds, direct.toString()), option)).code());
            Optional<Rebinning> asked = option[0].equals("--rebin-log") ? Optional.of(Rebinning.log(0.02))
                    : Optional.of(Rebinning.linear("4x"));
            List<XYChart> replot = panels(Plots.crossSpectrum(Plots.shownCrossSpectrum(JsonProductReader.read(saved),
                    asked)));
            List<XYChart> made = panels(Plots.crossSpectrum(JsonProductReader.read(direct)));
            assertEquals(2, made.size(), "lags and coherence");
            assertEquals(made.size(), replot.size());
            for (int k = 0; k < made.size(); k++) {
                XYChart m = made.get(k);
                XYChart r = replot.get(k);
                assertEquals(m.getSeriesMap().keySet(), r.getSeriesMap().keySet());
                for (String series : m.getSeriesMap().keySet()) {
                    String what = option[0] + " " + series;
                    assertClose(m.getSeriesMap().get(series).getXData(), r.getSeriesMap().get(series).getXData(),
                            what + " x");
                    assertClose(m.getSeriesMap().get(series).getYData(), r.getSeriesMap().get(series).getYData(),
                            what + " y");
                    assertClose(m.getSeriesMap().get(series).getExtraValues(),
                            r.getSeriesMap().get(series).getExtraValues(), what + " errors");
                }
            }
            assertTrue(made.get(1).getSeriesMap().get("raw coherence").getXData().length
                    < JsonProductReader.read(saved).array("freq").length / 3, "rebinned");
            Path png = dir.resolve("replot" + option[0] + ".png");
            assertEquals(0, CliRun.run(concat(new String[] {"plot", saved.toString(), "-o", png.toString()}, option))
                    .code());
        }
    }

    /**
     * Re-plotted and direct products differ by the rounding of undoing each band's normalisation (a few ulp of the
     * band powers, propagated through the coherence and lag errors).
     */
    private static final double REPLOT_RELATIVE_TOLERANCE = 1e-9;

    private static void assertClose(double[] expected, double[] actual, String what) {
        if (expected == null || actual == null) {
            assertEquals(expected == null, actual == null, what);
            return;
        }
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertTrue(Double.isNaN(actual[i]), what + " [" + i + "]");
            } else {
                assertEquals(expected[i], actual[i], REPLOT_RELATIVE_TOLERANCE * Math.abs(expected[i]) + 1e-300,
                        what + " [" + i + "]");
            }
        }
    }

    /** The panels of a figure, or the chart itself. */
    private static List<XYChart> panels(Chart<?, ?> chart) {
        return chart instanceof Panels figure ? figure.panels().stream().map(XYChart.class::cast).toList()
                : List.of((XYChart) chart);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double ink(BufferedImage img, int x0, int y0, int x1, int y1) {
        long dark = 0;
        for (int x = x0; x < x1; x++) {
            for (int y = y0; y < y1; y++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                dark += r + g + b < 600 ? 1 : 0;
            }
        }
        return dark / (double) ((long) (x1 - x0) * (y1 - y0));
    }
}
