package org.manta.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds small FITS files byte by byte for reader tests (independent of EventFileWriter). */
public final class TestFits {
    private final List<byte[]> hdus = new ArrayList<>();

    /** A primary HDU with no data and the given extra cards. */
    public TestFits primary(String... cards) {
        List<String> c = new ArrayList<>();
        c.add(FitsCards.logical("SIMPLE", true, null));
        c.add(FitsCards.integer("BITPIX", 8, null));
        c.add(FitsCards.integer("NAXIS", 0, null));
        c.add(FitsCards.logical("EXTEND", true, null));
        c.addAll(List.of(cards));
        hdus.add(FitsCards.headerBytes(c));
        return this;
    }

    public TestFits table(Table t) {
        hdus.add(t.bytes());
        return this;
    }

    public void write(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] h : hdus) {
            out.writeBytes(h);
        }
        try {
            Files.write(file, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String str(String key, String value) {
        return FitsCards.string(key, value, null);
    }

    public static String num(String key, double value) {
        return FitsCards.real(key, value, null);
    }

    public static String integer(String key, long value) {
        return FitsCards.integer(key, value, null);
    }

    /** A binary table with scalar columns of types D, E, K, J, I, B. */
    public static final class Table {
        private final String name;
        private final List<String> names = new ArrayList<>();
        private final List<String> forms = new ArrayList<>();
        private final List<String> extra = new ArrayList<>();
        private final List<Object[]> rows = new ArrayList<>();

        public Table(String name) {
            this.name = name;
        }

        public Table column(String ttype, String tform) {
            names.add(ttype);
            forms.add(tform);
            return this;
        }

        public Table card(String card) {
            extra.add(card);
            return this;
        }

        public Table row(Object... values) {
            rows.add(values);
            return this;
        }

        private static int width(String tform) {
            return switch (tform.charAt(tform.length() - 1)) {
                case 'D', 'K' -> 8;
                case 'E', 'J' -> 4;
                case 'I' -> 2;
                case 'B' -> 1;
                default -> throw new IllegalArgumentException(tform);
            };
        }

        byte[] bytes() {
            int rowBytes = 0;
            for (String f : forms) {
                rowBytes += width(f);
            }
            List<String> c = new ArrayList<>();
            c.add(FitsCards.string("XTENSION", "BINTABLE", null));
            c.add(FitsCards.integer("BITPIX", 8, null));
            c.add(FitsCards.integer("NAXIS", 2, null));
            c.add(FitsCards.integer("NAXIS1", rowBytes, null));
            c.add(FitsCards.integer("NAXIS2", rows.size(), null));
            c.add(FitsCards.integer("PCOUNT", 0, null));
            c.add(FitsCards.integer("GCOUNT", 1, null));
            c.add(FitsCards.integer("TFIELDS", names.size(), null));
            for (int i = 0; i < names.size(); i++) {
                c.add(FitsCards.string("TTYPE" + (i + 1), names.get(i), null));
                c.add(FitsCards.string("TFORM" + (i + 1), forms.get(i), null));
            }
            if (name != null) {
                c.add(FitsCards.string("EXTNAME", name, null));
            }
            c.addAll(extra);
            byte[] header = FitsCards.headerBytes(c);
            int dataBytes = rowBytes * rows.size();
            int padded = (dataBytes + 2879) / 2880 * 2880;
            ByteBuffer buf = ByteBuffer.allocate(header.length + padded);
            buf.put(header);
            for (Object[] r : rows) {
                for (int i = 0; i < forms.size(); i++) {
                    Number v = (Number) r[i];
                    switch (forms.get(i).charAt(forms.get(i).length() - 1)) {
                        case 'D' -> buf.putDouble(v.doubleValue());
                        case 'E' -> buf.putFloat(v.floatValue());
                        case 'K' -> buf.putLong(v.longValue());
                        case 'J' -> buf.putInt(v.intValue());
                        case 'I' -> buf.putShort(v.shortValue());
                        case 'B' -> buf.put(v.byteValue());
                        default -> throw new IllegalArgumentException(forms.get(i));
                    }
                }
            }
            return buf.array();
        }
    }
}
