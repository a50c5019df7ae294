package org.manta.cli.mesh;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.manta.cli.progress.ProgressBar;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobState;

/**
 * The progress of a mesh job on stderr, as {@link ProgressBar} shows a local one: on a terminal one line redrawn in
 * place (a bar of segments merged out of expected, rate, ETA and state); in a log or a pipe a plain line when the
 * job's state changes and at most every {@value ProgressBar#PLAIN_INTERVAL_SECONDS} s besides, and the last one;
 * nothing with {@code --quiet}. Until the mesh has planned the job (no total yet, nothing merged) the line says
 * that it is being planned (the caller has said its id, "job ID accepted", on the line above); a job that fails or is
 * cancelled before that adds no line (the caller says why).
 */
final class ProgressLine {
    static final int WIDTH = 30;
    private static final long NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final ProgressBar.Mode mode;
    private final LongSupplier clock;
    /** Width of the line now on the terminal (0: none). */
    private int width;
    private JobProgress last;
    private boolean lastShown = true;
    private JobState shownState;
    private String shownLine;
    private long shownAt;

    /**
     * @param mode  how to show it ({@link ProgressBar#mode})
     * @param clock nanosecond clock ({@code System::nanoTime}; tests pass a fake one)
     */
    ProgressLine(PrintStream err, ProgressBar.Mode mode, LongSupplier clock) {
        this.err = err;
        this.mode = mode;
        this.clock = clock;
    }

    /** Shows {@code p} (or keeps it for later, in a log). */
    void show(JobProgress p) {
        if (endedUnplanned(p)) {
            return;
        }
        last = p;
        lastShown = false;
        if (mode == ProgressBar.Mode.TERMINAL) {
            String line = of(p);
            err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));   // blank a longer previous line
            width = line.length();
            lastShown = true;
        } else if (mode == ProgressBar.Mode.PLAIN) {
            long now = clock.getAsLong();
            String line = of(p);
            if (line.equals(shownLine)) {       // e.g. QUEUED, then RUNNING, both still being planned
                lastShown = true;
            } else if (p.getState() != shownState || now - shownAt >= ProgressBar.PLAIN_INTERVAL_SECONDS * NANOS) {
                err.println(line);
                shownLine = line;
                shownState = p.getState();
                shownAt = now;
                lastShown = true;
            }
        }
        err.flush();
    }

    /** Blanks the terminal's progress line, so that another line (a warning) starts at the margin; the next redraws it. */
    void makeRoom() {
        if (mode == ProgressBar.Mode.TERMINAL && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }

    /** Ends the progress: the terminal's line, or in a log the last state if it was not shown. */
    void close() {
        if (mode == ProgressBar.Mode.TERMINAL) {
            err.println();
        } else if (mode == ProgressBar.Mode.PLAIN && last != null && !lastShown) {
            err.println(of(last));
        }
        err.flush();
    }

    /** Failed or cancelled before any segment was counted: nothing to show that the caller's reason does not say. */
    private static boolean endedUnplanned(JobProgress p) {
        return (p.getState() == JobState.FAILED || p.getState() == JobState.CANCELLED) && !counted(p)
                && p.getSegmentsDone() == 0;
    }

    private static boolean counted(JobProgress p) {
        return p.hasSegmentsExpected() && p.getSegmentsExpected() > 0;
    }

    static String of(JobProgress p) {
        StringBuilder sb = new StringBuilder("manta submit: ");
        if (!counted(p) && p.getSegmentsDone() == 0 && (p.getState() == JobState.QUEUED
                || p.getState() == JobState.RUNNING)) {
            return sb.append("planning…").toString();        // the id: on the line "job ID accepted" above
        }
        if (counted(p)) {
            double f = Math.min(1.0, (double) p.getSegmentsDone() / p.getSegmentsExpected());
            int filled = (int) Math.round(f * WIDTH);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%% %d/%d segments", 100 * f, p.getSegmentsDone(),
                            p.getSegmentsExpected()));
        } else {
            sb.append(p.getSegmentsDone()).append(" segments");
        }
        if (p.getRate() > 0) {
            sb.append(String.format(Locale.ROOT, ", %.0f seg/s", p.getRate()));
        }
        if (p.hasEtaSeconds()) {
            sb.append(String.format(Locale.ROOT, ", ETA %.0f s", p.getEtaSeconds()));
        }
        sb.append(' ').append(p.getState().name());
        return sb.toString();
    }
}
