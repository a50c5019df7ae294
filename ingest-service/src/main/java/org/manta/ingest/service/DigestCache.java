package org.manta.ingest.service;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.manta.core.io.EventFiles;
import org.manta.core.io.FileStamp;

/**
 * The sha256 of files opened before, as long as they are unchanged: keyed by their {@link FileStamp} (real path,
 * size, modification time in ns, the inode), the way {@code git} and {@code make} decide a file is unchanged; in
 * memory (the cli's cache of the same stamps is on disk, {@link org.manta.core.io.DigestCache}). A data centre analyses the same observation
 * many times (other bands, bin times, products); hashing a 1e8-event file costs a second of I/O and CPU per
 * job otherwise. A file rewritten in place with the same size within the same nanosecond would keep its old
 * digest: the provenance then names the bytes the file had. Thread-safe; bounded (least recently used out).
 */
final class DigestCache {
    private final Map<FileStamp, String> digests;
    private final AtomicLong hits = new AtomicLong();

    DigestCache(int capacity) {
        this.digests = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<FileStamp, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The file's sha256 (lower-case hex), from the cache while the file is unchanged. */
    String sha256(Path file) {
        FileStamp key = FileStamp.of(file).orElse(null);    // null: EventFiles.sha256 reports what is wrong
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
        if (key != null && key.equals(FileStamp.of(file).orElse(null))) {      // unchanged while it was read
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
}
