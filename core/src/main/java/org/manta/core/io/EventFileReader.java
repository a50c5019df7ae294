package org.manta.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import nom.tam.fits.Header;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.MantaException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.events.Mjdref;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.Float80;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;

/**
 * Reads an OGIP event file (plain or gzip-compressed FITS) in bounded memory, the way Stingray's
 * {@code EventList.read(file, fmt="ogip")} interprets it ({@code io.FITSTimeseriesReader};
 * science.md §23 with science-errata H2 and L13).
 *
 * <h2>What is read</h2>
 * <ul>
 *   <li><b>Mission</b>: {@code MISSION}, else {@code TELESCOP}, of the first HDU that has either; it
 *       selects the {@link MissionRules} (events and GTI extension names, PI column, detector column,
 *       PI → energy law).</li>
 *   <li><b>Events table</b>: the binary table named {@code EVENTS}, else the mission's events
 *       extension (e.g. {@code XTE_SE}), else the first binary table with a {@code TIME} column
 *       (column names are case-insensitive). A file with no such events extension whose TIME table also
 *       has a {@code RATE} or {@code COUNTS} column, or is named {@code RATE} or classed
 *       {@code HDUCLAS1 = LIGHTCURVE}, is a binned light curve, not events: it is refused (its bins are
 *       not photons).</li>
 *   <li><b>Time offset</b> (errata H2), from the events header: {@code off = TIMEZERO +
 *       (0.5 − TIMEPIXR)·TIMEDEL}, the second term only if TIMEPIXR is present, evaluated in x87
 *       extended precision as Stingray does ({@link Float80}). Times, GTI bounds, TSTART and TSTOP are
 *       all {@code double(round64(x + off))}, hence bit-identical to Stingray's values rounded to
 *       double.</li>
 *   <li><b>GTIs</b> (errata L13): all HDUs whose name fully matches one of the mission's GTI names
 *       (anchored regular expressions; also {@code NAME%02d} and {@code NAME%02d.*} for each value of
 *       the detector column, e.g. XMM {@code STDGTI01}), columns START/STOP in any case, intersected
 *       ({@link Gtis#intersect(List)}; exact, see there for the one deliberate difference from
 *       Stingray) and then shifted by {@code off}, kept exactly as Stingray's {@code longdouble} values
 *       ({@link Gti#exactStart()}: segment starts are computed from them). With no GTI extension: the default
 *       {@code [t_first − TIMEDEL/2, t_last + TIMEDEL/2]} of the shifted times.</li>
 *   <li><b>Energy</b> (keV): an {@code ENERGY} column (converted from its TUNIT: eV, keV, MeV; keV
 *       if absent; single-precision columns are scaled in single precision as numpy does); otherwise
 *       the PI column through the mission's law ({@link MissionRules#calibration}).</li>
 *   <li><b>PI</b>: the mission's PI column ({@code PHA} for RXTE, remapped to absolute channels through
 *       {@code TEVTB2}). Stingray reports it ({@link #hasPi()}, {@link #readAll}) <em>only when there is no
 *       ENERGY column</em>; a PI band can select on it in any case ({@link #canSelectPi()}).</li>
 * </ul>
 *
 * <h2>Memory and streaming</h2>
 * nom-tam parses the headers only; rows are decoded by hand from blocks of raw bytes (big-endian,
 * field offsets from the TFORMs: {@code D, E, K, J, I, B} with repeat 1, TSCAL/TZERO honoured):
 * positional {@code FileChannel} reads for plain files, a sequential {@code GZIPInputStream} for
 * {@code .gz}. Only one block of rows is held at a time. Rows must be sorted by TIME; a decrease is
 * reported as a {@link BadEventFileException}. Events are not filtered by the GTIs here. Opening a
 * {@code .gz} file decompresses it once to locate all HDUs (GTI extensions usually follow the events);
 * reading then decompresses it again, sequentially.
 *
 * <p>Not thread-safe; use one reader per thread.
 */
public final class EventFileReader implements AutoCloseable {
    private static final double SECONDS_PER_DAY = 86400.0;

