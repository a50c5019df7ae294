package org.manta.core.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.FitsInputStream;
import org.manta.core.BadEventFileException;

/**
 * Walks the HDUs of a plain or gzip-compressed FITS file once, sequentially: header blocks are read
 * and parsed by nom-tam, data are skipped (small START/STOP tables are kept). Nothing but headers is
 * held in memory.
 */
final class FitsScan {
    static final int BLOCK = 2880;
    private static final int CARD = 80;
    private static final int STREAM_BUFFER = 1 << 16;
    /** Largest START/STOP table kept in memory while scanning, bytes. */
    private static final long SMALL_TABLE_LIMIT = 64L << 20;

    private FitsScan() {
    }

    /** True when the file starts with the gzip magic bytes. */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** An input stream over the uncompressed bytes of the file, positioned at byte 0. */
    static InputStream open(Path file, boolean gzip) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            InputStream in = gzip ? new GZIPInputStream(raw, STREAM_BUFFER) : raw;
            return new BufferedInputStream(in, STREAM_BUFFER);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    static List<Hdu> scan(Path file, boolean gzip) throws IOException {
        return scan(file, gzip, h -> false);
    }

    /** As {@link #scan(Path, boolean)}, stopping after the first HDU for which {@code last} holds. */
    static List<Hdu> scan(Path file, boolean gzip, Predicate<Hdu> last) throws IOException {
        List<Hdu> hdus = new ArrayList<>();
        try (InputStream in = open(file, gzip)) {
            long pos = 0;
            while (true) {
                byte[] headerBytes = readHeaderBlocks(in, file, hdus.size());
                if (headerBytes == null) {
                    break;
                }
                pos += headerBytes.length;
                Header h;
                try {
                    h = Header.readHeader(new FitsInputStream(new ByteArrayInputStream(headerBytes)));
                } catch (FitsException | IOException e) {
                    throw new BadEventFileException(file, "cannot parse the header of HDU " + hdus.size() + ": "
                            + e.getMessage(), e);
                }
                int index = hdus.size();
                long dataBytes = dataBytes(h, index == 0);
                long padded = (dataBytes + BLOCK - 1) / BLOCK * BLOCK;
                byte[] small = null;
                if (index > 0 && dataBytes <= SMALL_TABLE_LIMIT && hasStartStop(h)) {
                    small = in.readNBytes((int) dataBytes);
                    if (small.length < dataBytes) {
                        throw truncated(file, index);
                    }
                    skipOrEof(in, padded - dataBytes);
                } else {
                    try {
                        in.skipNBytes(dataBytes);
                    } catch (EOFException e) {
                        throw truncated(file, index);
                    }
                    skipOrEof(in, padded - dataBytes);
                }
                Hdu hdu = new Hdu(index, Hdu.nameOf(h, index), h, pos, dataBytes, small);
                hdus.add(hdu);
                pos += padded;
                if (last.test(hdu)) {
                    break;
                }
            }
        }
        if (hdus.isEmpty()) {
            throw new BadEventFileException(file, "not a FITS file: it is empty");
        }
        return hdus;
    }

    private static BadEventFileException truncated(Path file, int index) {
        return new BadEventFileException(file, "file is truncated: the data of HDU " + index + " end past the end of the file");
    }

    /** Skips the padding; a missing final padding is tolerated. */
    private static void skipOrEof(InputStream in, long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            // unpadded last HDU: accept, as astropy does
        }
    }

    /**
     * Reads 2880-byte blocks up to and including the one holding the END card. Returns null at a
     * clean end of file (or on trailing bytes that do not start an extension, which are ignored).
     */
    private static byte[] readHeaderBlocks(InputStream in, Path file, int index) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(BLOCK * 2);
        byte[] block = new byte[BLOCK];
        while (true) {
            int n = in.readNBytes(block, 0, BLOCK);
            if (n == 0 && out.size() == 0) {
                if (index == 0) {
                    throw new BadEventFileException(file, "not a FITS file: it is empty");
                }
                return null;
            }
            if (out.size() == 0) {
                String start = new String(block, 0, Math.min(n, 9), StandardCharsets.US_ASCII);
                if (index == 0 && start.stripLeading().startsWith("{")) {
                    throw new BadEventFileException(file, "not a FITS file but JSON (a JSON light curve?): an event "
                            + "file is FITS; lomb, multitaper, bispectrum and bicoherence also read a JSON light curve");
                }
                if (index == 0 && !start.startsWith("SIMPLE  =")) {
                    throw new BadEventFileException(file, "not a FITS file: it does not start with 'SIMPLE  ='");
                }
                if (index > 0 && !start.startsWith("XTENSION=")) {
                    return null; // trailing bytes after the last HDU
                }
            }
            if (n < BLOCK) {
                throw new BadEventFileException(file, "file is truncated inside the header of HDU " + index);
            }
            out.write(block, 0, BLOCK);
            for (int c = 0; c < BLOCK; c += CARD) {
                if (block[c] == 'E' && block[c + 1] == 'N' && block[c + 2] == 'D' && isBlank(block, c + 3, c + 8)) {
                    return out.toByteArray();
                }
            }
        }
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    /** Data size without padding: |BITPIX|/8 · GCOUNT · (PCOUNT + NAXIS1·…·NAXISn). */
    private static long dataBytes(Header h, boolean primary) {
        int naxis = h.getIntValue("NAXIS", 0);
        if (naxis == 0) {
            return 0;
        }
        long n = 1;
        int first = 1;
        if (primary && h.getIntValue("NAXIS1", 0) == 0 && h.getBooleanValue("GROUPS", false)) {
            first = 2; // random groups: NAXIS1 = 0
        }
        for (int i = first; i <= naxis; i++) {
            n *= h.getLongValue("NAXIS" + i, 0);
        }
        long pcount = h.getLongValue("PCOUNT", 0);
        long gcount = h.getLongValue("GCOUNT", 1);
        return Math.abs(h.getIntValue("BITPIX", 8)) / 8L * gcount * (pcount + n);
    }

    private static boolean hasStartStop(Header h) {
        if (!"BINTABLE".equals(h.getStringValue("XTENSION", "").trim())) {
            return false;
        }
        int n = h.getIntValue("TFIELDS", 0);
        boolean start = false;
        boolean stop = false;
        for (int i = 1; i <= n; i++) {
            String t = h.getStringValue("TTYPE" + i, "").trim();
            start |= t.equalsIgnoreCase("START");
            stop |= t.equalsIgnoreCase("STOP");
        }
        return start && stop;
    }
}
