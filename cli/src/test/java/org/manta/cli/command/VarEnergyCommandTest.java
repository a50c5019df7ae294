package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.core.io.Refs;

/**
 * {@code manta varenergy} end to end: the JSON it writes, read back, holds Stingray's spectra
 * ({@code varenergy_sim.json}, {@code varenergy_monolA_calib.json}); bad values exit 2 naming them.
 */
class VarEnergyCommandTest extends CommandRun {
    /** Through the command (FITS read, parallel pipeline, JSON written and read back) vs Stingray. */
    private static final double STINGRAY = 1e-12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SIM = {"--freq", "0.1:3", "--bands", "0.5,1,2,4,8,12", "--ref", "0.5:12",
        "--dt", "1/64", "--segment", "32", "--quiet"};

    private Path sim;

    @BeforeEach
    void data() throws IOException {
        sim = copy("sim_varenergy.evt.gz");
    }

    private int runSim(String kind, String... more) {
        String[] args = new String[3 + SIM.length + more.length];
        args[0] = "varenergy";
        args[1] = sim.toString();
        args[2] = "--kind=" + kind;
        System.arraycopy(SIM, 0, args, 3, SIM.length);
        System.arraycopy(more, 0, args, 3 + SIM.length, more.length);
        return run(args);
    }

    private static double number(JsonNode v) {
        return v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
    }

