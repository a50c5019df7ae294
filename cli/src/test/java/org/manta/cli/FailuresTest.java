package org.manta.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.manta.core.NoDataException;

/** Exit codes and stderr of failures: user errors are one line (exit 2); bugs exit 1, traces only in debug. */
class FailuresTest {
    private String report(Throwable t, boolean debug, int expectedCode) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Failures.report(t, new PrintStream(bytes, true, StandardCharsets.UTF_8), debug);
        assertEquals(expectedCode, code);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void userErrorsAreOneLine() {
        String err = report(new NoDataException("obs.evt: no events in band 200:300 keV"), true, Main.EXIT_USAGE);
        assertEquals("manta: obs.evt: no events in band 200:300 keV", err.lines().findFirst().orElseThrow());
    }

    @Test
    void internalErrorsHideTheStackTraceUnlessDebugging() {
        String quiet = report(new IllegalStateException("boom"), false, Main.EXIT_INTERNAL);
        assertEquals(1, quiet.strip().lines().count(), quiet);
        assertTrue(quiet.contains("internal error: IllegalStateException: boom"), quiet);
        assertTrue(quiet.contains("MANTA_DEBUG=1"), quiet);
        String debug = report(new IllegalStateException("boom"), true, Main.EXIT_INTERNAL);
        assertTrue(debug.contains("\tat org.manta.cli.FailuresTest"), debug);
    }
}
