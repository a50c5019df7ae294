package org.manta.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.manta.core.MantaException;

/**
 * Turns an exception that escaped a command into one stderr line and an exit code:
 * {@link MantaException} (bad parameter, bad event file, no data, incompatible spectra) and file-system
 * refusals (no such file, permission denied, not a directory) are the user's to fix: exit 2. Anything else
 * is a bug or an environment failure: exit 1, with the stack trace only when {@code MANTA_DEBUG=1}.
 */
final class Failures {
    private Failures() {
    }

    static int report(Throwable ex, PrintStream err, boolean debug) {
        Throwable cause = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
        int code;
        String message;
        if (cause instanceof MantaException m) {
            code = Main.EXIT_USAGE;
            message = firstLine(m.getMessage());
        } else if (cause instanceof FileSystemException fs) {
            code = Main.EXIT_USAGE;
            message = fileSystemMessage(fs);
        } else if (cause instanceof OutOfMemoryError) {
            code = Main.EXIT_INTERNAL;
            message = "out of memory; give Java more heap, e.g. JAVA_OPTS=-Xmx4g";
        } else if (cause instanceof IOException io) {
            code = Main.EXIT_INTERNAL;
            message = "I/O error: " + firstLine(String.valueOf(io.getMessage()));
        } else {
            code = Main.EXIT_INTERNAL;
            message = "internal error: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage()))
                    + (debug ? "" : " (MANTA_DEBUG=1 shows the stack trace)");
        }
        err.println("manta: " + message);
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String fileSystemMessage(FileSystemException fs) {
        String file = fs.getFile();
        if (fs instanceof NoSuchFileException) {
            return file + ": no such file or directory";
        }
        if (fs instanceof AccessDeniedException) {
            return file + ": permission denied";
        }
        return (file == null ? "" : file + ": ") + (fs.getReason() == null ? fs.getClass().getSimpleName() : fs.getReason());
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
