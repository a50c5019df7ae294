package org.manta.core.lightcurve;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.manta.core.InvalidParameterException;
import org.manta.core.MemoryLimit;
import org.manta.core.NoDataException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.core.plan.TimeFilter;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Spectra;

/**
 * The light curve of a whole event file (Stingray {@code EventList.to_lc(dt)}), the input of the analyses of a
 * whole series (Lomb–Scargle, multitaper, bispectrum): what {@code manta lomb/multitaper/bispectrum} and the mesh's
 * fft worker of such a job both read (docs/mesh.md "Products the mesh runs").
 */
public final class EventLightCurves {
    /** Relative tolerance on the bin spacing of a light curve that must be evenly sampled. */
    public static final double EVEN_SPACING_TOLERANCE = 1e-6;

    /** Fraction of a bin a GTI must share with it to count as overlapping (rounding of the times aside). */
    static final double EDGE_FRACTION = 1e-3;

    private EventLightCurves() {
    }

    /**
     * Reads {@code file} whole and bins its (selected) events over its GTIs, restricted by {@code filter}: the
     * light curve spans the kept GTIs ({@link LightCurve#fromEvents}).
     *
     * @param reader the file, open; not closed here
     * @throws NoDataException if no event is selected, or no good time is left after the filter
     */
    public static LightCurve of(EventFileReader reader, Path file, Optional<EnergyBand> band, double dt,
                                TimeFilter filter) {
        EventList events = reader.readAll(band.orElse(null));
        if (events.size() == 0) {
            throw new NoDataException(file + ": no events" + band.map(b -> " in " + b + b.emptyHint()).orElse(""));
        }
        if (!filter.isNone()) {
            GtiList kept = filter.apply(events.gti());
            if (kept.isEmpty()) {
                throw new NoDataException(file + ": no good time left after the time filter ("
                        + filter.describe() + ") of its GTIs " + events.gti().describe());
            }
            events = new EventList(events.time(), events.energy(), events.pi(), kept, events.info());
        }
        return LightCurve.fromEvents(events, dt);
    }

    /** {@link #of} of {@code file} opened here, without a time filter. */
    public static LightCurve read(Path file, Optional<EnergyBand> band, double dt) {
        try (EventFileReader reader = EventFileReader.open(file)) {
            return of(reader, file, band, dt, TimeFilter.none());
        }
    }

    /**
     * The bins of a bispectrum or bicoherence, the same for {@code manta bispectrum|bicoherence} and the mesh: one
     * GTI gives its {@link #contiguous} bins, several the whole span with the gaps as zeros ({@link #zeroFilledGaps},
     * as Stingray's {@code Bispectrum(lc)}; the command warns about it).
     *
     * @param source what the light curve was read from (for the messages)
     */
    public static LightCurve whole(Object source, LightCurve lc) {
        return lc.gti().size() <= 1 ? contiguous(source, lc) : zeroFilledGaps(source, lc);
    }

    /**
     * The contiguous bins an FFT-based analysis of the whole series needs (multitaper; bispectrum, bicoherence of one
     * GTI):
     * the light curve inside its GTI, which must be a single one (Stingray's multitaper: "Non-averaged Spectra need
     * a single Good Time Interval"), evenly spaced by {@code dt}.
     *
     * @param source what the light curve was read from (for the messages)
     * @throws InvalidParameterException for more than one GTI, or uneven bins
     */
    public static LightCurve contiguous(Object source, LightCurve lc) {
        LightCurve in = singleGti(source, lc, CONTIGUOUS);
        double[] t = in.time();
        for (int i = 1; i < t.length; i++) {
            if (Math.abs(t[i] - t[i - 1] - in.dt()) > EVEN_SPACING_TOLERANCE * in.dt()) {
                throw new InvalidParameterException("time", source + ": time[" + i + "] - time[" + (i - 1) + "] = "
                        + (t[i] - t[i - 1]), "evenly spaced bins of dt = " + in.dt() + " s");
            }
        }
        return in;
    }

    /**
     * The light curve inside its GTI, which must be a single one ({@code why} says what needs it); the times may be
     * uneven (the Lomb–Scargle multitaper).
     *
     * @throws InvalidParameterException for more than one GTI
     */
    public static LightCurve singleGti(Object source, LightCurve lc, String why) {
        requireSingleGti(source, lc.gti(), why);
        return lc.applyGtis();
    }

    /** Why {@link #contiguous} needs a single GTI, in its message. */
    public static final String CONTIGUOUS = "this analysis needs contiguous bins";

