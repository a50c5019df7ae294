package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.cli.plot.Plots;
import org.manta.core.io.Refs;

/**
 * pds/cpds with --rebin/--rebin-log against Stingray's rebinned references (through the whole command: FITS
 * read, pipeline, rebin, JSON written and read back); several input files averaged; --gti, --tstart/--tstop and
 * --min-gti (the GTIs used and m).
 */
class RebinAndTimeFilterTest {
    /** Whole command against Stingray, as CommandsEndToEndTest. */
    private static final double STINGRAY = 1e-9;
    /** Sums of the same numbers in another order (merged accumulators). */
    private static final double REORDERED = 1e-12;
    private static final double T0 = 80000000.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path monol;
    private String err;

    @BeforeEach
    void data() throws IOException {
        monol = CliRun.copyData(dir, "monol_testA.evt");
    }

    private JsonNode run(String name, String... args) throws IOException {
        Path o = dir.resolve(name + ".json");
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--quiet";
        all[args.length + 1] = "-o";
        all[args.length + 2] = o.toString();
        CliRun.Result r = CliRun.run(all);
        err = r.err();
        assertEquals(0, r.code(), err);
        return JSON.readTree(o.toFile());
    }

    @Test
    void pdsRebinLogEqualsStingray() throws IOException {
        JsonNode got = run("pds", "pds", monol.toString(), "--dt", "1/128", "--segment", "64", "--rebin-log", "0.1");
        JsonNode ref = Refs.json("aps_monolA_dt1-128_seg64_leahy.json").get("rebin_log_f0.1");
        assertClose(ref.get("freq"), got.get("freq"), STINGRAY);
        assertClose(ref.get("power"), got.get("power"), STINGRAY);
        assertClose(ref.get("power_err"), got.get("power_err"), STINGRAY);
        assertClose(ref.get("m"), got.get("m"), 0);
        assertEquals("log f=0.1", got.get("rebin").asText());
    }

    @Test
    void pdsLinearRebinEqualsStingrayAsResolutionAndAsFactor() throws IOException {
        JsonNode ref = Refs.json("aps_monolA_dt1-128_seg64_leahy.json").get("rebin_df0.5");
        for (String how : new String[] {"0.5", "32x"}) {   // df = 1/64 Hz: 32x is 0.5 Hz
            JsonNode got = run("pds" + how, "pds", monol.toString(), "--dt", "1/128", "--segment", "64", "--rebin", how);
            assertClose(ref.get("freq"), got.get("freq"), STINGRAY);
            assertClose(ref.get("power"), got.get("power"), STINGRAY);
            assertClose(ref.get("power_err"), got.get("power_err"), STINGRAY);
            assertEquals(ref.get("m").asDouble(), got.get("m").asDouble(), "m = step·m = 32·16");
            assertEquals(ref.get("df").asDouble(), got.get("df").asDouble());
        }
    }

    @Test
    void cpdsRebinLogWithRmsNormEqualsStingrayLagsAndCoherence() throws IOException {
        JsonNode got = run("cpds", "cpds", monol.toString(), "--energy1", "0:10", "--energy2", "10:100", "--dt", "1/128",
                "--segment", "64", "--norm", "rms", "--rebin-log", "0.3");
        JsonNode ref = Refs.json("acs_monolA_E0-10_vs_E10-100_dt1-128_seg64_frac.json").get("rebin_log_f0.3");
        assertEquals("frac", got.get("norm").asText(), "rms is frac");
        assertClose(ref.get("freq"), got.get("freq"), STINGRAY);
        assertClose(ref.get("power").get("re"), got.get("power").get("re"), STINGRAY);
        assertClose(ref.get("power").get("im"), got.get("power").get("im"), STINGRAY);
        assertClose(ref.get("m"), got.get("m"), 0);
        assertClose(ref.get("time_lag"), got.get("time_lag"), STINGRAY);
        assertClose(ref.get("time_lag_err"), got.get("time_lag_err"), STINGRAY);
        assertClose(ref.get("raw_coherence"), got.get("raw_coherence"), STINGRAY);
        assertClose(ref.get("raw_coherence_err"), got.get("raw_coherence_err"), STINGRAY);
    }

