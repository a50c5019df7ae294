package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.Test;
import org.manta.cli.Main;
import org.manta.core.io.Refs;

/**
 * {@code lomb}, {@code multitaper}, {@code bispectrum} and {@code bicoherence} end to end: the light curves of
 * the Stingray references are written as JSON light curves, the command runs, and the JSON it writes is read
 * back and compared with Stingray's values; bad inputs give exit code 2 and one line naming the value.
 */
class SeriesCommandsEndToEndTest extends CommandRun {
    /**
     * Through the command (JSON in, computation, JSON out and back): the core's agreement (≤ 1e-13,
     * see the core reference tests) plus the round trip, which is exact. Relative to the largest value.
     */
    private static final double STINGRAY = 1e-11;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON light curve with the {@code time} and {@code counts} arrays of a reference block. */
    private Path lightCurve(String name, JsonNode time, JsonNode counts, double dt) throws IOException {
        ObjectNode lc = JSON.createObjectNode();
        lc.set("time", time);
        lc.set("counts", counts);
        lc.put("dt", dt);
        Path p = dir.resolve(name + ".json");
        JSON.writeValue(p.toFile(), lc);
        return p;
    }

    @Test
    void lombScarglePeriodogramsEqualStingray() throws IOException {
        JsonNode ref = Refs.json("lombscargle_sim.json");
        Path lc = lightCurve("ls-lc", ref.get("time"), ref.get("counts"), 1.0);
        for (String method : new String[] {"slow", "fast"}) {
            for (String norm : new String[] {"none", "leahy", "frac"}) {
                JsonNode got = product("ls-" + method + "-" + norm, "lomb", lc.toString(), "--dt", "1",
                        "--method", method, "--norm", norm);
                JsonNode r = ref.get("ps_" + method + "_" + norm);
                assertEquals("lombscargle_powerspectrum", got.get("product").asText());
                assertEquals(method, got.get("method").asText());
                assertClose(r.get("freq"), got.get("freq"), 0);
                assertClose(r.get("power").get("re"), got.get("power"), STINGRAY);
                assertClose(r.get("unnorm_power").get("re"), got.get("unnorm_power"), STINGRAY);
                assertEquals(r.get("nphots").asDouble(), got.get("nphots").asDouble(), 0.0);
            }
        }
    }

    @Test
    void lombScargleCrossSpectrumAndLagsEqualStingray() throws IOException {
        JsonNode ref = Refs.json("lombscargle_sim.json");
        Path lc1 = lightCurve("ls-lc1", ref.get("time"), ref.get("counts"), 1.0);
        Path lc2 = lightCurve("ls-lc2", ref.get("time"), ref.get("counts2"), 1.0);
        Path png = dir.resolve("ls-lags.png");
        JsonNode got = product("ls-cs", "lomb", lc1.toString(), "--events2", lc2.toString(), "--dt", "1",
                "--method", "slow", "--norm", "none", "--plot", png.toString());
        JsonNode r = ref.get("cs_slow_none");
        assertEquals("lombscargle_crossspectrum", got.get("product").asText());
        assertClose(r.get("power").get("re"), got.get("power").get("re"), STINGRAY);
        assertClose(r.get("power").get("im"), got.get("power").get("im"), STINGRAY);
        assertClose(r.get("time_lag"), got.get("time_lag"), STINGRAY);
        assertTrue(Files.size(png) > 0, "lag plot written");
    }

    @Test
    void lombOfAnEventFileUsesTheBinnedEventsInsideTheGti() throws IOException {
        Path evt = copy("monol_testA.evt");
        Path png = dir.resolve("ls.png");
        JsonNode got = product("ls-events", "lomb", evt.toString(), "--dt", "1", "--method", "slow", "--plot",
                png.toString());
        JsonNode events = Refs.json("events_monol_testA.json");
        JsonNode gti = events.get("gti").get(0);
        double span = gti.get(1).asDouble() - gti.get(0).asDouble();
        assertEquals(events.get("time").size(), got.get("nphots").asDouble(), 0.0, "every event is counted");
        assertEquals(Math.round(span), got.get("n").asInt(), "bins of 1 s in the GTI");
        // df = 1/(span of bin centres) = 1/(n − 1) s; the last frequency reaches 0.5/dt
        assertEquals(1.0 / (got.get("n").asInt() - 1), got.get("df").asDouble(), 1e-12);
        JsonNode freq = got.get("freq");
        assertTrue(freq.get(freq.size() - 1).asDouble() >= 0.5, "grid reaches the Nyquist frequency");
        assertTrue(Files.size(png) > 0, "periodogram plot written");
    }

