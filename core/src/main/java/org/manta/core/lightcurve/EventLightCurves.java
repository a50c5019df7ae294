package org.manta.core.lightcurve;

import java.nio.file.Path;
import java.util.Optional;
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
            throw new NoDataException(file + ": no events" + band.map(b -> " in " + b).orElse(""));
        }
        if (!filter.isNone()) {
            GtiList kept = filter.apply(events.gti());
            if (kept.isEmpty()) {
                throw new NoDataException(file + ": no good time left after the time filter ("
                        + filter.describe() + ") of its GTIs " + events.gti());
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
}
