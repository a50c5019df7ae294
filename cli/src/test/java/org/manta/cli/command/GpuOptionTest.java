package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.manta.cli.Main;
import org.manta.core.io.Refs;
import org.manta.core.pipeline.EngineUnavailableException;
import org.manta.core.pipeline.SegmentEngine;

/**
 * {@code manta pds|cpds|dynps … --gpu} on a machine without a CUDA device: exit 2 and one line saying that no
 * CUDA device was found (the gpu module is on the class path at run time; the probe says why), no product written.
 * Skipped where a device exists (the gpu module's parity tests cover that case).
 */
class GpuOptionTest {
    @TempDir
    Path dir;

    /** Why this machine has no CUDA engine; null where it has one. */
    private static String noDevice() {
        try {
            SegmentEngine.named("cuda");
            return null;
        } catch (EngineUnavailableException e) {
            return e.getMessage();
        }
    }

    @org.junit.jupiter.api.Test
    void upWithGpuExits2BeforeStartingAnything() {
        String reason = noDevice();
        assumeTrue(reason != null, "skipped: this machine has a CUDA device");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"up", "--gpu", "--work-dir", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_USAGE, code, stderr);
        assertEquals("manta: " + reason, stderr.strip(), "one line, nothing started");
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pds", "cpds", "dynps"})
    void withoutADeviceTheCommandExits2WithOneLine(String command) {
        String reason = noDevice();
        assumeTrue(reason != null, "skipped: this machine has a CUDA device");
        String file = Refs.data("monol_testA.evt").toString();
        Path output = dir.resolve("out.json");
        String[] args = switch (command) {
            case "cpds" -> new String[] {command, file, "--energy1", "0:10", "--energy2", "10:100", "--dt", "1/128",
                "--segment", "64", "--gpu", "-o", output.toString()};
            default -> new String[] {command, file, "--dt", "1/128", "--segment", "64", "--gpu", "-o", output.toString()};
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_USAGE, code, stderr);
        assertEquals(1, stderr.strip().lines().count(), "one line: " + stderr);
        assertEquals("manta: " + reason, stderr.strip());
        assertTrue(stderr.contains("no CUDA device was found"), stderr);
        assertTrue(!output.toFile().exists(), "no product written");
    }
}
