package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.cli.Main;
import org.manta.core.io.Refs;
import org.manta.core.io.TestFits;

/**
 * The {@code manta} commands end to end on real event files: products equal Stingray's reference values
 * (the JSON written by the command is read back), and every bad input named in the foundation issue gives
 * exit code 2, one line naming the problem, and no output file.
 */
class CommandsEndToEndTest extends CommandRun {
    /** Through the whole command (FITS read, parallel pipeline, JSON written and read back) vs Stingray. */
    private static final double STINGRAY = 1e-9;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path monol;

    @BeforeEach
    void data() throws IOException {
        monol = copy("monol_testA.evt");
    }

    private JsonNode readJson(Path p) throws IOException {
        return JSON.readTree(p.toFile());
    }

    @Test
    void pdsEqualsStingrayForEveryNorm() throws IOException {
        for (String norm : new String[] {"leahy", "frac", "abs", "none"}) {
            Path o = dir.resolve("pds-" + norm + ".json");
            assertEquals(0, run("pds", monol.toString(), "--dt", "1/128", "--segment", "64", "--norm", norm,
                    "--quiet", "-o", o.toString()), err);
            JsonNode got = readJson(o);
            JsonNode ref = Refs.json("aps_monolA_dt1-128_seg64_" + norm + ".json");
            for (String key : new String[] {"m", "n", "df", "dt", "nphots", "mean"}) {
                assertEquals(ref.get(key).asDouble(), got.get(key).asDouble(), key + " (" + norm + ")");
            }
            assertEquals(norm, got.get("norm").asText());
            assertArrayClose(ref.get("freq"), got.get("freq"), 0);
            assertArrayClose(ref.get("power"), got.get("power"), STINGRAY);
            assertArrayClose(ref.get("power_err"), got.get("power_err"), STINGRAY);
            assertArrayClose(ref.get("unnorm_power"), got.get("unnorm_power"), STINGRAY);
            assertEquals(ref.get("gti").toString(), got.get("gti").toString());
            assertTrue(got.get("provenance").get("inputs").get(0).get("sha256").asText()
                    .equals(ref.get("input").get("sha256").asText()), "provenance carries the input's sha256");
        }
    }

    @Test
    void singlePeriodogramEqualsStingray() throws IOException {
        Path o = dir.resolve("ps.json");
        assertEquals(0, run("pds", monol.toString(), "--dt", "1", "--quiet", "-o", o.toString()), err);
        JsonNode ref = Refs.json("ps_single_monolA_dt1_leahy.json");
        JsonNode got = readJson(o);
        assertEquals(ref.get("n").asInt(), got.get("n").asInt());
        assertEquals(ref.get("df").asDouble(), got.get("df").asDouble());
        assertArrayClose(ref.get("power"), got.get("power"), STINGRAY);
    }

    @Test
    void cpdsOfTwoEnergyBandsEqualsStingray() throws IOException {
        Path o = dir.resolve("cpds.json");
        Path png = dir.resolve("lags.png");
        assertEquals(0, run("cpds", monol.toString(), "--energy1", "0:10", "--energy2", "10:100", "--dt", "1/128",
                "--segment", "64", "--norm", "frac", "--quiet", "-o", o.toString(), "--plot", png.toString()), err);
        JsonNode ref = Refs.json("acs_monolA_E0-10_vs_E10-100_dt1-128_seg64_frac.json");
        JsonNode got = readJson(o);
        for (String key : new String[] {"m", "n", "df", "nphots1", "nphots2"}) {
            assertEquals(ref.get(key).asDouble(), got.get(key).asDouble(), key);
        }
        assertArrayClose(ref.get("power").get("re"), got.get("power").get("re"), STINGRAY);
        assertArrayClose(ref.get("power").get("im"), got.get("power").get("im"), STINGRAY);
        assertArrayClose(ref.get("time_lag"), got.get("time_lag"), STINGRAY);
        assertArrayClose(ref.get("time_lag_err"), got.get("time_lag_err"), STINGRAY);
        assertArrayClose(ref.get("raw_coherence"), got.get("raw_coherence"), STINGRAY);
        assertArrayClose(ref.get("pds2_power"), got.get("pds2_power"), STINGRAY);
        assertTrue(Files.size(png) > 10_000, "lag plot written");
    }

