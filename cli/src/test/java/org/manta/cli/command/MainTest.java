package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.cli.Main;

/** The command line end to end (without System.exit): help, exit codes, one-line errors. */
class MainTest {
    @TempDir
    Path dir;
    private Path evt;
    private String out;
    private String err;

    @BeforeEach
    void eventFile() throws IOException {
        evt = Files.writeString(dir.resolve("obs.evt"), "not really FITS");
    }

    private int run(Map<String, String> env, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), env);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private void assertOneLineError(String... fragments) {
        assertTrue(err.startsWith("manta: "), err);
        assertEquals(1, err.strip().lines().count(), "expected one line on stderr, got:\n" + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "stderr should mention '" + f + "': " + err);
        }
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(0, run("--help"));
        for (String c : new String[] {"info", "lc", "pds", "cpds", "dynps", "demo"}) {
            assertTrue(out.contains("  " + c + " "), "--help should list " + c + ":\n" + out);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"info", "lc", "pds", "cpds", "dynps", "demo"}) {
            assertEquals(0, run(c, "--help"), c);
            assertTrue(out.startsWith("Usage: manta " + c), out);
        }
        assertEquals(0, run("pds", "--help"));
        for (String o : new String[] {"--dt", "--segment", "--norm", "--energy", "--pi", "--output", "--format", "--plot", "--quiet"}) {
            assertTrue(out.contains(o), "pds --help should show " + o);
        }
    }

    /** A command that runs out of heap (picocli hands errors on). */
    @picocli.CommandLine.Command(name = "exhaust")
    static final class Exhaust implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void runningOutOfMemoryIsOneLineAndExitOne() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"exhaust"}, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), Map.of(), java.util.List.of(new Exhaust()));
        assertEquals(Main.EXIT_INTERNAL, code);
        assertEquals("manta: out of memory; give Java more heap, e.g. JAVA_OPTS=-Xmx4g",
                e.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void versionShowsSoftwareAndJava() {
        assertEquals(0, run("--version"));
        assertTrue(out.startsWith("manta "), out);
        assertTrue(out.contains("Java "), out);
    }

    @Test
    void everyCommandsVersionIsMantasVersion() {
        assertEquals(0, run("--version"));
        String version = out;
        for (String[] args : new String[][] {{"pds", "--version"}, {"up", "--version"}, {"submit", "--version"},
            {"submit", "pds", "--version"}}) {
            assertEquals(0, run(args), String.join(" ", args));
            assertEquals(version, out, String.join(" ", args));
        }
    }

    @Test
    void noCommandIsUsageError() {
        assertEquals(Main.EXIT_USAGE, run());
        assertOneLineError("missing command", "pds");
    }

    @Test
    void unknownCommand() {
        assertEquals(Main.EXIT_USAGE, run("frobnicate"));
        assertOneLineError("unknown command 'frobnicate'", "pds");
    }

    /** Found: `manta lc a.evt b.evt` said only "Unmatched argument at index 2". */
    @Test
    void aSecondFileWhereOneIsTakenIsSaidSo() {
        String f = evt.toString();
        assertEquals(Main.EXIT_USAGE, run("lc", f, f, "--dt", "1"));
        assertEquals("manta: '" + f + "': one input file too many for lc (only pds and cpds average several "
                + "observations) (see 'manta lc --help')", err.strip());
        assertEquals(Main.EXIT_USAGE, run("lc", f, "nosuch.evt", "--dt", "1"));
        assertTrue(err.startsWith("manta: Unmatched argument"), "not a file: picocli's words: " + err);
    }

    /** Found: `manta submit pds … --running-output F` and `manta submit --quiet pds …` said only "Unknown option". */
    @Test
    void anOptionOnTheWrongSideOfItsCommandIsSaidWhereItGoes() {
        String f = evt.toString();
        assertEquals(Main.EXIT_USAGE, run("submit", "--server", "h:1", "pds", f, "--dt", "1", "--running-output=r.json"));
        assertEquals("manta: --running-output is an option of 'manta submit': give it before 'pds' (manta submit "
                + "--running-output … pds …) (see 'manta submit pds --help')", err.strip());
        assertEquals(Main.EXIT_USAGE, run("submit", "--quiet", "--server", "h:1", "pds", f, "--dt", "1"));
        assertEquals("manta: --quiet is an option of each command of 'manta submit': give it after the command's name "
                + "(manta submit COMMAND … --quiet) (see 'manta submit --help')", err.strip());
        assertEquals(Main.EXIT_USAGE, run("pds", f, "--dt", "1", "--frobnicate"));
        assertTrue(err.startsWith("manta: Unknown option: '--frobnicate'"), err);
    }

    @Test
    void everyCommandHasItsHelpWhetherAloneOrThroughHelp() {
        for (String command : new String[] {"info", "lc", "pds", "cpds", "dynps", "fad", "deadtime", "lomb",
            "multitaper", "bispectrum", "bicoherence", "colors", "plot", "varenergy", "demo", "up", "submit"}) {
            assertEquals(0, run(command, "--help"), command);
            assertTrue(out.startsWith("Usage: manta " + command), out);
            assertEquals(0, run("help", command), command);
            assertTrue(out.startsWith("Usage: manta " + command), out);
        }
        assertEquals(0, run("--help"));
        for (String command : new String[] {"info", "pds", "varenergy", "submit", "help"}) {
            assertTrue(out.contains("\n  " + command + " "), "manta --help lists " + command + ":\n" + out);
        }
    }

    @Test
    void submitRegistersTheSubcommandsItIsGivenAndAllForHelp() {
        String[] all = {"pds", "cpds", "dynps", "varenergy", "fad", "colors", "delete", "lomb", "multitaper",
            "bispectrum", "bicoherence"};
        assertEquals(0, run("submit", "--help"));
        for (String sub : all) {
            assertTrue(out.contains("\n  " + sub + " "), "manta submit --help lists " + sub + ":\n" + out);
        }
        assertEquals(0, run("help", "submit"));
        assertTrue(out.contains("\n  bicoherence "), out);
        assertEquals(0, run("submit", "--server", "h:1", "cpds", "--help"));
        assertTrue(out.startsWith("Usage: manta submit cpds"), out);
        assertTrue(out.contains("--energy1"), out);
        assertEquals(Main.EXIT_USAGE, run("submit", "--server", "h:1", "frobnicate", "x.evt"));
        assertOneLineError("unknown command 'frobnicate'", "pds", "bicoherence");
        assertEquals(Main.EXIT_USAGE, run("submit", "--server", "h:1", "pds", "x.evt", "--dt", "-1"));
        assertOneLineError("--dt", "-1");
    }

    @Test
    void submitRefusesWhatOnlyTheEmbeddedPipelineHonours() {
        String f = evt.toString();
        assertEquals(Main.EXIT_USAGE, run("submit", "--server", "127.0.0.1:1", "cpds", f, "--energy1", "1:2",
                "--energy2", "2:3", "--dt", "1", "--segment", "8", "--gpu", "--threads", "2", "--strict"));
        assertOneLineError("--gpu, --threads", "with submit", "workers and devices");
        assertFalse(err.contains("--strict"), "--strict goes with the job (the mesh's planner checks it): " + err);
    }

    @Test
    void badOptionValuesAreExitTwoWithOneLine() {
        String f = evt.toString();
        String[][] cases = {
            {"pds", f},                                              // --dt missing
            {"pds", f, "--dt", "0"},
            {"pds", f, "--dt", "-1/512"},
            {"pds", f, "--dt", "1/0"},
            {"pds", f, "--dt", "fast"},
            {"pds", f, "--dt", "NaN"},
            {"pds", f, "--dt", "1/512", "--segment", "0"},
            {"pds", f, "--dt", "1/512", "--segment", "0.003"},         // fewer than 2 bins
            {"pds", f, "--dt", "1/512", "--norm", "rmsq"},
            {"pds", f, "--dt", "1/512", "--energy", "10:3"},
            {"pds", f, "--dt", "1/512", "--energy", "3-10"},
            {"pds", f, "--dt", "1/512", "--pi", "a:b"},
            {"pds", f, "--dt", "1/512", "--energy", "3:10", "--pi", "1:2"},
            {"pds", f, "--dt", "1/512", "-o", "spectrum.txt"},
            {"pds", f, "--dt", "1/512", "-o", "x.json", "--format", "xml"},
            {"pds", f, "--dt", "1/512", "--format", "json"},           // --format without --output
            {"pds", f, "--dt", "1/512", "--plot", "p.jpg"},
            {"pds", f, "--dt", "1/512", "-o", "-", "--format", "fits"},
            {"pds", f, "--dt", "1/512", "--bogus"},
            {"pds", dir.resolve("missing.evt").toString(), "--dt", "1/512"},
            {"pds", dir.toString(), "--dt", "1/512"},
            {"cpds", f, "--dt", "1/512"},                              // one file, no bands
            {"dynps", f, "--dt", "1/16"},                              // no segment
            {"info"},
        };
        for (String[] c : cases) {
            assertEquals(Main.EXIT_USAGE, run(c), String.join(" ", c) + " -> " + err);
            assertOneLineError();
        }
    }

    @Test
    void messagesNameTheValueAndWhatWasExpected() {
        run("pds", evt.toString(), "--dt", "fast");
        assertOneLineError("--dt", "'fast'", "positive number of seconds");
        run("pds", evt.toString(), "--dt", "1/512", "-o", "spectrum.txt");
        assertOneLineError("spectrum.txt", ".json", ".fits", ".csv");
        run("pds", evt.toString(), "--dt", "1/512", "--norm", "rmsq");
        assertOneLineError("'rmsq'", "leahy, frac (or rms), abs, none");
        run("pds", evt.toString(), "--dt", "1/512", "--segment", "0.003");
        assertOneLineError("segment", "0.003", "at least 2 bins");
        run("pds", dir.resolve("missing.evt").toString(), "--dt", "1/512");
        assertOneLineError("missing.evt", "no such file");
    }
}
