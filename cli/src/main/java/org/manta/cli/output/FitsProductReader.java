package org.manta.cli.output;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.ImageHDU;
import nom.tam.util.Cursor;
import org.manta.core.BadEventFileException;
import org.manta.core.io.EventFiles;
import org.manta.core.io.FitsArrays;

/**
 * Reads back a product written by {@link FitsProductWriter} (for re-plotting): the kind from the primary
 * {@code PRODUCT} keyword, the scalars from the primary header (each card's comment is its field name), the
 * columns of the BINTABLEs as arrays ({@code NAME_RE}/{@code NAME_IM} pairs as complex arrays), IMAGE
 * extensions as matrices, the GTI table as {@code gti}, and the provenance keywords.
 */
public final class FitsProductReader {
    private FitsProductReader() {
    }

    /**
     * Whether {@code file} is a FITS product Manta wrote ({@link #read} takes it): its primary header's {@code PRODUCT}
     * names a product kind. Only the primary header is read; a file that is not FITS (or not readable) is not one,
     * and is not given to nom-tam-fits at all (which would log a stack trace).
     */
    public static boolean isProduct(Path file) {
        if (!EventFiles.mayBeFits(file)) {
            return false;
        }
        try (Fits fits = new Fits(file.toFile())) {
            BasicHDU<?> primary = fits.getHDU(0);
            return primary != null && ProductKind.ofLabel(primary.getHeader().getStringValue("PRODUCT")).isPresent();
        } catch (IOException | RuntimeException e) {     // FitsException is a RuntimeException
            return false;
        }
    }

    /**
     * @throws BadEventFileException naming the file when it is not a Manta FITS product
     */
    public static Product read(Path file) {
        try (Fits fits = new Fits(file.toFile())) {
            BasicHDU<?>[] hdus = fits.read();
            if (hdus.length == 0) {
                throw new BadEventFileException(file, "no HDUs");
            }
            Header primary = hdus[0].getHeader();
            String label = primary.getStringValue("PRODUCT");
            ProductKind kind = ProductKind.ofLabel(label).orElseThrow(() -> new BadEventFileException(file,
                    "PRODUCT = '" + label + "': expected a product written by manta -o FILE.fits"));
            Map<String, Field> fields = new LinkedHashMap<>();
            for (int i = 1; i < hdus.length; i++) {
                String extname = hdus[i].getHeader().getStringValue("EXTNAME");
                if (hdus[i] instanceof ImageHDU image && extname != null) {
                    fields.put(extname.toLowerCase(Locale.ROOT), new Field.Matrix(matrix(image.getKernel())));
                } else if (hdus[i] instanceof BinaryTableHDU table) {
                    if ("GTI".equals(hdus[i].getHeader().getStringValue("HDUCLAS1"))) {
                        fields.put(extname == null ? "gti" : extname.toLowerCase(Locale.ROOT), gti(table));
                    } else {
                        columns(table, fields);
                    }
                }
            }
            Product.Builder b = Product.builder(kind);
            scalars(primary, b);
            fields.forEach(b::field);
            return b.provenance(provenance(primary)).build();
        } catch (FitsException | IOException | ClassCastException | IllegalArgumentException e) {
            throw new BadEventFileException(file, "not a readable FITS product: " + e.getMessage(), e);
        }
    }

    private static final List<String> PROVENANCE_KEYS = List.of("ORIGIN", "CREATOR", "DATE", "PRODUCT", "LONGSTRN",
            "CMDLINE", "NINPUTS", "SIMPLE", "BITPIX", "NAXIS", "EXTEND");

    /** A {@code COMMENT name = NaN|Infinity|-Infinity} card (FITS keywords cannot hold non-finite numbers). */
    private static final Pattern NON_FINITE = Pattern.compile("([a-z][a-z0-9_]*) = (NaN|-?Infinity)");

