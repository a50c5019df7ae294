package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.cli.Main;
import org.manta.core.io.Refs;

/**
 * Option values that need no data are refused before the segments are made (found: pds, cpds, dynps and colors
 * printed "started … done …" and only then exited 2), a frequency range above the Nyquist frequency is refused or
 * cut with a warning, and an option that would change nothing is refused. A refusal before any data is read is told
 * by the input: a file that does not exist, which the work would find first ({@link #missing}).
 */
class OptionsCheckedBeforeTheWorkTest extends CommandRun {
    private String monol;
    /** An input that does not exist: refused only once the options have been checked. */
    private String missing;

    @BeforeEach
    void data() throws IOException {
        monol = copy("monol_testA.evt").toString();
        missing = dir.resolve("missing.evt").toString();
    }

    /** What the refusals below are told from: with good options, the missing input is what is refused. */
    @Test
    void withGoodOptionsTheMissingInputIsRefused() {
        assertEquals(Main.EXIT_USAGE, run("pds", missing, "--dt", "1/64", "--segment", "16", "--rebin", "4x", "--rms",
                "1:10", "--significance", "--false-alarm", "0.05"), err);
        assertTrue(err.contains("missing.evt"), err);
        assertEquals(Main.EXIT_USAGE, run("colors", missing, "--dt", "1/64", "--segment", "256", "--poisson", "0",
                "--exclude", "0.5:0.7"), err);
        assertTrue(err.contains("missing.evt"), err);
    }

    @Test
    void coloursOptionsAreRefusedBeforeTheWork() {
        assertRefusedBeforeTheWork("poisson = -3: expected 'theory' or a noise level >= 0 in (rms/mean)^2/Hz, e.g. 0.02",
                "colors", missing, "--dt", "1/64", "--segment", "256", "--poisson", "-3");
        assertRefusedBeforeTheWork("excluded range = 0.001:100.0: expected a range ending below the last frequency, "
                + "31.99609375 Hz", "colors", missing, "--dt", "1/64", "--segment", "256", "--exclude", "0.001:100");
    }

    /** The default edges are not blamed on --freq-edges, which was not given: the segment or bin time is. */
    @Test
    void defaultColourEdgesNameTheSegment() {
        assertRefusedBeforeTheWork("segment = 64: expected at least 1/(2 F0) = 128 s for the default frequency edges "
                + "(Heil et al. 2015: 1/256,1/32,0.25,2,16 Hz), or give --freq-edges",
                "colors", missing, "--dt", "1/64", "--segment", "64");
        assertEquals(0, run("colors", monol, "--dt", "1/64", "--segment", "128", "--quiet"), err);
    }

    @Test
    void aLinearRebinThatDoesNotFitTheSegmentsIsRefusedBeforeTheWork() {
        String finer = "rebin = 0.001: expected a resolution of at least the spectrum's, 1/segment = 0.0625 Hz (or a "
                + "factor of at least 1 followed by x, e.g. 4x)";
        assertRefusedBeforeTheWork(finer, "pds", missing, "--dt", "1/64", "--segment", "16", "--rebin", "0.001");
        assertRefusedBeforeTheWork(finer, "dynps", missing, "--dt", "1/64", "--segment", "16", "--rebin", "0.001");
        assertRefusedBeforeTheWork(finer, "cpds", missing, "--energy1", "3:10", "--energy2", "10:79", "--dt", "1/64",
                "--segment", "16", "--rebin", "0.001");
        String wider = ": expected at most the span of the spectrum's frequencies, 31.9375 Hz (511 x 0.0625 Hz), for at "
                + "least one new bin";
        assertRefusedBeforeTheWork("rebin = 512x" + wider, "pds", missing, "--dt", "1/64", "--segment", "16",
                "--rebin", "512x");
        // found: 0 frequencies (pds), an ArrayIndexOutOfBoundsException (dynps)
        assertRefusedBeforeTheWork("rebin = 100" + wider, "dynps", missing, "--dt", "1/64", "--segment", "16",
                "--rebin", "100");
        assertEquals(0, run("pds", monol, "--dt", "1/64", "--segment", "16", "--rebin", "511x", "--quiet"), err);
        assertTrue(out.startsWith("Power spectrum: 1 frequencies from 16 to 16 Hz"), out);
        // one periodogram of the whole span: its resolution is known only once it is made (found: an empty product)
        java.nio.file.Path empty = dir.resolve("whole.json");
        assertEquals(Main.EXIT_USAGE, run("pds", monol, "--dt", "1/64", "--rebin", "80", "--quiet", "-o",
                empty.toString()), err);
        assertTrue(err.startsWith("manta: rebin = 80: expected at most the span of the spectrum's frequencies, 31.999 Hz (32799 x 0.00097561 Hz)"),
                err);
        assertTrue(!java.nio.file.Files.exists(empty), "no product");
    }

    /** Found: a single periodogram of far too many bins read and binned every event first (10-20 s), naming its n. */
    @Test
    void aWholeSpanPeriodogramTooLargeForMemoryIsRefusedByItsDtFromTheHeaders() {
        assertEquals(Main.EXIT_USAGE, run("pds", monol, "--dt", "1e-7", "--quiet"), err);
        assertTrue(err.startsWith("manta: dt = 0.0000001: expected at most "), err);
        assertTrue(err.contains(" bins of one periodogram of the whole span, tseg = 1025 s (its light curve and Fourier "
                + "transform) with the "), err);
        assertTrue(err.contains("(10250000000 of them need about "), err);
    }