    /**
     * {@code multitaper --lombscargle} on the uneven light curve of {@code lombscargle_sim.json}: its first 300 points
     * against Stingray's {@code Multitaper(lc, lombscargle=True)}, all 600 against it with astropy's exact method
     * (core {@code LombScargleMultitaperReferenceTest} compares with astropy's approximate one).
     */
    @Test
    void lombScargleMultitaperEqualsStingray() throws IOException {
        JsonNode source = Refs.json("lombscargle_sim.json");
        JsonNode ref = Refs.json("multitaper_lombscargle_sim.json");
        for (String name : new String[] {"n300", "n600_astropy_exact"}) {
            int n = ref.get(name).get("n").asInt();
            ArrayNode time = JSON.createArrayNode();
            ArrayNode counts = JSON.createArrayNode();
            for (int i = 0; i < n; i++) {
                time.add(source.get("time").get(i));
                counts.add(source.get("counts").get(i));
            }
            Path lc = lightCurve("mtls-lc-" + name, time, counts, 1.0);
            JsonNode got = product("mtls-" + name, "multitaper", lc.toString(), "--dt", "1", "--lombscargle", "--nw",
                    "2.5", "--no-low-bias", "--norm", "frac");
            JsonNode r = ref.get(name).get("nw2.5_all_frac");
            assertClose(r.get("freq"), got.get("freq"), 0);
            assertClose(r.get("power"), got.get("power"), STINGRAY);
            assertClose(r.get("multitaper_norm_power"), got.get("multitaper_norm_power"), STINGRAY);
            assertClose(r.get("eigvals"), got.get("eigvals"), STINGRAY);
            assertEquals(r.get("df").asDouble(), got.get("df").asDouble(), 1e-15 * r.get("df").asDouble());
            assertEquals(BooleanNode.TRUE, got.get("lombscargle"));
            assertEquals(BooleanNode.FALSE, got.get("jackknife"));
            assertEquals(BooleanNode.FALSE, got.get("adaptive"));
            assertEquals(BooleanNode.FALSE, got.get("low_bias"));
            assertFalse(got.has("jk_var_deg_freedom"), "no jackknife variance, as Stingray");
            String title = ((org.knowm.xchart.XYChart) org.manta.cli.plot.Plots.forProduct(
                    org.manta.cli.output.JsonProductReader.read(dir.resolve("mtls-" + name + ".json")))).getTitle();
            assertTrue(title.startsWith("Lomb–Scargle multitaper spectrum"), title);
        }
        Path lc = lightCurve("mtls-all", source.get("time"), source.get("counts"), 1.0);
        assertRejected(List.of("multitaper", lc.toString(), "--dt", "1", "--lombscargle", "--adaptive"), "adaptive",
                "eigenvalue weights");
        assertRejected(List.of("multitaper", lc.toString(), "--dt", "1"), "time", "evenly spaced");
    }

    @Test
    void multitaperEqualsStingray() throws IOException {
        JsonNode ref = Refs.json("multitaper_bispectrum_sim.json");
        JsonNode lcRef = ref.get("mt_lc_even");
        Path lc = lightCurve("mt-lc", lcRef.get("time"), lcRef.get("counts"), 0.25);
        JsonNode got = product("mt-frac", "multitaper", lc.toString(), "--dt", "0.25", "--norm", "frac");
        JsonNode r = ref.get("mt_frac");
        assertClose(r.get("freq"), got.get("freq"), 0);
        assertClose(r.get("power"), got.get("power"), STINGRAY);
        assertClose(r.get("jk_var_deg_freedom"), got.get("jk_var_deg_freedom"), STINGRAY);
        assertEquals(r.get("df").asDouble(), got.get("df").asDouble(), 0.0);

        Path fits = dir.resolve("mt.fits");
        assertEquals(0, run("multitaper", lc.toString(), "--dt", "1/4", "--norm", "leahy", "--adaptive", "--quiet",
                "-o", fits.toString()), err);
        JsonNode adaptive = ref.get("mt_leahy_adaptive");
        try (Fits f = new Fits(fits.toFile())) {
            BinaryTableHDU table = (BinaryTableHDU) f.getHDU(1);
            double[] power = (double[]) table.getColumn("POWER");
            assertClose(adaptive.get("power"), JSON.valueToTree(power), STINGRAY);
        }
    }

