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

    /** Found: the output's folder replaced by a file while writing was said of the hidden temporary file. */
    @Test
    void aFolderGoneWhileWritingIsSaidOfTheTarget(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("race");
        Files.createDirectories(folder);
        Path target = folder.resolve("x.json");
        java.nio.file.FileSystemException e = assertThrows(java.nio.file.FileSystemException.class,
                () -> AtomicFiles.write(target, out -> {
                    out.write(1);
                    Files.move(folder, dir.resolve("moved"));
                    Files.writeString(folder, "now a file");
                }));
        assertEquals(target.toString(), e.getFile(), e.getMessage());
        assertTrue(e.getMessage().startsWith(target + ": cannot be written"), e.getMessage());
        assertEquals("now a file", Files.readString(folder));
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

    /** Writes {@code args[0]} through {@link AtomicFiles#write}, announcing on stdout that it is writing, then waits. */
    public static final class WriterThatHangs {
        public static void main(String[] args) throws IOException {
            AtomicFiles.write(Path.of(args[0]), out -> {
                out.write("partial".getBytes(StandardCharsets.US_ASCII));
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /** A JVM stopped as Ctrl-C or {@code kill} stops it, in the middle of a write, leaves neither target nor temporary file. */
    @Test
    void aRunInterruptedWhileWritingLeavesNoFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("product.json");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), WriterThatHangs.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("writing", lines.readLine());
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count(),
                        "the temporary file exists while the content is written");
            }
            p.destroy();                                    // SIGTERM: the JVM exits as on Ctrl-C
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the writer exits");
        } finally {
            p.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no target and no temporary file left");
        }
    }
}
