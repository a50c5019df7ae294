package org.manta.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * A per-user, on-disk cache of input files' SHA-256 (the provenance digest), keyed by the {@link FileStamp}
 * (real path, size, modification time in ns, file identity) as {@code git}'s stat cache: while the stamp is
 * unchanged the stored digest is returned without reading the file; any change of size or modification time
 * misses. One small file per input in {@code dir}, named by a hash of the stamp, holding the stamp's line
 * and the digest; written atomically (a temporary file moved into place), so concurrent commands never read half
 * an entry. A broken or unwritable cache is a miss, never an error.
 */
public final class DigestCache {
    private final Path dir;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong stores = new AtomicLong();

    /** A cache in {@code dir} (created on the first store). */
    public DigestCache(Path dir) {
        this.dir = dir;
    }

    /** Where the entries are kept. */
    public Path dir() {
        return dir;
    }

    /** The digest stored for {@code stamp}, if any (counted in {@link #hits()}). */
    public Optional<String> lookup(FileStamp stamp) {
        Path entry = entry(stamp);
        try {
            List<String> lines = Files.readAllLines(entry, StandardCharsets.UTF_8);
            if (lines.size() == 2 && lines.get(0).equals(stamp.line()) && lines.get(1).matches("[0-9a-f]{64}")) {
                hits.incrementAndGet();
                return Optional.of(lines.get(1));
            }
        } catch (IOException e) {
            // no entry, or unreadable: a miss
        }
        return Optional.empty();
    }

    /** Stores {@code sha256} for {@code stamp} (atomically; failures leave the cache as it was). */
    public void store(FileStamp stamp, String sha256) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".entry", ".tmp");
            try {
                Files.writeString(tmp, stamp.line() + "\n" + sha256 + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, entry(stamp), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                stores.incrementAndGet();
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // an unwritable cache only costs the next run a hash
        }
    }

    /**
     * The SHA-256 of {@code file} ({@link EventFiles#sha256}): from the cache while its stamp is unchanged,
     * else computed and stored, if the file did not change while it was read.
     *
     * @throws org.manta.core.BadEventFileException when the file is missing or unreadable
     */
    public String sha256(Path file) {
        Optional<FileStamp> before = FileStamp.of(file);
        Optional<String> known = before.flatMap(this::lookup);
        if (known.isPresent()) {
            return known.get();
        }
        String digest = EventFiles.sha256(file);
        if (before.isPresent() && before.equals(FileStamp.of(file))) {
            store(before.get(), digest);
        }
        return digest;
    }

    /** How many digests came from the cache. */
    public long hits() {
        return hits.get();
    }

    /** How many digests were stored. */
    public long stores() {
        return stores.get();
    }

    /**
     * The entry of {@code stamp}: named by two 32-bit hashes of its line (CRC-32C and {@link String#hashCode}), not a
     * SHA-256, whose first use costs a command 25–35 ms of start (the JCA providers) when the digest is cached. Two
     * stamps with the same name only take turns in one entry: a lookup compares the whole line.
     */
    private Path entry(FileStamp stamp) {
        String line = stamp.line();
        CRC32C crc = new CRC32C();
        crc.update(line.getBytes(StandardCharsets.UTF_8));
        return dir.resolve(HexFormat.of().toHexDigits((int) crc.getValue()) + HexFormat.of().toHexDigits(line.hashCode()));
    }
}
