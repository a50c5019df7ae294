package org.manta.cli.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file all-or-nothing: the content goes to a hidden temporary file in the target's directory
 * ({@code .NAME.RANDOM.tmp}), is flushed to disk, and is then renamed over the target (atomically where the
 * file system allows). If writing fails for any reason the temporary file is deleted and the target is left
 * as it was, so a crashed or failed run never leaves a truncated product behind; a run interrupted while it writes
 * (Ctrl-C, {@code kill}) deletes its temporary files as the JVM exits. {@link #writeAll} does the same for several
 * files at once (a product and its plot: both or neither).
 */
public final class AtomicFiles {
    /**
     * The temporary files being written now, deleted by a shutdown hook if the JVM exits before they are moved or
     * removed ({@code File.deleteOnExit} would keep every name until exit: a long {@code --running-output} adds one a
     * second).
     */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> WRITING.forEach(tmp -> {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // exiting: nothing more can be done
            }
        }), "manta-atomic-files"));
    }

    /** Produces the file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} from {@code content}; missing parent directories are created.
     *
     * @throws IOException if the content cannot be produced or the file cannot be written/renamed; the target
     *                     is then unchanged and no temporary file remains
     */
    public static void write(Path target, Content content) throws IOException {
        writeAll(Map.of(target, content));
    }

    /**
     * Writes several files all-or-nothing (a product and its plot): every content goes to its temporary file
     * first; only when all are complete are they renamed over their targets. If any content fails, no target
     * is touched and no temporary file remains.
     *
     * @param targets the files and their contents, in write order
     * @throws IOException from the first content or file operation that failed
     */
    public static void writeAll(Map<Path, Content> targets) throws IOException {
        Map<Path, Path> written = new LinkedHashMap<>();   // target -> its complete temporary file
        boolean moved = false;
        try {
            for (Map.Entry<Path, Content> e : targets.entrySet()) {
                Path absolute = e.getKey().toAbsolutePath().normalize();
                if (Files.isDirectory(absolute)) {
                    throw new FileSystemException(e.getKey().toString(), null, "is a directory, expected a file name");
                }
                Path dir = absolute.getParent();
                Files.createDirectories(dir);
                String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
                Path tmp = dir.resolve("." + absolute.getFileName() + "." + random + ".tmp");
                FileChannel channel;
                try {
                    channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileSystemException ex) {      // named after the target, not the hidden temporary file
                    throw new FileSystemException(e.getKey().toString(), null, "cannot create a file in " + dir
                            + (ex.getReason() == null ? "" : ": " + ex.getReason()));
                }
                written.put(absolute, tmp);
                WRITING.add(tmp);                  // interrupted (Ctrl-C, kill) while writing: no hidden file left
                try (channel;
                     OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                    e.getValue().writeTo(out);
                    out.flush();
                    channel.force(true);
                }
            }
            for (Map.Entry<Path, Path> e : written.entrySet()) {
                move(e.getValue(), e.getKey());
            }
            moved = true;
        } catch (FileSystemException e) {
            throw namedAfterTarget(e, written);
        } finally {
            if (!moved) {
                for (Path tmp : written.values()) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException e) {
                        // its folder is gone or no longer a folder (found: replaced by a file mid-run): nothing left
                    }
                }
            }
            WRITING.removeAll(written.values());
        }
    }

    /** {@code e} about a hidden temporary file of {@code written} said of its target, the file the user named. */
    private static FileSystemException namedAfterTarget(FileSystemException e, Map<Path, Path> written) {
        for (Map.Entry<Path, Path> w : written.entrySet()) {
            if (w.getValue().toString().equals(e.getFile())) {
                FileSystemException named = new FileSystemException(w.getKey().toString(), null,
                        "cannot be written" + (e.getReason() == null ? "" : ": " + e.getReason()));
                named.initCause(e);
                return named;
            }
        }
        return e;
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
