package org.manta.cli.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr: fraction, count/total, rate and ETA, e.g.
 * <pre>pds [##########..........]  50%  32/64 segments  12.3/s  ETA 0:03</pre>
 * On a terminal it redraws one line with {@code \r} at most {@value #REDRAWS_PER_SECOND} times a second. When
 * stderr is not a terminal it prints a start line, the end line and, for long runs, one plain line every
 * {@value #PLAIN_INTERVAL_SECONDS} s. With {@link Mode#OFF} ({@code --quiet}) it prints nothing.
 * {@link #advance(long)} is thread-safe and cheap (an atomic add; a clock read; rarely a redraw).
 * A total of 0 or less means "unknown": the bar then shows only count and rate.
 */
public final class ProgressBar implements AutoCloseable {
    static final int REDRAWS_PER_SECOND = 10;
    public static final int PLAIN_INTERVAL_SECONDS = 30;
    private static final int BAR_WIDTH = 20;
    private static final long NANOS = 1_000_000_000L;

    /** How the bar is shown. */
    public enum Mode {
        /** Nothing at all ({@code --quiet}). */
        OFF,
        /** One line redrawn in place with carriage returns. */
        TERMINAL,
        /** Start and end lines, plus an occasional plain line on long runs (logs, pipes). */
        PLAIN
    }

    private final String label;
    private final String unit;
    private final long total;
    private final PrintStream out;
    private final Mode mode;
    private final LongSupplier clock;
    private final long startNanos;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastDraw;
    private final AtomicBoolean closed = new AtomicBoolean();
    private int lastWidth;

    /**
     * @param label what is being done (e.g. the command name)
     * @param unit  plural noun for the items counted (e.g. {@code segments}); may be empty
     * @param total number of items expected; {@code <= 0} if unknown
     * @param out   where to draw (stderr)
     * @param mode  how to draw
     * @param clock nanosecond clock ({@code System::nanoTime}; tests pass a fake one)
     */
    public ProgressBar(String label, String unit, long total, PrintStream out, Mode mode, LongSupplier clock) {
        this.label = label;
        this.unit = unit == null ? "" : unit;
        this.total = total;
        this.out = out;
        this.mode = mode;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastDraw = new AtomicLong(startNanos);
        if (mode == Mode.PLAIN) {
            out.println(label + ": started" + (total > 0 ? ", " + total + " " + this.unit : ""));
            out.flush();
        } else if (mode == Mode.TERMINAL) {
            draw(0, startNanos);
        }
    }

    /**
     * A bar on {@code System.err}: off when {@code quiet}, in terminal mode when the JVM has a console,
     * plain otherwise.
     */
    public static ProgressBar start(String label, String unit, long total, boolean quiet) {
        return new ProgressBar(label, unit, total, System.err, mode(quiet), System::nanoTime);
    }

    /** How progress is shown on {@code System.err}: off when {@code quiet}, terminal when the JVM has a console, else plain. */
    public static Mode mode(boolean quiet) {
        return quiet ? Mode.OFF : System.console() != null ? Mode.TERMINAL : Mode.PLAIN;
    }

    /** Records {@code n} more items done; may redraw. Thread-safe. */
    public void advance(long n) {
        long d = done.addAndGet(n);
        if (mode == Mode.OFF || closed.get()) {
            return;
        }
        long now = clock.getAsLong();
        long last = lastDraw.get();
        long interval = mode == Mode.TERMINAL ? NANOS / REDRAWS_PER_SECOND : PLAIN_INTERVAL_SECONDS * NANOS;
        if (now - last >= interval && lastDraw.compareAndSet(last, now)) {
            draw(d, now);
        }
    }

    /** Items done so far. */
    public long done() {
        return done.get();
    }

    /** Draws the final state and ends the line; further calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || mode == Mode.OFF) {
            return;
        }
        long now = clock.getAsLong();
        synchronized (this) {
            if (mode == Mode.TERMINAL) {
                drawLocked(done.get(), now);
                out.print('\n');
            } else {
                double seconds = (now - startNanos) / (double) NANOS;
                out.println(label + ": done, " + done.get() + (unit.isEmpty() ? "" : " " + unit)
                        + String.format(Locale.ROOT, " in %.1f s", seconds) + rateText(done.get(), seconds));
            }
            out.flush();
        }
    }

    private void draw(long d, long now) {
        synchronized (this) {
            if (closed.get() && mode == Mode.TERMINAL) {
                return;
            }
            if (mode == Mode.TERMINAL) {
                drawLocked(d, now);
            } else {
                out.println(line(d, now));
            }
            out.flush();
        }
    }

    private void drawLocked(long d, long now) {
        String text = line(d, now);
        int pad = Math.max(0, lastWidth - text.length());
        out.print('\r' + text + " ".repeat(pad));
        lastWidth = text.length();
    }

    /** The status text for {@code d} items done at time {@code now}. */
    String line(long d, long now) {
        double seconds = (now - startNanos) / (double) NANOS;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            double frac = Math.min(1.0, d / (double) total);
            int filled = (int) Math.round(frac * BAR_WIDTH);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append(']');
            sb.append(String.format(Locale.ROOT, " %3d%%  %d/%d", (int) Math.floor(frac * 100), d, total));
        } else {
            sb.append(d);
        }
        if (!unit.isEmpty()) {
            sb.append(' ').append(unit);
        }
        sb.append(rateText(d, seconds));
        if (total > 0 && d > 0 && d < total && seconds > 0) {
            double eta = (total - d) * seconds / d;
            sb.append("  ETA ").append(duration(eta));
        }
        return sb.toString();
    }

    private static String rateText(long d, double seconds) {
        if (seconds <= 0 || d == 0) {
            return "";
        }
        double rate = d / seconds;
        return String.format(Locale.ROOT, rate >= 100 ? "  %.0f/s" : "  %.1f/s", rate);
    }

    /** {@code M:SS} or {@code H:MM:SS}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
