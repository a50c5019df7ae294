package org.manta.core.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Normalization;

/** The one plan of a job: compatible dt, the GTIs Stingray's {@code from_events} takes, segment starts, channels. */
class JobPlanTest {
    private static final GtiList TOUCHING = GtiList.of(new Gti(0, 15), new Gti(15, 30));
    private static final Optional<EnergyBand> SOFT = Optional.of(EnergyBand.energy(0.5, 2));
    private static final Optional<EnergyBand> HARD_PI = Optional.of(EnergyBand.pi(200, 400));

    private static InputHeader header(String name, double timedel, GtiList gti) {
        return new InputHeader(name, timedel, gti, true, true);
    }

    private static JobRequest request(SpectrumKind kind, double dt, double segment, Optional<EnergyBand> band1,
                                      Optional<EnergyBand> band2, int inputs) {
        return new JobRequest(kind, dt, segment, Normalization.LEAHY, true, band1, band2, inputs);
    }

    @Test
    void binTimeIsMadeCompatibleWithTheFirstInputsTimedel() {
        GtiList gti = GtiList.of(new Gti(0, 100));
        JobPlan plan = JobPlan.of(request(SpectrumKind.CPDS, 0.003, 1, Optional.empty(), Optional.empty(), 2),
                List.of(header("a.evt", 1e-4, gti), header("b.evt", 0.0025, gti)));
        assertEquals(30 * 1e-4, plan.segment().dt(), 0.0, "30 ticks of the first input's 1e-4 s, not 0.003 s");
        assertEquals(333, plan.segment().nbin(), "floor(1 s / 0.0030000000000000005 s)");
        assertEquals(333 * (30 * 1e-4), plan.segment().segmentSize(), 0.0);

        JobPlan second = JobPlan.of(request(SpectrumKind.CPDS, 0.003, 1, Optional.empty(), Optional.empty(), 2),
                List.of(header("b.evt", 0.0025, gti), header("a.evt", 1e-4, gti)));
        assertEquals(0.0025, second.segment().dt(), 0.0, "one tick of 0.0025 s (rint(1.2) = 1)");
        assertEquals(400, second.segment().nbin());

        JobPlan noTimedel = JobPlan.of(request(SpectrumKind.PDS, 0.003, 1, Optional.empty(), Optional.empty(), 1),
                List.of(header("c.evt", 0, gti)));
        assertEquals(SegmentSpec.of(0.003, 1), noTimedel.segment(), "no TIMEDEL: dt as asked");
    }

    @Test
    void powerSpectraKeepTouchingIntervalsApart() {
        for (SpectrumKind kind : new SpectrumKind[] {SpectrumKind.PDS, SpectrumKind.DYNPS}) {
            JobPlan plan = JobPlan.of(request(kind, 1, 10, Optional.empty(), Optional.empty(), 1),
                    List.of(header("a.evt", 0, TOUCHING)));
            assertEquals(TOUCHING, plan.gti(), kind + ": the list's own GTIs");
            assertArrayEquals(new double[] {0, 15}, plan.starts(0, plan.segmentCount()), 0.0, kind.toString());
        }
    }

    @Test
    void aCrossSpectrumOfOneFileWithTwoBandsJoinsTouchingIntervals() {
        JobPlan plan = JobPlan.of(request(SpectrumKind.CPDS, 1, 10, SOFT, HARD_PI, 1), List.of(header("a.evt", 0, TOUCHING)));
        assertEquals(GtiList.of(new Gti(0, 30)), plan.gti(), "cross_two_gtis of the list with itself");
        assertArrayEquals(new double[] {0, 10, 20}, plan.starts(0, plan.segmentCount()), 0.0);
        assertEquals(0, plan.inputOf(0));
        assertEquals(0, plan.inputOf(1), "both bands read the one file");
        assertEquals(SOFT, plan.bandOf(0));
        assertEquals(HARD_PI, plan.bandOf(1));
        assertEquals(2, plan.channels());
    }

    @Test
    void twoInputsAreIntersected() {
        GtiList subject = GtiList.of(new Gti(0, 30), new Gti(40, 70));
        GtiList reference = GtiList.of(new Gti(5, 20), new Gti(20, 52));
        JobPlan plan = JobPlan.of(request(SpectrumKind.CPDS, 1, 10, Optional.empty(), SOFT, 2),
                List.of(header("a.evt", 0, subject), header("b.evt", 0, reference)));
        assertEquals(GtiList.of(new Gti(5, 30), new Gti(40, 52)), plan.gti());
        assertArrayEquals(new double[] {5, 15, 40}, plan.starts(0, plan.segmentCount()), 0.0);
        assertEquals(1, plan.inputOf(1), "channel 2 reads the reference list");
        assertEquals(SOFT, plan.bandOf(1));
    }

    @Test
    void noCommonGoodTimeNamesBothInputs() {
        NoDataException e = assertThrows(NoDataException.class,
                () -> JobPlan.of(request(SpectrumKind.CPDS, 1, 10, Optional.empty(), Optional.empty(), 2),
                        List.of(header("a.evt", 0, GtiList.of(new Gti(0, 30))),
                                header("b.evt", 0, GtiList.of(new Gti(30, 60))))));
        assertEquals("a.evt and b.evt have no common good time", e.getMessage());
    }

