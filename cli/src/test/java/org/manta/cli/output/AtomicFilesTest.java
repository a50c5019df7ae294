package org.manta.cli.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** A writer that produces some bytes and then fails, like a FITS write hitting a full disk. */
    private static final class FailingWriter implements ProductWriter {
        @Override
        public void write(Product product, OutputStream out) throws IOException {
            out.write(new byte[100_000]);
            out.flush();
            throw new IOException("disk full (simulated)");
        }
    }

    @Test
    void failedWriteLeavesNothingBehind(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.fits");
        IOException e = assertThrows(IOException.class, () -> new FailingWriter().write(Samples.crossSpectrum(), target));
        assertEquals("disk full (simulated)", e.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), listing(dir), "no temporary file may remain");
    }

    @Test
    void failedWriteKeepsThePreviousFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.json");
        Files.writeString(target, "previous");
        assertThrows(IOException.class, () -> new FailingWriter().write(Samples.crossSpectrum(), target));
        assertEquals("previous", Files.readString(target));
        assertEquals(List.of(target), listing(dir));
    }

    @Test
    void runtimeFailureInsideContentAlsoCleansUp(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("x.csv");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void successReplacesAndCreatesParents(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicFiles.write(target, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(target, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
        assertEquals(List.of(target), listing(target.getParent()));
    }

    @Test
    void directoryAsTargetIsRefused(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(dir, out -> out.write(1)));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }
}
