package org.manta.core;

import java.nio.file.Path;

/** An event file cannot be used: not FITS, no events table, no TIME column, unsorted times, ... */
public class BadEventFileException extends MantaException {
    public BadEventFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public BadEventFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
