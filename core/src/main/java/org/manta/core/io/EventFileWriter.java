package org.manta.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.manta.core.InvalidParameterException;
import org.manta.core.MantaException;
import org.manta.core.events.EventList;
import org.manta.core.events.Mjdref;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;

/**
 * Streams an OGIP-like event file to disk without holding the events in memory: a primary HDU, an
 * {@code EVENTS} binary table ({@code TIME 1D} s, {@code PI 1J}, optionally {@code ENERGY 1D} keV)
 * and a {@code GTI} table ({@code START, STOP 1D}). Header keywords: TELESCOP, INSTRUME, MJDREFI,
 * MJDREFF, TIMESYS, TIMEZERO (0 unless given), TSTART, TSTOP and TIMEDEL when given. Values are written with
 * Java's shortest round-trip formatting, so times read back bit-identical; ENERGY is a double column,
 * so energies do too (an upload staged by ingest must select the same events in a band as the file it
 * came from: a single-precision column moved calibrated energies off band edges).
 *
 * <p>Rows go through a 1 MiB buffer to a file channel; the EVENTS header is written first with
 * placeholders (same card count) and rewritten in place by {@link #finish(GtiList)} with the final
 * NAXIS2, TSTART and TSTOP. Everything is written to a temporary file in the target's directory and
 * moved atomically onto the target by {@link #finish(GtiList)}. {@link #close()} without a successful
 * {@code finish} deletes the temporary file, so a failure never leaves a half-written target:
 * <pre>{@code
 * try (EventFileWriter w = EventFileWriter.create(path, options)) {
 *     while (...) w.write(times, pis, energies, 0, n);
 *     w.finish(gti);
 * }
 * }</pre>
 * Readable by {@link EventFileReader} and by astropy. Not thread-safe.
 */
public final class EventFileWriter implements AutoCloseable {
    private static final int BLOCK = FitsScan.BLOCK;
    private static final int BUFFER_BYTES = 1 << 20;

    /**
     * What goes into the headers.
     *
     * @param telescope  TELESCOP (also selects the reader's mission rules, e.g. "NUSTAR")
     * @param instrument INSTRUME
     * @param mjdref     MJDREFI + MJDREFF
     * @param timesys    TIMESYS, e.g. "TT"
     * @param timedel    TIMEDEL, s; written only when positive
     * @param withEnergy whether rows carry an ENERGY column
     * @param tstart     TSTART, s; NaN: the start of the GTIs
     * @param tstop      TSTOP, s; NaN: the stop of the GTIs
     * @param timezero   TIMEZERO, s: times and GTIs are written as given, and a reader adds it to them
     * @param object     OBJECT, the source's name; written only when not empty
     */
    public record Options(String telescope, String instrument, Mjdref mjdref, String timesys, double timedel,
            boolean withEnergy, double tstart, double tstop, double timezero, String object) {
        public Options {
            if (telescope == null || instrument == null || mjdref == null || timesys == null || object == null) {
                throw new InvalidParameterException("options", null, "telescope, instrument, mjdref and timesys");
            }
            if (!Double.isFinite(timezero)) {
                throw new InvalidParameterException("timezero", timezero, "a finite number of seconds");
            }
        }

        /** Options with no OBJECT. */
        public Options(String telescope, String instrument, Mjdref mjdref, String timesys, double timedel,
                boolean withEnergy, double tstart, double tstop, double timezero) {
            this(telescope, instrument, mjdref, timesys, timedel, withEnergy, tstart, tstop, timezero, "");
        }

        /** Options with TIMEZERO = 0 and no OBJECT. */
        public Options(String telescope, String instrument, Mjdref mjdref, String timesys, double timedel,
                boolean withEnergy, double tstart, double tstop) {
            this(telescope, instrument, mjdref, timesys, timedel, withEnergy, tstart, tstop, 0.0);
        }

        /** The same options with another TIMEZERO. */
        public Options withTimezero(double seconds) {
            return new Options(telescope, instrument, mjdref, timesys, timedel, withEnergy, tstart, tstop, seconds,
                    object);
        }

        /** The same options with OBJECT = {@code name} (empty: none). */
        public Options withObject(String name) {
            return new Options(telescope, instrument, mjdref, timesys, timedel, withEnergy, tstart, tstop, timezero,
                    name);
        }

        /** Options with TSTART/TSTOP taken from the GTIs. */
        public static Options of(String telescope, String instrument, Mjdref mjdref, String timesys, double timedel,
                boolean withEnergy) {
            return new Options(telescope, instrument, mjdref, timesys, timedel, withEnergy, Double.NaN, Double.NaN);
        }
    }