    @Test
    void cpdsOnPiBandsOfAnRxteFileEqualsStingray() throws IOException {
        Path xte = copy("xte_gx_test.evt.gz");
        Path o = dir.resolve("x.json");
        assertEquals(0, run("cpds", xte.toString(), "--pi1", "0:8", "--pi2", "8:100000", "--dt", "1/64", "--segment", "8",
                "--norm", "frac", "--quiet", "-o", o.toString()), err);
        JsonNode ref = Refs.json("acs_xtegx_pi.json");
        JsonNode got = readJson(o);
        assertEquals(ref.get("m").asInt(), got.get("m").asInt());
        assertEquals(ref.get("dt").asDouble(), got.get("dt").asDouble());
        assertArrayClose(ref.get("power").get("re"), got.get("power").get("re"), STINGRAY);
        assertArrayClose(ref.get("phase_lag"), got.get("phase_lag"), STINGRAY);
    }

    @Test
    void dynpsAndLcEqualStingray() throws IOException {
        Path o = dir.resolve("dyn.json");
        assertEquals(0, run("dynps", monol.toString(), "--dt", "1/16", "--segment", "64", "--norm", "leahy", "--quiet",
                "-o", o.toString()), err);
        JsonNode ref = Refs.json("dynps_monolA_dt1-16_seg64_leahy.json");
        JsonNode got = readJson(o);
        assertArrayClose(ref.get("time"), got.get("time"), 0);
        assertEquals(ref.get("dyn_ps").size(), got.get("dyn_ps").size());
        for (int f = 0; f < ref.get("dyn_ps").size(); f++) {
            assertArrayClose(ref.get("dyn_ps").get(f), got.get("dyn_ps").get(f), STINGRAY);
        }

        Path lc = dir.resolve("lc.json");
        assertEquals(0, run("lc", monol.toString(), "--dt", "1", "--quiet", "-o", lc.toString()), err);
        JsonNode lcRef = Refs.json("lightcurve_monolA.json").get("to_lc_dt1");
        JsonNode lcGot = readJson(lc);
        assertArrayClose(lcRef.get("time"), lcGot.get("time"), 0);
        assertArrayClose(lcRef.get("counts"), lcGot.get("counts"), 0);
        assertArrayClose(lcRef.get("counts_err"), lcGot.get("counts_err"), 1e-14);
        assertEquals(lcRef.get("tstart").asDouble(), lcGot.get("tstart").asDouble());
        assertEquals(lcRef.get("tseg").asDouble(), lcGot.get("tseg").asDouble(), "Stingray's Lightcurve.tseg");
    }

    @Test
    void fitsAndCsvProductsHoldTheSameNumbers() throws Exception {
        Path json = dir.resolve("p.json");
        Path fits = dir.resolve("p.fits");
        Path csv = dir.resolve("p.csv");
        for (Path o : new Path[] {json, fits, csv}) {
            assertEquals(0, run("pds", monol.toString(), "--dt", "1/128", "--segment", "64", "--quiet", "-o",
                    o.toString()), err);
        }
        double[] power = toArray(readJson(json).get("power"));
        try (Fits f = new Fits(fits.toFile())) {
            BinaryTableHDU table = (BinaryTableHDU) f.getHDU("POWERSPECTRUM");
            double[] col = (double[]) table.getData().getColumn(table.findColumn("POWER"));
            assertEquals(power.length, col.length);
            for (int i = 0; i < power.length; i++) {
                assertEquals(power[i], col[i], 0.0);
            }
        }
        try (Stream<String> lines = Files.lines(csv)) {
            long rows = lines.filter(l -> !l.startsWith("#")).count();
            assertEquals(power.length + 1, rows, "header line + one row per frequency");
        }
    }

    @Test
    void infoSummarisesTheFile() {
        assertEquals(0, run("info", monol.toString()));
        assertTrue(out.contains("NUSTAR") || out.contains("NuSTAR"), out);
        assertTrue(out.contains("1000"), "number of events: " + out);
        assertTrue(out.contains("FPMA"), out);
        assertTrue(out.contains("55197"), "MJDREF: " + out);
    }

