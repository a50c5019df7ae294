package org.manta.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.manta.core.BadEventFileException;

/** Checks on input file arguments, done before any work so mistakes fail fast with exit code 2. */
public final class Inputs {
    private Inputs() {
    }

    /** Each file must exist, be a regular file and be readable. */
    static void requireReadable(List<Path> files) {
        requireReadable(files, "");
    }

    /**
     * As {@link #requireReadable(List)}, the reason followed by {@code advice} (e.g. what {@code manta submit} takes
     * instead), when not empty.
     */
    public static void requireReadable(List<Path> files, String advice) {
        String then = advice.isEmpty() ? "" : " (" + advice + ")";
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new BadEventFileException(f, "no such file" + then);
            }
            if (!Files.isRegularFile(f)) {
                throw new BadEventFileException(f, "not a regular file" + then);
            }
            if (!Files.isReadable(f)) {
                throw new BadEventFileException(f, "not readable (permission denied)" + then);
            }
        }
    }
}
