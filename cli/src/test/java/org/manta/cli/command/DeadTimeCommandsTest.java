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
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.cli.Main;
import org.manta.core.deadtime.DeadTimeFilter;
import org.manta.core.events.EventList;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.Refs;

/**
 * {@code manta fad} and {@code manta deadtime} end to end on the simulated dead-timed detectors: the JSON
 * written by the command, read back, equals Stingray's FAD ({@code fad_sim.json}); the filtered event file,
 * read back, has the dead time applied; bad values give exit 2 and one line naming them.
 */
class DeadTimeCommandsTest {
    /** Through the whole command (FITS read, parallel pipeline, JSON written and read back) vs Stingray. */
    private static final double STINGRAY = 1e-12;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Relative agreement of the uncorrected power with the constant-rate Zhang model: 5 σ of the data mean
     * (0.4 %) plus the 20 % modulation of the simulated rate, which the model ignores (about 1 %).
     */
    private static final double MODEL_AGREEMENT = 0.03;

    @TempDir
    Path dir;
    private Path det1;
    private Path det2;
    private String err;

    @BeforeEach
    void data() throws IOException {
        det1 = CliRun.copyData(dir, "sim_fad_det1.evt");
        det2 = CliRun.copyData(dir, "sim_fad_det2.evt");
    }

    private int run(String... args) {
        CliRun.Result r = CliRun.run(args);
        err = r.err();
        return r.code();
    }

    @Test
    void fadProductEqualsStingray() throws IOException {
        Path o = dir.resolve("fad.json");
        Path png = dir.resolve("fad.png");
        assertEquals(0, run("fad", det1.toString(), det2.toString(), "--dt", "1/512", "--segment", "8", "--norm",
                "leahy", "--deadtime", "2.5e-3", "--quiet", "-o", o.toString(), "--plot", png.toString()), err);
        JsonNode got = JSON.readTree(o.toFile());
        JsonNode ref = Refs.json("fad_sim.json");
        assertEquals("fad", got.get("product").asText());
        assertEquals(ref.get("meta").get("M").asInt(), got.get("m").asInt());
        assertEquals(ref.get("meta").get("smoothing_length").asDouble(), got.get("smoothing_length").asDouble());
        assertEquals(ref.get("meta").get("fad_delta").asDouble(), got.get("fad_delta").asDouble(), 1e-12);
        assertTrue(got.get("is_compliant").isBoolean() && got.get("is_compliant").booleanValue(), "is_compliant: "
                + got.get("is_compliant"));
        for (String key : List.of("freq", "pds1", "pds2", "ptot", "pds1_unnorm", "pds2_unnorm", "ptot_unnorm")) {
            assertClose(key, ref.get(key), got.get(key));
        }
        for (String key : List.of("cs", "cs_unnorm", "fad")) {
            assertClose(key + ".re", ref.get(key).get("re"), got.get(key).get("re"));
            assertClose(key + ".im", ref.get(key).get("im"), got.get(key).get("im"));
        }
        assertEquals(got.get("freq").size(), got.get("model_zhang").size());
        assertEquals(got.get("freq").size(), got.get("ptot_uncorrected").size());
        assertTrue(Files.size(png) > 10_000, "a plot was drawn");
    }

    @Test
    void fadFitsTableHoldsTheJsonNumbers() throws Exception {
        Path json = dir.resolve("f.json");
        Path fits = dir.resolve("f.fits");
        for (Path o : new Path[] {json, fits}) {
            assertEquals(0, run("fad", det1.toString(), det2.toString(), "--dt", "1/512", "--segment", "8", "--norm",
                    "frac", "--smoothing-length", "12", "--deadtime", "2.5e-3", "--quiet", "-o", o.toString()), err);
        }
        JsonNode j = JSON.readTree(json.toFile());
        assertEquals("frac", j.get("norm").asText());
        assertEquals(12.0, j.get("smoothing_length").asDouble());
        // the model is given in the product's normalisation: it meets the uncorrected power of the sum
        // (mean of bins 50..150 Hz, away from the 5 Hz signal; 800 bins of relative σ 1/8 each: 0.4 %)
        double data = 0;
        double model = 0;
        int count = 0;
        for (int i = 0; i < j.get("freq").size(); i++) {
            double f = j.get("freq").get(i).asDouble();
            if (f >= 50 && f < 150) {
                data += j.get("ptot_uncorrected").get(i).asDouble();
                model += j.get("model_zhang").get(i).asDouble();
                count++;
            }
        }
        assertEquals(model / count, data / count, MODEL_AGREEMENT * model / count, "uncorrected ptot vs Zhang model");
        try (Fits f = new Fits(fits.toFile())) {
            BinaryTableHDU table = (BinaryTableHDU) f.getHDU("FAD");
            double[] col = (double[]) table.getData().getColumn(table.findColumn("PTOT"));
            assertEquals(j.get("ptot").size(), col.length);
            for (int i = 0; i < col.length; i++) {
                assertEquals(j.get("ptot").get(i).asDouble(), col[i], 0.0);
            }
        }
    }