    @Test
    void cpdsRebinLogOnPiBandsOfAnRxteFileEqualsStingray() throws IOException {
        Path xte = CliRun.copyData(dir, "xte_gx_test.evt.gz");
        JsonNode got = run("xte", "cpds", xte.toString(), "--pi1", "0:8", "--pi2", "8:100000", "--dt", "1/64",
                "--segment", "8", "--norm", "frac", "--rebin-log", "0.3");
        JsonNode ref = Refs.json("acs_xtegx_pi.json").get("rebin_log_f0.3");
        assertClose(ref.get("freq"), got.get("freq"), STINGRAY);
        assertClose(ref.get("m"), got.get("m"), 0);
        assertClose(ref.get("time_lag"), got.get("time_lag"), STINGRAY);
        assertClose(ref.get("time_lag_err"), got.get("time_lag_err"), STINGRAY);
    }

    @Test
    void twoFilesAverageAsTheirMergedSegments() throws IOException {
        Path other = CliRun.copyData(dir, "monol_testA_calib.evt");
        JsonNode a = run("a", "pds", monol.toString(), "--dt", "1/128", "--segment", "64", "--norm", "none");
        JsonNode b = run("b", "pds", other.toString(), "--dt", "1/128", "--segment", "64", "--norm", "none");
        JsonNode ab = run("ab", "pds", monol.toString(), other.toString(), "--dt", "1/128", "--segment", "64",
                "--norm", "none");
        double ma = a.get("m").asDouble();
        double mb = b.get("m").asDouble();
        assertEquals(ma + mb, ab.get("m").asDouble(), "m: all segments of both files");
        assertEquals((ma * a.get("nphots").asDouble() + mb * b.get("nphots").asDouble()) / (ma + mb),
                ab.get("nphots").asDouble(), REORDERED * ab.get("nphots").asDouble(), "mean photons per segment");
        double[] pa = doubles(a.get("power"));
        double[] pb = doubles(b.get("power"));
        double[] pab = doubles(ab.get("power"));
        for (int j = 0; j < pab.length; j++) {
            double expected = (ma * pa[j] + mb * pb[j]) / (ma + mb);
            assertEquals(expected, pab[j], REORDERED * Math.abs(expected), "unnormalised power [" + j + "]");
        }
        assertEquals(2, ab.get("provenance").get("inputs").size());
        // the same file twice: the same spectrum from twice the segments, errors smaller by √2
        JsonNode aa = run("aa", "pds", monol.toString(), monol.toString(), "--dt", "1/128", "--segment", "64");
        JsonNode leahy = run("leahy", "pds", monol.toString(), "--dt", "1/128", "--segment", "64");
        assertEquals(2 * leahy.get("m").asDouble(), aa.get("m").asDouble());
        assertClose(leahy.get("power"), aa.get("power"), REORDERED);
        double[] e1 = doubles(leahy.get("power_err"));
        double[] e2 = doubles(aa.get("power_err"));
        for (int j = 0; j < e1.length; j++) {
            assertEquals(e1[j] / Math.sqrt(2), e2[j], REORDERED * e1[j], "power_err [" + j + "]");
        }
    }

    @Test
    void observationsOfTwoMissionsCarryBothAndTheFirstTimeReference() throws IOException {
        Path xte = CliRun.copyData(dir, "xte_test.evt.gz");
        JsonNode ab = run("two-missions", "pds", monol.toString(), xte.toString(), "--dt", "1/8", "--segment", "64");
        assertEquals("NuSTAR,XTE", ab.get("telescope").asText(), "both telescopes, the first's first");
        assertEquals("FPMA,PCA", ab.get("instrument").asText());
        assertEquals("Fake X-1,4U_1636-53", ab.get("object").asText());
        assertEquals("TDB", ab.get("timesys").asText(), "monol_testA's, not xte_test's TT");
        assertEquals(55197.00076601852, ab.get("mjdref").asDouble(), 1e-11, "monol_testA's MJDREF");
        assertTrue(err.contains("manta: warning: the observations averaged differ in telescope and time reference ("
                + monol + ": NuSTAR/FPMA, MJD 55197.000766019 TDB; " + xte + ": XTE/PCA, MJD 49353.000696574 TT): "), err);
        JsonNode ba = run("two-missions-reversed", "pds", xte.toString(), monol.toString(), "--dt", "1/8", "--segment",
                "64");
        assertEquals("XTE,NuSTAR", ba.get("telescope").asText());
        assertEquals("TT", ba.get("timesys").asText());
        assertEquals(49353.000696574074, ba.get("mjdref").asDouble(), 1e-11);
    }

