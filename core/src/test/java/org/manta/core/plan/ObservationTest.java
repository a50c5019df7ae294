package org.manta.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.spectrum.Normalization;

/** The context of a plan's product: the first channel's headers, the instruments joined, each channel's band. */
class ObservationTest {
    private static final GtiList GTI = GtiList.of(new Gti(0, 100));
    private static final Mjdref NUSTAR_MJDREF = new Mjdref(55197, 7.6601852000000e-04);
    private static final ObservationInfo FPMA = info("FPMA", NUSTAR_MJDREF);
    private static final ObservationInfo FPMB = info("FPMB", new Mjdref(51910, 0.5));
    private static final Optional<EnergyBand> SOFT = Optional.of(EnergyBand.energy(3, 10));
    private static final Optional<EnergyBand> HARD_PI = Optional.of(EnergyBand.pi(200, 400));

    private static ObservationInfo info(String instrument, Mjdref mjdref) {
        return new ObservationInfo("NUSTAR", "NuSTAR", instrument, "TT", mjdref, 0, 0, 0, 0, 100);
    }

    private static JobPlan plan(SpectrumKind kind, Optional<EnergyBand> band1, Optional<EnergyBand> band2, int inputs) {
        List<InputHeader> headers = java.util.Collections.nCopies(inputs, new InputHeader("x.evt", 0, GTI, true, true));
        return JobPlan.of(new JobRequest(kind, 1, 10, Normalization.LEAHY, true, band1, band2, inputs), headers);
    }

    @Test
    void twoInputsJoinTheirInstrumentsAndKeepTheFirstInputsHeaders() {
        Observation o = Observation.of(plan(SpectrumKind.CPDS, SOFT, Optional.empty(), 2), List.of(FPMA, FPMB),
                List.of("Her X-1", "other"));
        assertEquals("NuSTAR", o.telescope());
        assertEquals("FPMA,FPMB", o.instrument(), "distinct instruments in channel order");
        assertEquals("Her X-1", o.object(), "the first channel's OBJECT");
        assertEquals("TT", o.timesys());
        assertEquals(NUSTAR_MJDREF, o.mjdref(), "the first channel's MJDREF, not the second's");
        assertEquals(List.of(SOFT, Optional.empty()), o.bands(), "channel 1 selected, channel 2 all events");
    }

    @Test
    void theSecondInputFirstInChannelOrderIsNotReordered() {
        Observation o = Observation.of(plan(SpectrumKind.CPDS, Optional.empty(), Optional.empty(), 2),
                List.of(FPMB, FPMA), List.of("b", "a"));
        assertEquals("FPMB,FPMA", o.instrument());
        assertEquals("b", o.object());
        assertEquals(FPMB.mjdref(), o.mjdref());
    }

    @Test
    void oneFileTwoBandsIsOneInstrumentAndTwoBands() {
        Observation o = Observation.of(plan(SpectrumKind.CPDS, SOFT, HARD_PI, 1), List.of(FPMA), List.of("Her X-1"));
        assertEquals("FPMA", o.instrument(), "the same header twice is one instrument");
        assertEquals(List.of(SOFT, HARD_PI), o.bands(), "both channels of the one file, each with its band");
    }

    @Test
    void sameInstrumentsAreNotRepeated() {
        Observation o = Observation.of(plan(SpectrumKind.CPDS, Optional.empty(), Optional.empty(), 2),
                List.of(FPMA, FPMA), List.of("", ""));
        assertEquals("FPMA", o.instrument());
        assertEquals("", o.object(), "absent OBJECT stays empty");
    }

    @Test
    void onePowerSpectrumHasOneChannel() {
        Observation o = Observation.of(plan(SpectrumKind.PDS, HARD_PI, Optional.empty(), 1), List.of(FPMB),
                List.of("Cyg X-1"));
        assertEquals(List.of(HARD_PI), o.bands());
        assertEquals(Observation.of(FPMB, "Cyg X-1", HARD_PI), o, "the one-list factory gives the same context");
    }

    @Test
    void twoListsReadApartJoinAsAPlanOfBothWould() {
        Observation apart = Observation.of(FPMA, "Her X-1", SOFT).and(Observation.of(FPMB, "other", SOFT));
        Observation planned = Observation.of(plan(SpectrumKind.CPDS, SOFT, SOFT, 2), List.of(FPMA, FPMB),
                List.of("Her X-1", "other"));
        assertEquals(planned, apart, "lomb FILE --events2 FILE2 reads the lists apart; the mesh plans them together");
    }

    @Test
    void observationsAveragedJoinWhatDiffersAndKeepTheFirstTimeReference() {
        ObservationInfo xte = new ObservationInfo("XTE", "XTE", "PCA", "TDB", new Mjdref(49353, 6.9657407400e-04), 0, 0,
                0, 0, 100);
        Observation a = Observation.of(FPMA, "Her X-1", SOFT);
        Observation b = Observation.of(FPMB, "Her X-1", SOFT);
        Observation c = Observation.of(xte, "4U 1636-53", SOFT);
        Observation o = Observation.averaged(List.of(a, b, a, c));
        assertEquals("NuSTAR,XTE", o.telescope(), "each distinct telescope once, in order");
        assertEquals("FPMA,FPMB,PCA", o.instrument());
        assertEquals("Her X-1,4U 1636-53", o.object());
        assertEquals("TT", o.timesys(), "the first observation's, not the last's (TDB)");
        assertEquals(NUSTAR_MJDREF, o.mjdref(), "the first observation's MJDREF");
        assertEquals(List.of(SOFT), o.bands());
        assertEquals(a, Observation.averaged(List.of(a, a)), "observations of one context average to it");
        Observation joint = Observation.of(plan(SpectrumKind.CPDS, SOFT, SOFT, 2), List.of(FPMA, FPMB),
                List.of("Her X-1", "Her X-1"));
        assertEquals("FPMA,FPMB", Observation.averaged(List.of(joint, b)).instrument(),
                "an instrument already joined is not repeated");
    }
}
