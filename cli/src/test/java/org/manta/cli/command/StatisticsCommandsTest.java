package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.cli.Main;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileWriter;
import org.manta.core.io.Refs;
import org.manta.core.simulate.DemoConfig;
import org.manta.core.simulate.DemoSimulation;

/**
 * {@code manta pds --rms/--subtract-noise/--significance} and {@code manta colors} end to end: the JSON written
 * is read back and compared with Stingray ({@code aps_monolA_*}, {@code stats_significance_powercolors.json})
 * or, on a simulated Lorentzian, with the rms it was made with.
 */
class StatisticsCommandsTest {
    /** Through the whole command (FITS read, pipeline, JSON round trip) vs Stingray. */
    private static final double STINGRAY = 1e-9;
    /** Averaged cospectra (2 ≤ M ≤ 50): Stingray's {@code 1 - CDF} has an absolute rounding of a few ε. */
    private static final double COSPECTRA_ABS = 1e-13;
    /** Standard deviations allowed for a statistical comparison. */
    private static final double SIGMAS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode STATS = Refs.json("stats_significance_powercolors.json");

    @TempDir
    Path dir;
    private Path monol;
    private String out;
    private String err;

    @BeforeEach
    void data() throws IOException {
        monol = CliRun.copyData(dir, "monol_testA.evt");
    }

    @Test
    void significanceFieldsEqualStingray() throws IOException {
        Path o = dir.resolve("pds.json");
        assertEquals(0, run("pds", monol.toString(), "--dt", "1/128", "--segment", "64", "--significance",
                "--false-alarm", "0.01", "--trials", "1000000", "--quiet", "-o", o.toString()), err);
        JsonNode got = JSON.readTree(o.toFile());
        JsonNode ref = Refs.json("aps_monolA_dt1-128_seg64_leahy.json").get("classical_significances_threshold1");
        double[] p = Refs.doubles(got.get("p_value"));
        double[] refP = Refs.doubles(ref.get(0));
        double[] refIndex = Refs.doubles(ref.get(1));
        for (int k = 0; k < refIndex.length; k++) {
            assertClose(refP[k], p[(int) refIndex[k]], STINGRAY, "p_value[" + (int) refIndex[k] + "]");
        }
        double level = row(STATS.get("pds_detection_level"), 0.01, 1000000, 16, 1);
        assertClose(level, got.get("detection_level").get(0).asDouble(), STINGRAY, "detection_level, M = 16, 1e6 trials");
        assertEquals(1000000, got.get("n_trials").asDouble());
        assertEquals(0.01, got.get("false_alarm").asDouble());
        double[] corrected = Refs.doubles(got.get("p_value_trials"));
        double[] sigma = Refs.doubles(got.get("sigma"));
        for (int j = 0; j < p.length; j += 501) {
            assertTrue(corrected[j] >= p[j], "a trial correction never lowers a p-value");
            assertEquals(sigma[j] > 0, corrected[j] < 0.5, "sigma > 0 exactly when p < 1/2");
        }
    }