    /**
     * Checks that {@code gti} is a single interval, with the message of {@link #singleGti}: also where only the
     * GTIs are known yet (the mesh refuses a multitaper job of several GTIs from the input's header, before it is run).
     *
     * @param why what needs it, e.g. {@link #CONTIGUOUS}
     * @throws InvalidParameterException for more than one GTI
     */
    public static void requireSingleGti(Object source, GtiList gti, String why) {
        if (gti.size() != 1) {
            throw new InvalidParameterException("gti", gti.size() + " intervals in " + source,
                    "a single good time interval (" + why + ")");
        }
    }

    /**
     * The bins of a whole-series analysis of a light curve over several GTIs, taken as they are, gaps included (as
     * Stingray's {@code Bispectrum(lc)} takes {@code lc.counts}): from the first bin that overlaps a GTI to the last,
     * evenly spaced by {@code dt}; bins a light curve leaves out (e.g. its gaps) are added, and a bin that overlaps
     * no GTI has zero counts. A bin overlaps a GTI when they share more than {@value #EDGE_FRACTION} of a bin.
     *
     * @param source what the light curve was read from (for the messages)
     * @throws InvalidParameterException when the times are not on a grid of {@code dt}
     * @throws NoDataException           when no bin overlaps a GTI
     */
    public static LightCurve zeroFilledGaps(Object source, LightCurve lc) {
        double[] t = lc.time();
        double dt = lc.dt();
        long[] index = new long[t.length];
        for (int i = 1; i < t.length; i++) {
            double step = t[i] - t[i - 1];
            long bins = Math.round(step / dt);
            if (bins < 1 || Math.abs(step - bins * dt) > EVEN_SPACING_TOLERANCE * dt + 4 * Math.ulp(t[i])) {
                throw new InvalidParameterException("time", source + ": time[" + i + "] - time[" + (i - 1) + "] = "
                        + step, "a whole number of bins of dt = " + dt + " s");
            }
            index[i] = index[i - 1] + bins;
        }
        long total = index[t.length - 1] + 1;
        MemoryLimit.require("dt", GtiList.seconds(dt), total, LightCurve.BYTES_PER_BIN,
                "light-curve bins with the gaps filled", "a larger bin time");
        double[] counts = new double[(int) total];
        for (int i = 0; i < t.length; i++) {
            counts[(int) index[i]] = lc.counts()[i];
        }
        int first = -1;
        int last = -1;
        for (int k = 0; k < counts.length; k++) {
            if (overlapsGti(t[0] + k * dt, dt, lc.gti())) {
                first = first < 0 ? k : first;
                last = k;
            } else {
                counts[k] = 0;
            }
        }
        if (first < 0) {
            throw new NoDataException(source + ": no light-curve bin of dt = " + dt + " s overlaps the GTIs "
                    + lc.gti().describe());
        }
        int n = last - first + 1;
        double[] time = new double[n];
        for (int k = 0; k < n; k++) {
            time[k] = t[0] + (first + k) * dt;
        }
        return new LightCurve(time, Arrays.copyOfRange(counts, first, last + 1), new double[n], dt, lc.gti(),
                time[0] - 0.5 * dt, n * dt);
    }

    private static boolean overlapsGti(double centre, double dt, GtiList gti) {
        double lo = centre - 0.5 * dt + EDGE_FRACTION * dt;
        double hi = centre + 0.5 * dt - EDGE_FRACTION * dt;
        for (Gti g : gti.intervals()) {
            if (g.start() < hi && g.stop() > lo) {
                return true;
            }
        }
        return false;
    }

    /**
     * The periodogram of the whole light curve as one segment (Stingray {@code Powerspectrum(ev.to_lc(dt))}), on its
     * GTIs: what {@code manta pds} without {@code --segment} and the mesh's fft worker of such a job both compute. Over
     * several GTIs the gaps are bins of zero counts in it ({@link org.manta.core.plan.PlanWarnings#gapsAsZeros}).
     *
     * @param source what the light curve was read from (for the message)
     * @throws NoDataException if the light curve has fewer than 2 bins
     */
    public static AveragedPowerSpectrum periodogram(Object source, LightCurve lc, Normalization norm) {
        if (lc.counts().length < 2) {
            throw new NoDataException(source + ": the light curve has " + lc.counts().length
                    + " bin(s) of dt = " + lc.dt() + " s; a periodogram needs at least 2");
        }
        return Spectra.periodogram(lc.counts(), lc.dt(), norm).withGti(lc.gti());
    }

    /** {@code time[last] − time[0] + dt} (Stingray's {@code Lightcurve.tseg} of the bins). */
    public static double span(LightCurve lc) {
        return lc.time()[lc.size() - 1] - lc.time()[0] + lc.dt();
    }
}