    @Test
    void cpdsPairsAverageAsTheirMergedSegments() throws IOException {
        Path other = CliRun.copyData(dir, "monol_testA_calib.evt");
        String[] bands = {"--energy1", "3:10", "--energy2", "10:79", "--dt", "1/128", "--segment", "64", "--norm", "none"};
        JsonNode a = run("ca", concat(new String[] {"cpds", monol.toString()}, bands));
        JsonNode b = run("cb", concat(new String[] {"cpds", other.toString()}, bands));
        JsonNode ab = run("cab", concat(new String[] {"cpds", monol.toString(), monol.toString(), other.toString(),
            other.toString()}, bands));
        double ma = a.get("m").asDouble();
        double mb = b.get("m").asDouble();
        assertEquals(ma + mb, ab.get("m").asDouble(), "m: all segments of both observations");
        for (String n : new String[] {"nphots1", "nphots2"}) {
            double expected = (ma * a.get(n).asDouble() + mb * b.get(n).asDouble()) / (ma + mb);
            assertEquals(expected, ab.get(n).asDouble(), REORDERED * expected, n + ": mean photons per segment");
        }
        for (String part : new String[] {"re", "im"}) {
            double[] ca = doubles(a.get("unnorm_power").get(part));
            double[] cb = doubles(b.get("unnorm_power").get(part));
            double[] cab = doubles(ab.get("unnorm_power").get(part));
            double scale = 0;
            for (double v : cab) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int j = 0; j < cab.length; j++) {
                double expected = (ma * ca[j] + mb * cb[j]) / (ma + mb);
                assertEquals(expected, cab[j], REORDERED * scale, "unnormalised cross power " + part + " [" + j + "]");
            }
        }
        assertEquals(2, ab.get("provenance").get("inputs").size(), "each file once in the provenance");

        // two files per observation: the same pair twice is the same spectrum from twice the segments
        String[] twoFiles = {"--dt", "1/128", "--segment", "64", "--energy", "3:79"};
        JsonNode pair = run("pair", concat(new String[] {"cpds", monol.toString(), other.toString()}, twoFiles));
        JsonNode pairs = run("pairs", concat(new String[] {"cpds", monol.toString(), other.toString(), monol.toString(),
            other.toString(), "--plot", dir.resolve("pairs.png").toString(), "--freq-power"}, twoFiles));
        assertEquals(2 * pair.get("m").asDouble(), pairs.get("m").asDouble());
        assertClose(pair.get("power").get("re"), pairs.get("power").get("re"), REORDERED);
        assertClose(pair.get("time_lag"), pairs.get("time_lag"), REORDERED);
        double[] e1 = doubles(pair.get("power_err").get("re"));
        double[] e2 = doubles(pairs.get("power_err").get("re"));
        for (int j = 0; j < e1.length; j++) {
            assertEquals(e1[j] / Math.sqrt(2), e2[j], REORDERED * e1[j], "power_err [" + j + "]");
        }
        BufferedImage figure = ImageIO.read(dir.resolve("pairs.png").toFile());
        assertEquals(2 * Plots.HEIGHT + Plots.COHERENCE_PANEL_HEIGHT, figure.getHeight(),
                "--freq-power: the cospectrum panel above the lags, the coherence panel below them");

