package org.manta.ingest.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.manta.core.io.EventFiles;

/**
 * The sha256 of files opened before, as long as they are unchanged: keyed by the real path, the size, the
 * modification time (nanoseconds where the file system keeps them) and the file's identity (the inode), the
 * way {@code git} and {@code make} decide a file is unchanged. A data centre analyses the same observation
 * many times (other bands, bin times, products); hashing a 1e8-event file costs a second of I/O and CPU per
 * job otherwise. A file rewritten in place with the same size within the same nanosecond would keep its old
 * digest: the provenance then names the bytes the file had. Thread-safe; bounded (least recently used out).
 */
final class DigestCache {
    private record Key(Path path, long size, long modifiedNanos, Object fileKey) {
    }

    private final Map<Key, String> digests;
    private final AtomicLong hits = new AtomicLong();

    DigestCache(int capacity) {
        this.digests = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The file's sha256 (lower-case hex), from the cache while the file is unchanged. */
    String sha256(Path file) {
        Key key = key(file);
        if (key != null) {
            synchronized (digests) {
                String known = digests.get(key);
                if (known != null) {
                    hits.incrementAndGet();
                    return known;
                }
            }
        }
        String digest = EventFiles.sha256(file);
        Key after = key(file);
        if (key != null && key.equals(after)) {      // unchanged while it was read
            synchronized (digests) {
                digests.put(key, digest);
            }
        }
        return digest;
    }

    /** How many digests came from the cache (a test's window into it). */
    long hits() {
        return hits.get();
    }

    private static Key key(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Key(file.toRealPath(), a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                    a.fileKey());
        } catch (IOException e) {
            return null;    // EventFiles.sha256 reports what is wrong with the file
        }
    }
}