    private final Path target;
    private final Path temp;
    private final Options options;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final int rowBytes;
    private final long eventsHeaderOffset;
    private final int eventsHeaderBytes;
    private long rows;
    private double lastTime = Double.NEGATIVE_INFINITY;
    private boolean failed;
    private boolean finished;

    private EventFileWriter(Path target, Options options) throws IOException {
        this.target = target.toAbsolutePath();
        this.options = options;
        // createFile (not createTempFile) so the final file gets the usual umask permissions, not 0600
        this.temp = Files.createFile(PartFiles.beside(this.target));
        FileChannel ch = null;
        try {
            ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            this.channel = ch;
            this.rowBytes = options.withEnergy() ? 20 : 12;
            this.buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.BIG_ENDIAN);
            byte[] primary = FitsCards.headerBytes(primaryCards());
            writeFully(ByteBuffer.wrap(primary));
            this.eventsHeaderOffset = primary.length;
            byte[] events = FitsCards.headerBytes(eventsCards(0, 0.0, 0.0));
            this.eventsHeaderBytes = events.length;
            writeFully(ByteBuffer.wrap(events));
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Starts writing {@code target} (through a temporary file next to it).
     *
     * @throws MantaException when the directory is not writable
     */
    public static EventFileWriter create(Path target, Options options) {
        try {
            return new EventFileWriter(target, options);
        } catch (IOException e) {
            throw new MantaException(target + ": cannot create an event file: " + e, e);
        }
    }

    /**
     * Writes a whole in-memory event list (TIME, PI and, when it has energies, ENERGY; its GTIs and
     * header metadata) in one go, all or nothing.
     */
    public static void write(EventList events, Path target) {
        write(events, "", target);
    }

    /** As {@link #write(EventList, Path)}, with OBJECT = {@code object} (empty: none). */
    public static void write(EventList events, String object, Path target) {
        ObservationInfo info = events.info();
        Options options = new Options(info.telescope(), info.instrument(), info.mjdref(), info.timesys(), info.timedel(),
                events.hasEnergy(), info.tstart(), info.tstop()).withObject(object);
        int[] pi = events.hasPi() ? events.pi() : new int[events.size()];
        try (EventFileWriter writer = create(target, options)) {
            writer.write(events.time(), pi, events.hasEnergy() ? events.energy() : null, 0, events.size());
            writer.finish(events.gti());
        }
    }

    /**
     * Appends events {@code from .. to-1} of parallel arrays.
     *
     * @param time   times, s, non-decreasing (also across calls)
     * @param pi     PI channels
     * @param energy energies, keV (ignored, may be null, when the options say no ENERGY column)
     */
    public void write(double[] time, int[] pi, double[] energy, int from, int to) {
        checkOpen();
        if (options.withEnergy() && energy == null) {
            throw new InvalidParameterException("energy", null, "an energy array: the file has an ENERGY column");
        }
        try {
            for (int i = from; i < to; i++) {
                double t = time[i];
                if (!(t >= lastTime)) {
                    failed = true;
                    throw new InvalidParameterException("time[" + i + "]", t,
                            "non-decreasing times (the previous event is at " + lastTime + ")");
                }
                lastTime = t;
                if (buffer.remaining() < rowBytes) {
                    flush();
                }
                buffer.putDouble(t).putInt(pi[i]);
                if (options.withEnergy()) {
                    buffer.putDouble(energy[i]);
                }
                rows++;
            }
        } catch (IOException e) {
            failed = true;
            throw new MantaException(target + ": cannot write events: " + e, e);
        }
    }

    /** Appends the valid events of a chunk. */
    public void write(EventChunk chunk) {
        write(chunk.time, chunk.pi, chunk.energy, 0, chunk.size);
    }

    /** Events written so far. */
    public long count() {
        return rows;
    }

    /**
     * Completes the file: pads the event rows, appends the GTI extension, rewrites the EVENTS header
     * with the final NAXIS2/TSTART/TSTOP, forces the data to disk and atomically moves the temporary
     * file onto the target.
     *
     * <p>GTIs with extended-precision bounds ({@link Gti#isExtended}, e.g. read from a file with TIMEZERO)
     * get two more columns, START_LO and STOP_LO, with the exact remainders; {@link EventFileReader} adds them
     * back (Stingray and astropy ignore them and read the doubles).
     *
     * @param gti the good time intervals (not empty)
     */
    public void finish(GtiList gti) {
        checkOpen();
        if (gti == null || gti.isEmpty()) {
            throw new InvalidParameterException("gti", gti, "at least one good time interval");
        }
        double tstart = Double.isNaN(options.tstart()) ? gti.start() : options.tstart();
        double tstop = Double.isNaN(options.tstop()) ? gti.stop() : options.tstop();
        try {
            flush();
            pad(rows * rowBytes);
            boolean extended = gti.intervals().stream().anyMatch(Gti::isExtended);
            int gtiRowBytes = extended ? 32 : 16;
            byte[] gtiHeader = FitsCards.headerBytes(gtiCards(gti.size(), tstart, tstop, extended));
            writeFully(ByteBuffer.wrap(gtiHeader));
            for (Gti g : gti.intervals()) {
                if (buffer.remaining() < gtiRowBytes) {
                    flush();
                }
                buffer.putDouble(g.start()).putDouble(g.stop());
                if (extended) {
                    buffer.putDouble(g.startLo()).putDouble(g.stopLo());
                }
            }
            flush();
            pad((long) gtiRowBytes * gti.size());
            byte[] events = FitsCards.headerBytes(eventsCards(rows, tstart, tstop));
            if (events.length != eventsHeaderBytes) {
                throw new IllegalStateException("EVENTS header changed size: " + events.length + " != " + eventsHeaderBytes);
            }
            ByteBuffer patch = ByteBuffer.wrap(events);
            long p = eventsHeaderOffset;
            while (patch.hasRemaining()) {
                p += channel.write(patch, p);
            }
            channel.force(true);
            channel.close();
            PartFiles.moveOnto(temp, target);
            finished = true;
        } catch (IOException e) {
            failed = true;
            throw new MantaException(target + ": cannot complete the event file: " + e, e);
        }
    }

    /** Releases the file; without a successful {@link #finish} the temporary file is deleted. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        failed = true;
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new MantaException(temp + ": cannot remove the temporary file: " + e, e);
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException(target + ": the event file is already finished");
        }
        if (failed) {
            throw new IllegalStateException(target + ": an earlier write failed; the file will not be created");
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private void pad(long bytes) throws IOException {
        int rest = (int) ((BLOCK - bytes % BLOCK) % BLOCK);
        if (rest > 0) {
            writeFully(ByteBuffer.allocate(rest));
        }
    }

    // ------------------------------------------------------------ headers

    private List<String> primaryCards() {
        List<String> c = new ArrayList<>();
        c.add(FitsCards.logical("SIMPLE", true, "conforms to FITS standard"));
        c.add(FitsCards.integer("BITPIX", 8, "array data type"));
        c.add(FitsCards.integer("NAXIS", 0, "no primary array"));
        c.add(FitsCards.logical("EXTEND", true, "extensions follow"));
        c.add(FitsCards.string("TELESCOP", options.telescope(), "mission name"));
        c.addAll(instrumentCards());
        if (!options.object().isEmpty()) {
            c.add(FitsCards.string("OBJECT", options.object(), "source name"));
        }
        c.add(FitsCards.string("CREATOR", "Manta", "program that wrote the file"));
        return c;
    }

    /**
     * INSTRUME, and the mission's own instrument keyword where its reader looks for another one (DETNAM for IXPE), so
     * that a reader of this file finds the instrument as it found the original's.
     */
    private List<String> instrumentCards() {
        List<String> c = new ArrayList<>();
        c.add(FitsCards.string("INSTRUME", options.instrument(), "instrument name"));
        String key = MissionRules.of(options.telescope()).instrumentKey();
        if (!key.equals("INSTRUME")) {
            c.add(FitsCards.string(key, options.instrument(), "instrument name, as the mission's reader reads it"));
        }
        return c;
    }

    private List<String> eventsCards(long naxis2, double tstart, double tstop) {
        List<String> c = new ArrayList<>();
        c.add(FitsCards.string("XTENSION", "BINTABLE", "binary table extension"));
        c.add(FitsCards.integer("BITPIX", 8, "8-bit bytes"));
        c.add(FitsCards.integer("NAXIS", 2, "2-dimensional table"));
        c.add(FitsCards.integer("NAXIS1", rowBytes, "bytes per row"));
        c.add(FitsCards.integer("NAXIS2", naxis2, "number of events"));
        c.add(FitsCards.integer("PCOUNT", 0, "no heap"));
        c.add(FitsCards.integer("GCOUNT", 1, "one group"));
        c.add(FitsCards.integer("TFIELDS", options.withEnergy() ? 3 : 2, "columns per row"));
        c.add(FitsCards.string("TTYPE1", "TIME", "arrival time"));
        c.add(FitsCards.string("TFORM1", "1D", "double"));
        c.add(FitsCards.string("TUNIT1", "s", null));
        // the mission's channel column (PHA for RXTE), so that a reader of this file finds its PI as it found the
        // original's (no TEVTB2 is written: the channels are already the absolute ones the reader made)
        c.add(FitsCards.string("TTYPE2", MissionRules.of(options.telescope()).piColumn(), "PI channel"));
        c.add(FitsCards.string("TFORM2", "1J", "32-bit integer"));
        if (options.withEnergy()) {
            c.add(FitsCards.string("TTYPE3", "ENERGY", "event energy"));
            c.add(FitsCards.string("TFORM3", "1D", "double"));
            c.add(FitsCards.string("TUNIT3", "keV", null));
        }
        c.add(FitsCards.string("EXTNAME", "EVENTS", null));
        c.add(FitsCards.string("HDUCLASS", "OGIP", null));
        c.add(FitsCards.string("HDUCLAS1", "EVENTS", null));
        c.addAll(timeCards(tstart, tstop));
        return c;
    }

    /** The GTI header; with {@code extended}, also START_LO and STOP_LO (see {@link #finish}). */
    private List<String> gtiCards(int n, double tstart, double tstop, boolean extended) {
        List<String> c = new ArrayList<>();
        c.add(FitsCards.string("XTENSION", "BINTABLE", "binary table extension"));
        c.add(FitsCards.integer("BITPIX", 8, "8-bit bytes"));
        c.add(FitsCards.integer("NAXIS", 2, "2-dimensional table"));
        c.add(FitsCards.integer("NAXIS1", extended ? 32 : 16, "bytes per row"));
        c.add(FitsCards.integer("NAXIS2", n, "number of intervals"));
        c.add(FitsCards.integer("PCOUNT", 0, "no heap"));
        c.add(FitsCards.integer("GCOUNT", 1, "one group"));
        c.add(FitsCards.integer("TFIELDS", extended ? 4 : 2, "columns per row"));
        c.add(FitsCards.string("TTYPE1", "START", "start of a good time interval"));
        c.add(FitsCards.string("TFORM1", "1D", "double"));
        c.add(FitsCards.string("TUNIT1", "s", null));
        c.add(FitsCards.string("TTYPE2", "STOP", "end of a good time interval"));
        c.add(FitsCards.string("TFORM2", "1D", "double"));
        c.add(FitsCards.string("TUNIT2", "s", null));
        if (extended) {
            c.add(FitsCards.string("TTYPE3", "START_LO", "START + START_LO is the exact (longdouble) start"));
            c.add(FitsCards.string("TFORM3", "1D", "double"));
            c.add(FitsCards.string("TUNIT3", "s", null));
            c.add(FitsCards.string("TTYPE4", "STOP_LO", "STOP + STOP_LO is the exact (longdouble) stop"));
            c.add(FitsCards.string("TFORM4", "1D", "double"));
            c.add(FitsCards.string("TUNIT4", "s", null));
        }
        c.add(FitsCards.string("EXTNAME", "GTI", null));
        c.add(FitsCards.string("HDUCLASS", "OGIP", null));
        c.add(FitsCards.string("HDUCLAS1", "GTI", null));
        c.addAll(timeCards(tstart, tstop));
        return c;
    }

    private List<String> timeCards(double tstart, double tstop) {
        List<String> c = new ArrayList<>();
        c.add(FitsCards.string("TELESCOP", options.telescope(), "mission name"));
        c.addAll(instrumentCards());
        if (!options.object().isEmpty()) {
            c.add(FitsCards.string("OBJECT", options.object(), "source name"));
        }
        c.add(FitsCards.integer("MJDREFI", options.mjdref().days(), "MJD reference, integer part (d)"));
        c.add(FitsCards.real("MJDREFF", options.mjdref().fraction(), "MJD reference, fractional part (d)"));
        c.add(FitsCards.string("TIMESYS", options.timesys(), "time system"));
        c.add(FitsCards.string("TIMEUNIT", "s", null));
        c.add(FitsCards.real("TIMEZERO", options.timezero(), "time offset (s)"));
        c.add(FitsCards.real("TSTART", tstart, "start time (s)"));
        c.add(FitsCards.real("TSTOP", tstop, "stop time (s)"));
        if (options.timedel() > 0) {
            c.add(FitsCards.real("TIMEDEL", options.timedel(), "time resolution (s)"));
        }
        return c;
    }
}