    @Test
    void noGtiAsLongAsASegmentIsNoData() {
        NoDataException e = assertThrows(NoDataException.class,
                () -> JobPlan.of(request(SpectrumKind.PDS, 1, 20, Optional.empty(), Optional.empty(), 1),
                        List.of(header("a.evt", 0, TOUCHING))));
        assertTrue(e.getMessage().contains("the longest, [0, 15] s, lasts 15 s, the segment is 20 s"), e.getMessage());
    }

    @Test
    void aBandOnAColumnTheInputLacksNamesTheBandAndTheInput() {
        InputHeader energyOnly = new InputHeader("e.evt", 0, TOUCHING, true, false);
        InputHeader piOnly = new InputHeader("p.evt", 0, TOUCHING, false, true);
        InvalidParameterException pds = assertThrows(InvalidParameterException.class,
                () -> JobPlan.of(JobRequest.power(1, 10, Normalization.LEAHY, HARD_PI), List.of(energyOnly)));
        assertEquals("band1", pds.parameter());
        assertEquals("band1 = PI 200.0:400.0: expected a selection on a column e.evt has: it has no PI column "
                + "(use an energy band)", pds.getMessage());

        InvalidParameterException cross = assertThrows(InvalidParameterException.class,
                () -> JobPlan.of(request(SpectrumKind.CPDS, 1, 10, HARD_PI, SOFT, 2), List.of(energyOnly, piOnly)));
        assertEquals("band1", cross.parameter(), "band1 is checked first");
        InvalidParameterException reference = assertThrows(InvalidParameterException.class,
                () -> JobPlan.of(request(SpectrumKind.CPDS, 1, 10, SOFT, SOFT, 2), List.of(energyOnly, piOnly)));
        assertEquals("band2", reference.parameter());
        assertEquals("band2 = 0.5:2.0 keV: expected a selection on a column p.evt has: it has no ENERGY column and no "
                + "PI → energy calibration (use --pi to select by PI channel)", reference.getMessage());
    }

    @Test
    void theRequestsNumberOfInputsIsRequired() {
        InputHeader a = header("a.evt", 0, TOUCHING);
        InvalidParameterException two = assertThrows(InvalidParameterException.class,
                () -> JobPlan.of(JobRequest.power(1, 10, Normalization.LEAHY, Optional.empty()), List.of(a, a)));
        assertEquals("inputs", two.parameter());
        assertEquals("inputs = 2 event list(s): expected 1 for this PDS request", two.getMessage());
        InvalidParameterException one = assertThrows(InvalidParameterException.class,
                () -> JobPlan.of(request(SpectrumKind.CPDS, 1, 10, Optional.empty(), Optional.empty(), 2), List.of(a)));
        assertEquals("inputs = 1 event list(s): expected 2 for this CPDS request", one.getMessage());
    }

    @Test
    void eventsOfASegmentBeginWhereThePreviousSegmentEndsIfThatIsLater() {
        JobPlan plan = JobPlan.of(JobRequest.power(0.125, 1, Normalization.LEAHY, Optional.empty()),
                List.of(header("a.evt", 0, PlanFixtures.OVERLAPPING_SEGMENTS)));
        assertEquals(10 + 10 + 12, plan.segmentCount());
        assertEquals(9, plan.start(9), 0.0);
        assertEquals(10, plan.end(9), 0.0, "the last segment of [0, 10 - 5 µs] ends after it");
        assertEquals(PlanFixtures.SHORT_STOP, plan.start(10), 0.0);
        assertEquals(10, plan.eventsFrom(10), 0.0, "segment 10's events begin where segment 9 ends");
        assertEquals(0, plan.eventsFrom(0), 0.0);
        assertEquals(plan.start(9), plan.eventsFrom(9), 0.0, "segments of one GTI of whole seconds abut exactly");
        assertEquals(25, plan.eventsFrom(20), 0.0, "after a gap: the start");
    }

    @Test
    void aPlanRebuiltFromWhatItFixedHasTheSameSegments() {
        JobRequest request = request(SpectrumKind.CPDS, 0.003, 1, SOFT, HARD_PI, 1);
        JobPlan made = JobPlan.of(request, List.of(header("a.evt", 1e-4, PlanFixtures.OVERLAPPING_SEGMENTS)));
        JobPlan rebuilt = JobPlan.of(request, made.segment(), made.gti());
        assertArrayEquals(made.starts(0, made.segmentCount()), rebuilt.starts(0, rebuilt.segmentCount()), 0.0);
        assertEquals(30 * 1e-4, rebuilt.segment().dt(), 0.0, "the compatible dt, not the request's");
    }

    /** The check sees the segment count before any segment is made: a refusal leaves nothing materialised. */
    @Test
    void theCheckSeesTheSizeBeforeTheSegmentsAreMade() {
        JobRequest request = request(SpectrumKind.CPDS, 0.5, 1, SOFT, HARD_PI, 1);
        long[] seen = new long[3];
        JobPlan plan = JobPlan.of(request, List.of(header("a.evt", 0, TOUCHING)), (segments, segment, channels) -> {
            seen[0] = segments;
            seen[1] = segment.nbin();
            seen[2] = channels;
        });
        assertArrayEquals(new long[] {plan.segmentCount(), 2, 2}, seen);
        InputHeader huge = header("huge.evt", 0, GtiList.of(new Gti(0, 1e8)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JobPlan.of(
                JobRequest.power(0.5, 1, Normalization.LEAHY, Optional.empty()), List.of(huge), (segments, segment, channels) -> {
                    throw new IllegalStateException(segments + " segments");
                }));
        assertEquals("100000000 segments", e.getMessage());
    }
}
