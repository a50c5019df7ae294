package org.manta.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event files written beside their target under a temporary name and moved onto it once complete, so that a failure
 * never leaves a half-written target ({@link EventFileWriter}, {@link EventFileSubset}).
 */
final class PartFiles {
    private PartFiles() {
    }

    /** A fresh name beside {@code target} for its temporary file: {@code .NAME.HEX.part}, hidden, in the same folder. */
    static Path beside(Path target) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
    }

    /** Moves the complete {@code temp} onto {@code target}, atomically where the file system can. */
    static void moveOnto(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