    /**
     * {@code cpds --significance}: the p-values of the Leahy cospectrum are Stingray's {@code cospectra_pvalue(power,
     * m)} in every bin, whatever the product's norm; the detection level is the cospectral power of the false-alarm
     * probability after the trial correction.
     */
    @Test
    void cpdsSignificanceFieldsEqualStingray() throws IOException {
        JsonNode ref = STATS.get("acs_leahy_cospectra_pvalue");
        double[] refP = Refs.doubles(ref.get("p"));
        double[] leahyRe = null;
        for (String norm : List.of("leahy", "frac")) {
            Path o = dir.resolve("cpds_" + norm + ".json");
            assertEquals(0, run("cpds", monol.toString(), "--energy1", "0:10", "--energy2", "10:100", "--dt", "1/128",
                    "--segment", "64", "--norm", norm, "--significance", "--false-alarm", "0.05", "--quiet", "-o",
                    o.toString()), err);
            JsonNode got = JSON.readTree(o.toFile());
            double[] p = Refs.doubles(got.get("p_value"));
            assertEquals(refP.length, p.length, "one p-value per bin");
            for (int j = 0; j < p.length; j++) {
                assertEquals(refP[j], p[j], COSPECTRA_ABS, norm + " p_value[" + j + "]");
            }
            double n = got.get("n_trials").asDouble();
            assertEquals(p.length, n, "default trials: the number of bins");
            double[] corrected = Refs.doubles(got.get("p_value_trials"));
            double[] sigma = Refs.doubles(got.get("sigma"));
            for (int j = 0; j < p.length; j += 97) {
                assertClose(org.manta.core.stats.Significance.pMultitrialFromSingleTrial(refP[j], n), corrected[j],
                        1e-9, norm + " p_value_trials[" + j + "]");
                assertEquals(sigma[j] > 0, corrected[j] < 0.5, "sigma > 0 exactly when p < 1/2");
            }
            double leahyLevel = org.manta.core.stats.Significance.cospectraDetectionLevel(0.05, n, ref.get("m").asInt());
            double[] level = Refs.doubles(got.get("detection_level"));
            double[] re = Refs.doubles(got.get("power").get("re"));
            if (leahyRe == null) {
                leahyRe = re;
            }
            assertClose(leahyLevel * re[5] / leahyRe[5], level[5], STINGRAY, norm + " detection_level in the product's norm");
            assertEquals(0.05, got.get("false_alarm").asDouble());
        }
    }

    /**
     * {@code pds --upper-limit 1:10 --confidence C}: the highest power between 1 and 10 Hz and Stingray's
     * {@code power_upper_limit}, {@code amplitude_upper_limit}, {@code pf_upper_limit} for it (n = m, photons per
     * segment), stored and printed, in any norm.
     */
    @Test
    void upperLimitFieldsEqualStingray() throws IOException {
        JsonNode ref = Refs.json("stats_upper_limits.json").get("aps_monolA_dt1-128_seg64_leahy_1-10Hz");
        for (String norm : List.of("leahy", "frac")) {
            Path o = dir.resolve("ul_" + norm + ".json");
            assertEquals(0, run("pds", monol.toString(), "--dt", "1/128", "--segment", "64", "--norm", norm,
                    "--upper-limit", "1:10", "--confidence", "0.99", "-o", o.toString()), err);
            JsonNode got = JSON.readTree(o.toFile());
            JsonNode e = ref.get("c_0.99");
            assertEquals("[1.0,10.0]", got.get("upper_limit_freq_range").toString());
            assertEquals(ref.get("freq").asDouble(), got.get("upper_limit_freq").asDouble(), 0.0, norm + " freq");
            assertClose(ref.get("power").asDouble(), got.get("upper_limit_measured_power").asDouble(), STINGRAY,
                    norm + " measured power");
            assertEquals(ref.get("m").asDouble(), got.get("upper_limit_n").asDouble(), norm + " n");
            assertEquals(0.99, got.get("upper_limit_confidence").asDouble());
            assertClose(e.get("power_upper_limit").asDouble(), got.get("upper_limit_power").asDouble(), STINGRAY,
                    norm + " upper_limit_power");
            assertClose(e.get("amplitude_upper_limit").asDouble(), got.get("upper_limit_amplitude").asDouble(),
                    STINGRAY, norm + " upper_limit_amplitude");
            assertClose(e.get("pf_upper_limit").asDouble(), got.get("upper_limit_pf").asDouble(), STINGRAY,
                    norm + " upper_limit_pf");
            assertTrue(out.startsWith("upper limit 1-10 Hz (0.99): highest power 4.79025 at 8.60938 Hz (m = 16): "
                    + "signal power < 5.48489, amplitude < 0.4189, pulsed fraction < 0.5905"), out);
        }
        assertRejected(List.of("pds", monol.toString(), "--dt", "1/128", "--segment", "64", "--upper-limit", "100:200"),
                "upper-limit = 100:200: expected a range below the Nyquist frequency 1/(2 dt) = 64 Hz");
        assertRejected(List.of("pds", monol.toString(), "--dt", "1/128", "--segment", "64", "--upper-limit", "1:10",
                "--confidence", "1.5"), "'1.5'", "probability");
    }

