package org.manta.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCardException;
import nom.tam.fits.NullDataHDU;
import nom.tam.fits.header.hierarch.Hierarch;
import nom.tam.util.FitsOutputStream;

/**
 * Writes a product as a FITS file (nom-tam-fits) that astropy and Stingray can open:
 * <ul>
 *   <li>primary HDU (no data): {@code ORIGIN}, {@code CREATOR}, {@code DATE}, {@code PRODUCT}, the
 *       provenance ({@code CMDLINE} as an OGIP long string, {@code NINPUTS}, {@code INFILEnn},
 *       {@code INSHAnn}) and every scalar field as a keyword;</li>
 *   <li>a BINTABLE named after the kind ({@code POWERSPECTRUM}, {@code CROSSSPECTRUM}, {@code LIGHTCURVE},
 *       {@code DYNPS}) whose columns are the 1-D arrays of the table length (the first array's), upper-cased
 *       ({@code FREQ}, {@code POWER}, {@code POWER_ERR}); a complex array is two columns {@code NAME_RE},
 *       {@code NAME_IM}; the scalars are repeated in its header;</li>
 *   <li>1-D arrays of another length are grouped by length into further BINTABLEs named after the first
 *       array of the group (e.g. {@code TIME} of a dynamical spectrum);</li>
 *   <li>each matrix as an IMAGE extension named after it ({@code DYN_PS}); {@code rows[i][j]} becomes
 *       pixel {@code (NAXIS1 = j+1, NAXIS2 = i+1)}, so astropy's {@code data[i, j]} is the same element;</li>
 *   <li>each GTI field as an OGIP {@code GTI} BINTABLE with {@code START}/{@code STOP} columns in s.</li>
 * </ul>
 * Scalars whose FITS name is standard are written under it ({@link #STANDARD_KEYWORDS}: {@code telescope} as
 * {@code TELESCOP}, {@code instrument} as {@code INSTRUME}, {@code segment_size} as {@code SEGSIZE}, ...); other
 * names of at most 8 characters become keywords as they are (upper-cased), longer ones use the
 * {@code HIERARCH} convention. A keyword's comment gives its unit in brackets ({@code [s]}). Non-finite
 * scalars, which FITS headers cannot hold, are written as {@code COMMENT name = NaN} lines. Strings are
 * reduced to printable ASCII. Power columns carry the unit of their normalisation ({@link #powerUnit}).
 *
 * <p>A light curve is an OGIP light curve (OGIP/93-003): its table, the first extension, is named
 * {@code RATE} ({@code HDUCLAS1 = LIGHTCURVE}) with columns {@code TIME}, {@code COUNTS}, {@code COUNTS_ERR},
 * {@code RATE} and {@code ERROR} (count/s) and the keywords {@code TIMEDEL}, {@code TIMEUNIT}, {@code TSTART},
 * {@code TSTOP}, {@code TIMEZERO}, {@code TIMEPIXR = 0.5} (times are bin centres), {@code MJDREFI},
 * {@code MJDREFF}, {@code MJDREF}, {@code TIMESYS}; Stingray's {@code Lightcurve.read(file, fmt="ogip")} reads it.
 *
 * <p>MJDREF: a product's {@code mjdrefi} and {@code mjdreff} (the inputs' reference exactly) are written as
 * {@code MJDREFI} and {@code MJDREFF}, and its {@code mjdref} (one double) as {@code MJDREF} as well, in the primary
 * header, the main table and the GTI table. Where both are given the FITS standard (§9.2.2) has the pair win, and
 * Manta's light-curve reader takes the pair ({@code LightCurveFiles}: {@code manta lomb|info lc.fits});
 * {@link FitsProductReader} gives back all three fields. MJDREF is kept for the readers that know only it: astropy's
 * FITS time reader ({@code astropy.io.fits.fitstime}, {@code Table.read(..., astropy_native=True)}) looks at MJDREF
 * alone and without it takes MJD 0; Stingray's {@code high_precision_keyword_read} takes MJDREF first when it is
 * there. Both see the double, within 0.5 ulp (~0.3 µs at MJD 55197) of the exact reference, as before the pair was
 * written.
 */
public final class FitsProductWriter implements ProductWriter {
    private static final DateTimeFormatter FITS_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Keywords with a structural meaning in FITS; fields of these names go to HIERARCH keys instead. */
    private static final Set<String> RESERVED = Set.of("SIMPLE", "BITPIX", "NAXIS", "EXTEND", "XTENSION", "PCOUNT",
            "GCOUNT", "TFIELDS", "EXTNAME", "EXTVER", "END", "DATE", "ORIGIN", "CREATOR", "COMMENT", "HISTORY",
            "BLANK", "BSCALE", "BZERO", "THEAP", "PRODUCT", "CMDLINE", "NINPUTS", "LONGSTRN", "GROUPS", "CONTINUE");