        CliRun.Result odd = CliRun.run(concat(new String[] {"cpds", monol.toString(), other.toString(), monol.toString()},
                twoFiles));
        assertEquals(2, odd.code());
        assertTrue(odd.err().contains("3 files") && odd.err().contains("pairs SUBJECT REFERENCE"), odd.err());
        CliRun.Result self = CliRun.run("cpds", monol.toString(), monol.toString(), "--dt", "1/128", "--segment", "64");
        assertEquals(2, self.code());
        assertTrue(self.err().contains("paired with itself"), self.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void userGtiTextFileIsIntersectedWithTheFiles() throws IOException {
        Path gti = dir.resolve("user.gti");
        Files.writeString(gti, "# start stop (MET)\n" + (T0 - 50) + " " + (T0 + 300) + "\n"
                + (T0 + 500) + ", " + (T0 + 2000) + "\n");
        JsonNode got = run("gti", "pds", monol.toString(), "--dt", "1/128", "--segment", "64", "--gti", gti.toString());
        assertGti(got, new double[][] {{T0, T0 + 300}, {T0 + 500, T0 + 1025}});
        // floor(300/64) + floor(525/64) segments
        assertEquals(4 + 8, got.get("m").asInt());
    }

    @Test
    void tstartTstopAndMinGti() throws IOException {
        JsonNode range = run("range", "pds", monol.toString(), "--dt", "1/128", "--segment", "64",
                "--tstart", String.valueOf(T0 + 100), "--tstop", String.valueOf(T0 + 400));
        assertGti(range, new double[][] {{T0 + 100, T0 + 400}});
        assertEquals(4, range.get("m").asInt(), "floor(300/64)");
        Path gti = dir.resolve("two.gti");
        Files.writeString(gti, (T0 + 10) + " " + (T0 + 100) + "\n" + (T0 + 200) + " " + (T0 + 1000) + "\n");
        JsonNode kept = run("min", "pds", monol.toString(), "--dt", "1/128", "--segment", "16", "--gti", gti.toString(),
                "--min-gti", "128");
        assertGti(kept, new double[][] {{T0 + 200, T0 + 1000}});
        assertEquals(50, kept.get("m").asInt(), "800/16 segments; the 90 s GTI is left out");
        CliRun.Result none = CliRun.run("pds", monol.toString(), "--dt", "1/128", "--segment", "64",
                "--tstart", String.valueOf(T0 + 5000), "--quiet");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("(--tstart 80005000) of its GTIs [80000000, 80001025] s"), none.err());
    }

    @Test
    void lightCurveSpansTheFilteredTime() throws IOException {
        JsonNode lc = run("lc", "lc", monol.toString(), "--dt", "1", "--tstart", String.valueOf(T0 + 100), "--tstop",
                String.valueOf(T0 + 400));
        assertGti(lc, new double[][] {{T0 + 100, T0 + 400}});
        double[] t = doubles(lc.get("time"));
        assertEquals(300, t.length);
        assertEquals(T0 + 100.5, t[0], 0.0);
        assertEquals(T0 + 399.5, t[t.length - 1], 0.0);
        JsonNode all = run("lcall", "lc", monol.toString(), "--dt", "1");
        double[] c = doubles(lc.get("counts"));
        double[] cAll = doubles(all.get("counts"));
        for (int i = 0; i < c.length; i++) {
            assertEquals(cAll[i + 100], c[i], 0.0, "the same events in bin " + i);
        }
    }

    private static void assertGti(JsonNode product, double[][] expected) {
        JsonNode g = product.get("gti");
        assertEquals(expected.length, g.size(), g.toString());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], g.get(i).get(0).asDouble(), 1e-6, "gti start " + i);
            assertEquals(expected[i][1], g.get(i).get(1).asDouble(), 1e-6, "gti stop " + i);
        }
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = a.get(i);
            out[i] = x.isTextual() ? Double.parseDouble(x.asText()) : x.asDouble();
        }
        return out;
    }

    private static void assertClose(JsonNode expected, JsonNode actual, double rtol) {
        double[] e = doubles(expected);
        double[] a = doubles(actual);
        assertEquals(e.length, a.length, "length");
        for (int i = 0; i < e.length; i++) {
            if (!Double.isFinite(e[i])) {
                assertEquals(e[i], a[i], "[" + i + "]");
                continue;
            }
            assertEquals(e[i], a[i], rtol * Math.max(Math.abs(e[i]), 1e-300), "[" + i + "]");
        }
    }
}
