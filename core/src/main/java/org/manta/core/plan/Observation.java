package org.manta.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.events.ObservationInfo;

/**
 * The context a product is read in, from the headers of its inputs and the selection made: what observed
 * (TELESCOP, INSTRUME, OBJECT), the time system (TIMESYS, MJDREF) and the band of each channel. The embedded
 * pipeline and the mesh's planner make it with the same factory ({@link #of(JobPlan, List, List)}), so that a
 * product carries the same context whichever computed it (the cli writes it into every product).
 *
 * @param telescope  TELESCOP of the first channel's input ("" if absent)
 * @param instrument INSTRUME; inputs with different instruments are joined with "," (FPMA,FPMB)
 * @param object     OBJECT of the first channel's input ("" if absent)
 * @param timesys    TIMESYS of the first channel's input ("" if absent)
 * @param mjdref     MJDREF of the first channel's input ({@link Mjdref#NONE} if absent)
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
     * The context of a plan's channels: each channel's input ({@link JobPlan#inputOf}) gives its header, the plan its
     * band ({@link JobPlan#bandOf}); two bands of one file are two channels of the same header.
     *
     * @param plan    the plan made on the inputs
     * @param infos   the header of each input, in input order
     * @param objects OBJECT of each input, in input order ("" if absent)
     */
    public static Observation of(JobPlan plan, List<ObservationInfo> infos, List<String> objects) {
        List<ObservationInfo> channelInfos = new ArrayList<>();
        List<String> channelObjects = new ArrayList<>();
        List<Optional<EnergyBand>> bands = new ArrayList<>();
        for (int c = 0; c < plan.channels(); c++) {
            channelInfos.add(infos.get(plan.inputOf(c)));
            channelObjects.add(objects.get(plan.inputOf(c)));
            bands.add(plan.bandOf(c));
        }
        return ofChannels(channelInfos, channelObjects, bands);
    }

    /** The context of one list read with one selection (a light curve, a whole-series spectrum). */
    public static Observation of(ObservationInfo info, String object, Optional<EnergyBand> band) {
        return ofChannels(List.of(info), List.of(object), List.of(band));
    }

    /** The first channel's headers, the distinct instruments of all joined with ",". */
    private static Observation ofChannels(List<ObservationInfo> infos, List<String> objects,
                                          List<Optional<EnergyBand>> bands) {
        ObservationInfo first = infos.get(0);
        String instrument = infos.stream().map(ObservationInfo::instrument).reduce(Observation::joined).orElse("");
        return new Observation(first.telescope(), instrument, objects.get(0), first.timesys(), first.mjdref(), bands);
    }

    /**
     * The context of a product of this input and {@code other}, read apart (lomb FILE --events2 FILE2): this
     * one's headers, the instruments joined when they differ, the channels of both in order.
     */
    public Observation and(Observation other) {
        List<Optional<EnergyBand>> both = new ArrayList<>(bands);
        both.addAll(other.bands);
        return new Observation(telescope, joined(instrument, other.instrument), object, timesys, mjdref, both);
    }

    /**
     * The context of several observations averaged into one product ({@code manta pds F1 F2}, HENDRICS
     * {@code HENfspec}): the telescopes, instruments and objects of all, each distinct value once, joined with ","
     * (one observation's: its own); the time system, MJDREF and bands of the first (every observation has the
     * request's bands; {@link PlanWarnings#observationsDiffer} says when the others' telescopes or times differ).
     *
     * @param observations the context of each observation, in the order of the command line
     */
    public static Observation averaged(List<Observation> observations) {
        Observation first = observations.get(0);
        String telescope = first.telescope;
        String instrument = first.instrument;
        String object = first.object;
        for (Observation o : observations.subList(1, observations.size())) {
            telescope = joined(telescope, o.telescope);
            instrument = joined(instrument, o.instrument);
            object = joined(object, o.object);
        }
        return new Observation(telescope, instrument, object, first.timesys, first.mjdref, first.bands);
    }

    /** The values of {@code a} and then those of {@code b} not in it ("FPMA,FPMB" and "FPMA" give "FPMA,FPMB"). */
    private static String joined(String a, String b) {
        List<String> values = new ArrayList<>();
        for (String v : (a + "," + b).split(",")) {
            if (!v.isEmpty() && !values.contains(v)) {
                values.add(v);
            }
        }
        return String.join(",", values);
    }
}
