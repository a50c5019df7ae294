package org.manta.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What says that a file is unchanged, the way {@code git}'s stat cache and {@code make} decide it: the real
 * (canonical) path, the size, the modification time (nanoseconds where the file system keeps them) and the
 * file's identity (the inode and device, where the platform gives one). A file rewritten in place with the same
 * size within the same modification-time tick keeps its stamp: caches keyed by it then name the old bytes.
 *
 * @param realPath      the path with links resolved
 * @param size          bytes
 * @param modifiedNanos last-modified time, ns since the epoch
 * @param fileKey       the platform's file identity ({@code "(dev=…,ino=…)"} on Linux), or empty
 */
public record FileStamp(Path realPath, long size, long modifiedNanos, String fileKey) {

    /** The stamp of {@code file} now, or empty if it cannot be read (the caller's read reports why). */
    public static Optional<FileStamp> of(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            Object key = a.fileKey();
            return Optional.of(new FileStamp(file.toRealPath(), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    key == null ? "" : key.toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One line that names the stamp (tab-separated path, size, mtime ns, file key). */
    String line() {
        return realPath + "\t" + size + "\t" + modifiedNanos + "\t" + fileKey;
    }
}
