package org.manta.cli.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.NullDataHDU;
import nom.tam.util.FitsOutputStream;
import org.manta.core.events.EventList;
import org.manta.core.events.ObservationInfo;

/**
 * Writes an {@link EventList} as an OGIP-style event file: an {@code EVENTS} BINTABLE with {@code TIME}
 * (1D, s), and where present {@code PI} (1J) and {@code ENERGY} (1D, keV), plus a {@code GTI} BINTABLE
 * ({@code START}, {@code STOP}). Header keywords: TELESCOP, INSTRUME, TIMESYS, TIMEREF, TIMEUNIT,
 * MJDREFI/MJDREFF, TIMEZERO, TSTART, TSTOP. Times are written as they are in the list (already offset, so
 * TIMEZERO = 0). Used by {@code manta demo} for {@code events.evt}; written all-or-nothing.
 */
public final class EventFileWriter {
    private EventFileWriter() {
    }

    public static void write(EventList events, Path file, Provenance provenance) throws IOException {
        AtomicFiles.write(file, out -> {
            try {
                Fits fits = build(events, provenance);
                FitsOutputStream fout = new FitsOutputStream(out);
                fits.write(fout);
                fout.flush();
            } catch (FitsException e) {
                throw new IOException("cannot write event file " + file + ": " + e.getMessage(), e);
            }
        });
    }

    static Fits build(EventList events, Provenance provenance) throws FitsException {
        Fits fits = new Fits();
        NullDataHDU primary = new NullDataHDU();
        ObservationInfo info = events.info();
        Header ph = primary.getHeader();
        ph.addValue("ORIGIN", "MANTA", "spectral-timing engine");
        ph.addValue("CREATOR", provenance.software() + " " + provenance.version(), "software and version");
        ph.addValue("TELESCOP", info.telescope(), "");
        ph.addValue("INSTRUME", info.instrument(), "");
        ph.addValue("LONGSTRN", "OGIP 1.0", "long strings use the CONTINUE convention");
        ph.addValue("CMDLINE", FitsProductWriter.ascii(provenance.commandLine()), "command that made this file");
        fits.addHDU(primary);

        int n = events.size();
        List<Object> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> units = new ArrayList<>();
        cols.add(events.time());
        names.add("TIME");
        units.add("s");
        if (events.pi().length == n && n > 0) {
            cols.add(events.pi());
            names.add("PI");
            units.add("chan");
        }
        if (events.energy().length == n && n > 0) {
            cols.add(events.energy());
            names.add("ENERGY");
            units.add("keV");
        }
        BinaryTableHDU ev = BinaryTable.fromColumnMajor(cols.toArray()).toHDU();
        Header h = ev.getHeader();
        for (int i = 0; i < names.size(); i++) {
            ev.setColumnName(i, names.get(i), null);
            h.addValue("TUNIT" + (i + 1), units.get(i), "physical unit of field");
        }
        h.addValue("EXTNAME", "EVENTS", "");
        h.addValue("HDUCLASS", "OGIP", "");
        h.addValue("HDUCLAS1", "EVENTS", "");
        addTimeKeywords(h, info, events);
        fits.addHDU(ev);

        double[][] gti = events.gti().toArray();
        double[] start = new double[gti.length];
        double[] stop = new double[gti.length];
        for (int i = 0; i < gti.length; i++) {
            start[i] = gti[i][0];
            stop[i] = gti[i][1];
        }
        BinaryTableHDU g = BinaryTable.fromColumnMajor(new Object[] {start, stop}).toHDU();
        g.setColumnName(0, "START", null);
        g.setColumnName(1, "STOP", null);
        Header gh = g.getHeader();
        gh.addValue("TUNIT1", "s", "physical unit of field");
        gh.addValue("TUNIT2", "s", "physical unit of field");
        gh.addValue("EXTNAME", "GTI", "good time intervals");
        gh.addValue("HDUCLASS", "OGIP", "");
        gh.addValue("HDUCLAS1", "GTI", "");
        addTimeKeywords(gh, info, events);
        fits.addHDU(g);
        return fits;
    }

    private static void addTimeKeywords(Header h, ObservationInfo info, EventList events) throws FitsException {
        h.addValue("TELESCOP", info.telescope(), "");
        h.addValue("INSTRUME", info.instrument(), "");
        h.addValue("TIMESYS", info.timesys(), "time system");
        h.addValue("TIMEREF", "LOCAL", "");
        h.addValue("TIMEUNIT", "s", "");
        h.addValue("MJDREFI", info.mjdref().days(), "MJD reference, integer part");
        h.addValue("MJDREFF", info.mjdref().fraction(), "MJD reference, fractional part");
        h.addValue("TIMEZERO", 0.0, "times are already offset");
        double tstart = Double.isFinite(info.tstart()) ? info.tstart() : events.gti().start();
        double tstop = Double.isFinite(info.tstop()) ? info.tstop() : events.gti().stop();
        h.addValue("TSTART", tstart, "s");
        h.addValue("TSTOP", tstop, "s");
    }
}
