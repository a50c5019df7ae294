package org.manta.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.io.EventFiles;

/** A digest comes from the cache while the file is unchanged, and is computed again once it changed. */
class DigestCacheTest {
    @TempDir
    Path dir;

    @Test
    void anUnchangedFileIsHashedOnceAndAChangedOneAgain() throws Exception {
        Path f = Files.write(dir.resolve("obs.evt"), new byte[] {1, 2, 3, 4});
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-12-01T00:00:00Z")));
        DigestCache cache = new DigestCache(4);
        String first = cache.sha256(f);
        assertEquals(EventFiles.sha256(f), first);
        assertEquals(first, cache.sha256(f));
        assertEquals(1, cache.hits(), "the second digest came from the cache");

        Files.write(f, new byte[] {1, 2, 3, 5});                       // same size, new bytes, new time
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-12-02T00:00:00Z")));
        String changed = cache.sha256(f);
        assertNotEquals(first, changed);
        assertEquals(EventFiles.sha256(f), changed);
        assertEquals(1, cache.hits(), "a changed file is hashed again");

        Path g = Files.write(dir.resolve("other.evt"), new byte[] {1, 2, 3, 5});
        Files.setLastModifiedTime(g, FileTime.from(Instant.parse("2026-12-02T00:00:00Z")));
        assertEquals(changed, cache.sha256(g), "same bytes: same digest");
        assertEquals(1, cache.hits(), "another path is another file");
    }
}
