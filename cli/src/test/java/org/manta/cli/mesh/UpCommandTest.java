package org.manta.cli.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.cli.Main;

/**
 * {@code manta up} refuses a setup that cannot work before it starts anything (no real mesh here: each case exits
 * before the broker), and keeps the logs of the last meshes next to the mesh config.
 */
class UpCommandTest {
    @TempDir
    Path dir;
    private String configBefore;

    @BeforeEach
    void ownConfig() {
        configBefore = System.getProperty("manta.config");
        System.setProperty("manta.config", dir.resolve("home/config").toString());
    }

    @AfterEach
    void restoreConfig() {
        if (configBefore == null) {
            System.clearProperty("manta.config");
        } else {
            System.setProperty("manta.config", configBefore);
        }
    }

    /** {@code manta up args…} with a work directory in {@link #dir}: exit code and stderr. */
    private Result up(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of("up", "--work-dir", dir.resolve("work").toString()), Stream.of(args))
                .toArray(String[]::new);
        int code = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no 'ready'");
        assertFalse(Files.exists(dir.resolve("work")), "nothing started: no work directory");
        assertFalse(Files.exists(dir.resolve("home")), "nothing started: no logs, no config");
        return new Result(code, err.toString(StandardCharsets.UTF_8).strip());
    }

    private record Result(int code, String stderr) {
    }

    @Test
    void aPortOutOfRangeExits2() {
        Result r = up("--port", "70000", "--data-root", dir.toString());
        assertEquals(Main.EXIT_USAGE, r.code(), r.stderr());
        assertEquals("manta: --port = 70000: expected a TCP port from 1 to 65535 (or 0: a free one)", r.stderr());
        assertEquals("manta: --port = -1: expected a TCP port from 1 to 65535 (or 0: a free one)",
                up("--port", "-1", "--data-root", dir.toString()).stderr());
    }

    @Test
    void aPortInUseExits2SayingAnotherMeshMayRunThere() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = other.getLocalPort();
            Result r = up("--port", Integer.toString(port), "--data-root", dir.toString());
            assertEquals(Main.EXIT_USAGE, r.code(), r.stderr());
            assertEquals(1, r.stderr().lines().count(), r.stderr());
            assertTrue(r.stderr().startsWith("manta: --port = " + port + ": expected a port free on 127.0.0.1, but it "
                    + "is taken ("), r.stderr());
            assertTrue(r.stderr().endsWith("): another mesh may be running on it (stop it, or give another --port)"),
                    r.stderr());
        }
    }

    @Test
    void aMissingDataRootExits2() {
        Path missing = dir.resolve("nonexistent");
        Result r = up("--port", Integer.toString(freePort()), "--data-root", missing.toString());
        assertEquals(Main.EXIT_USAGE, r.code(), r.stderr());
        assertEquals("manta: --data-root = " + missing + ": expected an existing directory (submitted input paths "
                + "are relative to it)", r.stderr());
    }

    @Test
    void noFftWorkersExits2() {
        Result r = up("--port", Integer.toString(freePort()), "--data-root", dir.toString(), "--fft-workers", "0");
        assertEquals(Main.EXIT_USAGE, r.code(), r.stderr());
        assertEquals("manta: --fft-workers = 0: expected at least 1 worker thread", r.stderr());
    }

    @Test
    void eachMeshGetsALogDirectoryAndTheNewestAreKept() throws IOException {
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs.resolve("not-a-mesh"));
        LocalDateTime t0 = LocalDateTime.of(2026, 12, 7, 23, 0, 0);
        for (int i = 0; i < UpCommand.KEPT_LOG_DIRS + 2; i++) {
            Path d = Files.createDirectories(UpCommand.logDir(logs, 9000 + i, t0.plusMinutes(i)));
            Files.writeString(d.resolve("broker.log"), "run " + i);
            UpCommand.pruneLogDirs(d);
        }
        UpCommand.pruneLogDirs(dir.resolve("work"));       // a --work-dir: nothing to prune
        try (Stream<Path> kept = Files.list(logs)) {
            List<String> names = kept.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(UpCommand.KEPT_LOG_DIRS + 1, names.size(), names.toString());
            assertEquals("20261207-230200-port9002", names.get(0), "the two oldest are gone");
            assertEquals("20261207-231100-port9011", names.get(UpCommand.KEPT_LOG_DIRS - 1));
            assertEquals("not-a-mesh", names.get(UpCommand.KEPT_LOG_DIRS), "other files are left alone");
        }
        assertEquals("run 11", Files.readString(logs.resolve("20261207-231100-port9011/broker.log")));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
