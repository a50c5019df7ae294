package org.manta.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.manta.core.events.Mjdref;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;

/**
 * Event files for the plan and mesh tests, written by {@link EventFileWriter} as ingest writes staged
 * files: fixed GTIs and events, or random ones with the awkward cases of real data (touching GTIs,
 * gaps shorter than a bin, GTIs a hair shorter than whole segments, events on a TIMEDEL grid, events
 * exactly on GTI and segment boundaries, stretches without events). Public for the test-jar (mesh-common).
 */
public final class SyntheticEventFiles {
    /** Stingray's GTI length tolerance (science.md §2.4): a GTI this much short of k segments still holds k. */
    private static final double GTI_EPSILON = 1e-5;
    /** Most events in one random file: the property tests stay fast on two cores. */
    private static final int MAX_EVENTS = 30_000;

    private SyntheticEventFiles() {
    }

    /** The columns of a file, and what {@link EventFileReader} derives from them. */
    public enum Columns {
        /** TIME, PI, ENERGY (keV, single precision): energies; PI is not reported (the reader takes ENERGY first). */
        ENERGY("SIMULATED", true),
        /** TIME, PI of NuSTAR: PI, and energies {@code 0.04·PI + 1.62} keV from the mission's calibration. */
        NUSTAR_PI("NUSTAR", false),
        /** TIME, PI of a mission without a PI calibration: PI only. */
        PI("SIMULATED", false);

        private final String telescope;
        private final boolean energyColumn;

        Columns(String telescope, boolean energyColumn) {
            this.telescope = telescope;
            this.energyColumn = energyColumn;
        }

        /** Whether the reader gives energies (a band on energy can select). */
        public boolean hasEnergy() {
            return this != PI;
        }

        /** Whether the reader gives PI (a band on PI can select). */
        public boolean hasPi() {
            return this != ENERGY;
        }
    }

    /**
     * Writes an event file.
     *
     * @param timedel TIMEDEL written to the header, s (none when 0)
     * @param time    event times, non-decreasing
     * @param pi      PI channels, parallel to {@code time}
     * @param energy  energies, keV (used only for {@link Columns#ENERGY}; may be null otherwise)
     */
    public static Path write(Path file, Columns columns, double timedel, GtiList gti, double[] time, int[] pi,
                             double[] energy) {
        EventFileWriter.Options options = EventFileWriter.Options.of(columns.telescope, "FPMA",
                new Mjdref(55197, 7.6601852e-4), "TT", timedel, columns.energyColumn);
        try (EventFileWriter w = EventFileWriter.create(file, options)) {
            w.write(time, pi, columns.energyColumn ? energy : null, 0, time.length);
            w.finish(gti);
        }
        return file;
    }

