package org.manta.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk digest cache: a hit does not read the file, any change of size or time misses. */
class DigestCacheTest {
    private static final FileTime T1 = FileTime.from(Instant.parse("2026-12-01T00:00:00.123456789Z"));
    private static final FileTime T2 = FileTime.from(Instant.parse("2026-12-01T00:00:00.123456790Z"));

    @TempDir
    Path dir;

    @Test
    void aHitReturnsTheStoredDigestWithoutReadingTheFile() throws Exception {
        Path f = Files.write(dir.resolve("obs.evt"), new byte[] {1, 2, 3, 4});
        Files.setLastModifiedTime(f, T1);
        DigestCache cache = new DigestCache(dir.resolve("cache"));
        String first = cache.sha256(f);
        assertEquals(EventFiles.sha256(f), first);
        assertEquals(0, cache.hits());
        assertEquals(1, cache.stores());

        // the bytes change but size and time are put back: the stamp is the same, so the cache answers (the
        // file is not read: its new digest would differ), as git's stat cache would
        Files.write(f, new byte[] {9, 9, 9, 9});
        Files.setLastModifiedTime(f, T1);
        DigestCache again = new DigestCache(dir.resolve("cache"));     // another command, the same cache on disk
        assertEquals(first, again.sha256(f));
        assertEquals(1, again.hits());
        assertNotEquals(first, EventFiles.sha256(f));
    }

    @Test
    void aChangedTimeOrSizeMisses() throws Exception {
        Path f = Files.write(dir.resolve("obs.evt"), new byte[] {1, 2, 3, 4});
        Files.setLastModifiedTime(f, T1);
        DigestCache cache = new DigestCache(dir.resolve("cache"));
        String first = cache.sha256(f);

        Files.write(f, new byte[] {1, 2, 3, 5});
        Files.setLastModifiedTime(f, T2);                       // one nanosecond later
        String changed = cache.sha256(f);
        assertEquals(EventFiles.sha256(f), changed);
        assertNotEquals(first, changed);
        assertEquals(0, cache.hits());

        Files.write(f, new byte[] {1, 2, 3, 5, 6});
        Files.setLastModifiedTime(f, T2);                       // same time, other size
        assertEquals(EventFiles.sha256(f), cache.sha256(f));
        assertEquals(0, cache.hits());
        assertEquals(3, cache.stores());
    }

    @Test
    void anUnwritableOrBrokenCacheIsOnlyAMiss() throws Exception {
        Path f = Files.write(dir.resolve("obs.evt"), new byte[] {1, 2, 3});
        Path notADir = Files.write(dir.resolve("plain-file"), new byte[] {0});
        DigestCache cache = new DigestCache(notADir);
        assertEquals(EventFiles.sha256(f), cache.sha256(f));
        assertEquals(0, cache.stores());

        DigestCache good = new DigestCache(dir.resolve("cache"));
        FileStamp stamp = FileStamp.of(f).orElseThrow();
        good.store(stamp, EventFiles.sha256(f));
        try (var entries = Files.list(good.dir())) {
            Path entry = entries.findFirst().orElseThrow();
            Files.writeString(entry, "garbage\n");
        }
        assertFalse(good.lookup(stamp).isPresent());
        assertTrue(FileStamp.of(dir.resolve("missing")).isEmpty());
    }
}
