package org.manta.core.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.NoDataException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Timing;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.SyntheticEventFiles;
import org.manta.core.io.SyntheticEventFiles.Columns;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.Normalization;

/**
 * Several observations of one request ({@link ObservationPlans}): each planned on its own GTIs with its own number of
 * inputs, all on the bin time of the first plan, segments numbered on across observations, GTIs the union; a
 * {@link UnitReader} of a later observation hands out the job's segment indices.
 */
class ObservationPlansTest {
    /** TIMEDEL of the first file: it moves the requested dt = 0.01 s (not a multiple of it). */
    private static final double TIMEDEL = 1e-4 * 3;

    @TempDir
    Path dir;

    @Test
    void laterObservationsUseTheFirstPlansBinTimeAndTheirOwnGtis() {
        GtiList gti1 = GtiList.of(new Gti(0, 40));
        GtiList gti2 = GtiList.of(new Gti(1000, 1030), new Gti(1040, 1081));
        Path a = file("a.evt", TIMEDEL, gti1);
        Path b = file("b.evt", 0, gti2);
        Path c = file("c.evt", 0, gti2);
        JobRequest request = new JobRequest(SpectrumKind.CPDS, 0.01, 10, Normalization.FRAC, true,
                Optional.of(EnergyBand.pi(0, 400)), Optional.of(EnergyBand.pi(400, 1000)), 2);
        List<List<Path>> files = List.of(List.of(a), List.of(b, c));
        List<JobPlan> plans = ObservationPlans.of(request, files, EmbeddedPipeline::plan);

        double dt = Timing.compatibleDt(0.01, TIMEDEL);
        assertNotEquals(0.01, dt, "the first file's TIMEDEL changes dt (else the test shows nothing)");
        assertEquals(dt, plans.get(0).segment().dt(), 0.0);
        assertEquals(dt, plans.get(1).segment().dt(), 0.0, "the second observation uses the first plan's dt");
        assertEquals(dt, plans.get(1).request().dt(), 0.0);
        assertEquals(1, plans.get(0).request().inputs(), "two bands of one list");
        assertEquals(2, plans.get(1).request().inputs(), "subject and reference lists");
        assertEquals(gti1, plans.get(0).gti());
        assertEquals(gti2, plans.get(1).gti());
        int n0 = plans.get(0).segmentCount();
        int n1 = plans.get(1).segmentCount();
        assertEquals(4, n0);
        assertEquals(3 + 4, n1);
        assertArrayEquals(new int[] {0, n0}, ObservationPlans.segmentOffsets(plans));
        assertEquals(n0 + n1, ObservationPlans.segmentCount(plans));
        assertEquals(GtiList.of(new Gti(0, 40), new Gti(1000, 1030), new Gti(1040, 1081)), ObservationPlans.gti(plans));
        JobPlan alone = ObservationPlans.of(request.withInputs(1), files.subList(0, 1), EmbeddedPipeline::plan).get(0);
        assertEquals(plans.get(0).request(), alone.request(), "one observation: the request alone");
        assertEquals(plans.get(0).segment(), alone.segment());
        assertEquals(plans.get(0).gti(), alone.gti());
    }

    /**
     * A later observation whose own TIMEDEL would move the first one's bin time keeps the first one's layout (found:
     * {@code pds monol.evt xte.evt.gz --dt 0.01 --segment 9.99} made 999 and 998 bins, which do not merge), and the
     * plan's warnings say that its bins are not on its ticks.
     */
    @Test
    void aLaterObservationWithAnotherTimedelTakesTheFirstLayoutAndIsWarnedOf() {
        Path a = file("a.evt", 0, GtiList.of(new Gti(0, 40)));
        Path b = file("b.evt", TIMEDEL, GtiList.of(new Gti(1000, 1040)));
        JobRequest request = JobRequest.power(0.01, 9.99, Normalization.LEAHY, Optional.empty());
        List<JobPlan> plans = ObservationPlans.of(request, List.of(List.of(a), List.of(b)), EmbeddedPipeline::plan);
        assertNotEquals(0.01, Timing.compatibleDt(0.01, TIMEDEL), "b's TIMEDEL alone would move dt");
        assertEquals(plans.get(0).segment(), plans.get(1).segment(), "one layout: the first observation's");
        assertEquals(999, plans.get(1).segment().nbin());
        assertEquals(0.01, plans.get(1).segment().dt(), 0.0);
        List<InputHeader> headers;
        try (EventFileReader reader = EventFileReader.open(b)) {
            headers = List.of(InputHeader.of("b.evt", reader));
        }
        assertEquals(List.of("b.evt: dt = 0.01 s, the first observation's (one bin time for every observation "
                + "averaged), is not a multiple of its time resolution 0.0003 s (TIMEDEL): its bins hold unequal numbers "
                + "of ticks; a --dt that is a multiple of every input's TIMEDEL avoids that"),
                PlanWarnings.ofInputs(plans.get(1).request(), headers));
        assertEquals(List.of(), PlanWarnings.ofInputs(plans.get(0).request(), headers.subList(0, 0)));
    }

