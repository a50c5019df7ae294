package org.manta.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nom.tam.fits.Header;
import org.manta.core.BadEventFileException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;

/**
 * Binned light curves in OGIP FITS files (OGIP/93-003: what {@code manta lc FILE --dt D -o lc.fits} writes, and
 * the light curves of other tools), read as Stingray's {@code io.lcurve_from_fits} reads them, with the
 * differences said below.
 *
 * <h2>Which files</h2>
 * A file is a light curve when the binary tables with a {@code TIME} column that come before any other such
 * table are all binned ({@link #isBinned}: a {@code RATE} or {@code COUNTS} column, the name {@code RATE}, or
 * {@code HDUCLAS1 = LIGHTCURVE}): the rule by which {@link EventFileReader} refuses such a file as events.
 *
 * <h2>What is read</h2>
 * <ul>
 *   <li>the first such table; {@code TIME} plus {@code TIMEZERO} of its header (0 if absent), and, when the
 *       header has {@code TIMEPIXR}, {@code (0.5 − TIMEPIXR)·TIMEDEL} so that the times are bin centres (Stingray
 *       ignores TIMEPIXR; Manta writes 0.5, which changes nothing);</li>
 *   <li>the bin width {@code TIMEDEL} (s); without it the median spacing of the times (as Stingray);
 *       {@code TIMEUNIT} must be {@code s} when present;</li>
 *   <li>counts per bin: the {@code COUNTS} column, else {@code RATE × TIMEDEL}, else {@code RATE1 × TIMEDEL}
 *       (Stingray takes RATE, RATE1, then COUNTS; RATE and COUNTS are the same numbers for Manta's files, COUNTS
 *       without the rounding of the product); then, as Stingray, a bin is good when that value is not NaN and its
 *       {@code FRACEXP} (1 without the column) is at least {@value #FRACEXP_LIMIT}: the counts of a good bin are
 *       divided by its FRACEXP, those of the others are 0; an infinite count or FRACEXP in a good bin is
 *       refused;</li>
 *   <li>the errors of the counts, as Stingray's {@code lcurve_from_fits} reads them: the {@code ERROR} column
 *       ({@code ERROR1} when Stingray reads {@code RATE1}, i.e. the table has RATE1 and no RATE), an error of the rate
 *       (multiplied by {@code TIMEDEL}) when the table has a RATE or RATE1 column, else of the counts; in a good bin
 *       divided by its FRACEXP, in the others kept as they are (as Stingray); none without the column;</li>
 *   <li>the GTIs of the first START/STOP table named {@code GTI} (as written, as Stingray), else of the first
 *       START/STOP table (Stingray reads only one named GTI); without such a table, one GTI per run of consecutive good bins, from half a bin before its
 *       first centre to half a bin after its last ({@link Gtis#fromCondition}, Stingray
 *       {@code create_gti_from_condition(time, good)}, whose half bin is half the first spacing of the times: the
 *       same for evenly spaced bins); a file with no good bin and no such table is refused;</li>
 *   <li>the context: {@code TELESCOP}, {@code INSTRUME}, {@code OBJECT}, {@code TIMESYS}, {@code MJDREFI + MJDREFF}
 *       (or {@code MJDREF}; the pair wins where both are given, as the FITS standard says, §9.2.2: Manta's own light
 *       curves carry both) of the table's header, else of the primary header; the band from Manta's
 *       {@code E_MIN}/{@code E_MAX} (keV) or {@code PI_MIN}/{@code PI_MAX} keywords.</li>
 * </ul>
 */
public final class LightCurveFiles {
    /**
     * The least fraction of a bin's width that must be exposed for the bin to be kept (Stingray's
     * {@code fracexp_limit} default).
     */
    public static final double FRACEXP_LIMIT = 0.9;
    /** The columns that can hold the counts, in the order they are looked for (see the class comment). */
    private static final List<String> COUNTS_COLUMNS = List.of("COUNTS", "RATE", "RATE1");

    private LightCurveFiles() {
    }