    @Test
    void subtractNoiseStatesTheLevel() throws IOException {
        Path o = dir.resolve("frac.json");
        assertEquals(0, run("pds", monol.toString(), "--dt", "1/128", "--segment", "64", "--norm", "frac",
                "--subtract-noise", "--quiet", "-o", o.toString()), err);
        JsonNode got = JSON.readTree(o.toFile());
        double level = STATS.get("poisson_level").get("frac").asDouble();
        assertClose(level, got.get("poisson_level").asDouble(), 1e-15, "poisson_level = 2/meanrate");
        assertEquals(BooleanNode.TRUE, got.get("noise_subtracted"));
        JsonNode ref = Refs.json("aps_monolA_dt1-128_seg64_frac.json");
        for (int j = 0; j < ref.get("power").size(); j += 331) {
            assertClose(ref.get("power").get(j).asDouble() - level, got.get("power").get(j).asDouble(), STINGRAY,
                    "power[" + j + "] - level");
        }
    }

    /** Pure Poisson noise has no rms above the noise: 0 ± 0 as Stingray gives it, with its warning; an error under --strict. */
    @Test
    void anRmsBelowTheNoiseIsZeroWithAWarning() throws IOException {
        Path f = monol;
        Path o = dir.resolve("noise.json");
        assertEquals(0, run("pds", f.toString(), "--dt", "1/64", "--segment", "16", "--rms", "0.1:10", "-o", o.toString(),
                "--quiet"), err);
        JsonNode got = JSON.readTree(o.toFile());
        assertEquals(0.0, got.get("frac_rms").asDouble(), 0.0);
        assertEquals(0.0, got.get("frac_rms_err").asDouble(), 0.0);
        assertEquals("manta: warning: rms 0.1-10 Hz: the power less the Poisson level integrates below 0 (no variability"
                + " above the noise there), so the rms and its error are given as 0 (as Stingray's compute_rms)", err.strip());
        assertEquals(Main.EXIT_USAGE, run("pds", f.toString(), "--dt", "1/64", "--segment", "16", "--rms", "0.1:10",
                "-o", dir.resolve("strict.json").toString(), "--quiet", "--strict"));
        assertTrue(err.strip().endsWith("(as Stingray's compute_rms) (an error under --strict)"), err);
        assertFalse(java.nio.file.Files.exists(dir.resolve("strict.json")), "no product under --strict");
    }