    /**
     * {@code manta info} of a light curve made by {@code manta lc} describes it (it was refused as "not an event list"):
     * its bins over the 1025 s GTI at 0.5 s, the counts of the band's events in them, the band it was selected in.
     */
    @Test
    void infoDescribesALightCurve() throws IOException {
        Path lc = dir.resolve("monol-lc.fits");
        assertEquals(0, run("lc", monol.toString(), "--dt", "0.5", "--energy", "3:79", "--quiet", "-o", lc.toString()),
                err);
        assertEquals(0, run("info", lc.toString()), err);
        assertTrue(out.contains("light curve:  'RATE' (HDU 1)"), out);
        assertTrue(out.contains("bins:         2050 of 0.500000000 s, centres from 80000000.250000 to 80001024.750000 s"),
                out);
        assertEquals(0, run("info", monol.toString()), err);
        assertTrue(out.contains("events:       1000"), out);
        assertEquals(0, run("pds", monol.toString(), "--dt", "0.5", "--segment", "1025", "--energy", "3:79", "--quiet",
                "-o", dir.resolve("counted.json").toString()), err);
        assertEquals(0, run("info", lc.toString()), err);
        java.util.regex.Matcher counts = java.util.regex.Pattern.compile("counts: +([0-9.]+) in its bins").matcher(out);
        assertTrue(counts.find(), out);
        // one segment over the whole GTI: its nphots is the number of events in the band
        double inBand = readJson(dir.resolve("counted.json")).get("nphots").asDouble();
        assertTrue(inBand > 0 && inBand < 1000, "some events of the band, not all: " + inBand);
        assertEquals(inBand, Double.parseDouble(counts.group(1)), 0.0, "the light curve's counts: " + out);
        assertTrue(out.contains("object:       Fake X-1"), out);
        assertTrue(out.contains("band:         3"), "the band it was selected in: " + out);
        // the same light curve written as JSON: the same bins, counts and context
        assertTrue(out.contains("errors:       ERROR column, Poisson"), out);
        String fits = out.substring(out.indexOf("bins:")).replace("ERROR column", "counts_err");
        Path json = dir.resolve("monol-lc.json");
        assertEquals(0, run("lc", monol.toString(), "--dt", "0.5", "--energy", "3:79", "--quiet", "-o", json.toString()),
                err);
        assertEquals(0, run("info", json.toString()), err);
        assertTrue(out.contains("light curve:  JSON"), out);
        assertEquals(fits, out.substring(out.indexOf("bins:")), "FITS and JSON described alike (the errors by the "
                + "name each format gives them)");
    }

