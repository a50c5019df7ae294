package org.manta.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.events.ObservationInfo;

/**
 * The context a product is read in, from the headers of its inputs and the selection made: what observed
 * (TELESCOP, INSTRUME, OBJECT), the time system (TIMESYS, MJDREF) and the band of each channel. Written
 * into every product by {@link Products#withObservation}.
 *
 * @param telescope  TELESCOP of the first input ("" if absent)
 * @param instrument INSTRUME; inputs with different instruments are joined with "," (FPMA,FPMB)
 * @param object     OBJECT of the first input ("" if absent)
 * @param timesys    TIMESYS of the first input ("" if absent)
 * @param mjdref     MJDREF of the first input ({@link Mjdref#NONE} if absent)
 * @param bands      the selection of each channel, in channel order; empty: all events
 */
public record Observation(String telescope, String instrument, String object, String timesys, Mjdref mjdref,
                          List<Optional<EnergyBand>> bands) {
    public Observation {
        Objects.requireNonNull(telescope, "telescope");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(timesys, "timesys");
        Objects.requireNonNull(mjdref, "mjdref");
        bands = List.copyOf(bands);
    }

    /**
     * The context of the inputs read, one header per channel (the same header twice for two bands of one file).
     *
     * @param infos   the header of each channel's input
     * @param objects OBJECT of each channel's input
     * @param bands   each channel's selection
     */
    public static Observation of(List<ObservationInfo> infos, List<String> objects, List<Optional<EnergyBand>> bands) {
        ObservationInfo first = infos.get(0);
        String instrument = infos.stream().map(ObservationInfo::instrument).distinct()
                .reduce((a, b) -> a + "," + b).orElse("");
        return new Observation(first.telescope(), instrument, objects.get(0), first.timesys(), first.mjdref(), bands);
    }

    /**
     * The context of a product of this input and {@code other}, read apart (lomb FILE --events2 FILE2): this
     * one's headers, the instruments joined when they differ, the channels of both in order.
     */
    public Observation and(Observation other) {
        String instruments = instrument.equals(other.instrument) ? instrument : instrument + "," + other.instrument;
        List<Optional<EnergyBand>> both = new ArrayList<>(bands);
        both.addAll(other.bands);
        return new Observation(telescope, instruments, object, timesys, mjdref, both);
    }
}