    @Test
    void bispectrumEqualsStingrayAndIsDrawnWithAColourBar() throws IOException {
        JsonNode ref = Refs.json("multitaper_bispectrum_sim.json");
        JsonNode lcRef = ref.get("bs_lc");
        Path lc = lightCurve("bs-lc", lcRef.get("time"), lcRef.get("counts"), 1.0);
        Path png = dir.resolve("bs.png");
        JsonNode got = product("bs", "bispectrum", lc.toString(), "--dt", "1", "--maxlag", "10", "--window", "hanning",
                "--plot", png.toString());
        JsonNode r = ref.get("bs_window_hanning");
        assertEquals(10, got.get("maxlag").asInt());
        assertClose(r.get("freq"), got.get("freq"), 0);
        for (int i = 0; i < 21; i++) {
            assertClose(r.get("bispec_mag").get(i), got.get("bispec_mag").get(i), STINGRAY);
            assertClose(r.get("cum3").get(i), got.get("cum3").get(i), STINGRAY);
        }
        assertTrue(Files.size(png) > 0, "image written");

        JsonNode unbiased = product("bs-unbiased", "bispectrum", lc.toString(), "--dt", "1", "--maxlag", "10",
                "--scale", "unbiased");
        for (int i = 0; i < 21; i++) {
            assertClose(ref.get("bs_unbiased").get("cum3").get(i), unbiased.get("cum3").get(i), STINGRAY);
        }
    }

    @Test
    void bicoherenceOfAnEventFileIsBetweenZeroAndOne() throws IOException {
        Path evt = copy("monol_testA.evt");
        Path png = dir.resolve("b2.png");
        JsonNode got = product("b2", "bicoherence", evt.toString(), "--dt", "1/16", "--segment", "8", "--window",
                "hanning", "--plot", png.toString());
        assertEquals(128, got.get("n").asInt(), "bins per segment");
        assertEquals(1025 * 16 / 128, got.get("m").asInt(), "whole segments in the GTI");
        JsonNode b2 = got.get("bicoherence");
        assertEquals(65, b2.size());
        for (int i = 1; i < 65; i++) {
            for (int j = 1; j < 65; j++) {
                JsonNode v = b2.get(i).get(j);
                if (i + j <= 64) {
                    assertTrue(v.asDouble() >= 0 && v.asDouble() <= 1 + 1e-12, "b2[" + i + "][" + j + "] = " + v);
                } else {
                    assertEquals("NaN", v.asText(), "outside the Nyquist line");
                }
            }
        }
        assertTrue(Files.size(png) > 0, "image written");
    }

    @Test
    void badInputsAreRejectedNamingTheValue() throws IOException {
        Path evt = copy("monol_testA.evt");
        String f = evt.toString();
        assertRejected(List.of("lomb", f, "--dt", "1", "--method", "medium"), "method", "medium");
        assertRejected(List.of("lomb", f, "--dt", "1", "--min-freq", "0.3", "--max-freq", "0.1"), "max-freq", "0.1");
        assertRejected(List.of("lomb", f, "--dt", "1", "--df", "0"), "df", "0");
        assertRejected(List.of("multitaper", f, "--dt", "1", "--nw", "0.1"), "nw", "0.1");
        assertRejected(List.of("bispectrum", f, "--dt", "1", "--maxlag", "5000"), "maxlag", "5000");
        assertRejected(List.of("bispectrum", f, "--dt", "1", "--maxlag", "0"), "maxlag", "0", "a positive number of bins");
        assertRejected(List.of("bispectrum", f, "--dt", "1", "--window", "kaiser"), "window", "kaiser");
        assertRejected(List.of("bispectrum", f, "--dt", "1/64"), "maxlag", "default N/2", "at most");
        assertRejected(List.of("bicoherence", f, "--dt", "1", "--segment", "1000"), "segment", "1000");

        ObjectNode gaps = JSON.createObjectNode();
        gaps.set("time", JSON.valueToTree(new double[] {0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5}));
        gaps.set("counts", JSON.valueToTree(new double[] {1, 2, 3, 4, 5, 6, 7, 8}));
        gaps.set("gti", JSON.valueToTree(new double[][] {{0, 4}, {4.5, 8}}));
        gaps.put("dt", 1.0);
        Path twoGtis = dir.resolve("two-gtis.json");
        JSON.writeValue(twoGtis.toFile(), gaps);
        assertRejected(List.of("multitaper", twoGtis.toString(), "--dt", "1"), "gti", "2 intervals");
        assertRejected(List.of("lomb", twoGtis.toString(), "--dt", "0.5", "--events2", twoGtis.toString()), "dt", "0.5");
    }