    /**
     * A Lorentzian of fractional rms r and half width h puts {@code r²·(2/π)(atan(f_hi/h) - atan(f_lo/h))} between
     * f_lo and f_hi: {@code --rms} must find it within its error, and the absolute rms is the fractional rms times
     * the mean rate.
     */
    @Test
    void rmsOfASimulatedLorentzian() throws IOException {
        double rms = 0.2;
        double halfWidth = 0.5;
        Path sim = simulatedLorentzian(rms, halfWidth);
        Path o = dir.resolve("rms.json");
        assertEquals(0, run("pds", sim.toString(), "--dt", "1/64", "--segment", "64", "--norm", "frac", "--rms", "0:32",
                "--significance", "-o", o.toString(), "--quiet"), err);
        assertTrue(out.startsWith("rms 0-32 Hz: fractional "), out);
        JsonNode got = JSON.readTree(o.toFile());
        double df = got.get("df").asDouble();
        double fraction = (2 / Math.PI) * (Math.atan((32 + df / 2) / halfWidth) - Math.atan(df / 2 / halfWidth));
        double frac = got.get("frac_rms").asDouble();
        System.out.printf(java.util.Locale.ROOT, "RMS simulated Lorentzian 0-32 Hz: expected %.5f, measured %.5f ± %.5f%n",
                rms * Math.sqrt(fraction), frac, got.get("frac_rms_err").asDouble());
        assertEquals(rms * Math.sqrt(fraction), frac, SIGMAS * got.get("frac_rms_err").asDouble(), "fractional rms");
        double meanrate = got.get("nphots").asDouble() / got.get("segment_size").asDouble();
        assertClose(frac * meanrate, got.get("abs_rms").asDouble(), 1e-12, "abs rms = frac rms · mean rate");
        assertEquals("[0.0,32.0]", got.get("rms_freq_range").toString());
        double[] sigma = Refs.doubles(got.get("sigma"));
        double[] corrected = Refs.doubles(got.get("p_value_trials"));
        for (int j = 0; j < sigma.length; j++) {
            assertTrue(Double.isFinite(sigma[j]) || (corrected[j] == 1 && sigma[j] == Double.NEGATIVE_INFINITY),
                    "sigma[" + j + "] = " + sigma[j] + " for p = " + corrected[j] + ": finite unless p = 1 (norm.isf(1))");
        }
        assertTrue(sigma[0] > 5, "the red noise at the lowest frequency is detected: " + sigma[0] + " sigma");
    }