    /** Fields written under their standard FITS keyword rather than their upper-cased name. */
    static final Map<String, String> STANDARD_KEYWORDS = Map.of("telescope", "TELESCOP", "instrument", "INSTRUME",
            "segment_size", "SEGSIZE", "object", "OBJECT", "timesys", "TIMESYS", "mjdref", "MJDREF", "mjdrefi", "MJDREFI",
            "mjdreff", "MJDREFF");

    /** Units of well-known scalars, written at the start of their keyword's comment. */
    private static final Map<String, String> SCALAR_UNITS = Map.ofEntries(
            Map.entry("dt", "s"), Map.entry("df", "Hz"), Map.entry("segment_size", "s"), Map.entry("tstart", "s"),
            Map.entry("tseg", "s"), Map.entry("mjdref", "d"), Map.entry("mjdrefi", "d"), Map.entry("mjdreff", "d"),
            Map.entry("meanrate", "count/s"),
            Map.entry("mean", "count/bin"), Map.entry("e_min", "keV"), Map.entry("e_max", "keV"),
            Map.entry("e_min1", "keV"), Map.entry("e_max1", "keV"), Map.entry("e_min2", "keV"),
            Map.entry("e_max2", "keV"), Map.entry("bin_time", "s"));

    /** Columns in the unit of the normalisation ({@link #powerUnit}). */
    private static final Set<String> NORMALISED = Set.of("power", "power_err", "pds1_power", "pds2_power");

