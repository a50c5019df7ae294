package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.cli.Main;
import org.manta.core.events.EventList;
import org.manta.core.events.Mjdref;
import org.manta.core.events.ObservationInfo;
import org.manta.core.events.Timing;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileWriter;
import org.manta.core.io.LightCurveFiles;

/**
 * What a user sees of issue 13's complaints, through {@link Main#run}: the warning lines on stderr for every
 * value changed or assumed, {@code --strict} turning them into exit 2 with no file left, light curves refused
 * as events, outputs refused before the work (existing, unwritable), the observation's context in the JSON
 * and FITS products (read back with nom-tam-fits), the OGIP light curve, CSV that numpy's loaders read, and
 * the provenance SHA-256 against one computed here.
 */
class WhatUsersSeeTest extends CommandRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** monol_testA.evt's MJDREFI and MJDREFF, days: one double (55197.00076601852) is ~0.3 µs off their sum. */
    private static final long MONOL_MJDREFI = 55197;
    private static final double MONOL_MJDREFF = 7.6601852e-4;
    /** Chandra ACIS's TIMEDEL in chandra_test.fits, s. */
    private static final double CHANDRA_TIMEDEL = 0.44104;

    private Path monol;
    private Path chandra;

    @BeforeEach
    void data() throws IOException {
        monol = copy("monol_testA.evt");
        chandra = copy("chandra_test.fits");
    }

    private List<String> warnings() {
        return err.lines().filter(l -> l.startsWith("manta: warning: ")).toList();
    }

    @Test
    void dtAndSegmentMovedToTimedelAreWarnedAndRefusedUnderStrict() throws IOException {
        Path o = dir.resolve("pds.json");
        assertEquals(0, run("pds", chandra.toString(), "--dt", "0.1", "--segment", "100", "--quiet", "-o", o.toString()), err);
        double used = Timing.compatibleDt(0.1, CHANDRA_TIMEDEL);
        JsonNode got = JSON.readTree(o.toFile());
        assertEquals(used, got.get("dt").asDouble(), "the product's dt is the one warned about");
        List<String> w = warnings();
        assertEquals(2, w.size(), err);
        assertEquals("manta: warning: " + chandra + ": the input event list has a time resolution of 0.44104 s (TIMEDEL);"
                + " using a multiple of that as dt (0.44104 s instead of 0.1 s; Nyquist frequency 1.13368 Hz instead of"
                + " 5 Hz)", w.get(0));
        int nbin = (int) Math.floor(100 / used);
        assertEquals(nbin * used, got.get("segment_size").asDouble(), 1e-12);
        assertEquals("manta: warning: segment size fixed to a whole number of bins: 99.675 s (" + nbin
                + " bins of dt = 0.44104 s) instead of 100 s", w.get(1));

        Path strict = dir.resolve("strict.json");
        assertEquals(Main.EXIT_USAGE, run("pds", chandra.toString(), "--dt", "0.1", "--segment", "100", "--strict",
                "--quiet", "-o", strict.toString()));
        assertTrue(err.startsWith("manta: " + chandra + ": the input event list has a time resolution of 0.44104 s"), err);
        assertTrue(err.strip().endsWith("(an error under --strict)"), err);
        assertFalse(Files.exists(strict), "no product under --strict");

        assertEquals(0, run("pds", chandra.toString(), "--dt", "0.88208", "--segment", "88.208", "--quiet"), err);
        assertEquals(List.of(), warnings(), "nothing to say when dt and the segment fit TIMEDEL");
    }

    @Test
    void gtisFromTheEventsAndAPeriodogramOverGapsAreWarned() throws IOException {
        Path calib = copy("monol_testA_calib.evt");
        assertEquals(0, run("info", calib.toString()), err);
        assertTrue(out.contains("(no GTI extension: first to last event)"), out);
        assertEquals(0, run("lc", calib.toString(), "--dt", "1", "--quiet"), err);
        assertEquals(1, warnings().size(), err);
        assertTrue(warnings().get(0).startsWith("manta: warning: " + calib + " has no GTI extension: taking the good time"
                + " from the first and last event, [80000000.2"), err);

        Path gapped = dir.resolve("gapped.evt");
        double[] times = new double[400];
        for (int i = 0; i < times.length; i++) {
            times[i] = i < 200 ? i * 0.5 : 150 + (i - 200) * 0.5;
        }
        GtiList gti = GtiList.of(new double[] {0, 150}, new double[] {100, 250});
        EventFileWriter.write(new EventList(times, new double[0], new int[0], gti, ObservationInfo.simulated(0, 250)),
                gapped);
        assertEquals(0, run("pds", gapped.toString(), "--dt", "1", "--quiet"), err);
        assertEquals(List.of("manta: warning: " + gapped + ": one periodogram of the whole span (250 s) over 2 GTIs: the"
                + " gaps between them (1 gap, 50 s) are zeros in the light curve; give --segment to average segments"
                + " inside the GTIs"), warnings());
        assertEquals(Main.EXIT_USAGE, run("pds", gapped.toString(), "--dt", "1", "--quiet", "--strict"));
        assertEquals(0, run("pds", gapped.toString(), "--dt", "1", "--segment", "50", "--quiet", "--strict"), err);
    }

    @Test
    void overlappingBandsAreWarnedAndRefusedUnderStrict() {
        assertEquals(0, run("cpds", monol.toString(), "--energy1", "3:10", "--energy2", "5:12", "--dt", "1",
                "--segment", "16", "--quiet"), err);
        assertEquals(List.of("manta: warning: --energy1 3.0:10.0 and --energy2 5.0:12.0 overlap (5.0:10.0 keV): the"
                + " events there are in both channels, so their noise is correlated (Stingray allows it as"
                + " channels_overlap)"), warnings());
        assertEquals(Main.EXIT_USAGE, run("cpds", monol.toString(), "--energy1", "3:10", "--energy2", "5:12", "--dt",
                "1", "--segment", "16", "--quiet", "--strict"));
        assertEquals(0, run("cpds", monol.toString(), "--energy1", "3:10", "--energy2", "10:12", "--dt", "1",
                "--segment", "16", "--quiet", "--strict"), err);
        assertEquals(List.of(), warnings(), "adjacent bands do not overlap");
    }

    @Test
    void aLightCurveIsRefusedAsEvents() throws IOException {
        Path lc = dir.resolve("lc.fits");
        assertEquals(0, run("lc", monol.toString(), "--dt", "1", "--quiet", "-o", lc.toString()), err);
        for (String[] command : new String[][] {{"pds", "--segment", "16"}, {"lc"}, {"dynps", "--segment", "16"}}) {
            String[] args = concat(new String[] {command[0], lc.toString(), "--dt", "1", "--quiet"},
                    List.of(command).subList(1, command.length).toArray(String[]::new));
            assertEquals(Main.EXIT_USAGE, run(args), command[0]);
            assertEquals("manta: " + lc + ": is a binned light curve (HDU 'RATE' (HDU 1) has TIME and COUNTS columns,"
                    + " no EVENTS extension), not an event list: give the event file it was made from (lomb, multitaper,"
                    + " bispectrum and bicoherence also read a light curve, FITS or JSON, e.g. from manta lc FILE --dt"
                    + " DT -o lc.fits)", err.strip());
        }
    }

    @Test
    void outputsAreCheckedBeforeTheWorkAndNotOverwrittenUnlessAsked() throws IOException {
        Path o = dir.resolve("pds.json");
        Files.writeString(o, "precious");
        assertEquals(Main.EXIT_USAGE, run("pds", monol.toString(), "--dt", "1", "--segment", "16", "-o", o.toString()));
        assertEquals("manta: output = " + o + ": expected a new file (it exists; give --overwrite to replace it)",
                err.strip());
        assertEquals("precious", Files.readString(o));

        Path png = dir.resolve("pds.png");
        Files.writeString(png, "old plot");
        Path fresh = dir.resolve("fresh.json");
        assertEquals(Main.EXIT_USAGE, run("pds", monol.toString(), "--dt", "1", "--segment", "16", "-o",
                fresh.toString(), "--plot", png.toString()));
        assertTrue(err.startsWith("manta: plot = " + png + ": expected a new file"), err);
        assertFalse(Files.exists(fresh), "checked before the work: no product either");

        assertEquals(0, run("pds", monol.toString(), "--dt", "1", "--segment", "16", "--quiet", "-o", o.toString(),
                "--plot", png.toString(), "--overwrite"), err);
        assertEquals("powerspectrum", JSON.readTree(o.toFile()).get("product").asText());
        assertTrue(Files.size(png) > 1000, "the plot was replaced too");

        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        Path inside = notADir.resolve("pds.json");
        assertEquals(Main.EXIT_USAGE, run("pds", monol.toString(), "--dt", "1", "--segment", "16", "-o",
                inside.toString()));
        assertEquals("manta: output = " + inside + ": expected a file in a directory (" + notADir
                + " is not a directory)", err.strip());
        assertTrue(out.isEmpty() && !err.contains("segments"), "refused before any work: " + err);

        assertTrue(Stream.of("pds", "lc", "dynps", "cpds").allMatch(c -> {
            run(c, "--help");
            return out.contains("--overwrite") && out.contains("--strict");
        }), "every analysis command offers --overwrite and --strict");
    }

    @Test
    void theDemoRefusesToReplaceAnEarlierDemoUnlessAsked() throws IOException {
        Path demo = dir.resolve("demo");
        Files.createDirectories(demo);
        Files.writeString(demo.resolve("pds.json"), "earlier");
        assertEquals(Main.EXIT_USAGE, run("demo", "--dir", demo.toString(), "--quiet"));
        assertEquals("manta: dir = " + demo + ": expected a folder without an earlier demo's files (it holds pds.json; "
                + "give --overwrite to replace them, or another --dir)", err.strip());
        assertEquals("earlier", Files.readString(demo.resolve("pds.json")));
        assertFalse(Files.exists(demo.resolve("events.evt")), "refused before anything was simulated or written");
        assertEquals(0, run("demo", "--help"));
        assertTrue(out.contains("--overwrite"), out);
        assertEquals(Main.EXIT_USAGE, run("demo", "--seed", "abc", "--dir", demo.toString()));
        assertEquals("manta: Invalid value for option '--seed': 'abc': expected an integer (see 'manta demo --help')",
                err.strip());
    }

    @Test
    void theHelpTellsTheTruth() {
        assertEquals(0, run("lc", "--help"));
        assertFalse(out.contains("left out"), out);
        assertTrue(out.contains("including the bins outside the GTIs"), out);
        assertEquals(0, run("dynps", "--help"));
        assertTrue(out.contains("--segment is required"), out);
        assertFalse(out.contains("omit for a single periodogram"), out);
        assertEquals(Main.EXIT_USAGE, run("dynps", monol.toString(), "--dt", "1"));
    }

    @Test
    void productsCarryTheObservationsContext() throws Exception {
        Path json = dir.resolve("pds.json");
        Path fits = dir.resolve("pds.fits");
        String[] common = {"pds", monol.toString(), "--dt", "1/128", "--segment", "64", "--norm", "frac",
            "--energy", "3:10", "--quiet"};
        assertEquals(0, run(concat(common, "-o", json.toString())), err);
        assertEquals(0, run(concat(common, "-o", fits.toString())), err);
        JsonNode j = JSON.readTree(json.toFile());
        assertEquals("NuSTAR", j.get("telescope").asText());
        assertEquals("FPMA", j.get("instrument").asText());
        assertEquals("TDB", j.get("timesys").asText());
        assertEquals(55197.00076601852, j.get("mjdref").asDouble(), 1e-11);
        assertTrue(j.get("mjdrefi").isIntegralNumber(), "mjdrefi: " + j.get("mjdrefi"));
        assertEquals(MONOL_MJDREFI, j.get("mjdrefi").asLong(), "the header's MJDREFI");
        assertEquals(MONOL_MJDREFF, j.get("mjdreff").asDouble(), 0.0, "the header's MJDREFF exactly");
        assertEquals(3.0, j.get("e_min").asDouble());
        assertEquals(10.0, j.get("e_max").asDouble());
        assertTrue(j.has("object"));
        try (Fits f = new Fits(fits.toFile())) {
            Header primary = f.getHDU(0).getHeader();
            assertEquals("NuSTAR", primary.getStringValue("TELESCOP"));
            assertEquals("FPMA", primary.getStringValue("INSTRUME"));
            assertEquals(j.get("object").asText(), primary.getStringValue("OBJECT").trim());
            assertEquals("TDB", primary.getStringValue("TIMESYS"));
            assertEquals(j.get("mjdref").asDouble(), primary.getDoubleValue("MJDREF"));
            assertEquals(MONOL_MJDREFI, primary.getLongValue("MJDREFI"));
            assertEquals(MONOL_MJDREFF, primary.getDoubleValue("MJDREFF"), 0.0);
            assertEquals("[d] mjdreff", primary.findCard("MJDREFF").getComment(), "the unit, then the field's name");
            assertEquals(3.0, primary.getDoubleValue("E_MIN"));
            assertEquals(64.0, primary.getDoubleValue("SEGSIZE"));
            assertFalse(primary.containsKey("HIERARCH.SEGMENT_SIZE"), "no HIERARCH segment size");
            BinaryTableHDU table = (BinaryTableHDU) f.getHDU(1);
            int power = table.findColumn("POWER");
            assertEquals("Hz-1", table.getHeader().getStringValue("TUNIT" + (power + 1)),
                    "(rms/mean)^2/Hz as a FITS unit");
            assertEquals("(rms/mean)^2/Hz: fractional rms normalisation",
                    table.getHeader().findCard("TUNIT" + (power + 1)).getComment());
            assertEquals("Hz", table.getHeader().getStringValue("TUNIT" + (table.findColumn("FREQ") + 1)));
            assertEquals(64.0, table.getHeader().getDoubleValue("SEGSIZE"));
        }
    }

    @Test
    void theLightCurveIsAnOgipLightCurve() throws Exception {
        Path fits = dir.resolve("lc.fits");
        Path json = dir.resolve("lc.json");
        assertEquals(0, run("lc", monol.toString(), "--dt", "2", "--quiet", "-o", fits.toString()), err);
        assertEquals(0, run("lc", monol.toString(), "--dt", "2", "--quiet", "-o", json.toString()), err);
        JsonNode j = JSON.readTree(json.toFile());
        int bins = j.get("time").size();
        assertEquals(bins * 2.0, j.get("tseg").asDouble(), "tseg = bins x dt, as Stingray's Lightcurve");
        try (Fits f = new Fits(fits.toFile())) {
            BasicHDU<?>[] hdus = f.read();
            BinaryTableHDU rate = (BinaryTableHDU) hdus[1];
            Header h = rate.getHeader();
            assertEquals("RATE", h.getStringValue("EXTNAME"));
            assertEquals("OGIP", h.getStringValue("HDUCLASS"));
            assertEquals("LIGHTCURVE", h.getStringValue("HDUCLAS1"));
            assertEquals(2.0, h.getDoubleValue("TIMEDEL"));
            assertEquals("s", h.getStringValue("TIMEUNIT"));
            assertEquals("TDB", h.getStringValue("TIMESYS"));
            assertEquals(j.get("mjdref").asDouble(), h.getDoubleValue("MJDREF"));
            assertEquals(MONOL_MJDREFI, h.getLongValue("MJDREFI"));
            assertEquals(MONOL_MJDREFF, h.getDoubleValue("MJDREFF"), 0.0);
            assertEquals(j.get("tstart").asDouble(), h.getDoubleValue("TSTART"));
            assertEquals(j.get("tstart").asDouble() + bins * 2.0, h.getDoubleValue("TSTOP"));
            double[] time = (double[]) rate.getColumn("TIME");
            double[] r = (double[]) rate.getColumn("RATE");
            double[] e = (double[]) rate.getColumn("ERROR");
            double[] counts = (double[]) rate.getColumn("COUNTS");
            assertEquals(bins, time.length);
            for (int k = 0; k < bins; k++) {
                assertEquals(j.get("time").get(k).asDouble(), time[k]);
                assertEquals(counts[k] / 2.0, r[k], 1e-12 * Math.max(1, r[k]));
                assertEquals(j.get("counts_err").get(k).asDouble() / 2.0, e[k], 1e-12 * Math.max(1, e[k]));
            }
            assertEquals("count/s", h.getStringValue("TUNIT" + (rate.findColumn("RATE") + 1)));
            assertEquals("GTI", hdus[2].getHeader().getStringValue("EXTNAME"));
            assertEquals("TDB", hdus[2].getHeader().getStringValue("TIMESYS"));
            assertEquals(MONOL_MJDREFI, hdus[2].getHeader().getLongValue("MJDREFI"));
            assertEquals(MONOL_MJDREFF, hdus[2].getHeader().getDoubleValue("MJDREFF"), 0.0);
        }
        // read back as a light curve (MJDREFI + MJDREFF win over MJDREF), and said so by manta info
        assertEquals(new Mjdref(MONOL_MJDREFI, MONOL_MJDREFF), LightCurveFiles.read(fits).info().mjdref());
        for (Path lc : List.of(fits, json)) {
            assertEquals(0, run("info", lc.toString()), err);
            assertTrue(out.contains("MJDREF:       55197 + 0.00076601852000000000 d"), out);
        }
    }

    @Test
    void csvReadsWithNumpysLoadersAsItsFirstLinesSay() throws IOException {
        Path csv = dir.resolve("pds.csv");
        assertEquals(0, run("pds", monol.toString(), "--dt", "1", "--segment", "16", "--quiet", "-o", csv.toString()), err);
        List<String> lines = Files.readAllLines(csv);
        String[] names = lines.get(0).split(",");
        assertArrayEquals(new String[] {"freq", "power", "power_err", "unnorm_power", "unnorm_power_err"}, names);
        assertTrue(lines.get(1).startsWith("# read with numpy.loadtxt(FILE, delimiter=\",\", skiprows=1)"), lines.get(1));
        // numpy.loadtxt(FILE, delimiter=",", skiprows=1): the first line skipped, '#' lines are comments
        List<String> data = lines.subList(1, lines.size()).stream().filter(l -> !l.startsWith("#")).toList();
        JsonNode json = productAsJson();
        assertEquals(json.get("freq").size(), data.size());
        for (int i = 0; i < data.size(); i++) {
            String[] cells = data.get(i).split(",");
            assertEquals(names.length, cells.length);
            assertEquals(json.get("power").get(i).asDouble(), Double.parseDouble(cells[1]));
        }
    }

    private JsonNode productAsJson() throws IOException {
        Path json = dir.resolve("pds-for-csv.json");
        assertEquals(0, run("pds", monol.toString(), "--dt", "1", "--segment", "16", "--quiet", "-o", json.toString()), err);
        return JSON.readTree(json.toFile());
    }

    @Test
    void provenanceHashIsTheInputsSha256() throws Exception {
        Path o = dir.resolve("pds.json");
        assertEquals(0, run("pds", chandra.toString(), "--dt", "0.88208", "--segment", "88.208", "--quiet", "-o",
                o.toString()), err);
        JsonNode input = JSON.readTree(o.toFile()).get("provenance").get("inputs").get(0);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(chandra)));
        assertEquals(expected, input.get("sha256").asText());
        assertEquals(Files.size(chandra), input.get("bytes").asLong());
    }

    /**
     * {@code manta info} of a saved product (JSON and FITS) says what it is, how it was made and its fields, the numbers
     * as the product holds them; an event file and a light curve are still described as before.
     */
    @Test
    void infoDescribesASavedProduct() throws IOException {
        JsonNode pds = product("saved", "pds", monol.toString(), "--dt", "1/8", "--segment", "64");
        Path fits = dir.resolve("saved.fits");
        assertEquals(0, run("pds", monol.toString(), "--dt", "1/8", "--segment", "64", "--quiet", "-o", fits.toString()),
                err);
        for (Path saved : List.of(dir.resolve("saved.json"), fits)) {
            assertEquals(0, run("info", saved.toString()), err);
            assertTrue(out.contains("  product:      Power spectrum (powerspectrum), written by manta "), out);
            assertTrue(out.contains("  command:      manta pds " + monol), out);
            assertTrue(out.contains("  input:        " + monol), out);
            assertTrue(out.contains("  m:            " + pds.get("m").asLong() + "\n"), out);
            assertTrue(out.contains("  mjdrefi:      " + MONOL_MJDREFI + "\n"), out);
            assertTrue(out.contains("  mjdreff:      0.00076601852\n"), "the fraction exactly: " + out);
            assertTrue(out.contains("  norm:         leahy\n"), out);
            assertTrue(out.contains("freq [" + pds.get("freq").size() + "], power [" + pds.get("power").size() + "]"), out);
            assertTrue(out.contains("  GTIs:         1, exposure 1025.000 s"), out);
        }
        assertEquals(0, run("info", monol.toString()), err);
        assertTrue(out.contains("  events:       1000,") && !out.contains("product:"), out);
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