    @Test
    void colorsEqualStingray() throws IOException {
        JsonNode ref = STATS.get("dynps_monolA_dt1-64_seg256_frac");
        Map<String, List<String>> cases = Map.of(
                "power_colors_default_poisson", List.of(),
                "power_colors_poisson_0", List.of("--poisson", "0"),
                "power_colors_poisson_0_exclude", List.of("--poisson", "0", "--exclude", "0.5:0.7", "--exclude", "3:4"));
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            String poisson = c.getKey();
            Path o = dir.resolve(poisson + ".json");
            Path png = dir.resolve(poisson + ".png");
            List<String> args = new java.util.ArrayList<>(List.of("colors", monol.toString(), "--dt", "1/64",
                    "--segment", "256", "--quiet", "-o", o.toString(), "--plot", png.toString()));
            args.addAll(c.getValue());
            assertEquals(0, run(args.toArray(String[]::new)), err);
            JsonNode got = JSON.readTree(o.toFile());
            JsonNode expected = ref.get(poisson);
            for (String key : List.of("pc0", "pc0_err", "pc1", "pc1_err", "hue")) {
                double[] e = Refs.doubles(expected.get(key));
                double[] a = Refs.doubles(got.get(key));
                assertEquals(e.length, a.length, key);
                for (int i = 0; i < e.length; i++) {
                    assertClose(e[i], a[i], STINGRAY, poisson + " " + key + "[" + i + "]");
                }
            }
            assertEquals("powercolors", got.get("product").asText());
            assertEquals(5, got.get("freq_edges").size());
            assertTrue(Files.size(png) > 1000, "a PNG was drawn");
        }
    }

    @Test
    void colorsCsvAndFitsHoldOneRowPerSegment() throws IOException {
        Path csv = dir.resolve("colors.csv");
        Path fits = dir.resolve("colors.fits");
        assertEquals(0, run("colors", monol.toString(), "--dt", "1/64", "--segment", "256", "--quiet", "-o",
                csv.toString()), err);
        List<String> rows = Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
        assertTrue(rows.get(0).startsWith("time,pc0,pc0_err,pc1,pc1_err,hue,hue_deg,rms,rms_err"), rows.get(0));
        assertEquals(1 + STATS.get("dynps_monolA_dt1-64_seg256_frac").get("columns").asInt(), rows.size());
        assertEquals(0, run("colors", monol.toString(), "--dt", "1/64", "--segment", "256", "--quiet", "-o",
                fits.toString()), err);
        assertTrue(Files.size(fits) % 2880 == 0 && Files.size(fits) > 0, "a FITS file");
    }

    @Test
    void frequencyEdgesAreTakenAsGivenIncludingFractions() throws IOException {
        Path o = dir.resolve("edges.json");
        assertEquals(0, run("colors", monol.toString(), "--dt", "1/64", "--segment", "64", "--freq-edges",
                "1/64,1/16,0.25,2,16", "--quiet", "-o", o.toString()), err);
        double[] edges = Refs.doubles(JSON.readTree(o.toFile()).get("freq_edges"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1.0 / 64, 1.0 / 16, 0.25, 2, 16}, edges, 0.0);
    }

    @Test
    void badValuesAreNamed() {
        String f = monol.toString();
        assertRejected(List.of("colors", f, "--dt", "1/64", "--segment", "64", "--freq-edges", "1/256,1/32,0.25,2,16"),
                "freq-edges F0", "0.00390625", "segments of at least 1/(2 F0) = 128.000 s");
        assertRejected(List.of("colors", f, "--dt", "1/16", "--segment", "256", "--freq-edges", "1/256,1/32,0.25,2,16"),
                "freq-edges F4", "16", "a bin time of at most 1/(2 F4 + 1/segment) = 0.0312462 s");
        assertRejected(List.of("colors", f, "--dt", "1/64", "--segment", "256", "--freq-edges", "1,2,3"), "1,2,3",
                "5 ascending");
        assertRejected(List.of("colors", f, "--dt", "1/64", "--segment", "256", "--poisson", "lots"), "poisson",
                "lots");
        assertRejected(List.of("pds", f, "--dt", "1/128", "--segment", "64", "--rms", "10:1"), "10:1", "LO < HI");
        assertRejected(List.of("pds", f, "--dt", "1/128", "--segment", "64", "--rms", "100:200"),
                "rms = 100:200: expected a range below the Nyquist frequency 1/(2 dt) = 64 Hz");
        assertRejected(List.of("pds", f, "--dt", "1/128", "--segment", "64", "--significance", "--false-alarm", "2"),
                "'2'", "probability");
    }

    private Path simulatedLorentzian(double rms, double halfWidth) {
        DemoConfig config = new DemoConfig(7L, GtiList.of(List.of(new Gti(0, 2048))), 200, 1,
                EnergyBand.energy(0.5, 3), EnergyBand.energy(3, 10), halfWidth, rms, 3.0, 10.0, 0.0, 0.0, 1.0 / 256);
        Path p = dir.resolve("lorentzian.evt");
        EventFileWriter.write(DemoSimulation.simulate(config).events(), p);
        return p;
    }

    private static double row(JsonNode block, double... inputs) {
        for (JsonNode r : block.get("rows")) {
            boolean match = true;
            for (int i = 0; i < inputs.length; i++) {
                match &= r.get(i).asDouble() == inputs[i];
            }
            if (match) {
                return r.get(inputs.length).asDouble();
            }
        }
        throw new AssertionError("no reference row for " + java.util.Arrays.toString(inputs));
    }

    private static void assertClose(double expected, double actual, double rtol, String what) {
        if (!Double.isFinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        assertEquals(expected, actual, rtol * Math.abs(expected), what);
    }

    private int run(String... args) {
        CliRun.Result r = CliRun.run(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    private void assertRejected(List<String> args, String... fragments) {
        Path o = dir.resolve("rejected.json");
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of("--quiet", "-o", o.toString()));
        assertEquals(Main.EXIT_USAGE, run(all.toArray(String[]::new)), args + " -> " + err);
        assertEquals(1, err.strip().lines().count(), "one line on stderr:\n" + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "stderr should mention '" + f + "': " + err);
        }
        assertFalse(Files.exists(o), "no output file after a failure");
    }
}
