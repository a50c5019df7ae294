package org.manta.core.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventChunk;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.SyntheticEventFiles;
import org.manta.core.io.SyntheticEventFiles.Columns;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.segment.SegmentBounds;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.spectrum.Normalization;

/**
 * Reading a job unit by unit gives exactly the segments of reading its files whole: over all units,
 * index by index and event by event, what {@link UnitReader} yields is what the embedded pipeline's
 * {@link SegmentEventStream} over all rows yields, per channel.
 */
class UnitReaderTest {
    @TempDir
    Path dir;

    @Test
    void unitsOfOneToAllSegmentsYieldTheWholeFileSegments() {
        double[] times = new double[3000];
        Random rnd = new Random(7);
        for (int i = 0; i < times.length; i++) {
            times[i] = -5 + 70 * rnd.nextDouble();
        }
        Arrays.sort(times);
        GtiList gti = GtiList.of(new Gti(0, 15), new Gti(15, 30), new Gti(31.5, 60));
        List<Path> files = List.of(SyntheticEventFiles.write(dir.resolve("a.evt"), gti, times));
        JobPlan plan = EmbeddedPipeline.plan(JobRequest.power(1.0 / 16, 4, Normalization.LEAHY, Optional.empty()), files);
        assertEquals(3 + 3 + 7, plan.segmentCount(), "segments of [0,15], [15,30], [31.5,60] (PDS keeps them apart)");
        List<double[][]> whole = wholeFile(plan, files);
        for (int perUnit = 1; perUnit <= plan.segmentCount(); perUnit++) {
            assertSameSegments(whole, byUnits(plan, files, new UnitSizing(Long.MAX_VALUE, perUnit, 1)), perUnit + " per unit");
        }
    }

    @Test
    void aSegmentEndingAfterItsGtiKeepsTheEventsWhereTheNextGtisFirstSegmentBegins() {
        // [0, 10 - 5 µs] holds ten 1-s segments (Stingray's 1e-5 s tolerance): the last ends at 10, 5 µs after
        // the touching next GTI starts; events in [9.999995, 10) are segment 9's, not also segment 10's
        double b = PlanFixtures.SHORT_STOP;
        GtiList gti = PlanFixtures.OVERLAPPING_SEGMENTS;
        double[] times = {0.5, 0.7, 9.2, 9.5, b, Math.nextUp(b), 9.999999, 10, 10.3, 10.4, 12.5, 13.1};
        List<Path> files = List.of(SyntheticEventFiles.write(dir.resolve("a.evt"), gti, times));
        JobPlan plan = EmbeddedPipeline.plan(JobRequest.power(0.125, 1, Normalization.LEAHY, Optional.empty()), files);
        assertEquals(b, plan.start(10), 0.0);
        List<double[][]> whole = wholeFile(plan, files);
        assertArrayEquals(new double[] {9.2, 9.5, b, Math.nextUp(b), 9.999999}, whole.get(9)[0], 0.0);
        assertArrayEquals(new double[] {10, 10.3, 10.4}, whole.get(10)[0], 0.0);
        for (int perUnit = 1; perUnit <= plan.segmentCount(); perUnit++) {
            assertSameSegments(whole, byUnits(plan, files, new UnitSizing(Long.MAX_VALUE, perUnit, 1)), perUnit + " per unit");
        }
    }

    @Test
    void twoBandsOfOneFileStayAlignedSegmentBySegment() {
        Random rnd = new Random(11);
        GtiList gti = GtiList.of(new Gti(100, 115), new Gti(115, 130), new Gti(140, 171));
        Path file = SyntheticEventFiles.random(rnd, dir.resolve("b.evt"), Columns.NUSTAR_PI, 0, false, gti, 5);
        JobRequest request = new JobRequest(SpectrumKind.CPDS, 1.0 / 32, 5, Normalization.FRAC, true,
                Optional.of(EnergyBand.energy(3, 6.5)), Optional.of(EnergyBand.pi(120, 300)), 1);
        JobPlan plan = EmbeddedPipeline.plan(request, List.of(file));
        assertEquals(2, plan.channels());
        List<double[][]> whole = wholeFile(plan, List.of(file));
        assertTrue(whole.stream().allMatch(s -> s[0].length > 0 && s[1].length > 0), "both bands have events in every segment");
        for (int perUnit = 1; perUnit <= 4; perUnit++) {
            assertSameSegments(whole, byUnits(plan, List.of(file), new UnitSizing(Long.MAX_VALUE, perUnit, 1)),
                    perUnit + " per unit");
        }
    }

