package org.manta.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.manta.cli.Main;

/** {@code manta bench} as the launcher runs it: the cli's {@link Main} with this command added. */
class BenchCommandTest {
    private String out;
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), Map.of(), List.of(new BenchCommand()));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void helpIsThatOfMantaBench() {
        assertEquals(0, run("bench", "--help"));
        assertTrue(out.startsWith("Usage: manta bench"), out);
        assertTrue(out.contains("--compare-stingray"), out);
        assertEquals(0, run("help", "bench"));
        assertTrue(out.startsWith("Usage: manta bench"), out);
    }

    @Test
    void badParametersAreOneLineUsageErrors() {
        assertEquals(Main.EXIT_USAGE, run("bench", "--repeat", "0"));
        assertEquals("manta: repeat = 0: expected at least 1", err.strip());
        assertEquals(Main.EXIT_USAGE, run("bench", "--products", "lc"));
        assertTrue(err.startsWith("manta: products = lc"), err);
    }
}
