package org.manta.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.spectrum.Normalization;

/** What a plan changed or assumed, said the same by the command line and the mesh's planner. */
class PlanWarningsTest {
    private static final GtiList ONE = GtiList.of(new Gti(0, 1000));

    private static JobRequest pds(double dt, double segment) {
        return new JobRequest(SpectrumKind.PDS, dt, segment, Normalization.LEAHY, true, Optional.empty(),
                Optional.empty(), 1);
    }

    private static JobRequest cpdsOfOneList(EnergyBand a, EnergyBand b) {
        return new JobRequest(SpectrumKind.CPDS, 1, 10, Normalization.LEAHY, true, Optional.of(a), Optional.of(b), 1);
    }

    @Test
    void nothingToSayWhenThePlanIsTheRequest() {
        List<InputHeader> inputs = List.of(new InputHeader("a.evt", 0.25, ONE, true, true));
        JobRequest request = pds(0.5, 16);
        assertEquals(List.of(), PlanWarnings.of(request, JobPlan.of(request, inputs), inputs));
    }

    @Test
    void aBinTimeMovedToTimedelAndTheSegmentFixedAreBothSaid() {
        // 0.1 s on a 0.44104 s grid: rint(0.1 / 0.44104) = 0, so one tick (Stingray's suggest_compatible_dt);
        // 100 s is then 226 bins of 0.44104 s = 99.675 s
        List<InputHeader> inputs = List.of(new InputHeader("acis.evt", 0.44104, ONE, true, true));
        JobRequest request = pds(0.1, 100);
        List<String> said = PlanWarnings.of(request, JobPlan.of(request, inputs), inputs);
        assertEquals(2, said.size(), said.toString());
        assertEquals("acis.evt: the input event list has a time resolution of 0.44104 s (TIMEDEL); using a multiple "
                + "of that as dt (0.44104 s instead of 0.1 s; Nyquist frequency 1.13368 Hz instead of 5 Hz)", said.get(0));
        assertEquals("segment size fixed to a whole number of bins: 99.675 s (226 bins of dt = 0.44104 s) instead of "
                + "100 s", said.get(1));
    }

    /**
     * Found by a tester: 0.441 s is within Stingray's isclose of TIMEDEL 0.44104 s, so it was kept without a word (bins
     * then slip against the ticks); and a segment fixed by 4e-5 s was said as "99.675 s instead of 99.675 s".
     */
    @Test
    void aBinTimeKeptNearTimedelIsSaidAndAFixedSegmentShowsTheChange() {
        List<InputHeader> inputs = List.of(new InputHeader("acis.evt", 0.44104, ONE, true, true));
        JobRequest near = pds(0.441, 100);
        assertEquals(0.441, JobPlan.of(near, inputs).segment().dt(), 0.0, "kept, as Stingray keeps it");
        assertEquals(List.of("acis.evt: dt = 0.441 s is not a multiple of the time resolution 0.44104 s (TIMEDEL) but "
                + "within 1e-4 of it, so it is kept as given (Stingray's rule); a bin then holds one tick more or less "
                + "every 11026 bins: give --dt 0.44104 to bin on the ticks"), PlanWarnings.ofInputs(near, inputs));
        JobRequest onTicks = pds(0.44104, 99.675);
        List<String> said = PlanWarnings.of(onTicks, JobPlan.of(onTicks, inputs), inputs);
        assertEquals(List.of("segment size fixed to a whole number of bins: 99.67504 s (226 bins of dt = 0.44104 s) "
                + "instead of 99.675 s"), said, "the two sizes with the digits that tell them apart");
        assertEquals(List.of(), PlanWarnings.ofInputs(pds(0.88208, 100), inputs), "two ticks exactly: nothing to say");
    }

    @Test
    void aFileInTwoObservationsIsSaidOncePerRepeat() {
        assertEquals(List.of("./a.evt is the same file as a.evt of an earlier observation: its segments are averaged "
                + "twice"), PlanWarnings.repeatedInputs(List.of(List.of("a.evt"), List.of("b.evt"), List.of("./a.evt")),
                List.of(List.of("/d/a.evt"), List.of("/d/b.evt"), List.of("/d/a.evt"))));
        assertEquals(List.of(), PlanWarnings.repeatedInputs(List.of(List.of("a.evt", "a.evt"), List.of("b.evt", "c.evt")),
                List.of(List.of("1", "1"), List.of("2", "3"))), "two lists of one observation (cpds A A): not this rule");
    }

    @Test
    void gtisTakenFromTheEventsAreSaidPerList() {
        GtiList span = GtiList.of(new Gti(12.5, 812.25));
        List<InputHeader> inputs = List.of(new InputHeader("noext.evt", 0, span, true, true, true));
        assertEquals(List.of("noext.evt has no GTI extension: taking the good time from the first and last event, "
                + "[12.500000, 812.250000] s"), PlanWarnings.ofInputs(pds(1, 10), inputs));
    }

    @Test
    void eachListBinnedOnItsOwnIsSaidPerList() {
        GtiList span = GtiList.of(new Gti(0, 100));
        List<InputHeader> two = List.of(new InputHeader("a.evt", 0.3, span, true, true, true),
                new InputHeader("b.evt", 0.25, ONE, true, true));
        List<String> said = PlanWarnings.perList(1, two);
        assertEquals(2, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("a.evt has no GTI extension"), said.get(0));
        assertTrue(said.get(1).startsWith("a.evt: the input event list has a time resolution of 0.3 s (TIMEDEL); using a "
                + "multiple of that as dt (0.9 s instead of 1 s"), said.get(1));
    }

