package org.manta.core.io;

import java.nio.file.Path;
import org.manta.core.events.Mjdref;
import org.manta.core.gti.GtiList;

/**
 * The event files of the extended-precision references ({@code reference/precision_*.json}): events on a
 * fixed tick grid, so that many of them fall exactly on bin edges and segment starts, where Stingray's
 * {@code longdouble} GTIs, segment starts and segment length decide the bin. Written with
 * {@link EventFileWriter}; {@code main(dir)} writes them for the generating script
 * ({@code reference/precision_stingray.py}), and the tests write them again and check their sha256.
 */
public final class PrecisionFiles {
    /** Name of the TIMEZERO = 0.1 s file. */
    public static final String TIMEZERO = "precision_timezero.evt";
    /** Name of the TIMEDEL = 1e-4 s file. */
    public static final String TIMEDEL = "precision_timedel.evt";

    private PrecisionFiles() {
    }

    /**
     * NICER-like, TIMEZERO = 0.1 s, no TIMEDEL: events every 0.7 ms on a 0.1 ms grid of [500, 600) s
     * after the shift (raw {@code TIME = t - 0.1}), GTI [500, 600] after the shift.
     */
    public static Path timezero(Path dir) {
        int n = 142_858;
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            raw[i] = (5_000_000 + 7.0 * i) / 1e4 - 0.1;
        }
        EventFileWriter.Options options = EventFileWriter.Options.of("NICER", "XTI", Mjdref.of(56658.0), "TT", 0.0, false)
                .withTimezero(0.1);
        return write(dir.resolve(TIMEZERO), options, GtiList.of(new double[] {500 - 0.1}, new double[] {600 - 0.1}), raw);
    }

    /** NICER-like, TIMEZERO = 0, TIMEDEL = 1e-4 s: events every 0.5 ms on the 0.1 ms grid of [500, 600), GTI [500, 600]. */
    public static Path timedel(Path dir) {
        int n = 200_000;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (5_000_000 + 5.0 * i) / 1e4;
        }
        EventFileWriter.Options options = EventFileWriter.Options.of("NICER", "XTI", Mjdref.of(56658.0), "TT", 1e-4, false);
        return write(dir.resolve(TIMEDEL), options, GtiList.of(new double[] {500}, new double[] {600}), t);
    }

    private static Path write(Path file, EventFileWriter.Options options, GtiList gti, double[] time) {
        try (EventFileWriter w = EventFileWriter.create(file, options)) {
            w.write(time, new int[time.length], null, 0, time.length);
            w.finish(gti);
        }
        return file;
    }

    /** Writes both files into {@code args[0]}. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        System.out.println(timezero(dir));
        System.out.println(timedel(dir));
    }
}