    @Test
    void deadtimeCommandWritesTheRecordedEvents() throws IOException {
        double deadTime = 0.005;
        Path o = dir.resolve("dead.evt");
        assertEquals(0, run("deadtime", det1.toString(), "--deadtime", "1/200", "--quiet", "-o", o.toString()), err);
        EventList in;
        EventList out;
        try (EventFileReader r = EventFileReader.open(det1)) {
            in = r.readAll(null);
        }
        try (EventFileReader r = EventFileReader.open(o)) {
            out = r.readAll(null);
        }
        int expected = 0;
        for (boolean k : DeadTimeFilter.mask(in.time(), deadTime, false)) {
            expected += k ? 1 : 0;
        }
        assertEquals(expected, out.size());
        assertTrue(out.size() < in.size(), "the 5 ms dead time removes events already 2.5 ms dead-timed");
        double[] t = out.time();
        for (int i = 1; i < t.length; i++) {
            assertTrue((t[i] - t[0]) - (t[i - 1] - t[0]) >= deadTime, "events " + (i - 1) + " and " + i);
        }
        assertEquals(in.gti(), out.gti());
        Path p = dir.resolve("par.evt");
        assertEquals(0, run("deadtime", det1.toString(), "--deadtime", "1/200", "--paralyzable", "--quiet", "-o",
                p.toString()), err);
        try (EventFileReader r = EventFileReader.open(p)) {
            assertTrue(r.rowCount() < out.size(), "a paralyzable dead time loses more events");
        }
    }

    /**
     * The output is the input without the lost events' rows: RXTE's Event, PCUID and ANODEID columns stay, no ENERGY is
     * added, each kept row is the input's row; a name ending in .gz is written gzip-compressed (and read back).
     */
    @Test
    void deadtimeKeepsTheColumnsAndRowsOfTheInput() throws Exception {
        Path xte = CliRun.copyData(dir, "xte_test.evt.gz");
        Path o = dir.resolve("xte_dead.evt.gz");
        assertEquals(0, run("deadtime", xte.toString(), "--deadtime", "1e-3", "--quiet", "-o", o.toString()), err);
        byte[] magic = Files.readAllBytes(o);
        assertTrue((magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b, "gzip-compressed");
        boolean[] keep;
        try (EventFileReader in = EventFileReader.open(xte); EventFileReader out = EventFileReader.open(o)) {
            assertEquals(in.columns(), out.columns(), "the input's columns");
            assertEquals(in.gti(), out.gti());
            keep = DeadTimeFilter.mask(in.readAll(null).time(), 1e-3, false);
        }
        try (Fits in = new Fits(xte.toFile()); Fits out = new Fits(o.toFile())) {
            BinaryTableHDU a = (BinaryTableHDU) in.getHDU(1);
            BinaryTableHDU b = (BinaryTableHDU) out.getHDU(1);
            assertEquals(a.getHeader().getStringValue("TEVTB2"), b.getHeader().getStringValue("TEVTB2"), "the header");
            int pcu = a.findColumn("PCUID");
            int time = a.findColumn("TIME");
            int j = 0;
            for (int i = 0; i < keep.length; i++) {
                if (keep[i]) {
                    assertEquals(((double[]) a.getElement(i, time))[0], ((double[]) b.getElement(j, time))[0], "TIME " + i);
                    assertEquals(java.lang.reflect.Array.get(a.getElement(i, pcu), 0),
                            java.lang.reflect.Array.get(b.getElement(j, pcu), 0), "PCUID of row " + i);
                    j++;
                }
            }
            assertEquals(j, b.getNRows(), "the recorded events only");
            assertTrue(j < keep.length, "the 1 ms dead time loses events");
        }
    }

    private void assertRejected(String[] args, String... fragments) {
        assertEquals(Main.EXIT_USAGE, run(args), String.join(" ", args) + " -> " + err);
        assertEquals(1, err.strip().lines().count(), "one line on stderr:\n" + err);
        for (String f : fragments) {
            assertTrue(err.toLowerCase().contains(f.toLowerCase()), "stderr should mention '" + f + "': " + err);
        }
    }

    @Test
    void badValuesAreRejectedNamingThem() throws IOException {
        String a = det1.toString();
        String b = det2.toString();
        assertRejected(new String[] {"fad", a, b, "--dt", "1/512", "--segment", "8", "--smoothing-alg", "spline"},
                "spline", "gauss");
        assertRejected(new String[] {"fad", a, b, "--dt", "1/512", "--segment", "8", "--smoothing-length", "0"},
                "smoothing-length", "0");
        assertRejected(new String[] {"fad", a, b, "--dt", "1/512"}, "segment");
        assertRejected(new String[] {"fad", a, b, "--dt", "1/512", "--segment", "8", "--deadtime", "0.01"},
                "deadtime", "0.01");
        assertRejected(new String[] {"deadtime", a, "--deadtime", "-1", "-o", dir.resolve("x.evt").toString()},
                "-1");
        assertRejected(new String[] {"deadtime", a, "--deadtime", "0.001", "-o", dir.resolve("x.json").toString()},
                "x.json", ".evt");
        assertFalse(Files.exists(dir.resolve("x.evt")));
    }

    private static void assertClose(String what, JsonNode expected, JsonNode actual) {
        assertEquals(expected.size(), actual.size(), what + ": length");
        double scale = 0;
        for (JsonNode v : expected) {
            scale = Math.max(scale, Math.abs(v.asDouble()));
        }
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i).asDouble();
            double a = actual.get(i).asDouble();
            assertTrue(Math.abs(a - e) <= STINGRAY * Math.max(Math.abs(e), 1e-3 * scale),
                    what + "[" + i + "]: expected " + e + ", got " + a);
        }
    }
}