    @Test
    void aReaderOfALaterObservationNumbersItsSegmentsAfterTheEarlierOnes() {
        GtiList gti = GtiList.of(new Gti(500, 530));
        Path file = file("b.evt", 0, gti);
        JobPlan plan = EmbeddedPipeline.plan(JobRequest.power(1.0 / 64, 10, Normalization.LEAHY, Optional.empty()),
                List.of(file));
        List<Integer> indices = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<Integer> alone = new ArrayList<>();
        long rows;
        try (EventFileReader reader = EventFileReader.open(file)) {
            rows = reader.rowCount();
        }
        WorkUnit all = new WorkUnit(0, 0, plan.segmentCount(), new long[] {0}, new long[] {rows});
        try (UnitReader r = new UnitReader(plan, List.of(file), 17); UnitReader first = new UnitReader(plan, List.of(file))) {
            r.forEachSegment(all, s -> {
                indices.add(s[0].index);
                counts.add(s[0].count);
            });
            first.forEachSegment(all, s -> alone.add(s[0].count));
        }
        assertEquals(List.of(17, 18, 19), indices, "the job's indices: 17 segments of earlier observations first");
        assertEquals(alone, counts, "the same events per segment as the observation alone");
    }

    /**
     * An observation without events in the band contributes no segment (the average is the other observation's, as the
     * mesh averages it); no events in any observation fails, naming the first file and the others.
     */
    @Test
    void anObservationWithoutEventsInTheBandContributesNoSegment() {
        GtiList gti1 = GtiList.of(new Gti(0, 40));
        GtiList gti2 = GtiList.of(new Gti(100, 140));
        Path a = piFile("a.evt", gti1, 50);
        Path b = piFile("b.evt", gti2, 900);
        JobRequest request = JobRequest.power(1.0 / 16, 10, Normalization.LEAHY, Optional.of(EnergyBand.pi(0, 100)));
        EmbeddedPipeline pipeline = new EmbeddedPipeline(PoolSettings.ofThreads(1));
        AveragedPowerSpectrum both = pipeline.powerSpectrum(EmbeddedPipeline.plans(request,
                List.of(List.of(a), List.of(b)), EmbeddedPipeline::plan), ProgressListener.NONE);
        AveragedPowerSpectrum first = pipeline.powerSpectrum(EmbeddedPipeline.plans(request, List.of(List.of(a)),
                EmbeddedPipeline::plan), ProgressListener.NONE);
        assertEquals(4, first.segments());
        assertEquals(first.segments(), both.segments(), "b's segments hold no event of the band");
        assertArrayEquals(first.power(), both.power(), 0.0);
        assertEquals(GtiList.of(new Gti(0, 40), new Gti(100, 140)), both.gti().orElseThrow(), "the GTIs are still the union");

        JobRequest none = JobRequest.power(1.0 / 16, 10, Normalization.LEAHY, Optional.of(EnergyBand.pi(300, 400)));
        NoDataException e = assertThrows(NoDataException.class, () -> pipeline.powerSpectrum(EmbeddedPipeline.plans(none,
                List.of(List.of(a), List.of(b)), EmbeddedPipeline::plan), ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith(a + " (and the other 1 observations): no events in band"), e.getMessage());
    }

    /** 400 events over the GTI, all of PI {@code pi}. */
    private Path piFile(String name, GtiList gti, int pi) {
        double[] t = new double[400];
        int[] channel = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = gti.start() + (gti.stop() - gti.start()) * (i + 0.5) / t.length;
            channel[i] = pi;
        }
        return SyntheticEventFiles.write(dir.resolve(name), Columns.NUSTAR_PI, 0, gti, t, channel, null);
    }

    private Path file(String name, double timedel, GtiList gti) {
        java.util.Random rnd = new java.util.Random(name.hashCode());
        return SyntheticEventFiles.random(rnd, dir.resolve(name), Columns.NUSTAR_PI, timedel, false, gti, 10);
    }
}