    /**
     * A light curve as its file holds it.
     *
     * @param time   bin centres, MET s (TIMEZERO added)
     * @param counts    counts per bin
     * @param countsErr the 1σ errors of {@code counts} (the ERROR column), if the table has them
     * @param dt        bin width, s
     * @param gti    the GTI extension's intervals, else one interval per run of good bins
     * @param info   the header's context (TIMEDEL is {@code dt}, the time offset the one added to TIME)
     * @param object OBJECT, "" if absent
     * @param band   the band the light curve was selected in, if its header says
     * @param hdu    the table read, for messages ("'RATE' (HDU 1)")
     */
    public record Contents(double[] time, double[] counts, Optional<double[]> countsErr, double dt, GtiList gti,
                           ObservationInfo info, String object, Optional<EnergyBand> band, String hdu) {
    }

    /**
     * Whether a binary table with a TIME column is a binned light curve, not events: a COUNTS, RATE or RATE1
     * column, the name RATE, or {@code HDUCLAS1 = LIGHTCURVE}.
     */
    static boolean isBinned(Hdu h, List<Column> cols) {
        String hduclass = h.header().getStringValue("HDUCLAS1", "").trim();
        return countsColumn(cols).isPresent() || h.name().equals("RATE") || hduclass.equalsIgnoreCase("LIGHTCURVE");
    }

    /** The column the counts are read from: the first of {@link #COUNTS_COLUMNS} that the table has. */
    static Optional<Column> countsColumn(List<Column> cols) {
        return COUNTS_COLUMNS.stream().map(name -> Hdu.find(cols, name)).filter(c -> c != null).findFirst();
    }

