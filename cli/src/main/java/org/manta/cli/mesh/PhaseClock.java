package org.manta.cli.mesh;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * With {@code MANTA_TIMING=1}, a command's phases on one stderr line, in ms since its process started
 * (the launcher's start: it execs the JVM), e.g. {@code manta: timing ms: main=410 accepted=690 ...}: where
 * a short mesh job's latency goes on the client side (docs/mesh.md). Does nothing otherwise.
 */
final class PhaseClock {
    private final boolean on;
    private final long start;
    private final StringBuilder line = new StringBuilder("manta: timing ms:");

    PhaseClock(boolean on) {
        this.on = on;
        this.start = on ? ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                .orElse(System.currentTimeMillis()) : 0;
    }

    /** From the environment: on with {@code MANTA_TIMING=1}. */
    static PhaseClock fromEnvironment() {
        return new PhaseClock("1".equals(System.getenv("MANTA_TIMING")));
    }

    /** Notes that {@code phase} ended now. */
    void mark(String phase) {
        if (on) {
            line.append(String.format(Locale.ROOT, " %s=%d", phase, System.currentTimeMillis() - start));
        }
    }

    /** Prints the phases noted so far. */
    void print(PrintStream err) {
        if (on) {
            err.println(line);
        }
    }
}