    private static void scalars(Header h, Product.Builder b) {
        for (Cursor<String, HeaderCard> it = h.iterator(); it.hasNext(); ) {
            HeaderCard c = it.next();
            String key = c.getKey();
            Matcher nonFinite = key == null || !key.equals("COMMENT") || c.getComment() == null ? null
                    : NON_FINITE.matcher(c.getComment().trim());
            if (nonFinite != null && nonFinite.matches()) {    // how the writer keeps a non-finite scalar
                b.real(nonFinite.group(1), Double.parseDouble(nonFinite.group(2)));
                continue;
            }
            // the comment is the field's name, after the unit in brackets where it has one ("[s] segment_size")
            String name = c.getComment() == null ? null : c.getComment().replaceFirst("^\\[[^]]*] ", "");
            if (key == null || c.getValue() == null || PROVENANCE_KEYS.contains(key) || key.matches("(INFILE|INSHA)\\d+")
                    || name == null || !name.matches("[a-z][a-z0-9_]*")) {
                continue;
            }
            if (c.valueType() == Boolean.class) {    // a logical keyword, T or F
                b.flag(name, c.getValue(Boolean.class, false));
            } else if (c.isStringValue()) {
                b.text(name, c.getValue());
            } else if (c.isIntegerType()) {
                b.integer(name, c.getValue(Long.class, 0L));
            } else if (c.isDecimalType()) {
                b.real(name, c.getValue(Double.class, Double.NaN));
            }
        }
    }

    private static void columns(BinaryTableHDU table, Map<String, Field> fields) throws FitsException {
        int n = table.getNCols();
        for (int i = 0; i < n; i++) {
            String col = table.getColumnName(i).toLowerCase(Locale.ROOT);
            double[] values = FitsArrays.toDoubles(table.getColumn(i));
            if (col.endsWith("_re") && i + 1 < n
                    && table.getColumnName(i + 1).toLowerCase(Locale.ROOT).equals(col.replaceAll("_re$", "_im"))) {
                double[] im = FitsArrays.toDoubles(table.getColumn(i + 1));
                fields.put(col.replaceAll("_re$", ""), new Field.ComplexArray(values, im));
                i++;
            } else {
                fields.putIfAbsent(col, new Field.RealArray(values));
            }
        }
    }

    private static Field gti(BinaryTableHDU table) throws FitsException {
        double[] start = FitsArrays.toDoubles(table.getColumn("START"));
        double[] stop = FitsArrays.toDoubles(table.getColumn("STOP"));
        double[][] rows = new double[start.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {start[i], stop[i]};
        }
        return new Field.GtiTable(rows);
    }

    private static double[][] matrix(Object kernel) {
        if (kernel instanceof double[][] d) {
            return d;
        }
        if (kernel instanceof float[][] f) {
            double[][] d = new double[f.length][];
            for (int i = 0; i < f.length; i++) {
                d[i] = FitsArrays.toDoubles(f[i]);
            }
            return d;
        }
        throw new ClassCastException("image of " + kernel.getClass().getSimpleName() + ": expected a 2-D real image");
    }

    private static Provenance provenance(Header h) {
        List<Provenance.InputFile> inputs = new ArrayList<>();
        int n = h.getIntValue("NINPUTS", 0);
        for (int i = 1; i <= n; i++) {
            String key = String.format(Locale.ROOT, "%02d", i);
            String path = h.getStringValue("INFILE" + key);
            String sha = h.getStringValue("INSHA" + key);
            if (path != null) {
                inputs.add(new Provenance.InputFile(path, sha == null ? "" : sha, 0));
            }
        }
        String creator = h.getStringValue("CREATOR");
        String date = h.getStringValue("DATE");
        String[] sv = creator == null ? new String[] {"manta", "?"} : creator.split(" ", 2);
        Instant created = date == null ? Instant.EPOCH : LocalDateTime.parse(date).toInstant(ZoneOffset.UTC);
        String cmd = h.getStringValue("CMDLINE");
        return new Provenance(sv[0], sv.length > 1 ? sv[1] : "?", cmd == null ? "" : cmd, inputs, created);
    }
}
