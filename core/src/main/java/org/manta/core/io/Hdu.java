package org.manta.core.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import nom.tam.fits.Header;

/**
 * One header-data unit of a FITS file: its parsed header (nom-tam) and where its data lie in the
 * (uncompressed) byte stream. The data of small tables that look like GTIs are kept in memory
 * ({@link #smallData}), so gzip files need not be decompressed again to read them.
 *
 * @param index      0 for the primary HDU
 * @param name       EXTNAME upper-cased and trimmed (astropy's {@code hdu.name}); "PRIMARY" for HDU 0
 * @param header     the parsed header
 * @param dataOffset byte offset of the data in the uncompressed stream
 * @param dataBytes  data size in bytes, without the padding to 2880
 * @param smallData  the data bytes of a small START/STOP table, or null
 */
record Hdu(int index, String name, Header header, long dataOffset, long dataBytes, byte[] smallData) {

    boolean isBinaryTable() {
        return index > 0 && "BINTABLE".equals(header.getStringValue("XTENSION", "").trim());
    }

    /** NAXIS1: bytes per row. */
    int rowBytes() {
        return header.getIntValue("NAXIS1", 0);
    }

    /** NAXIS2: number of rows. */
    long rows() {
        return header.getLongValue("NAXIS2", 0);
    }

    /** Columns of a binary table (empty for other HDUs). */
    List<Column> columns() {
        if (!isBinaryTable()) {
            return Collections.emptyList();
        }
        int n = header.getIntValue("TFIELDS", 0);
        List<Column> cols = new ArrayList<>(n);
        int offset = 0;
        for (int i = 1; i <= n; i++) {
            Column c = Column.read(header, i, offset);
            cols.add(c);
            offset += c.width();
        }
        return cols;
    }

    /** The column named {@code name} (case-insensitive, as astropy's field lookup), or null. */
    static Column find(List<Column> cols, String name) {
        if (name == null) {
            return null;
        }
        for (Column c : cols) {
            if (c.nameIs(name)) {
                return c;
            }
        }
        return null;
    }

    /** "'GTI' (HDU 2)", for messages. */
    String label() {
        return "'" + name + "' (HDU " + index + ")";
    }

    static String nameOf(Header h, int index) {
        if (index == 0) {
            return "PRIMARY";
        }
        return h.getStringValue("EXTNAME", "").trim().toUpperCase(Locale.ROOT);
    }
}