    /** --false-alarm, --trials without --significance and --confidence without --upper-limit would change nothing. */
    @Test
    void optionsThatWouldChangeNothingAreRefused() {
        assertRefusedBeforeTheWork("false-alarm = 0.01: expected --significance with it (it sets the false-alarm "
                + "probability of the detection level that --significance adds)",
                "pds", missing, "--dt", "1/64", "--segment", "16", "--false-alarm", "0.01");
        assertRefusedBeforeTheWork("false-alarm = 0.05: expected --significance with it (it sets the false-alarm "
                + "probability of the detection level that --significance adds)", "cpds", missing, "--energy1", "3:10",
                "--energy2", "10:79", "--dt", "1/64", "--segment", "16", "--false-alarm", "0.05");
        assertRefusedBeforeTheWork("trials = 10: expected --significance with it (it sets the number of trials of the "
                + "p-values that --significance adds)", "pds", missing, "--dt", "1/64", "--segment", "16", "--trials", "10");
        assertRefusedBeforeTheWork("confidence = 0.9: expected --upper-limit LO:HI with it (it sets the confidence of "
                + "the upper limit)", "pds", missing, "--dt", "1/64", "--segment", "16", "--confidence", "0.9");
    }

    @Test
    void aRangeWhollyAboveTheNyquistFrequencyIsRefusedBeforeTheWork() {
        assertRefusedBeforeTheWork("rms = 32:100: expected a range below the Nyquist frequency 1/(2 dt) = 32 Hz",
                "pds", missing, "--dt", "1/64", "--segment", "16", "--rms", "32:100");
        assertRefusedBeforeTheWork("upper-limit = 40:100: expected a range below the Nyquist frequency 1/(2 dt) = 32 Hz",
                "pds", missing, "--dt", "1/64", "--upper-limit", "40:100");
        // below the Nyquist frequency but between two frequencies of 16 s segments (df = 0.0625 Hz)
        assertRefusedBeforeTheWork("frequency range = [1.01, 1.05]: expected at least one frequency of the spectrum "
                + "(0.0625 to 31.9375 Hz)", "pds", missing, "--dt", "1/64", "--segment", "16", "--rms", "1.01:1.05");
    }

    /**
     * A range across the Nyquist frequency (found: {@code pds sim_varenergy.evt --dt 1 --segment 64 --rms 0.1:100}
     * reported "rms 0.1-100 Hz", Nyquist being 0.5 Hz): one warning line each, and the product and the summary name
     * the range used, whose statistics they are.
     */
    @Test
    void aRangeAcrossTheNyquistFrequencyIsWarnedOfAndRecordedAsUsed() throws IOException {
        String sim = copy("sim_varenergy.evt.gz").toString();
        JsonNode cut = product("cut", "pds", sim, "--dt", "1", "--segment", "64", "--rms", "0.1:100",
                "--upper-limit", "0.2:3");
        assertEquals("manta: warning: --rms 0.1:100 reaches above the Nyquist frequency 1/(2 dt) = 0.5 Hz: 0.1-0.5 Hz is "
                + "used\nmanta: warning: --upper-limit 0.2:3 reaches above the Nyquist frequency 1/(2 dt) = 0.5 Hz: "
                + "0.2-0.5 Hz is used", err.strip());
        assertArrayEquals(new double[] {0.1, 0.5}, Refs.doubles(cut.get("rms_freq_range")), 0.0);
        assertArrayEquals(new double[] {0.2, 0.5}, Refs.doubles(cut.get("upper_limit_freq_range")), 0.0);
        assertEquals(0.176961, cut.get("frac_rms").asDouble(), 5e-7, "the tester's rms");
        JsonNode asUsed = product("used", "pds", sim, "--dt", "1", "--segment", "64", "--rms", "0.1:0.5",
                "--upper-limit", "0.2:0.5");
        assertEquals("", err.strip());
        assertEquals(asUsed.get("frac_rms").asDouble(), cut.get("frac_rms").asDouble(), 0.0);
        assertEquals(asUsed.get("upper_limit_power").asDouble(), cut.get("upper_limit_power").asDouble(), 0.0);

        assertEquals(0, run("pds", sim, "--dt", "1", "--segment", "64", "--rms", "0.1:100", "--quiet"), err);
        assertTrue(out.startsWith("rms 0.1-0.5 Hz: fractional 0.176961 "), out);
        assertRefusedBeforeTheWork("--rms 0.1:100 reaches above the Nyquist frequency 1/(2 dt) = 0.5 Hz: 0.1-0.5 Hz is "
                + "used (an error under --strict)", "pds", missing, "--dt", "1", "--segment", "64", "--rms", "0.1:100",
                "--strict");
    }

    /** {@code manta ARGS} exits 2 with {@code manta: MESSAGE} as the only line on standard error. */
    private void assertRefusedBeforeTheWork(String message, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        Path o = dir.resolve("refused.json");
        all.addAll(List.of("-o", o.toString()));
        assertEquals(Main.EXIT_USAGE, run(all.toArray(String[]::new)), all + " -> " + err);
        assertEquals("manta: " + message, err.strip(), String.join(" ", all));
    }
}
