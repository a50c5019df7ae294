package org.manta.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long MS = 1_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(1_000 * MS);

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void terminalLineShowsFractionCountRateAndEta() {
        ProgressBar bar = new ProgressBar("pds", "segments", 64, out, ProgressBar.Mode.TERMINAL, now::get);
        now.addAndGet(2_000 * MS);
        bar.advance(32);
        String line = bar.line(32, now.get());
        assertEquals("pds [##########..........]  50%  32/64 segments  16.0/s  ETA 0:02", line);
        assertTrue(text().contains("\r" + line), text());
    }

    @Test
    void terminalRedrawsAtMostTenTimesASecond() {
        ProgressBar bar = new ProgressBar("x", "", 10_000, out, ProgressBar.Mode.TERMINAL, now::get);
        for (int i = 0; i < 10_000; i++) {
            now.addAndGet(MS / 10);   // 10,000 steps of 0.1 ms = 1 s
            bar.advance(1);
        }
        long redraws = text().chars().filter(c -> c == '\r').count();
        // 1 initial draw + at most 10 in one second
        assertTrue(redraws <= 1 + ProgressBar.REDRAWS_PER_SECOND, "redraws: " + redraws);
        assertTrue(redraws >= ProgressBar.REDRAWS_PER_SECOND, "redraws: " + redraws);
        bar.close();
        assertTrue(text().endsWith("\n"));
        assertTrue(text().contains("100%  10000/10000"), text());
    }

    @Test
    void plainModePrintsOnlyStartAndEndOnShortRuns() {
        ProgressBar bar = new ProgressBar("cpds", "segments", 100, out, ProgressBar.Mode.PLAIN, now::get);
        for (int i = 0; i < 100; i++) {
            now.addAndGet(50 * MS);
            bar.advance(1);
        }
        bar.close();
        bar.close();   // idempotent
        String[] lines = text().split("\n");
        assertEquals(2, lines.length, text());
        assertEquals("cpds: started, 100 segments", lines[0]);
        assertEquals("cpds: done, 100 segments in 5.0 s  20.0/s", lines[1]);
        assertTrue(!text().contains("\r"));
    }

    @Test
    void plainModeAddsAnOccasionalLineOnLongRuns() {
        ProgressBar bar = new ProgressBar("dynps", "", 10, out, ProgressBar.Mode.PLAIN, now::get);
        for (int i = 0; i < 10; i++) {
            now.addAndGet(10_000 * MS);   // 100 s in all
            bar.advance(1);
        }
        bar.close();
        long lines = text().chars().filter(c -> c == '\n').count();
        assertEquals(2 + 3, lines, text());   // start, every 30 s (at 30, 60, 90 s), end
    }

    @Test
    void offModePrintsNothing() {
        try (ProgressBar bar = new ProgressBar("pds", "segments", 10, out, ProgressBar.Mode.OFF, now::get)) {
            bar.advance(10);
        }
        assertEquals("", text());
    }

    @Test
    void concurrentAdvanceCountsEveryItem() throws InterruptedException {
        ProgressBar bar = new ProgressBar("t", "", 80_000, out, ProgressBar.Mode.TERMINAL, System::nanoTime);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    bar.advance(1);
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        bar.close();
        assertEquals(80_000, bar.done());
    }

    @Test
    void unknownTotalShowsCountAndRate() {
        ProgressBar bar = new ProgressBar("read", "events", 0, out, ProgressBar.Mode.TERMINAL, now::get);
        now.addAndGet(4_000 * MS);
        assertEquals("read 1000 events  250/s", bar.line(1000, now.get()));
    }

    @Test
    void durations() {
        assertEquals("0:05", ProgressBar.duration(5));
        assertEquals("2:05", ProgressBar.duration(125));
        assertEquals("1:00:01", ProgressBar.duration(3601));
    }
}
