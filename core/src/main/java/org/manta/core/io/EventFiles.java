package org.manta.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.manta.core.BadEventFileException;

/** File-level helpers for event files: provenance, a first look at what a file is. */
public final class EventFiles {
    private static final int BUFFER = 1 << 16;

    private EventFiles() {
    }

    /**
     * Whether {@code file} starts as a FITS file ({@code SIMPLE  =}) or as a gzip stream (which the readers open):
     * a look at its first bytes before a FITS library parses it. nom-tam-fits logs anything else at WARNING with
     * a stack trace before it fails. An unreadable file is none.
     */
    public static boolean mayBeFits(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(9);
            boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            return gzip || new String(head, StandardCharsets.US_ASCII).equals("SIMPLE  =");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * SHA-256 of the file's bytes (as stored, i.e. of the compressed bytes for {@code .gz}), as 64
     * lower-case hex digits, read in a streaming fashion. This is the {@code sha256} recorded in the
     * reference JSON's {@code input} blocks.
     *
     * @throws BadEventFileException when the file is missing or unreadable
     */
    public static String sha256(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadEventFileException(file, "file not found");
        }
        MessageDigest md = newSha256();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new BadEventFileException(file, "cannot read: " + e, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A fresh SHA-256 digest (every Java platform has one). */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