    private static void assertArrayClose(JsonNode expected, JsonNode actual, double rtol) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            double e = number(expected.get(i));
            double a = number(actual.get(i));
            if (Double.isNaN(e)) {
                assertTrue(Double.isNaN(a), "[" + i + "]: expected NaN, got " + a);
            } else {
                assertEquals(e, a, rtol * Math.abs(e), "[" + i + "]");
            }
        }
    }

    @Test
    void lagEnergyJsonAndPlot() throws IOException {
        Path o = dir.resolve("lag.json");
        Path png = dir.resolve("lag.png");
        assertEquals(0, runSim("lag", "-o", o.toString(), "--plot", png.toString()), err);
        JsonNode got = JSON.readTree(o.toFile());
        JsonNode ref = Refs.json("varenergy_sim.json").get("LagSpectrum");
        assertEquals("varenergy", got.get("product").asText());
        assertEquals("lag", got.get("kind").asText());
        assertEquals(ref.get("energy_intervals").toString(), got.get("energy_intervals").toString());
        assertArrayClose(ref.get("spectrum"), got.get("spectrum"), STINGRAY);
        assertArrayClose(ref.get("spectrum_error"), got.get("spectrum_error"), STINGRAY);
        assertEquals(0.5, got.get("ref_band_lo").asDouble());
        assertEquals(62, got.get("m").asInt(), "segments of 32 s in the two 1000 s GTIs");
        assertEquals(64, got.get("provenance").get("inputs").get(0).get("sha256").asText().length());
        assertTrue(got.has("mjdref") && got.has("timesys"), "the observation's context: " + got.fieldNames());
        assertTrue(Files.size(png) > 10_000, "a lag-energy plot was drawn");
    }

    @Test
    void rmsFracAndAbsAsJson() throws IOException {
        for (String norm : new String[] {"frac", "abs"}) {
            Path o = dir.resolve("rms-" + norm + ".json");
            assertEquals(0, runSim("rms", "--norm", norm, "-o", o.toString()), err);
            JsonNode got = JSON.readTree(o.toFile());
            JsonNode ref = Refs.json("varenergy_sim.json").get("RmsSpectrum_" + norm);
            assertEquals(norm, got.get("norm").asText());
            assertArrayClose(ref.get("spectrum"), got.get("spectrum"), STINGRAY);
            assertArrayClose(ref.get("spectrum_error"), got.get("spectrum_error"), STINGRAY);
        }
    }

    @Test
    void complexCovarianceIsReImWithStingraysNaNs() throws IOException {
        Path calib = copy("monol_testA_calib.evt");
        Path o = dir.resolve("ccov.json");
        assertEquals(0, run("varenergy", calib.toString(), "--kind", "complexcov", "--freq", "0.05:1", "--bands",
                "3,5,8,12,20,40", "--ref", "3:40", "--dt", "0.125", "--segment", "64", "--quiet", "-o", o.toString()),
                err);
        JsonNode got = JSON.readTree(o.toFile());
        JsonNode ref = Refs.json("varenergy_monolA_calib.json").get("ComplexCovarianceSpectrum_frac");
        assertArrayClose(ref.get("spectrum").get("re"), got.get("spectrum").get("re"), STINGRAY);
        assertArrayClose(ref.get("spectrum").get("im"), got.get("spectrum").get("im"), STINGRAY);
        assertArrayClose(ref.get("spectrum_error").get("im"), got.get("spectrum_error").get("im"), STINGRAY);
    }

    @Test
    void excessVarianceAsCsv() throws IOException {
        Path o = dir.resolve("fvar.csv");
        assertEquals(0, run("varenergy", sim.toString(), "--kind", "excvar", "--bands", "0.5,1,2,4,8,12", "--dt", "1",
                "--quiet", "-o", o.toString()), err);
        String csv = Files.readString(o);
        assertTrue(csv.contains("energy,energy_intervals_0,energy_intervals_1,spectrum,spectrum_error"), csv);
        JsonNode ref = Refs.json("varenergy_sim.json").get("ExcessVarianceSpectrum_fvar_bin1s_intended");
        String firstRow = csv.lines().filter(l -> l.startsWith("0.75,")).findFirst().orElseThrow();
        assertEquals(number(ref.get("spectrum").get(0)), Double.parseDouble(firstRow.split(",")[3]), 1e-12);
    }

    /**
     * Counts are of the whole list: a count product has no {@code segment_size} and no {@code m} in JSON, FITS
     * (SEGSIZE, M) or the CSV header, with or without {@code --segment}; a lag or rms product has both.
     */
    @Test
    void countProductsHaveNoSegmentOrM() throws IOException {
        JsonNode ref = Refs.json("varenergy_sim.json").get("CountSpectrum");
        String[] bands = {"--bands", "0.5,1,2,4,8,12", "--dt", "1/64", "--quiet"};
        for (String[] segment : new String[][] {{}, {"--segment", "32"}}) {
            String tag = segment.length == 0 ? "nosegment" : "segment";
            Path json = dir.resolve("count-" + tag + ".json");
            Path fits = dir.resolve("count-" + tag + ".fits");
            Path csv = dir.resolve("count-" + tag + ".csv");
            for (Path o : List.of(json, fits, csv)) {
                List<String> args = new ArrayList<>(List.of("varenergy", sim.toString(), "--kind", "count"));
                args.addAll(List.of(bands));
                args.addAll(List.of(segment));
                args.addAll(List.of("-o", o.toString()));
                assertEquals(0, run(args.toArray(String[]::new)), err);
            }
            JsonNode got = JSON.readTree(json.toFile());
            assertArrayClose(ref.get("spectrum"), got.get("spectrum"), 0.0);
            assertFalse(got.has("segment_size") || got.has("m"), "count JSON: " + got.fieldNames());
            try (Fits f = new Fits(fits.toFile())) {
                Header primary = f.getHDU(0).getHeader();
                assertFalse(primary.containsKey("SEGSIZE") || primary.containsKey("M"), "count FITS keywords");
                assertEquals("count", primary.getStringValue("KIND"));
            }
            String header = Files.readString(csv).lines().filter(l -> l.startsWith("# ")).toList().toString();
            assertFalse(header.contains("segment_size") || header.contains("# m ="), header);
            assertTrue(header.contains("# kind = count"), header);
        }
        for (String kind : new String[] {"lag", "rms"}) {
            Path json = dir.resolve(kind + ".json");
            Path fits = dir.resolve(kind + ".fits");
            assertEquals(0, runSim(kind, "-o", json.toString()), err);
            assertEquals(0, runSim(kind, "-o", fits.toString()), err);
            JsonNode got = JSON.readTree(json.toFile());
            assertEquals(32.0, got.get("segment_size").asDouble(), 0.0, kind);
            assertEquals(62, got.get("m").asInt(), kind + ": segments of 32 s in the two 1000 s GTIs");
            try (Fits f = new Fits(fits.toFile())) {
                Header primary = f.getHDU(0).getHeader();
                assertEquals(32.0, primary.getDoubleValue("SEGSIZE"), 0.0, kind);
                assertEquals(62, primary.getIntValue("M"), kind);
            }
        }
    }

    @Test
    void badValuesExitTwoNamingThem() throws IOException {
        Path o = dir.resolve("bad.json");
        assertEquals(2, run("varenergy", sim.toString(), "--kind", "lag", "--freq", "0.1:3", "--bands", "1,0.5,2",
                "--dt", "1/64", "--segment", "32", "-o", o.toString()));
        assertTrue(err.contains("bands") && err.contains("ascending"), err);
        assertEquals(2, run("varenergy", sim.toString(), "--kind", "lag", "--bands", "0.5,1", "--dt", "1/64",
                "--segment", "32"));
        assertTrue(err.contains("freq"), err);
        assertEquals(2, run("varenergy", sim.toString(), "--kind", "wiggle", "--freq", "0.1:3", "--bands", "0.5,1",
                "--dt", "1/64", "--segment", "32"));
        assertTrue(err.contains("kind = wiggle"), err);
        assertEquals(2, run("varenergy", sim.toString(), "--kind", "rms", "--freq", "0.1:3", "--bands", "0.5,x",
                "--dt", "1/64", "--segment", "32"));
        assertTrue(err.contains("'x' is not a number"), err);
        assertEquals(2, run("varenergy", sim.toString(), "--kind", "rms", "--norm", "leahy", "--freq", "0.1:3",
                "--bands", "0.5,1", "--dt", "1/64", "--segment", "32"));
        assertTrue(err.contains("norm = leahy"), err);
        assertEquals(2, run("varenergy", sim.toString(), "--kind", "rms", "--freq", "500:600", "--bands", "0.5,1",
                "--dt", "1/64", "--segment", "32"));
        assertTrue(err.contains("freq = 500.0:600.0"), err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        assertFalse(Files.exists(o), "no output after a failure");
    }

    @Test
    void helpNamesEveryKind() {
        assertEquals(0, run("varenergy", "--help"));
        for (String k : new String[] {"rms", "lag", "covariance", "complexcov", "count", "excvar", "--events2", "--ref"}) {
            assertTrue(out.contains(k), k + " in --help");
        }
    }

    /**
     * The excess variance's light curves span the two GTIs of sim_varenergy (1000 s each, 100 s apart) as Stingray's
     * do: the gap is said, naming it, and is an error under --strict; the progress counts the bands it computes, not
     * the plan's segments it does not use.
     */
    @Test
    void excessVarianceSaysItsGapAndCountsBands() throws IOException {
        String[] args = {"varenergy", sim.toString(), "--kind", "excvar", "--bands", "0.5,1,2,4,8,12", "--dt", "1"};
        String progress = stderrOf(() -> assertEquals(0, run(args), err));
        assertTrue(err.contains("manta: warning: " + sim + ": one light curve per band (excvar) of the whole span "
                + "(2100 s) over 2 GTIs: the gaps between them (1 gap, 100 s) are zeros in the light curve; Stingray's "
                + "ExcessVarianceSpectrum does the same"), err);
        assertTrue(progress.contains("varenergy: started, 5 bands"), progress);
        assertTrue(progress.contains("varenergy: done, 5 bands"), progress);
        String[] strict = java.util.Arrays.copyOf(args, args.length + 1);
        strict[args.length] = "--strict";
        assertEquals(2, run(strict));
        assertTrue(err.contains("(1 gap, 100 s)") && err.contains("an error under --strict"), err);
    }

    /** Options the kind does not use are named in one warning (an error under --strict), and change nothing. */
    @Test
    void optionsWithoutEffectOnTheKindAreWarnedOf() throws IOException {
        JsonNode plain = product("count-plain", "varenergy", sim.toString(), "--kind", "count", "--bands", "0.5,1,2",
                "--dt", "1");
        assertFalse(err.contains("warning"), err);
        JsonNode given = product("count-given", "varenergy", sim.toString(), "--kind", "count", "--bands", "0.5,1,2",
                "--dt", "1", "--freq", "0.1:5", "--segment", "32", "--norm", "abs");
        assertTrue(err.contains("manta: warning: --freq 0.1:5, --segment 32, --norm abs have no effect on the count "
                + "spectrum (events per band in the whole list): ignored"), err);
        assertEquals(plain.get("spectrum").toString(), given.get("spectrum").toString());
        product("lag-norm", "varenergy", sim.toString(), "--kind", "lag", "--bands", "0.5,1,2", "--dt", "1/64",
                "--freq", "0.1:3", "--segment", "32", "--norm", "frac");
        assertTrue(err.contains("--norm frac has no effect on the lag spectrum"), err);
        assertEquals(2, run("varenergy", sim.toString(), "--kind", "excvar", "--bands", "0.5,1,2", "--dt", "1",
                "--segment", "32", "--strict", "--quiet"));
        assertTrue(err.contains("--segment 32 has no effect on the excvar spectrum"), err);
    }

    /**
     * The Fourier frequencies of --dt 1/64 stop below 32 Hz: an interval that passes it is cut there (said, and
     * recorded as used; the spectrum is the same as with 32), one wholly above it is refused before any work.
     */
    @Test
    void aFrequencyIntervalPastNyquistIsCutOrRefused() throws IOException {
        String[] common = {"--kind", "rms", "--bands", "0.5,2,12", "--dt", "1/64", "--segment", "32"};
        JsonNode past = product("rms-past", concat(new String[] {"varenergy", sim.toString(), "--freq", "0.1:50"},
                common));
        assertTrue(err.contains("manta: warning: --freq 0.1:50 passes the Nyquist frequency 32 Hz of dt = 0.015625 s: "
                + "using 0.1:32 Hz"), err);
        assertEquals(32.0, past.get("freq_hi").asDouble(), 0.0);
        JsonNode at = product("rms-at", concat(new String[] {"varenergy", sim.toString(), "--freq", "0.1:32"}, common));
        assertFalse(err.contains("Nyquist"), err);
        assertEquals(at.get("spectrum").toString(), past.get("spectrum").toString());
        assertEquals(2, run(concat(new String[] {"varenergy", sim.toString(), "--freq", "40:50", "--quiet"}, common)));
        assertTrue(err.contains("freq = 40.0:50.0: expected an interval below the Nyquist frequency 32 Hz of --dt "
                + "0.015625 s"), err);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