    @Test
    void overlappingBandsOfOneListAreSaidOnlyWhenTheyOverlapOnOneColumn() {
        List<InputHeader> one = List.of(new InputHeader("a.evt", 0, ONE, true, true));
        assertEquals(List.of("--energy1 3.0:10.0 and --energy2 5.0:12.0 overlap (5.0:10.0 keV): the events there are "
                        + "in both channels, so their noise is correlated (Stingray allows it as channels_overlap)"),
                PlanWarnings.ofInputs(cpdsOfOneList(EnergyBand.energy(3, 10), EnergyBand.energy(5, 12)), one));
        assertEquals(List.of(), PlanWarnings.ofInputs(cpdsOfOneList(EnergyBand.energy(3, 5), EnergyBand.energy(5, 12)),
                one), "touching bands share no event");
        assertEquals(List.of(), PlanWarnings.ofInputs(cpdsOfOneList(EnergyBand.energy(3, 10), EnergyBand.pi(5, 12)),
                one), "energy against PI: not compared");
        JobRequest twoLists = new JobRequest(SpectrumKind.CPDS, 1, 10, Normalization.LEAHY, true,
                Optional.of(EnergyBand.energy(3, 10)), Optional.of(EnergyBand.energy(5, 12)), 2);
        assertEquals(List.of(), PlanWarnings.ofInputs(twoLists, List.of(one.get(0), one.get(0))),
                "the bands of two lists select different events");
    }

    @Test
    void gapsAsZerosCountTheGapsAndTheirLength() {
        GtiList two = GtiList.of(new Gti(0, 100), new Gti(150, 250));
        assertEquals(Optional.of("x.evt: one bispectrum of the whole span (250 s) over 2 GTIs: the gaps between them "
                        + "(1 gap, 50 s) are zeros in the light curve; " + PlanWarnings.ONE_GTI_ADVICE),
                PlanWarnings.gapsAsZeros("x.evt", "bispectrum", two, PlanWarnings.ONE_GTI_ADVICE));
        GtiList three = GtiList.of(new Gti(0, 10), new Gti(20, 30), new Gti(35, 40));
        assertTrue(PlanWarnings.gapsAsZeros("y", "periodogram", three, "advice").orElseThrow()
                .contains("over 3 GTIs: the gaps between them (2 gaps, 15 s)"));
        assertEquals(Optional.empty(), PlanWarnings.gapsAsZeros("z", "bispectrum", ONE, "advice"));
    }

    @Test
    void observationsOfDifferentTelescopesOrTimeReferencesAreSaidOnceEach() {
        ObservationInfo nustar = new ObservationInfo("NUSTAR", "NuSTAR", "FPMA", "TDB",
                new Mjdref(55197, 7.6601852e-04), 0, 0, 0, 0, 100);
        ObservationInfo xte = new ObservationInfo("XTE", "XTE", "PCA", "TT", new Mjdref(49353, 6.96574074e-04), 0, 0,
                0, 0, 100);
        Observation a = Observation.of(nustar, "", Optional.empty());
        Observation b = Observation.of(xte, "", Optional.empty());
        assertEquals(Optional.empty(), PlanWarnings.observationsDiffer(List.of("a1.evt", "a2.evt"), List.of(a, a)));
        assertEquals(Optional.of("the observations averaged differ in telescope and time reference (a1.evt: "
                        + "NuSTAR/FPMA, MJD 55197.000766019 TDB; x.evt: XTE/PCA, MJD 49353.000696574 TT): the product's "
                        + "MJDREF and TIMESYS are the first's, its GTIs each in its own observation's time; their spectra "
                        + "are averaged as one, whatever their responses and dead times, and the product names all their "
                        + "telescopes"),
                PlanWarnings.observationsDiffer(List.of("a1.evt", "x.evt", "a2.evt"), List.of(a, b, a)));
        Observation tt = Observation.of(new ObservationInfo("NUSTAR", "NuSTAR", "FPMA", "TT", nustar.mjdref(), 0, 0, 0,
                0, 100), "", Optional.empty());
        assertEquals(Optional.of("the observations averaged differ in time reference (a.evt: MJD 55197.000766019 TDB; "
                        + "b.evt: MJD 55197.000766019 TT): the product's MJDREF and TIMESYS are the first's, its GTIs "
                        + "each in its own observation's time"),
                PlanWarnings.observationsDiffer(List.of("a.evt", "b.evt"), List.of(a, tt)),
                "the same MJDREF in another TIMESYS is another reference");
        Observation other = Observation.of(new ObservationInfo("SWIFT", "SWIFT", "XRT", "TDB", nustar.mjdref(), 0, 0,
                0, 0, 100), "", Optional.empty());
        assertEquals(Optional.of("the observations averaged differ in telescope (a.evt: NuSTAR/FPMA; s.evt: SWIFT/XRT): "
                        + "their spectra are averaged as one, whatever their responses and dead times, and the product "
                        + "names all their telescopes"),
                PlanWarnings.observationsDiffer(List.of("a.evt", "s.evt"), List.of(a, other)));
        Observation fpmb = Observation.of(new ObservationInfo("NUSTAR", "NuSTAR", "FPMB", "TDB", nustar.mjdref(), 0, 0,
                0, 0, 100), "", Optional.empty());
        assertEquals(Optional.empty(), PlanWarnings.observationsDiffer(List.of("a.evt", "b.evt"), List.of(a, fpmb)),
                "FPMA and FPMB of one telescope: the usual pair, both named in the product");
    }
}