    @Test
    void infoNamesCalibrationFrameTimeAndGtiExtension() throws IOException {
        assertEquals(0, run("info", monol.toString()));
        assertTrue(out.contains("calibration:  E = 0.04·PI + 1.62 keV (NuSTAR)"), out);
        assertTrue(out.contains("GTI extension: 'GTI' (HDU 2)"), out);
        assertTrue(out.contains("frame time:   not given in the header"), out);
        assertTrue(out.contains("TIMEDEL:      not given (any --dt is used as it is)"), out);

        Path chandra = copy("chandra_test.fits");
        assertEquals(0, run("info", chandra.toString()));
        assertTrue(out.contains("calibration:  ENERGY column"), out);
        assertTrue(out.contains("frame time:   0.441040000 s (TIMEDEL (ACIS frame time))"), out);
        assertTrue(out.contains("TIMEDEL:      0.441040000 s"), out);

        Path swift = dir.resolve("swift.evt");
        new TestFits().primary(TestFits.str("TELESCOP", "SWIFT"), TestFits.str("INSTRUME", "XRT"))
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").column("PI", "1J").row(1.0, 10).row(2.0, 20)
                        .card(TestFits.num("FRAMETIM", 2.5073)))
                .write(swift);
        assertEquals(0, run("info", swift.toString()));
        assertTrue(out.contains("calibration:  PI → energy calibration unknown for SWIFT: use --pi to select by PI channel"),
                out);
        assertTrue(out.contains("frame time:   2.50730000 s (FRAMETIM)"), out);
        assertTrue(out.contains("GTI extension: none"), out);
    }

    @Test
    void aPiBandIsAcceptedOnAFileWithPiAndEnergy() throws IOException {
        Path chandra = copy("chandra_test.fits");
        Path o = dir.resolve("chandra-pi.json");
        assertEquals(0, run("pds", chandra.toString(), "--pi", "100:300", "--dt", "1", "--segment", "100", "--quiet",
                "-o", o.toString()), err);
        Path all = dir.resolve("chandra-all.json");
        assertEquals(0, run("pds", chandra.toString(), "--dt", "1", "--segment", "100", "--quiet", "-o", all.toString()),
                err);
        double selected = readJson(o).get("nphots").asDouble();
        assertTrue(selected > 0 && selected < readJson(all).get("nphots").asDouble(), selected + " photons in the band");
    }

    // ---- bad input: exit 2, one line naming the problem, no output file --------------------------------------

    private void assertRejected(String[] args, String... fragments) {
        Path o = dir.resolve("out.json");
        String[] withOutput = Stream.concat(Stream.of(args), Stream.of("--quiet", "-o", o.toString()))
                .toArray(String[]::new);
        assertEquals(Main.EXIT_USAGE, run(withOutput), String.join(" ", args) + " -> " + err);
        assertTrue(err.startsWith("manta: "), err);
        assertEquals(1, err.strip().lines().count(), "one line on stderr:\n" + err);
        for (String f : fragments) {
            assertTrue(err.toLowerCase().contains(f.toLowerCase()), "stderr should mention '" + f + "': " + err);
        }
        assertFalse(Files.exists(o), "no output file after a failure");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("out.json")), "no partial file");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badFilesAreRejectedWithAClearMessage() throws IOException {
        assertRejected(new String[] {"pds", dir.resolve("nope.evt").toString(), "--dt", "1", "--segment", "64"},
                "nope.evt", "no such file");
        Path text = Files.writeString(dir.resolve("notes.txt"), "these are not events\n");
        assertRejected(new String[] {"pds", text.toString(), "--dt", "1", "--segment", "64"}, "notes.txt", "FITS");

        Path noTable = dir.resolve("primary-only.fits");
        new TestFits().primary(TestFits.str("TELESCOP", "NUSTAR")).write(noTable);
        assertRejected(new String[] {"pds", noTable.toString(), "--dt", "1", "--segment", "64"}, "primary-only.fits",
                "events");

        Path noTime = dir.resolve("no-time.fits");
        new TestFits().primary().table(new TestFits.Table("EVENTS").column("PI", "1J").row(1).row(2)).write(noTime);
        assertRejected(new String[] {"pds", noTime.toString(), "--dt", "1", "--segment", "64"}, "no-time.fits", "TIME");

        Path unsorted = dir.resolve("unsorted.fits");
        new TestFits().primary()
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").row(1.0).row(5.0).row(3.0).row(7.0))
                .table(new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D").row(0.0, 10.0))
                .write(unsorted);
        assertRejected(new String[] {"pds", unsorted.toString(), "--dt", "0.5", "--segment", "2"}, "unsorted.fits",
                "not sorted");

        Path emptyGti = dir.resolve("empty-gti.fits");
        new TestFits().primary()
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").row(1.0).row(2.0))
                .table(new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D"))
                .write(emptyGti);
        assertRejected(new String[] {"pds", emptyGti.toString(), "--dt", "0.5", "--segment", "1"}, "empty-gti.fits",
                "GTI");
    }

    @Test
    void badParametersAreRejectedWithAClearMessage() {
        String f = monol.toString();
        assertRejected(new String[] {"pds", f, "--dt", "0", "--segment", "64"}, "dt", "0");
        assertRejected(new String[] {"pds", f, "--dt", "-1/128", "--segment", "64"}, "dt", "positive");
        assertRejected(new String[] {"pds", f, "--dt", "1", "--segment", "0.5"}, "segment", "0.5", "2 bins");
        assertRejected(new String[] {"pds", f, "--dt", "1", "--segment", "5000"}, "5000", "GTI");
        assertRejected(new String[] {"pds", f, "--dt", "1/128", "--segment", "64", "--energy", "200:300"},
                "no events", "200");
        assertRejected(new String[] {"pds", f, "--dt", "1/128", "--segment", "64", "--norm", "rmsq"}, "rmsq",
                "leahy, frac (or rms), abs, none");
        assertRejected(new String[] {"cpds", f, "--energy1", "0:10", "--energy2", "300:400", "--dt", "1/128",
            "--segment", "64"}, "no events", "300");
    }

    private static double[] toArray(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Refs.number(a.get(i));
        }
        return v;
    }

    /** Element-wise relative error (floored at 1e-6 of the largest magnitude: lags cross zero); NaNs must match. */
    private static void assertArrayClose(JsonNode expected, JsonNode actual, double rtol) {
        double[] e = toArray(expected);
        double[] a = toArray(actual);
        assertEquals(e.length, a.length, "length");
        double scale = 0;
        for (double v : e) {
            scale = Double.isFinite(v) ? Math.max(scale, Math.abs(v)) : scale;
        }
        for (int i = 0; i < e.length; i++) {
            if (!Double.isFinite(e[i])) {
                assertEquals(e[i], a[i], "[" + i + "]");
                continue;
            }
            double err = Math.abs(a[i] - e[i]) / Math.max(Math.abs(e[i]), 1e-6 * scale);
            if (rtol == 0) {
                assertEquals(e[i], a[i], 0.0, "[" + i + "]");
            } else {
                assertTrue(err <= rtol, "[" + i + "]: expected " + e[i] + ", got " + a[i] + " (" + err + ")");
            }
        }
    }
}
