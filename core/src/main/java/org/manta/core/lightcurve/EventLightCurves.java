package org.manta.core.lightcurve;

import java.nio.file.Path;
import java.util.Optional;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.core.plan.TimeFilter;

/**
 * The light curve of a whole event file (Stingray {@code EventList.to_lc(dt)}), the input of the analyses of a
 * whole series (Lomb–Scargle, multitaper, bispectrum): what {@code manta lomb/multitaper/bispectrum} and the mesh's
 * fft worker of such a job both read (docs/mesh.md "Products the mesh runs").
 */
public final class EventLightCurves {
    /** Relative tolerance on the bin spacing of a light curve that must be evenly sampled. */
    public static final double EVEN_SPACING_TOLERANCE = 1e-6;

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
     * The contiguous bins an FFT-based analysis of the whole series needs (multitaper, bispectrum, bicoherence):
     * the light curve inside its GTI, which must be a single one (Stingray's multitaper: "Non-averaged Spectra need
     * a single Good Time Interval"), evenly spaced by {@code dt}.
     *
     * @param source what the light curve was read from (for the messages)
     * @throws InvalidParameterException for more than one GTI, or uneven bins
     */
    public static LightCurve contiguous(Object source, LightCurve lc) {
        LightCurve in = singleGti(source, lc, "this analysis needs contiguous bins");
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
        if (lc.gti().size() != 1) {
            throw new InvalidParameterException("gti", lc.gti().size() + " intervals in " + source,
                    "a single good time interval (" + why + ")");
        }
        return lc.applyGtis();
    }

    /** {@code time[last] − time[0] + dt} (Stingray's {@code Lightcurve.tseg} of the bins). */
    public static double span(LightCurve lc) {
        return lc.time()[lc.size() - 1] - lc.time()[0] + lc.dt();
    }
}