    private void assertRejected(List<String> args, String... fragments) throws IOException {
        Path o = dir.resolve("rejected.json");
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--quiet", "-o", o.toString()));
        assertEquals(Main.EXIT_USAGE, run(all.toArray(String[]::new)), args + " -> " + err);
        assertEquals(1, err.strip().lines().count(), "one line on stderr: " + err);
        for (String fragment : fragments) {
            assertTrue(err.toLowerCase().contains(fragment.toLowerCase()), "'" + fragment + "' in: " + err);
        }
        assertFalse(Files.exists(o), "no output after a failure");
    }

    /** Element by element within {@code rtol} of the largest |expected| (exact when 0). */
    private static void assertClose(JsonNode expected, JsonNode actual, double rtol) {
        assertEquals(expected.size(), actual.size(), "length");
        double scale = 0;
        for (JsonNode v : expected) {
            scale = Math.max(scale, Math.abs(v.asDouble()));
        }
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i).asDouble();
            double a = actual.get(i).asDouble();
            assertTrue(Math.abs(a - e) <= rtol * scale, "[" + i + "]: expected " + e + ", got " + a);
        }
    }

    /**
     * The slow method shows its progress in frequencies (both series' for a cross spectrum) and gives the same
     * numbers on one thread as on three; --oversampling, which only the fast method has, is refused with it.
     */
    @Test
    void slowLombScargleShowsProgressUsesThreadsAndRefusesOversampling() throws IOException {
        Path monol = copy("monol_testA.evt");
        String[] args = {"lomb", monol.toString(), "--dt", "1", "--method", "slow", "--max-freq", "0.05"};
        Path one = dir.resolve("ls-one.json");
        Path three = dir.resolve("ls-three.json");
        String progress = stderrOf(() -> assertEquals(0, run(concat(args, "--threads", "1", "-o", one.toString())),
                err));
        assertEquals(0, run(concat(args, "--threads", "3", "--quiet", "-o", three.toString())), err);
        JsonNode a = JSON.readTree(one.toFile());
        JsonNode b = JSON.readTree(three.toFile());
        assertEquals(a.get("power").toString(), b.get("power").toString());
        int n = a.get("freq").size();
        assertTrue(progress.contains("lomb: started, " + n + " frequencies"), progress);
        assertTrue(progress.contains("lomb: done, " + n + " frequencies"), progress);

        assertEquals(2, run(concat(args, "--oversampling", "5")));
        assertTrue(err.contains("oversampling = 5: expected no --oversampling with --method slow"), err);
        product("ls-fast-oversampled", "lomb", monol.toString(), "--dt", "1", "--oversampling", "3");
    }

    /** One file with one selection as both series gives lags of 0: said, as cpds says of overlapping bands. */
    @Test
    void lombCrossSpectrumOfOneSeriesWithItselfIsWarnedOf() throws IOException {
        Path monol = copy("monol_testA.evt");
        JsonNode got = product("ls-self", "lomb", monol.toString(), "--energy", "3:10", "--events2", monol.toString(),
                "--dt", "1");
        assertTrue(err.contains("manta: warning: " + monol + " and --events2 " + monol + " are the same file with the "
                + "same selection (3.0:10.0 keV): the two series are the same, so"), err);
        for (JsonNode lag : got.get("time_lag")) {
            assertEquals(0.0, lag.asDouble(), 0.0, "what the warning says");
        }
        Path other = copy("monol_testA_calib.evt");
        product("ls-other", "lomb", monol.toString(), "--events2", other.toString(), "--dt", "1");
        assertFalse(err.contains("same file"), err);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