    /** Physical units of well-known columns, written as TUNITn. */
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("freq", "Hz"), Map.entry("time", "s"), Map.entry("time_lag", "s"),
            Map.entry("time_lag_err", "s"), Map.entry("phase_lag", "rad"), Map.entry("phase_lag_err", "rad"),
            Map.entry("counts", "count"), Map.entry("counts_err", "count"), Map.entry("rate", "count/s"),
            Map.entry("rate_err", "count/s"), Map.entry("unnorm_power", "count2"),
            Map.entry("unnorm_power_err", "count2"));

    /** OGIP column names that differ from the field's upper-cased name. */
    private static final Map<String, String> OGIP_COLUMNS = Map.of("rate_err", "ERROR");

    @Override
    public void write(Product product, OutputStream out) throws IOException {
        try {
            Fits fits = build(product);
            FitsOutputStream fout = new FitsOutputStream(out);
            fits.write(fout);
            fout.flush();
        } catch (FitsException e) {
            throw new IOException("cannot write FITS " + product.kind().label() + ": " + e.getMessage(), e);
        }
    }

    static Fits build(Product product) throws FitsException {
        Fits fits = new Fits();
        NullDataHDU primary = new NullDataHDU();
        Header h = primary.getHeader();
        Provenance p = product.provenance();
        h.addValue("ORIGIN", "MANTA", "spectral-timing engine");
        h.addValue("CREATOR", ascii(p.software() + " " + p.version()), "software and version");
        h.addValue("DATE", FITS_DATE.format(p.created()), "file creation date (UTC)");
        h.addValue("PRODUCT", product.kind().label(), "what this file holds");
        h.addValue("LONGSTRN", "OGIP 1.0", "long strings use the CONTINUE convention");
        h.addValue("CMDLINE", ascii(p.commandLine()), "command line; single quotes written as double");
        h.addValue("NINPUTS", p.inputs().size(), "number of input files");
        for (int i = 0; i < p.inputs().size(); i++) {
            Provenance.InputFile f = p.inputs().get(i);
            String n = String.format(Locale.ROOT, "%02d", i + 1);
            h.addValue("INFILE" + n, ascii(f.path()), "input file " + (i + 1));
            h.addValue("INSHA" + n, f.sha256(), null);   // no comment: 64 hex digits then fit on one card
        }
        addScalars(h, product);
        fits.addHDU(primary);

        int tableLength = CsvProductWriter.tableLength(product);
        Map<Integer, List<String>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, Field> e : product.fields().entrySet()) {
            int len = switch (e.getValue()) {
                case Field.RealArray a -> a.length();
                case Field.ComplexArray c -> c.length();
                default -> -1;
            };
            if (len >= 0) {
                groups.computeIfAbsent(len, k -> new ArrayList<>()).add(e.getKey());
            }
        }
        for (Map.Entry<Integer, List<String>> g : groups.entrySet()) {
            boolean main = g.getKey() == tableLength;
            String extname = main ? product.kind().extensionName() : g.getValue().get(0).toUpperCase(Locale.ROOT);
            BinaryTableHDU table = arrayTable(product, g.getValue(), extname);
            table.getHeader().addValue("PRODUCT", product.kind().label(), "what this file holds");
            if (main) {
                addScalars(table.getHeader(), product);
                if (product.kind() == ProductKind.LIGHT_CURVE) {
                    addOgipLightCurve(table.getHeader(), product);
                }
            }
            fits.addHDU(table);
        }
        for (Map.Entry<String, Field> e : product.fields().entrySet()) {
            if (e.getValue() instanceof Field.Matrix m && m.nRows() > 0 && m.nColumns() > 0) {
                BasicHDU<?> image = Fits.makeHDU(m.rows());
                Header ih = image.getHeader();
                ih.addValue("EXTNAME", e.getKey().toUpperCase(Locale.ROOT), "");
                if (e.getKey().equals("dyn_ps") && powerUnit(product).isPresent()) {
                    ih.addValue("BUNIT", powerUnit(product).get(), powerMeaning(product));
                }
                ih.insertComment("data[i][j] = " + e.getKey() + "[row i][column j]: NAXIS2 = rows, NAXIS1 = columns");
                if (e.getKey().equals("dyn_ps")) {
                    ih.insertComment("rows = frequency index (see FREQ), columns = time index (see TIME)");
                }
                fits.addHDU(image);
            }
        }
        for (Map.Entry<String, Field> e : product.fields().entrySet()) {
            if (e.getValue() instanceof Field.GtiTable t) {
                BinaryTableHDU gti = gtiTable(t, e.getKey());
                addTimeSystem(gti.getHeader(), product);
                fits.addHDU(gti);
            }
        }
        return fits;
    }

    private static BinaryTableHDU arrayTable(Product product, List<String> names, String extname) throws FitsException {
        List<Object> columns = new ArrayList<>();
        List<String> colNames = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (String name : names) {
            String upper = OGIP_COLUMNS.getOrDefault(name, name.toUpperCase(Locale.ROOT));
            String unit = NORMALISED.contains(name) ? powerUnit(product).orElse(null) : UNITS.get(name);
            switch (product.fields().get(name)) {
                case Field.RealArray a -> {
                    columns.add(a.values());
                    colNames.add(upper);
                    units.add(unit);
                }
                case Field.ComplexArray c -> {
                    columns.add(c.re());
                    colNames.add(upper + "_RE");
                    units.add(unit);
                    columns.add(c.im());
                    colNames.add(upper + "_IM");
                    units.add(unit);
                }
                default -> throw new IllegalStateException(name + " is not a 1-D array");
            }
        }
        BinaryTableHDU hdu = BinaryTable.fromColumnMajor(columns.toArray()).toHDU();
        for (int i = 0; i < colNames.size(); i++) {
            hdu.setColumnName(i, colNames.get(i), null);
            if (units.get(i) != null) {
                boolean normalised = NORMALISED.contains(colNames.get(i).toLowerCase(Locale.ROOT).replaceAll("_(re|im)$", ""));
                hdu.getHeader().addValue("TUNIT" + (i + 1), units.get(i),
                        normalised ? powerMeaning(product) : "physical unit of field");
            }
        }
        hdu.getHeader().addValue("EXTNAME", extname, "");
        return hdu;
    }

    private static BinaryTableHDU gtiTable(Field.GtiTable gti, String name) throws FitsException {
        double[] start = new double[gti.size()];
        double[] stop = new double[gti.size()];
        for (int i = 0; i < start.length; i++) {
            start[i] = gti.intervals()[i][0];
            stop[i] = gti.intervals()[i][1];
        }
        BinaryTableHDU hdu = BinaryTable.fromColumnMajor(new Object[] {start, stop}).toHDU();
        hdu.setColumnName(0, "START", null);
        hdu.setColumnName(1, "STOP", null);
        Header h = hdu.getHeader();
        h.addValue("TUNIT1", "s", "physical unit of field");
        h.addValue("TUNIT2", "s", "physical unit of field");
        h.addValue("EXTNAME", name.equals("gti") ? "GTI" : name.toUpperCase(Locale.ROOT), "good time intervals");
        h.addValue("HDUCLASS", "OGIP", "");
        h.addValue("HDUCLAS1", "GTI", "");
        return hdu;
    }

    private static void addScalars(Header h, Product product) throws HeaderCardException {
        for (Map.Entry<String, Field> e : product.fields().entrySet()) {
            String key = keyword(e.getKey());
            String unit = SCALAR_UNITS.get(e.getKey());
            String comment = (unit == null ? "" : "[" + unit + "] ") + e.getKey();
            switch (e.getValue()) {
                case Field.Real r -> {
                    if (Double.isFinite(r.value())) {
                        h.addValue(key, r.value(), comment);
                    } else {
                        h.insertComment(e.getKey() + " = " + r.value());
                    }
                }
                case Field.Int i -> h.addValue(key, i.value(), comment);
                case Field.Bool b -> h.addValue(key, b.value(), comment);     // a logical keyword, T or F
                case Field.Text t -> h.addValue(key, ascii(t.value()), comment);
                default -> {
                }
            }
        }
    }

    /**
     * The unit of normalised powers, as a FITS unit string (astropy parses it): Leahy powers are
     * dimensionless (empty: no TUNIT), fractional rms {@code Hz-1} ((rms/mean)^2/Hz), absolute rms
     * {@code count2 s-2 Hz-1} ((count/s)^2/Hz), unnormalised {@code count2}.
     */
    static Optional<String> powerUnit(Product product) {
        return switch (product.text("norm").orElse("")) {
            case "frac" -> Optional.of("Hz-1");
            case "abs" -> Optional.of("count2 s-2 Hz-1");
            case "none" -> Optional.of("count2");
            default -> Optional.empty();
        };
    }

    /** What {@link #powerUnit} means, for the keyword's comment. */
    private static String powerMeaning(Product product) {
        return switch (product.text("norm").orElse("")) {
            case "frac" -> "(rms/mean)^2/Hz: fractional rms normalisation";
            case "abs" -> "(count/s)^2/Hz: absolute rms normalisation";
            default -> "unnormalised power";
        };
    }

    /** The OGIP light-curve keywords of the RATE table (OGIP/93-003). */
    private static void addOgipLightCurve(Header h, Product product) throws HeaderCardException {
        h.addValue("HDUCLASS", "OGIP", "format conforms to OGIP standard");
        h.addValue("HDUCLAS1", "LIGHTCURVE", "light curve dataset");
        h.addValue("HDUCLAS2", "TOTAL", "gross light curve (no background subtracted)");
        h.addValue("HDUCLAS3", "RATE", "the RATE column holds count rates");
        h.addValue("TIMEDEL", product.number("dt"), "[s] bin width");
        h.addValue("TSTOP", product.number("tstart") + product.number("tseg"), "[s] end of the last bin");
        h.addValue("TIMEZERO", 0.0, "[s] times are absolute (MET)");
        h.addValue("TIMEPIXR", 0.5, "TIME is the centre of its bin");
        addTimeSystem(h, product);
    }

    /** TIMEUNIT, and MJDREFI, MJDREFF, MJDREF and TIMESYS where the main table does not already have them. */
    private static void addTimeSystem(Header h, Product product) throws HeaderCardException {
        h.addValue("TIMEUNIT", "s", "unit of TIME, START, STOP, TSTART, TSTOP");
        if (!h.containsKey("MJDREFI") && product.fields().get("mjdrefi") instanceof Field.Int days
                && product.has("mjdreff")) {
            h.addValue("MJDREFI", days.value(), "[d] MJD of time 0, integer part");
            h.addValue("MJDREFF", product.number("mjdreff"), "[d] MJD of time 0, fraction of a day");
        }
        if (!h.containsKey("MJDREF") && product.has("mjdref")) {
            h.addValue("MJDREF", product.number("mjdref"), "[d] MJD of time 0");
        }
        if (!h.containsKey("TIMESYS") && product.text("timesys").isPresent()) {
            h.addValue("TIMESYS", product.text("timesys").get(), "time system");
        }
    }

    /**
     * The header keyword for a field name: its standard FITS name if it has one ({@link #STANDARD_KEYWORDS}),
     * else upper-case if it fits in 8 characters, else HIERARCH.
     */
    static String keyword(String name) {
        if (STANDARD_KEYWORDS.containsKey(name)) {
            return STANDARD_KEYWORDS.get(name);
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.length() <= 8 && upper.matches("[A-Z0-9_-]+") && !RESERVED.contains(upper)
                && !upper.matches("(NAXIS|TFORM|TTYPE|TUNIT|TDIM|TNULL|TSCAL|TZERO|TDISP)\\d*")) {
            return upper;
        }
        return Hierarch.key(upper);
    }

    /**
     * Printable ASCII for a header string. Single quotes become double quotes: FITS escapes them by doubling,
     * but astropy 5.2 drops text around doubled quotes in CONTINUE long strings (a shell-quoted command line
     * such as {@code manta pds 'my file.evt' ...} would come back garbled).
     */
    static String ascii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c == '\'' ? '"' : c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