    /**
     * Whether {@code file} is a FITS light curve (see the class comment). Reads headers only, and stops at the
     * first table of events, so an event file costs its first headers. A file that is missing or not FITS is not
     * a light curve (the event reader then says what is wrong with it).
     */
    public static boolean isLightCurve(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return false;
        }
        try {
            return isLightCurve(FitsScan.scan(file, FitsScan.isGzip(file),
                    h -> isTimeTable(h) && !isBinned(h, columns(h))));
        } catch (IOException | BadEventFileException e) {
            return false;
        }
    }

    /** Whether the HDUs read hold a table with a TIME column and every such table is binned. */
    private static boolean isLightCurve(List<Hdu> hdus) {
        return timeTable(hdus).isPresent() && hdus.stream().filter(LightCurveFiles::isTimeTable)
                .allMatch(h -> isBinned(h, columns(h)));
    }

    /**
     * Reads the light curve of {@code file}.
     *
     * @throws BadEventFileException naming the file and what is wrong: not a light curve, a missing or non-numeric
     *                               column, an infinite count or FRACEXP in a good bin, no good bin and no GTIs, a
     *                               TIMEUNIT other than s
     */
    public static Contents read(Path file) {
        try {
            boolean gzip = FitsScan.isGzip(file);
            List<Hdu> hdus = FitsScan.scan(file, gzip);
            if (!isLightCurve(hdus)) {
                throw new BadEventFileException(file, "not a FITS light curve: expected a binary table with TIME and "
                        + "RATE or COUNTS columns (an OGIP RATE extension)");
            }
            Hdu table = timeTable(hdus).orElseThrow();
            Header h = table.header();
            Header primary = hdus.get(0).header();
            String unit = h.getStringValue("TIMEUNIT", "s").trim();
            if (!unit.equals("s")) {
                throw new BadEventFileException(file, "TIMEUNIT = '" + unit + "' in " + table.label()
                        + ": expected s (seconds)");
            }
            List<Column> cols = EventFileReader.columnsOf(file, table);
            double[] time = column(file, gzip, table, cols, "TIME");
            double timedel = HeaderNumbers.readDouble(h, "TIMEDEL", file, Double.NaN);
            double dt = Double.isNaN(timedel) ? medianSpacing(file, time) : timedel;
            if (!(dt > 0) || Double.isInfinite(dt)) {
                throw new BadEventFileException(file, "TIMEDEL = " + dt + " in " + table.label()
                        + ": expected a positive bin width in s");
            }
            double timezero = HeaderNumbers.readDouble(h, "TIMEZERO", file, 0.0);
            double timepixr = HeaderNumbers.readDouble(h, "TIMEPIXR", file, 0.5);
            double offset = timezero + (0.5 - timepixr) * dt;
            for (int i = 0; i < time.length; i++) {
                time[i] += offset;
            }
            String countsName = countsColumn(cols).orElseThrow(() -> new BadEventFileException(file, table.label()
                    + " has no " + String.join(", ", COUNTS_COLUMNS) + " column (columns: "
                    + EventFileReader.names(cols) + ")")).name();
            double[] counts = column(file, gzip, table, cols, countsName);
            if (!countsName.equals("COUNTS")) {
                for (int i = 0; i < counts.length; i++) {
                    counts[i] *= dt;
                }
            }
            double[] fracexp = Hdu.find(cols, "FRACEXP") != null ? column(file, gzip, table, cols, "FRACEXP") : null;
            Optional<double[]> errors = errors(file, gzip, table, cols, dt);
            boolean[] good = exposureCorrected(file, table.label(), counts, fracexp);
            errors.ifPresent(e -> {
                for (int i = 0; i < e.length; i++) {
                    e[i] = good[i] && fracexp != null ? e[i] / fracexp[i] : e[i];
                }
            });
            Optional<GtiList> extension = gti(file, hdus);
            GtiList gti = extension.orElseGet(() -> Gtis.fromCondition(time, good, dt / 2));
            if (gti.isEmpty() && extension.isEmpty()) {
                throw new BadEventFileException(file, "no good bin in " + table.label() + ": all " + counts.length
                        + " have a NaN " + countsName + " or FRACEXP below " + FRACEXP_LIMIT
                        + ", and no GTI extension: expected at least one good bin");
            }
            String telescope = keyword(h, primary, "TELESCOP");
            ObservationInfo info = new ObservationInfo(
                    keyword(h, primary, "MISSION").isEmpty() ? telescope.toUpperCase(Locale.ROOT)
                            : keyword(h, primary, "MISSION").toUpperCase(Locale.ROOT),
                    telescope, keyword(h, primary, "INSTRUME"), keyword(h, primary, "TIMESYS"),
                    mjdref(h, primary, file), timezero, offset, dt,
                    HeaderNumbers.readDouble(h, "TSTART", file, Double.NaN),
                    HeaderNumbers.readDouble(h, "TSTOP", file, Double.NaN));
            return new Contents(time, counts, errors, dt, gti, info, keyword(h, primary, "OBJECT"),
                    band(h, file), table.label());
        } catch (IOException e) {
            throw new BadEventFileException(file, "cannot read: " + e, e);
        }
    }

    /**
     * The errors of the counts, as Stingray's {@code lcurve_from_fits} takes them (before the exposure correction):
     * Stingray reads the first of RATE, RATE1, COUNTS, and its error column, ERROR (ERROR1 for RATE1), multiplied by
     * {@code dt} for a rate.
     */
    private static Optional<double[]> errors(Path file, boolean gzip, Hdu table, List<Column> cols, double dt)
            throws IOException {
        boolean rate = Hdu.find(cols, "RATE") != null;
        boolean rate1 = !rate && Hdu.find(cols, "RATE1") != null;
        String name = rate1 ? "ERROR1" : "ERROR";
        if (Hdu.find(cols, name) == null) {
            return Optional.empty();
        }
        double[] err = column(file, gzip, table, cols, name);
        if (rate || rate1) {
            for (int i = 0; i < err.length; i++) {
                err[i] *= dt;
            }
        }
        return Optional.of(err);
    }

    /**
     * Stingray's exposure correction ({@code lcurve_from_fits}): a bin is good when its counts are not NaN and its
     * FRACEXP is at least {@link #FRACEXP_LIMIT}; the counts of a good bin are divided by its FRACEXP, those of
     * the others set to 0.
     *
     * @param counts  counts per bin; modified
     * @param fracexp the FRACEXP column, or {@code null} for none (1 for every bin); not modified
     * @param table   the table read, for messages
     * @return whether each bin is good
     * @throws BadEventFileException for an infinite count or FRACEXP in a good bin (Stingray would keep an
     *                               infinite or a zero count)
     */
    private static boolean[] exposureCorrected(Path file, String table, double[] counts, double[] fracexp) {
        boolean[] good = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            double f = fracexp == null ? 1.0 : fracexp[i];
            good[i] = !Double.isNaN(counts[i]) && f >= FRACEXP_LIMIT;
            if (good[i] && Double.isInfinite(f)) {
                throw new BadEventFileException(file, "row " + (i + 1) + " of " + table + " has FRACEXP = " + f
                        + ": expected the exposed fraction of the bin, finite");
            }
            if (good[i] && Double.isInfinite(counts[i])) {
                throw new BadEventFileException(file, "row " + (i + 1) + " of " + table + " has " + counts[i]
                        + " counts: expected finite counts or rates (NaN for a bin left out)");
            }
            counts[i] = good[i] ? counts[i] / f : 0.0;
        }
        return good;
    }

    private static boolean isTimeTable(Hdu h) {
        return h.isBinaryTable() && Hdu.find(columns(h), "TIME") != null;
    }

    private static List<Column> columns(Hdu h) {
        return EventFileReader.columnsOrEmpty(h);
    }

    private static Optional<Hdu> timeTable(List<Hdu> hdus) {
        return hdus.stream().filter(LightCurveFiles::isTimeTable).findFirst();
    }

    /** A numeric scalar column, whole, decoded as the event reader decodes its rows. */
    private static double[] column(Path file, boolean gzip, Hdu table, List<Column> cols, String name)
            throws IOException {
        Column c = Hdu.find(cols, name);
        EventFileReader.requireScalar(file, c, name);
        long rows = table.rows();
        if (rows > Integer.MAX_VALUE - 8) {
            throw new BadEventFileException(file, table.label() + " has " + rows + " rows: expected at most "
                    + (Integer.MAX_VALUE - 8) + " bins");
        }
        double[] out = new double[(int) rows];
        int block = EventChunk.DEFAULT_CAPACITY;
        try (RowSource source = RowSource.open(file, gzip, table)) {
            for (int first = 0; first < out.length; first += block) {
                int count = Math.min(block, out.length - first);
                ByteBuffer buf = source.read(first, count);
                for (int r = 0; r < count; r++) {
                    out[first + r] = c.getDouble(buf, r * table.rowBytes());
                }
            }
        }
        return out;
    }

    /** Stingray's fallback bin width without TIMEDEL: the median difference of the times. */
    private static double medianSpacing(Path file, double[] time) {
        if (time.length < 2) {
            throw new BadEventFileException(file, "no TIMEDEL and " + time.length + " bin(s): expected TIMEDEL or at"
                    + " least 2 bins");
        }
        double[] d = new double[time.length - 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = time[i + 1] - time[i];
        }
        Arrays.sort(d);
        return d.length % 2 == 1 ? d[d.length / 2] : 0.5 * (d[d.length / 2 - 1] + d[d.length / 2]);
    }

    private static Optional<GtiList> gti(Path file, List<Hdu> hdus) {
        Optional<Hdu> named = hdus.stream().filter(h -> h.smallData() != null && h.name().equals("GTI")).findFirst();
        Optional<Hdu> any = named.isPresent() ? named : hdus.stream().filter(h -> h.smallData() != null).findFirst();
        return any.map(h -> EventFileReader.readGtiExtension(file, h));
    }

    private static String keyword(Header table, Header primary, String key) {
        Header h = table.containsKey(key) ? table : primary;
        return h.getStringValue(key, "").trim();
    }

    /**
     * The MJDREF of the table's header, else of the primary: {@code MJDREFI + MJDREFF} where given, else
     * {@code MJDREF}. Unlike an events header (read as Stingray reads it, {@code MJDREF} first) the pair wins, so that
     * a light curve of {@code manta lc -o lc.fits}, which has both, keeps its MJDREF exactly.
     */
    private static Mjdref mjdref(Header table, Header primary, Path file) {
        boolean inTable = table.containsKey("MJDREF") || table.containsKey("MJDREFI");
        Header h = inTable ? table : primary;
        return EventFileReader.readMjdrefPair(h, file).orElseGet(() -> EventFileReader.readMjdref(h, file));
    }

    /** Manta's band keywords ({@code E_MIN}/{@code E_MAX}, {@code PI_MIN}/{@code PI_MAX}), if the header has them. */
    private static Optional<EnergyBand> band(Header h, Path file) {
        if (h.containsKey("E_MIN") && h.containsKey("E_MAX")) {
            return Optional.of(EnergyBand.energy(HeaderNumbers.readDouble(h, "E_MIN", file, 0),
                    HeaderNumbers.readDouble(h, "E_MAX", file, 0)));
        }
        if (h.containsKey("PI_MIN") && h.containsKey("PI_MAX")) {
            return Optional.of(EnergyBand.pi(HeaderNumbers.readDouble(h, "PI_MIN", file, 0),
                    HeaderNumbers.readDouble(h, "PI_MAX", file, 0)));
        }
        return Optional.empty();
    }
}
