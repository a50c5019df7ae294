package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.Test;
import org.manta.cli.Main;
import org.manta.core.io.EventFileReader;

/**
 * What the user sweep of issue 13 (every command on every file of ../shared/data) found outside the plots, as a
 * user sees it through {@link Main#run}: exit codes, the one-line messages and warnings, and the products'
 * numbers and context.
 */
class SweepFindingsTest extends CommandRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Events of monol_testA.evt (its header's NAXIS2). */
    private static final int MONOL_EVENTS = 1000;

    private List<String> warnings() {
        return err.lines().filter(l -> l.startsWith("manta: warning: ")).toList();
    }

    private JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    @Test
    void aBinTimeTooShortForTheMemoryIsABadValueNotACrash() throws IOException {
        Path monol = copy("monol_testA.evt");
        // 1e8 bins per segment on every worker: tens of GiB, more than any test JVM's heap
        assertEquals(Main.EXIT_USAGE, run("pds", monol.toString(), "--dt", "1e-7", "--segment", "10", "--quiet"));
        assertTrue(err.startsWith("manta: segment = 10: expected at most "), err);
        assertTrue(err.contains("(100000000 per segment of dt = 1e-07 s, on each of "), err);
        assertTrue(err.strip().endsWith("a larger --dt, a shorter --segment or fewer --threads, or more memory "
                + "(JAVA_OPTS=-Xmx…)"), err);
        assertEquals(1, err.strip().lines().count(), err);
        // the whole span as one light curve: 1.025e9 bins of 40 bytes; a periodogram of it, its transform too (from
        // the headers, before the events are read)
        assertEquals(Main.EXIT_USAGE, run("lc", monol.toString(), "--dt", "1e-6", "--quiet"));
        assertTrue(err.startsWith("manta: dt = 0.000001: expected at most "), err);
        assertTrue(err.contains(" light-curve bins in tseg = 1025 s "), err);
        assertTrue(err.contains("(1025000000 of them need about 38.18 GiB)"), err);
        assertEquals(Main.EXIT_USAGE, run("pds", monol.toString(), "--dt", "1e-6", "--quiet"));
        assertTrue(err.startsWith("manta: dt = 0.000001: expected at most "), err);
        assertTrue(err.contains(" bins of one periodogram of the whole span, tseg = 1025 s (its light curve and Fourier "
                + "transform) "), err);
        assertTrue(err.contains("(1025000000 of them need about "), err);
    }

    @Test
    void fadSaysWhatItAssumesAndCarriesTheContext() throws IOException {
        Path a = copy("monol_testA.evt");
        Path calib = copy("monol_testA_calib.evt");
        Path o = dir.resolve("fad.json");
        assertEquals(0, run("fad", a.toString(), calib.toString(), "--dt", "1/128", "--segment", "64", "--quiet", "-o",
                o.toString()), err);
        List<String> w = warnings();
        assertEquals(2, w.size(), err);
        assertEquals("manta: warning: " + calib + " has no GTI extension: taking the good time from the first and last "
                + "event, [80000000.236356, 80001023.692974] s", w.get(0));
        assertTrue(w.get(1).startsWith("manta: warning: the FAD correction is not compliant: std(fad) is undefined "
                + "(NaN: "), w.get(1));
        JsonNode p = json(o);
        assertEquals("NuSTAR", p.get("telescope").asText());
        assertEquals("FPMA", p.get("instrument").asText());
        assertEquals("Fake X-1", p.get("object").asText());
        assertEquals("TDB", p.get("timesys").asText());
        assertEquals(55197.00076601852, p.get("mjdref").asDouble(), 1e-11);
        assertEquals(15, p.get("m").asInt(), "the 64 s segments in the common GTI");

        assertEquals(Main.EXIT_USAGE, run("fad", a.toString(), calib.toString(), "--dt", "1/128", "--segment", "64",
                "--strict", "--quiet"));
        assertTrue(err.startsWith("manta: " + calib + " has no GTI extension"), err);
        assertEquals(Main.EXIT_USAGE, run("fad", a.toString(), a.toString(), "--dt", "1/128", "--segment", "64",
                "--rebin-log", "0.1", "--quiet"));
        assertEquals("manta: rebin-log = 0.1: expected no rebin option for fad (its product keeps every frequency; "
                + "the plot is log-rebinned)", err.strip());
    }

    @Test
    void dynpsRebinsItsFrequenciesAndKeepsTheBinTime() throws IOException {
        Path monol = copy("monol_testA.evt");
        Path plain = dir.resolve("plain.json");
        Path rebinned = dir.resolve("rebinned.json");
        assertEquals(0, run("dynps", monol.toString(), "--dt", "1/16", "--segment", "64", "-o", plain.toString(),
                "--quiet"), err);
        assertEquals(0, run("dynps", monol.toString(), "--dt", "1/16", "--segment", "64", "--rebin", "4x", "-o",
                rebinned.toString(), "--quiet"), err);
        JsonNode p = json(plain);
        JsonNode r = json(rebinned);
        assertEquals(1.0 / 16, p.get("bin_time").asDouble(), 0, "the light curve's bin time, besides dt = segment");
        assertEquals(64, p.get("dt").asDouble(), 0, "Stingray's dt: the time step of the columns");
        assertEquals(4 * p.get("df").asDouble(), r.get("df").asDouble(), 1e-15);
        assertEquals(4 * p.get("m").asInt(), r.get("m").asInt());
        assertEquals("linear 4x", r.get("rebin").asText());
        // each new bin is the mean of four old ones (equal widths), in every column
        JsonNode oldPs = p.get("dyn_ps");
        JsonNode newPs = r.get("dyn_ps");
        int columns = oldPs.get(0).size();
        assertEquals(columns, newPs.get(0).size());
        for (int j : new int[] {0, 7, newPs.size() - 1}) {
            for (int c = 0; c < columns; c++) {
                double mean = 0;
                for (int k = 4 * j; k < 4 * j + 4; k++) {
                    mean += oldPs.get(k).get(c).asDouble() / 4;
                }
                assertEquals(mean, newPs.get(j).get(c).asDouble(), 1e-12 * Math.max(1, mean), "bin " + j + " col " + c);
            }
        }

        Path fits = dir.resolve("dyn.fits");
        assertEquals(0, run("dynps", monol.toString(), "--dt", "1/16", "--segment", "64", "-o", fits.toString(),
                "--quiet"), err);
        try (Fits f = new Fits(fits.toFile())) {
            BasicHDU<?> hdu = f.getHDU(1);
            assertEquals(1.0 / 16, hdu.getHeader().getDoubleValue("BIN_TIME"), 0);
        }
        assertEquals(Main.EXIT_USAGE, run("dynps", monol.toString(), "--dt", "1/16", "--segment", "64", "--rebin-log",
                "0.1", "--quiet"));
        assertTrue(err.startsWith("manta: rebin-log = 0.1: expected --rebin DF|Nx, not --rebin-log, for dynps"), err);
    }

    @Test
    void aCountSpectrumNeedsNoSegment() throws IOException {
        Path calib = copy("monol_testA_calib.evt");
        Path without = dir.resolve("count.json");
        Path with = dir.resolve("count64.json");
        assertEquals(0, run("varenergy", calib.toString(), "--kind", "count", "--bands", "3,5,10,20,79", "--dt", "1/64",
                "-o", without.toString(), "--quiet"), err);
        assertEquals(0, run("varenergy", calib.toString(), "--kind", "count", "--bands", "3,5,10,20,79", "--dt", "1/64",
                "--segment", "64", "-o", with.toString(), "--quiet"), err);
        JsonNode a = json(without).get("spectrum");
        JsonNode b = json(with).get("spectrum");
        assertEquals(4, a.size());
        double total = 0;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(b.get(i).asDouble(), a.get(i).asDouble(), 0, "band " + i);
            total += a.get(i).asDouble();
        }
        assertTrue(total > 0 && total <= MONOL_EVENTS, "events counted: " + total);
    }

    @Test
    void theDemosCrossSpectrumSaysWhichBandsItCrosses() throws IOException {
        Path demo = dir.resolve("demo");
        assertEquals(0, run("demo", "--dir", demo.toString()), err);
        // every file it writes is said, the plots as the products (found: pds.png and lags.png were not)
        for (String file : DemoCommand.FILES.subList(1, DemoCommand.FILES.size())) {
            assertTrue(err.contains("manta demo: wrote " + demo.resolve(file)), file + ": " + err);
        }
        JsonNode cpds = json(demo.resolve("cpds.json"));
        assertEquals(3.0, cpds.get("e_min1").asDouble(), 0, "subject: the hard band");
        assertEquals(10.0, cpds.get("e_max1").asDouble(), 0);
        assertEquals(0.5, cpds.get("e_min2").asDouble(), 0, "reference: the soft band");
        assertEquals(3.0, cpds.get("e_max2").asDouble(), 0);
        assertTrue(json(demo.resolve("pds.json")).has("telescope"));
    }

    @Test
    void deadtimeKeepsTheObject() throws IOException {
        Path xte = copy("xte_test.evt.gz");
        Path out = dir.resolve("dead.evt");
        assertEquals(0, run("deadtime", xte.toString(), "--deadtime", "1e-2", "-o", out.toString(), "--quiet"), err);
        long kept;
        try (EventFileReader reader = EventFileReader.open(out)) {
            assertEquals("4U_1636-53", reader.object());
            kept = reader.rowCount();
            assertTrue(kept < MONOL_EVENTS, "10 ms of dead time removes some of the 1000 events");
        }
        // an existing output is refused before the work unless --overwrite
        assertEquals(Main.EXIT_USAGE, run("deadtime", xte.toString(), "--deadtime", "1e-1", "-o", out.toString(),
                "--quiet"));
        assertEquals("manta: output = " + out + ": expected a new file (it exists; give --overwrite to replace it)",
                err.strip());
        try (EventFileReader reader = EventFileReader.open(out)) {
            assertEquals(kept, reader.rowCount(), "the earlier output is untouched");
        }
        assertEquals(0, run("deadtime", xte.toString(), "--deadtime", "1e-1", "-o", out.toString(), "--quiet",
                "--overwrite"), err);
        try (EventFileReader reader = EventFileReader.open(out)) {
            assertTrue(reader.rowCount() < kept, "100 ms removes more than 10 ms");
        }
        Path nowhere = dir.resolve("file.txt");
        Files.writeString(nowhere, "x");
        assertEquals(Main.EXIT_USAGE, run("deadtime", xte.toString(), "--deadtime", "1e-2", "-o",
                nowhere.resolve("x.evt").toString(), "--quiet"));
        assertTrue(err.startsWith("manta: output = " + nowhere.resolve("x.evt") + ": expected a file in a directory"), err);
    }

    @Test
    void aLombScargleCrossSpectrumNamesBothInstruments() throws IOException {
        Path det1 = copy("sim_fad_det1.evt");
        Path det2 = copy("sim_fad_det2.evt");
        Path o = dir.resolve("ls.json");
        assertEquals(0, run("lomb", det1.toString(), "--events2", det2.toString(), "--dt", "1/64", "-o", o.toString(),
                "--quiet"), err);
        assertEquals("FADSIM1,FADSIM2", json(o).get("instrument").asText());
        assertEquals("SIMSAT", json(o).get("telescope").asText());
    }

    @Test
    void aWarningAboutTheSameFileIsSaidOnce() throws IOException {
        Path chandra = copy("chandra_test.fits");
        assertEquals(0, run("lomb", chandra.toString(), "--events2", chandra.toString(), "--dt", "1", "--energy", "0.5:2",
                "--quiet"), err);
        assertEquals(2, warnings().size(), err);
        assertTrue(warnings().get(0).contains("using a multiple of that as dt (0.88208 s instead of 1 s"), err);
        assertTrue(warnings().get(1).contains("are the same file with the same selection (0.5:2.0 keV)"), err);
    }

    @Test
    void aBandInElectronVoltsIsExplained() throws IOException {
        Path chandra = copy("chandra_test.fits");
        assertEquals(Main.EXIT_USAGE, run("cpds", chandra.toString(), "--energy1", "500:2000", "--energy2", "2000:8000",
                "--dt", "0.88208", "--segment", "88.208", "--quiet"));
        assertEquals("manta: " + chandra + ": no events in band 500.0:2000.0 keV (energies are in keV, also for files "
                + "in eV: e.g. 0.5:2.0 for 500.0-2000.0 eV)", err.strip());
        assertEquals(0, run("cpds", chandra.toString(), "--energy1", "0.5:2", "--energy2", "2:8", "--dt", "0.88208",
                "--segment", "88.208", "--quiet"), err);
    }

    @Test
    void gpuIsRefusedWhereNoSegmentRunsOnIt() throws IOException {
        Path monol = copy("monol_testA.evt");
        for (String command : List.of("lc", "lomb", "multitaper", "bicoherence")) {
            List<String> args = new java.util.ArrayList<>(List.of(command, monol.toString(), "--dt", "1", "--gpu",
                    "--quiet"));
            if (command.equals("bicoherence")) {
                args.addAll(List.of("--segment", "64"));
            }
            assertEquals(Main.EXIT_USAGE, run(args.toArray(String[]::new)), command);
            assertEquals("manta: gpu = given: expected no --gpu for " + command + ": only pds, cpds, dynps and colors "
                    + "compute segments on a GPU", err.strip());
        }
    }

    @Test
    void helpAndSummariesSayWhatIsMeant() throws IOException {
        assertEquals(0, run("--help"));
        assertTrue(out.contains("bicoherence) on a mesh"), "the submit line is whole: " + out);
        assertEquals(0, run("multitaper", "--help"));
        assertTrue(out.replaceAll("\\s+", " ").contains("Poisson noise is at 4 in Leahy"), out);
        Path monol = copy("monol_testA.evt");
        assertEquals(0, run("colors", monol.toString(), "--dt", "1/128", "--segment", "256", "--quiet"), err);
        assertTrue(out.startsWith("Power colours: 4 segments"), out);
        assertFalse(Files.exists(dir.resolve("manta-demo")));
    }

    /** Segments too short for the lowest colour edge are refused before the work (found: after the pass, exit 2). */
    @Test
    void coloursOfTooShortSegmentsAreRefusedBeforeTheWork() throws IOException {
        Path monol = copy("monol_testA.evt");
        assertEquals(2, run("colors", monol.toString(), "--dt", "1/128", "--segment", "64"));
        assertEquals("manta: segment = 64: expected at least 1/(2 F0) = 128 s for the default frequency edges (Heil "
                + "et al. 2015: 1/256,1/32,0.25,2,16 Hz), or give --freq-edges", err.strip());
        assertEquals(2, run("colors", monol.toString(), "--dt", "1/16", "--segment", "256"));
        assertTrue(err.startsWith("manta: dt = 0.0625: expected at most 1/(2 F4 + 1/segment) = 0.0312462 s"), err);
        assertEquals(2, run("colors", monol.toString(), "--dt", "1/16", "--segment", "256", "--freq-edges",
                "1/256,1/32,0.25,2,16"));
        assertTrue(err.startsWith("manta: freq-edges F4 = 16.0: expected at most the highest frequency"), err);
    }
}
