package org.manta.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.MantaException;

/**
 * Writes a copy of an event file that keeps some of its events: every HDU byte for byte (headers, GTIs, other
 * extensions), except the events table, which keeps the rows of the events chosen (every column as it was) and
 * says how many in NAXIS2. Its CHECKSUM and DATASUM cards, no longer true, become COMMENT cards. A target whose
 * name ends in {@code .gz} is written gzip-compressed. The copy goes to a temporary file next to the target, moved
 * onto it when complete, so a failure never leaves a half-written target.
 *
 * <p>A table with variable-length columns ({@code PCOUNT > 0}) is refused: its heap is not rewritten.
 */
public final class EventFileSubset {
    private static final int BLOCK = FitsScan.BLOCK;
    private static final int CARD = FitsCards.CARD;

    private EventFileSubset() {
    }

    /**
     * Copies the events file of {@code reader} to {@code target}, keeping the events {@code i} with {@code keep[i]}.
     *
     * @param reader the opened input; its file is read again from the start (its position does not matter)
     * @param keep   one flag per row of the events table, in file order ({@link EventFileReader#readAll} order)
     * @param target the file to write (replaced if it exists); gzip when its name ends in {@code .gz}
     * @return the number of events written
     */
    public static long write(EventFileReader reader, boolean[] keep, Path target) {
        Hdu events = reader.eventsHdu();
        if (keep.length != events.rows()) {
            throw new InvalidParameterException("keep", keep.length + " flags", events.rows()
                    + " flags, one per event of " + reader.file());
        }
        if (events.header().getLongValue("PCOUNT", 0) != 0) {
            throw new BadEventFileException(reader.file(), "events table " + events.label()
                    + " has variable-length columns (PCOUNT > 0): its rows cannot be copied");
        }
        long kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        Path absolute = target.toAbsolutePath();
        Path temp = PartFiles.beside(absolute);
        try {
            try (InputStream in = FitsScan.open(reader.file(), reader.isGzip());
                    OutputStream out = output(temp, absolute)) {
                copy(in, out, reader, events, keep, kept);
            }
            PartFiles.moveOnto(temp, absolute);
            return kept;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new MantaException(target + ": cannot write the event file: " + e, e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private static OutputStream output(Path temp, Path target) throws IOException {
        OutputStream file = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        return target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                ? new GZIPOutputStream(file, 1 << 16) : file;
    }

    private static void copy(InputStream in, OutputStream out, EventFileReader reader, Hdu events, boolean[] keep,
            long kept) throws IOException {
        long pos = 0;
        for (Hdu hdu : FitsScan.scan(reader.file(), reader.isGzip())) {
            byte[] header = readFully(in, hdu.dataOffset() - pos, reader.file());
            long padded = (hdu.dataBytes() + BLOCK - 1) / BLOCK * BLOCK;
            int padding = (int) (padded - hdu.dataBytes());
            if (hdu.index() != events.index()) {
                out.write(header);
                copyBytes(in, out, hdu.dataBytes(), reader.file());
                byte[] original = in.readNBytes(padding);       // a missing final padding is tolerated, as FitsScan does
                out.write(original);
                out.write(new byte[padding - original.length]);
            } else {
                out.write(withRows(header, kept));
                int rowBytes = events.rowBytes();
                byte[] row = new byte[rowBytes];
                for (boolean k : keep) {
                    if (in.readNBytes(row, 0, rowBytes) < rowBytes) {
                        throw new BadEventFileException(reader.file(), "file is truncated inside the events table");
                    }
                    if (k) {
                        out.write(row);
                    }
                }
                long written = kept * rowBytes;
                out.write(new byte[(int) ((BLOCK - written % BLOCK) % BLOCK)]);
                in.readNBytes(padding);
            }
            pos = hdu.dataOffset() + padded;
        }
    }

    /** The header with NAXIS2 = {@code rows}, and CHECKSUM/DATASUM turned into comments. */
    private static byte[] withRows(byte[] header, long rows) {
        byte[] out = header.clone();
        for (int c = 0; c < out.length; c += CARD) {
            String key = new String(out, c, 8, StandardCharsets.US_ASCII).trim();
            String card = switch (key) {
                case "NAXIS2" -> FitsCards.integer("NAXIS2", rows, "number of events");
                case "CHECKSUM", "DATASUM" -> String.format(Locale.ROOT, "%-80s",
                        "COMMENT " + key + " of the original rows removed: events were filtered out");
                default -> null;
            };
            if (card != null) {
                System.arraycopy(card.getBytes(StandardCharsets.US_ASCII), 0, out, c, CARD);
            }
        }
        return out;
    }

    private static void copyBytes(InputStream in, OutputStream out, long n, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (long left = n; left > 0; ) {
            int got = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (got < 0) {
                throw new BadEventFileException(file, "file is truncated inside the data of an HDU");
            }
            out.write(buffer, 0, got);
            left -= got;
        }
    }

    private static byte[] readFully(InputStream in, long n, Path file) throws IOException {
        byte[] b = in.readNBytes(Math.toIntExact(n));
        if (b.length < n) {
            throw new BadEventFileException(file, "file is truncated inside a header");
        }
        return b;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the failure being reported matters more
        }
    }
}