    private final Path file;
    private final boolean gzip;
    private final Hdu events;
    private final List<Column> columns;
    private final Column timeColumn;
    private final Column energyColumn;
    private final Column piColumn;
    private final double energyFactor;
    private final int[] phaMap;
    private final MissionRules.Calibration calibration;
    private final FrameTime frameTime;
    private final String piColumnName;
    private final List<String> gtiExtensions = new ArrayList<>();
    private final Float80.Value offset;
    private final ObservationInfo info;
    private final GtiList gti;
    private final boolean gtiFromEvents;
    private final String object;

    private RowSource source;
    private long nextRow;
    private long endRow;
    private double lastTime = Double.NEGATIVE_INFINITY;

    private EventFileReader(Path file) throws IOException {
        this.file = file;
        this.gzip = FitsScan.isGzip(file);
        List<Hdu> hdus = FitsScan.scan(file, gzip);

        Header probe = null;
        for (Hdu h : hdus) {
            if (h.header().containsKey("TELESCOP") || h.header().containsKey("MISSION")) {
                probe = h.header();
                break;
            }
        }
        String mission = "";
        if (probe != null) {
            mission = probe.getStringValue(probe.containsKey("MISSION") ? "MISSION" : "TELESCOP", "").trim();
        }
        MissionRules rules = MissionRules.of(mission);
        String instrument = probe == null ? "" : probe.getStringValue(rules.instrumentKey(), "").trim();

        this.events = findEventsTable(hdus, rules);
        this.columns = columnsOf(file, events);
        this.timeColumn = Hdu.find(columns, "TIME");
        if (timeColumn == null) {
            throw new BadEventFileException(file, "events table " + events.label() + " has no TIME column (columns: "
                    + names(columns) + ")");
        }
        requireScalar(file, timeColumn, "TIME");
        if (events.rowBytes() < columnsWidth(columns)) {
            throw new BadEventFileException(file, "events table " + events.label() + " has NAXIS1 = "
                    + events.rowBytes() + " bytes, less than its columns need (" + columnsWidth(columns) + ")");
        }
        Header h = events.header();

        // Time offset: TIMEZERO + (0.5 - TIMEPIXR) * TIMEDEL, in extended precision (errata H2)
        // (keywords given as numeric strings are parsed, others refused: HeaderNumbers)
        Float80.Value timedelValue = HeaderNumbers.read(h, "TIMEDEL", file);
        Float80.Value timezeroValue = HeaderNumbers.read(h, "TIMEZERO", file);
        Float80.Value timepixr = HeaderNumbers.read(h, "TIMEPIXR", file);
        double timedel = timedelValue == null ? 0.0 : timedelValue.toDouble();
        double timezero = timezeroValue == null ? 0.0 : timezeroValue.toDouble();
        Float80.Value off = timezeroValue == null ? Float80.Value.ZERO : timezeroValue;
        if (timepixr != null) {
            Float80.Value pix = Float80.subtract(Float80.of(0.5), timepixr);
            off = Float80.add(off, Float80.multiply(pix, timedelValue == null ? Float80.Value.ZERO : timedelValue));
        }
        this.offset = off;

        Mjdref mjdref = readMjdref(h, file);
        double rawTstart = HeaderNumbers.readDouble(h, "TSTART", file, Double.NaN);
        double rawTstop = HeaderNumbers.readDouble(h, "TSTOP", file, Double.NaN);
        String telescope = h.getStringValue("TELESCOP", probe == null ? "" : probe.getStringValue("TELESCOP", "")).trim();
        this.info = new ObservationInfo(
                mission.toUpperCase(Locale.ROOT),
                telescope,
                instrument,
                h.getStringValue("TIMESYS", "").trim(),
                mjdref,
                timezero,
                off.toDouble(),
                timedel,
                Double.isNaN(rawTstart) ? Double.NaN : Float80.addToDouble(rawTstart, off),
                Double.isNaN(rawTstop) ? Double.NaN : Float80.addToDouble(rawTstop, off));

        // Energy and PI columns (a PI column beside ENERGY is read for PI bands only: Stingray reports no pi then)
        this.energyColumn = Hdu.find(columns, "ENERGY");
        this.piColumnName = rules.piColumn();
        this.piColumn = Hdu.find(columns, piColumnName);
        if (piColumn != null) {
            requireScalar(file, piColumn, rules.piColumn());
        }
        String tevtb2 = h.getStringValue("TEVTB2", null);
        int[] map = null;
        if (piColumn != null && mission.equalsIgnoreCase("xte") && tevtb2 != null) {
            try {
                map = RxtePca.localChannelMap(tevtb2);
            } catch (IllegalArgumentException e) {
                throw new BadEventFileException(file, "cannot decode TEVTB2: " + e.getMessage(), e);
            }
        }
        this.phaMap = map;
        if (energyColumn != null) {
            requireScalar(file, energyColumn, "ENERGY");
            this.energyFactor = energyFactor(energyColumn.unit());
            this.calibration = null;
        } else {
            this.energyFactor = 1.0;
            double epoch = rawTstart / SECONDS_PER_DAY + mjdref.value();
            this.calibration = piColumn == null ? null : MissionRules.calibration(mission, instrument, epoch);
        }
        this.frameTime = frameTime(h, file, instrument, timedelValue);

        Optional<GtiList> fromExtensions = readGtis(hdus, rules);
        this.gtiFromEvents = fromExtensions.isEmpty();
        this.gti = gtiFromEvents ? defaultGti(timedel) : fromExtensions.get();
        this.object = h.getStringValue("OBJECT", probe == null ? "" : probe.getStringValue("OBJECT", "")).trim();
        this.endRow = events.rows();
    }