    @Test
    void randomFilesAndSizingsYieldTheWholeFileSegments() {
        for (long seed = 1; seed <= 30; seed++) {
            Random rnd = new Random(seed);
            double segment = 0.25 + 4 * rnd.nextDouble();
            GtiList gti = SyntheticEventFiles.randomGtis(rnd, 1000 * rnd.nextDouble(), segment);
            double timedel = rnd.nextBoolean() ? 0 : 1e-3;
            Path file = SyntheticEventFiles.random(rnd, dir.resolve("r" + seed + ".evt"), Columns.ENERGY, timedel,
                    timedel > 0, gti, segment);
            JobPlan plan = EmbeddedPipeline.plan(JobRequest.power(segment / 64, segment, Normalization.LEAHY,
                    Optional.empty()), List.of(file));
            UnitSizing sizing = new UnitSizing(1 + rnd.nextInt(2000), 1 + rnd.nextInt(6), 1 + rnd.nextInt(8));
            assertSameSegments(wholeFile(plan, List.of(file)), byUnits(plan, List.of(file), sizing),
                    "seed " + seed + ", " + sizing);
        }
    }

    @Test
    void aUnitWithRowsBeyondTheTableIsRejected() {
        List<Path> files = List.of(SyntheticEventFiles.write(dir.resolve("c.evt"), GtiList.of(new Gti(0, 8)), 1, 2, 3));
        JobPlan plan = EmbeddedPipeline.plan(JobRequest.power(0.5, 4, Normalization.LEAHY, Optional.empty()), files);
        try (UnitReader reader = new UnitReader(plan, files)) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> reader.forEachSegment(new WorkUnit(0, 0, 2, new long[] {0}, new long[] {4}), s -> { }));
            assertEquals("rows of input 0", e.parameter());
        }
    }

    /** Per segment, per channel, the event times the whole-file streams give (as the embedded pipeline cuts them). */
    static List<double[][]> wholeFile(JobPlan plan, List<Path> files) {
        List<double[][]> out = new ArrayList<>();
        for (int k = 0; k < plan.segmentCount(); k++) {
            out.add(new double[plan.channels()][]);
        }
        SegmentBounds bounds = plan.bounds(0, plan.segmentCount());
        for (int c = 0; c < plan.channels(); c++) {
            try (EventFileReader reader = EventFileReader.open(files.get(plan.inputOf(c)))) {
                EnergyBand band = plan.bandOf(c).orElse(null);
                EventChunk chunk = reader.newChunk();
                SegmentEventStream stream = new SegmentEventStream(ck -> reader.nextTimes(ck, band), chunk, bounds);
                SegmentSlice slice = new SegmentSlice(16);
                while (stream.next(slice)) {
                    out.get(slice.index)[c] = Arrays.copyOf(slice.times, slice.count);
                }
            }
        }
        return out;
    }

    /** The same, read unit by unit with one {@link UnitReader}; checks the units come in order and the channels align. */
    static List<double[][]> byUnits(JobPlan plan, List<Path> files, UnitSizing sizing) {
        List<double[][]> out = new ArrayList<>();
        try (UnitReader reader = new UnitReader(plan, files)) {
            for (WorkUnit u : PlanFixtures.cut(plan, files, sizing)) {
                reader.forEachSegment(u, slices -> {
                    double[][] segment = new double[slices.length][];
                    for (int c = 0; c < slices.length; c++) {
                        assertEquals(out.size(), slices[c].index, "segment index of channel " + c);
                        segment[c] = Arrays.copyOf(slices[c].times, slices[c].count);
                    }
                    out.add(segment);
                });
            }
        }
        return out;
    }

    private static void assertSameSegments(List<double[][]> expected, List<double[][]> actual, String context) {
        assertEquals(expected.size(), actual.size(), context + ": segments");
        for (int k = 0; k < expected.size(); k++) {
            for (int c = 0; c < expected.get(k).length; c++) {
                assertArrayEquals(expected.get(k)[c], actual.get(k)[c], 0.0,
                        context + ": events of segment " + k + ", channel " + c);
            }
        }
    }
}