    /**
     * Rewrites an event file written here (TIMEZERO = 0) with {@code TIMEZERO = timezero}: the raw TIME and
     * GTI columns become the old values minus {@code timezero} (in double), so a reader adds it back in extended
     * precision, and the GTIs become {@code longdouble} values that are not doubles (Stingray's case).
     */
    public static Path withTimezero(Path file, double timezero) {
        Path shifted = file.resolveSibling(file.getFileName() + ".timezero");
        try (EventFileReader r = EventFileReader.open(file)) {
            boolean energyColumn = r.columns().contains("ENERGY");
            double[] time = new double[(int) r.rowCount()];
            int[] pi = new int[time.length];
            double[] energy = new double[time.length];
            EventChunk chunk = r.newChunk();
            int n = 0;
            while (r.next(chunk, null)) {
                for (int i = 0; i < chunk.size; i++, n++) {
                    time[n] = chunk.time[i] - timezero;
                    pi[n] = chunk.pi[i];
                    energy[n] = chunk.energy[i];
                }
            }
            List<Gti> gti = new ArrayList<>();
            for (Gti g : r.gti().intervals()) {
                gti.add(new Gti(g.start() - timezero, g.stop() - timezero));
            }
            EventFileWriter.Options options = EventFileWriter.Options.of(r.info().telescope(), r.info().instrument(),
                    r.info().mjdref(), r.info().timesys(), r.info().timedel(), energyColumn).withTimezero(timezero);
            try (EventFileWriter w = EventFileWriter.create(shifted, options)) {
                w.write(time, pi, energyColumn ? energy : null, 0, n);
                w.finish(GtiList.of(gti));
            }
        }
        try {
            Files.move(shifted, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes events with only times (PI 0, no TIMEDEL) of a mission without calibration. */
    public static Path write(Path file, GtiList gti, double... time) {
        return write(file, Columns.PI, 0, gti, time, new int[time.length], null);
    }

    /**
     * Random GTIs from {@code t0}, one to four intervals: some whole numbers of segments, some a hair
     * (below Stingray's 1e-5 s) short of them, so that the last segment ends after the GTI, some of
     * any length, also shorter than a segment; after each a gap of zero (touching intervals), a few
     * microseconds, or up to two segments. The first interval holds a segment.
     *
     * @param segment the planned segment length T, s
     */
    public static GtiList randomGtis(Random rnd, double t0, double segment) {
        List<Gti> out = new ArrayList<>();
        int n = 1 + rnd.nextInt(4);
        double a = t0;
        for (int i = 0; i < n; i++) {
            int kind = i == 0 ? rnd.nextInt(3) : rnd.nextInt(4);
            int whole = 1 + rnd.nextInt(5);
            double length = switch (kind) {
                case 0 -> whole * segment;
                case 1 -> whole * segment - GTI_EPSILON * rnd.nextDouble();
                case 2 -> segment * (1 + 4.5 * rnd.nextDouble());
                default -> segment * (0.2 + 0.7 * rnd.nextDouble());
            };
            double b = a + length;
            out.add(new Gti(a, b));
            a = switch (rnd.nextInt(3)) {
                case 0 -> b;
                case 1 -> b + 1e-6 * (1 + rnd.nextInt(20));
                default -> b + 2 * segment * rnd.nextDouble();
            };
        }
        return GtiList.of(out);
    }

    /**
     * The GTIs of a second event list of the same observation: each interval kept, its ends moved by up
     * to 0.3 segments, or split into two touching intervals; overlaps clipped.
     */
    public static GtiList perturbed(Random rnd, GtiList gti, double segment) {
        List<Gti> out = new ArrayList<>();
        double last = Double.NEGATIVE_INFINITY;
        for (Gti g : gti.intervals()) {
            double a = g.start();
            double b = g.stop();
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    a += 0.3 * segment * (2 * rnd.nextDouble() - 1);
                    b += 0.3 * segment * (2 * rnd.nextDouble() - 1);
                }
                case 1 -> {
                    double m = a + (b - a) * rnd.nextDouble();
                    if (m > a && m < b && m >= last) {
                        out.add(new Gti(Math.max(a, last), m));
                        a = m;
                    }
                }
                default -> { }
            }
            a = Math.max(a, last);
            if (b > a) {
                out.add(new Gti(a, b));
                last = b;
            }
        }
        return GtiList.of(out);
    }

    /**
     * Writes random events: a Poisson process of 5 to 400 ct/s (at most {@value #MAX_EVENTS} events)
     * over the GTIs and half a segment either side (so also in gaps), sometimes with a stretch
     * without events; on the TIMEDEL grid from the first GTI start when {@code onGrid}; plus events
     * exactly on every GTI bound and on every would-be segment boundary {@code a + k·T} of each GTI
     * (and one ulp either side of it). PI and energies as the columns have them, some energies on
     * round values (0.1 keV).
     *
     * @param timedel TIMEDEL written to the header, s (0: none)
     * @param onGrid  put the times on the TIMEDEL grid
     * @param segment the planned segment length T, s (for the boundary events)
     * @param planned further GTIs whose boundaries get events (e.g. the intersection a cross spectrum is cut from)
     */
    public static Path random(Random rnd, Path file, Columns columns, double timedel, boolean onGrid, GtiList gti,
                              double segment, GtiList... planned) {
        double lo = gti.start() - segment / 2;
        double hi = gti.stop() + segment / 2;
        double rate = Math.min(5 + 395 * rnd.nextDouble(), MAX_EVENTS / (hi - lo));
        int n = (int) Math.round(rate * (hi - lo));
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = lo + (hi - lo) * rnd.nextDouble();
            if (onGrid) {
                t[i] = gti.start() + Math.rint((t[i] - gti.start()) / timedel) * timedel;
            }
        }
        if (rnd.nextInt(4) == 0) {
            double deadFrom = lo + (hi - lo) * rnd.nextDouble();
            double deadTo = deadFrom + segment * 2 * rnd.nextDouble();
            t = Arrays.stream(t).filter(v -> v < deadFrom || v >= deadTo).toArray();
        }
        List<Double> edges = new ArrayList<>();
        boundaryTimes(gti, segment, edges);
        for (GtiList p : planned) {
            boundaryTimes(p, segment, edges);
        }
        double[] time = Arrays.copyOf(t, t.length + edges.size());
        for (int i = 0; i < edges.size(); i++) {
            time[t.length + i] = edges.get(i);
        }
        Arrays.sort(time);
        int[] pi = new int[time.length];
        double[] energy = new double[time.length];
        for (int i = 0; i < time.length; i++) {
            switch (columns) {
                case ENERGY -> {
                    double e = 0.3 + 14.7 * rnd.nextDouble();
                    energy[i] = rnd.nextInt(10) == 0 ? Math.rint(e * 10) / 10 : e;
                    pi[i] = rnd.nextInt(1024);
                }
                case NUSTAR_PI -> pi[i] = rnd.nextInt(400);
                case PI -> pi[i] = rnd.nextInt(1024);
            }
        }
        return write(file, columns, timedel, gti, time, pi, energy);
    }

    /**
     * Adds, for each GTI {@code [a, b]}: {@code b}, and for each would-be segment {@code k} its start
     * {@code fma(k, T, a)} (as the plan computes starts), one ulp either side of it, and {@code start + T} (as the
     * plan computes ends, which may be one ulp off the next start).
     */
    private static void boundaryTimes(GtiList gti, double segment, List<Double> out) {
        for (Gti g : gti.intervals()) {
            out.add(g.stop());
            for (long k = 0; Math.fma(k, segment, g.start()) <= g.stop() + GTI_EPSILON; k++) {
                double s = Math.fma(k, segment, g.start());
                out.add(s);
                out.add(Math.nextDown(s));
                out.add(Math.nextUp(s));
                out.add(Math.fma(k, segment, g.start()) + segment);
            }
        }
    }
}