    /**
     * Opens an event file and reads its headers and GTIs (not its events).
     *
     * @throws BadEventFileException with a one-line reason when the file is missing, unreadable, not
     *                               FITS, has no events table or no TIME column, or has bad or empty
     *                               GTIs
     */
    public static EventFileReader open(Path file) {
        if (!Files.exists(file)) {
            throw new BadEventFileException(file, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new BadEventFileException(file, "is a directory, not an event file");
        }
        if (!Files.isReadable(file)) {
            throw new BadEventFileException(file, "file is not readable (permission denied)");
        }
        try {
            return new EventFileReader(file);
        } catch (IOException e) {
            throw new BadEventFileException(file, "cannot read: " + e, e);
        }
    }

    /** Header metadata of the events extension; TSTART/TSTOP already shifted by the time offset. */
    public ObservationInfo info() {
        return info;
    }

    /** Good time intervals (never empty), shifted by the time offset. */
    public GtiList gti() {
        return gti;
    }

    /**
     * True when the file has no GTI extension, so {@link #gti()} is Stingray's default: the span of the first
     * and last event, widened by TIMEDEL/2.
     */
    public boolean gtiFromEvents() {
        return gtiFromEvents;
    }

    /** OBJECT of the events extension (else of the first HDU with TELESCOP or MISSION); "" if absent. */
    public String object() {
        return object;
    }

    /** The file read. */
    Path file() {
        return file;
    }

    /** Whether the file is gzip-compressed. */
    boolean isGzip() {
        return gzip;
    }

    /** The events table read. */
    Hdu eventsHdu() {
        return events;
    }

    /** Number of rows (events) in the events table. */
    public long rowCount() {
        return events.rows();
    }

    /** Column names of the events table, as written in the file. */
    public List<String> columns() {
        List<String> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.name());
        }
        return Collections.unmodifiableList(out);
    }

    /** True when events have energies: an ENERGY column, or PI with a known mission calibration. */
    public boolean hasEnergy() {
        return energyColumn != null || calibration != null;
    }

    /** True when events have PI channels as Stingray reports them (see the class comment): no ENERGY column. */
    public boolean hasPi() {
        return piColumn != null && energyColumn == null;
    }

    /**
     * True when events can be selected by PI channel: the file has the mission's PI column, also beside an
     * ENERGY column (e.g. Chandra), where Stingray reports energies only.
     */
    public boolean canSelectPi() {
        return piColumn != null;
    }

    /**
     * How energies are obtained, in words: the ENERGY column, the mission's PI → energy law, or why there is
     * none (e.g. {@code "PI → energy calibration unknown for SWIFT: use --pi to select by PI channel"}).
     */
    public String calibration() {
        if (energyColumn != null) {
            return "ENERGY column (" + (energyColumn.unit().isEmpty() ? "keV" : energyColumn.unit()) + ")";
        }
        if (calibration != null) {
            return calibration.description();
        }
        if (piColumn != null) {
            return "PI → energy calibration unknown for " + (info.mission().isEmpty() ? "this mission" : info.mission())
                    + ": use --pi to select by PI channel";
        }
        return "none: no ENERGY column and no " + piColumnName + " column";
    }

    /** The instrument frame time, when the header gives it. */
    public Optional<FrameTime> frameTime() {
        return Optional.ofNullable(frameTime);
    }

    /**
     * The GTI extensions the good time intervals were read from (HDU labels, intersected when several), or
     * empty when the file has none and the GTI is the default {@code [first − TIMEDEL/2, last + TIMEDEL/2]}.
     */
    public List<String> gtiExtensions() {
        return Collections.unmodifiableList(gtiExtensions);
    }

    /**
     * A frame time and the keyword it came from.
     *
     * @param seconds frame time, s
     * @param keyword where it came from, e.g. {@code "FRMTIME (ms)"}
     */
    public record FrameTime(double seconds, String keyword) {
    }


    /** A new chunk of {@link EventChunk#DEFAULT_CAPACITY} rows. */
    public EventChunk newChunk() {
        return new EventChunk(EventChunk.DEFAULT_CAPACITY);
    }

    /** Restarts reading at the first row (and reads to the last). */
    public void rewind() {
        range(0, rowCount());
    }

    /**
     * Restricts reading to rows {@code [from, to)} (0-based) and restarts at {@code from}: the row range of
     * a work unit. Sorting is checked within the range.
     *
     * @throws IllegalArgumentException unless {@code 0 <= from <= to <= rowCount()}
     */
    public void range(long from, long to) {
        if (from < 0 || from > to || to > rowCount()) {
            throw new IllegalArgumentException("row range [" + from + ", " + to + ") of a table of " + rowCount() + " rows");
        }
        nextRow = from;
        endRow = to;
        lastTime = Double.NEGATIVE_INFINITY;
    }

    /**
     * The time of row {@code row}, shifted by the time offset exactly as the events read by {@link #next}.
     *
     * @throws BadEventFileException when the file cannot be read there
     */
    public double timeAt(long row) {
        try {
            if (source == null) {
                source = RowSource.open(file, gzip, events);
            }
            double t = timeColumn.getDouble(source.read(row, 1), 0);
            return offset.hi() == 0 && offset.lo() == 0 ? t : Float80.addToDouble(t, offset);
        } catch (IOException e) {
            throw new BadEventFileException(file, "cannot read row " + row + ": " + e, e);
        }
    }

    /**
     * The first row whose (shifted) time is at least {@code t}, or {@link #rowCount()} if there is none: a
     * bisection over single rows, as the rows are sorted by TIME (a work unit's row boundary). On an
     * unsorted table the answer is some row; reading the range then reports the disorder.
     */
    public long firstRowAtOrAfter(double t) {
        long lo = 0;
        long hi = rowCount();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (timeAt(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Fills {@code chunk} (from index 0; {@code chunk.size} is set) with the next events whose energy
     * or PI lies in {@code band} ({@code null}: all events), decoding rows until the chunk is full or
     * the table ends. The band is applied to the decoded values, so this equals filtering afterwards
     * with {@link EnergyBand#contains}.
     *
     * @return false when no event was left (end of table)
     * @throws BadEventFileException     when TIME decreases, is NaN, or the file is truncated
     * @throws InvalidParameterException when the band asks for energies or PI the file does not have
     */
    public boolean next(EventChunk chunk, EnergyBand band) {
        return fill(chunk, band, false);
    }

    /**
     * As {@link #next}, but only {@code chunk.time} is filled: {@code chunk.energy} and {@code chunk.pi}
     * are left undefined. Energies/PI are still decoded where {@code band} needs them; without a band,
     * rows are decoded for TIME alone (the hot path of the streaming spectra).
     */
    public boolean nextTimes(EventChunk chunk, EnergyBand band) {
        return fill(chunk, band, true);
    }

    private boolean fill(EventChunk chunk, EnergyBand band, boolean timesOnly) {
        checkBand(band);
        chunk.size = 0;
        long rows = endRow;
        int maxBlock = Math.max(1, Integer.MAX_VALUE / Math.max(1, events.rowBytes()));
        try {
            if (source == null && rows > 0) {
                source = RowSource.open(file, gzip, events);
            }
            while (chunk.size < chunk.capacity() && nextRow < rows) {
                int count = (int) Math.min(Math.min(chunk.capacity() - chunk.size, rows - nextRow), maxBlock);
                ByteBuffer buf = source.read(nextRow, count);
                if (timesOnly && band == null) {
                    decodeTimes(buf, count, chunk);
                } else {
                    decode(buf, count, chunk, band);
                }
                nextRow += count;
            }
        } catch (IOException e) {
            throw new BadEventFileException(file, "cannot read events: " + e, e);
        }
        return chunk.size > 0;
    }

    /**
     * Reads the whole file (from the first row) into an {@link EventList}: energies only if
     * {@link #hasEnergy()}, PI only if {@link #hasPi()} (otherwise length-0 arrays).
     */
    public EventList readAll(EnergyBand band) {
        checkBand(band);
        rewind();
        EventChunk chunk = newChunk();
        int expected = (int) Math.min(rowCount(), Integer.MAX_VALUE - 8);
        double[] time = new double[band == null ? expected : 1024];
        double[] energy = hasEnergy() ? new double[time.length] : new double[0];
        int[] pi = hasPi() ? new int[time.length] : new int[0];
        int n = 0;
        while (next(chunk, band)) {
            if (n + chunk.size > time.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max((long) n + chunk.size, 2L * time.length));
                time = Arrays.copyOf(time, cap);
                energy = hasEnergy() ? Arrays.copyOf(energy, cap) : energy;
                pi = hasPi() ? Arrays.copyOf(pi, cap) : pi;
            }
            System.arraycopy(chunk.time, 0, time, n, chunk.size);
            if (hasEnergy()) {
                System.arraycopy(chunk.energy, 0, energy, n, chunk.size);
            }
            if (hasPi()) {
                System.arraycopy(chunk.pi, 0, pi, n, chunk.size);
            }
            n += chunk.size;
        }
        return new EventList(Arrays.copyOf(time, n),
                hasEnergy() ? Arrays.copyOf(energy, n) : new double[0],
                hasPi() ? Arrays.copyOf(pi, n) : new int[0],
                gti, info);
    }

    @Override
    public void close() {
        if (source != null) {
            try {
                source.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                source = null;
            }
        }
    }

    private void decode(ByteBuffer buf, int count, EventChunk chunk, EnergyBand band) {
        int rowBytes = events.rowBytes();
        boolean floatEnergy = energyColumn != null && energyColumn.type() == 'E' && !energyColumn.isScaled();
        float floatFactor = (float) energyFactor;
        for (int r = 0; r < count; r++) {
            int rs = r * rowBytes;
            double t = timeColumn.getDouble(buf, rs);
            if (!(t >= lastTime)) {
                throw unsorted(nextRow + r, t, lastTime);
            }
            lastTime = t;
            double energy = Double.NaN;
            int pi = 0;
            if (energyColumn != null) {
                if (floatEnergy) {
                    float e = energyColumn.getFloat(buf, rs);
                    energy = energyFactor == 1.0 ? e : e * floatFactor;
                } else {
                    energy = energyColumn.getDouble(buf, rs) * energyFactor;
                }
            }
            if (piColumn != null) {
                long raw = piColumn.getLong(buf, rs);
                if (phaMap != null) {
                    if (raw < 0 || raw >= phaMap.length) {
                        throw new BadEventFileException(file, piColumn.name() + "[" + (nextRow + r) + "]=" + raw
                                + " is outside the TEVTB2 channel map (0.." + (phaMap.length - 1) + ")");
                    }
                    pi = phaMap[(int) raw];
                } else {
                    pi = (int) raw;
                }
                if (calibration != null) {
                    energy = calibration.energy(pi);
                }
            }
            if (band != null && !(band.onPi() ? band.contains(pi) : band.contains(energy))) {
                continue;
            }
            int k = chunk.size++;
            chunk.time[k] = Float80.addToDouble(t, offset);
            chunk.energy[k] = energy;
            chunk.pi[k] = pi;
        }
    }

    /** TIME only, for {@link #nextTimes} without a band: the tight loop of 1e8–1e9-event reads. */
    private void decodeTimes(ByteBuffer buf, int count, EventChunk chunk) {
        int rowBytes = events.rowBytes();
        boolean noOffset = offset.hi() == 0 && offset.lo() == 0;
        double[] out = chunk.time;
        double last = lastTime;
        int k = chunk.size;
        for (int r = 0, rs = 0; r < count; r++, rs += rowBytes) {
            double t = timeColumn.getDouble(buf, rs);
            if (!(t >= last)) {
                throw unsorted(nextRow + r, t, last);
            }
            last = t;
            out[k++] = noOffset ? t : Float80.addToDouble(t, offset);
        }
        chunk.size = k;
        lastTime = last;
    }

    private BadEventFileException unsorted(long row, double t, double previous) {
        if (Double.isNaN(t)) {
            return new BadEventFileException(file, "TIME[" + row + "] is NaN");
        }
        return new BadEventFileException(file, "times not sorted: TIME[" + row + "]=" + t + " < TIME[" + (row - 1)
                + "]=" + previous);
    }

    private void checkBand(EnergyBand band) {
        if (band == null) {
            return;
        }
        if (band.onPi() && !canSelectPi()) {
            throw new InvalidParameterException("pi", band.lo() + ":" + band.hi(),
                    "a file with PI channels; " + file.getFileName() + " has no " + piColumnName + " column"
                            + (energyColumn != null ? " (use an energy band)" : ""));
        }
        if (!band.onPi() && !hasEnergy()) {
            throw new InvalidParameterException("energy", band.lo() + ":" + band.hi(),
                    "a file with energies; " + file.getFileName() + " has no ENERGY column, and "
                            + (piColumn != null ? "PI → energy calibration unknown for "
                                    + (info.mission().isEmpty() ? "its mission" : info.mission())
                                    + ": use --pi to select by PI channel" : "no " + piColumnName + " column"));
        }
    }

    private Hdu findEventsTable(List<Hdu> hdus, MissionRules rules) {
        for (String name : new LinkedHashSet<>(List.of("EVENTS", rules.events()))) {
            for (Hdu h : hdus) {
                if (h.isBinaryTable() && h.name().equals(name)) {
                    return h;
                }
            }
        }
        for (Hdu h : hdus) {
            List<Column> cols = columnsOrEmpty(h);
            if (h.isBinaryTable() && Hdu.find(cols, "TIME") != null) {
                requireNotLightCurve(h, cols);
                return h;
            }
        }
        List<String> names = new ArrayList<>();
        for (Hdu h : hdus) {
            names.add(h.name().isEmpty() ? "HDU " + h.index() : h.name());
        }
        throw new BadEventFileException(file, "no events table: no binary table named EVENTS"
                + (rules.events().equals("EVENTS") ? "" : " or " + rules.events())
                + " and none with a TIME column (HDUs: " + String.join(", ", names) + ")");
    }

    /** Refuses a binned light curve ({@link LightCurveFiles#isBinned}) offered as events. */
    private void requireNotLightCurve(Hdu h, List<Column> cols) {
        if (LightCurveFiles.isBinned(h, cols)) {
            String binned = LightCurveFiles.countsColumn(cols).map(c -> " and " + c.name()).orElse("");
            throw new BadEventFileException(file, "is a binned light curve (HDU " + h.label() + " has TIME" + binned
                    + " columns, no EVENTS extension), not an event"
                    + " list: give the event file it was made from (lomb, multitaper, bispectrum and bicoherence also"
                    + " read a light curve, FITS or JSON, e.g. from manta lc FILE --dt DT -o lc.fits)");
        }
    }

    static List<Column> columnsOf(Path file, Hdu h) {
        try {
            return h.columns();
        } catch (IllegalArgumentException e) {
            throw new BadEventFileException(file, "HDU " + h.label() + ": " + e.getMessage(), e);
        }
    }

    /** Columns of a table, or none when its TFORMs cannot be parsed (such a table is not a candidate). */
    static List<Column> columnsOrEmpty(Hdu h) {
        try {
            return h.columns();
        } catch (IllegalArgumentException e) {
            return Collections.emptyList();
        }
    }

    static void requireScalar(Path file, Column c, String what) {
        if (!c.isNumericScalar()) {
            throw new BadEventFileException(file, what + " column '" + c.name() + "' has TFORM " + c.tform()
                    + ": expected one of 1D, 1E, 1K, 1J, 1I, 1B");
        }
    }

    private static int columnsWidth(List<Column> cols) {
        int w = 0;
        for (Column c : cols) {
            w += c.width();
        }
        return w;
    }

    static String names(List<Column> cols) {
        List<String> n = new ArrayList<>();
        for (Column c : cols) {
            n.add(c.name());
        }
        return String.join(", ", n);
    }

    /** keV per unit of the ENERGY column's TUNIT (astropy {@code (1*u.Unit(unit)).to(u.keV)}). */
    private double energyFactor(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "kev" -> 1.0;
            case "ev" -> 0.001;
            case "mev" -> unit.equals("meV") ? 1e-6 : 1000.0;
            default -> throw new BadEventFileException(file, "ENERGY column has TUNIT '" + unit
                    + "': expected eV, keV or MeV");
        };
    }

    /**
     * The frame time of the events header: {@code FRAMETIM} (s, e.g. Swift XRT), {@code FRMTIME} (ms,
     * XMM-Newton EPIC), or for Chandra ACIS TIMEDEL, which is its frame time; null when none is given.
     */
    private static FrameTime frameTime(Header h, Path file, String instrument, Float80.Value timedel) {
        Float80.Value v = HeaderNumbers.read(h, "FRAMETIM", file);
        if (v != null) {
            return new FrameTime(v.toDouble(), "FRAMETIM");
        }
        v = HeaderNumbers.read(h, "FRMTIME", file);
        if (v != null) {
            return new FrameTime(v.toDouble() / 1000, "FRMTIME (ms)");
        }
        if (instrument.toUpperCase(Locale.ROOT).startsWith("ACIS") && timedel != null) {
            return new FrameTime(timedel.toDouble(), "TIMEDEL (ACIS frame time)");
        }
        return null;
    }

    /**
     * The MJDREF of an events header as Stingray's {@code high_precision_keyword_read} reads it: {@code MJDREF} if the
     * header has it, else {@code MJDREFI + MJDREFF} ({@link #readMjdrefPair}), else {@link Mjdref#NONE}.
     */
    static Mjdref readMjdref(Header h, Path file) {
        if (h.containsKey("MJDREF")) {
            return Mjdref.of(HeaderNumbers.readDouble(h, "MJDREF", file, 0.0));
        }
        return readMjdrefPair(h, file).orElse(Mjdref.NONE);
    }

    /** {@code MJDREFI + MJDREFF} ({@link Mjdref#of(double, double)}) when the header has both, else empty. */
    static Optional<Mjdref> readMjdrefPair(Header h, Path file) {
        if (h.containsKey("MJDREFI") && h.containsKey("MJDREFF")) {
            return Optional.of(Mjdref.of(HeaderNumbers.readDouble(h, "MJDREFI", file, 0.0),
                    HeaderNumbers.readDouble(h, "MJDREFF", file, 0.0)));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- GTIs

    /** The GTIs of the file's GTI extensions, intersected and shifted; empty when it has none. */
    private Optional<GtiList> readGtis(List<Hdu> hdus, MissionRules rules) throws IOException {
        List<Pattern> patterns = new ArrayList<>();
        for (String name : rules.gtiNames()) {
            patterns.add(Pattern.compile("^" + name + "$"));
        }
        Column detector = rules.detectorColumn() == null ? null : Hdu.find(columns, rules.detectorColumn());
        if (detector != null && detector.isNumericScalar() && anyDetectorSuffixed(hdus, rules)) {
            for (long d : detectorNumbers(detector)) {
                for (String name : rules.gtiNames()) {
                    String suffix = String.format(Locale.ROOT, "%02d", d);
                    patterns.add(Pattern.compile("^" + name + suffix + "$"));
                    patterns.add(Pattern.compile("^" + name + suffix + ".*$"));
                }
            }
        }
        List<Hdu> matched = new ArrayList<>();
        for (Hdu h : hdus) {
            for (Pattern p : patterns) {
                if (p.matcher(h.name()).matches()) {
                    matched.add(h);
                    break;
                }
            }
        }
        GtiList raw;
        if (matched.isEmpty()) {
            return Optional.empty();
        }
        List<GtiList> lists = new ArrayList<>();
        for (Hdu h : matched) {
            lists.add(readGtiExtension(file, h));
            gtiExtensions.add(h.label());
        }
        raw = Gtis.intersect(lists);
        if (raw.isEmpty()) {
            List<String> labels = new ArrayList<>();
            for (Hdu h : matched) {
                labels.add(h.label());
            }
            throw new BadEventFileException(file, "GTI extensions " + String.join(", ", labels)
                    + " have no good time in common");
        }
        List<Gti> shifted = new ArrayList<>(raw.size());
        for (Gti g : raw.intervals()) {
            shifted.add(Gti.of(Float80.add(g.exactStart(), offset), Float80.add(g.exactStop(), offset)));
        }
        return Optional.of(GtiList.of(shifted));
    }

    private static boolean anyDetectorSuffixed(List<Hdu> hdus, MissionRules rules) {
        for (String name : rules.gtiNames()) {
            Pattern p = Pattern.compile("^" + name + "-?\\d\\d.*$");
            for (Hdu h : hdus) {
                if (p.matcher(h.name()).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The distinct values of the detector column over all rows (one pass over the table). */
    private Set<Long> detectorNumbers(Column detector) throws IOException {
        Set<Long> values = new TreeSet<>();
        long rows = events.rows();
        int block = EventChunk.DEFAULT_CAPACITY;
        try (RowSource src = RowSource.open(file, gzip, events)) {
            for (long first = 0; first < rows; first += block) {
                int count = (int) Math.min(block, rows - first);
                ByteBuffer buf = src.read(first, count);
                for (int r = 0; r < count; r++) {
                    values.add(detector.getLong(buf, r * events.rowBytes()));
                }
            }
        }
        return values;
    }

    static GtiList readGtiExtension(Path file, Hdu h) {
        if (!h.isBinaryTable()) {
            throw new BadEventFileException(file, "GTI extension " + h.label() + " is not a binary table");
        }
        List<Column> cols = columnsOf(file, h);
        Column start = Hdu.find(cols, "START");
        Column stop = Hdu.find(cols, "STOP");
        if (start == null || stop == null) {
            throw new BadEventFileException(file, "GTI extension " + h.label() + " has no START and STOP columns"
                    + " (columns: " + names(cols) + ")");
        }
        requireScalar(file, start, "GTI START");
        requireScalar(file, stop, "GTI STOP");
        long rows = h.rows();
        if (rows == 0) {
            throw new BadEventFileException(file, "GTI extension " + h.label() + " is empty (no intervals)");
        }
        byte[] data = h.smallData();
        if (data == null || data.length < rows * h.rowBytes()) {
            throw new BadEventFileException(file, "GTI extension " + h.label() + " is truncated");
        }
        ByteBuffer buf = ByteBuffer.wrap(data);
        // START_LO/STOP_LO: exact remainders of longdouble bounds (written by EventFileWriter for staged copies)
        Column startLo = Hdu.find(cols, "START_LO");
        Column stopLo = Hdu.find(cols, "STOP_LO");
        boolean exact = startLo != null && stopLo != null && startLo.isNumericScalar() && stopLo.isNumericScalar();
        List<Gti> intervals = new ArrayList<>((int) rows);
        try {
            for (int i = 0; i < rows; i++) {
                int at = i * h.rowBytes();
                intervals.add(exact
                        ? Gti.of(Float80.add(Float80.of(start.getDouble(buf, at)), Float80.of(startLo.getDouble(buf, at))),
                                Float80.add(Float80.of(stop.getDouble(buf, at)), Float80.of(stopLo.getDouble(buf, at))))
                        : new Gti(start.getDouble(buf, at), stop.getDouble(buf, at)));
            }
            return GtiList.of(intervals);
        } catch (MantaException e) {
            throw new BadEventFileException(file, "GTI extension " + h.label() + " is invalid: " + e.getMessage(), e);
        }
    }

    /** Stingray's default GTI: first and last (shifted) event time, widened by TIMEDEL/2. */
    private GtiList defaultGti(double timedel) throws IOException {
        long rows = events.rows();
        if (rows == 0) {
            throw new BadEventFileException(file, "no GTI extension and no events to infer the good time from");
        }
        double first;
        double last;
        try (RowSource src = RowSource.open(file, gzip, events)) {
            first = timeColumn.getDouble(src.read(0, 1), 0);
            last = timeColumn.getDouble(src.read(rows - 1, 1), 0);
        }
        Float80.Value half = Float80.of(timedel / 2);
        Float80.Value a = Float80.subtract(Float80.add(Float80.of(first), offset), half);
        Float80.Value b = Float80.add(Float80.add(Float80.of(last), offset), half);
        if (Float80.compare(b, a) < 0) {
            throw new BadEventFileException(file, "no GTI extension, and the last TIME (" + last
                    + ") is before the first (" + first + ")");
        }
        return GtiList.of(Gti.of(a, b));
    }
}
