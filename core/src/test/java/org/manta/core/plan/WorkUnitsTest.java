package org.manta.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.InvalidParameterException;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.SyntheticEventFiles;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.spectrum.Normalization;

/**
 * Work units of a small file: consecutive, disjoint runs of whole segments covering the job, each with
 * exactly the rows whose events the whole-file cut gives its segments, within the sizing, and the same
 * units every time.
 */
class WorkUnitsTest {
    private static final UnitSizing[] SIZINGS = {
            new UnitSizing(Long.MAX_VALUE, 1, 1), new UnitSizing(Long.MAX_VALUE, 3, 1), new UnitSizing(45, 64, 1),
            new UnitSizing(1000, 64, 5), new UnitSizing(1 << 20, 64, 64), new UnitSizing(Long.MAX_VALUE, 64, 1)};

    @TempDir
    Path dir;
    private double[] times;
    private Path file;

    /** 0.1-s ticks from -1 s to 40 s, and events in the overlap of segments 4 and 5: [10 - 5 µs, 10). */
    @BeforeEach
    void smallFile() {
        List<Double> t = new ArrayList<>();
        for (int i = -10; i <= 400; i++) {
            t.add(i / 10.0);
            if (i == 99) {
                t.add(PlanFixtures.SHORT_STOP);
                t.add(9.999999);
            }
        }
        times = t.stream().mapToDouble(Double::doubleValue).toArray();
        file = SyntheticEventFiles.write(dir.resolve("small.evt"), PlanFixtures.OVERLAPPING_SEGMENTS, times);
    }

    private JobPlan pds() {
        return EmbeddedPipeline.plan(JobRequest.power(0.25, 2, Normalization.LEAHY, Optional.empty()), List.of(file));
    }

    @Test
    void unitsAreConsecutiveDisjointAndCoverEverySegment() {
        JobPlan plan = pds();
        assertEquals(5 + 5 + 6, plan.segmentCount(), "[0, 10 - 5 µs], [10 - 5 µs, 20], [25, 37] in 2-s segments");
        for (UnitSizing sizing : SIZINGS) {
            List<WorkUnit> units = PlanFixtures.cut(plan, List.of(file), sizing);
            int next = 0;
            for (int i = 0; i < units.size(); i++) {
                WorkUnit u = units.get(i);
                assertEquals(i, u.index(), sizing + ": unit numbers");
                assertEquals(next, u.segmentFrom(), sizing + ": unit " + i + " starts where the one before ends");
                next = u.segmentTo();
            }
            assertEquals(plan.segmentCount(), next, sizing + ": the units end with the last segment");
        }
    }

    @Test
    void eachUnitHoldsExactlyTheRowsOfItsSegmentsEvents() {
        JobPlan plan = pds();
        for (UnitSizing sizing : SIZINGS) {
            for (WorkUnit u : PlanFixtures.cut(plan, List.of(file), sizing)) {
                double from = plan.eventsFrom(u.segmentFrom());
                double to = plan.end(u.segmentTo() - 1);
                assertEquals(rowsBefore(from), u.rowFrom(0), sizing + ", " + u + ": the first row at or after " + from);
                assertEquals(rowsBefore(to), u.rowTo(0), sizing + ", " + u + ": the rows before " + to);
            }
        }
    }

    /** The whole plan as one unit: every segment, every row of the table. */
    @Test
    void theWholeUnitHoldsEverySegmentAndRow() {
        JobPlan plan = pds();
        try (org.manta.core.io.EventFileReader r = org.manta.core.io.EventFileReader.open(file)) {
            WorkUnit whole = WorkUnits.whole(plan, List.of(RowIndex.of(r)));
            assertEquals(0, whole.segmentFrom());
            assertEquals(plan.segmentCount(), whole.segmentTo());
            assertEquals(0, whole.rowFrom(0));
            assertEquals(times.length, whole.rowTo(0), "the last row of the table");
        }
    }

    /** Widened to every row (a GTI gap lies between segments 9 and 10; rows before 0 s and after 37 s): a partition. */
    @Test
    void coveringAllRowsPartitionsTheTableAndKeepsEachUnitsRows() {
        JobPlan plan = pds();
        for (UnitSizing sizing : SIZINGS) {
            List<WorkUnit> units = PlanFixtures.cut(plan, List.of(file), sizing);
            try (org.manta.core.io.EventFileReader r = org.manta.core.io.EventFileReader.open(file)) {
                List<WorkUnit> all = WorkUnits.coverAllRows(units, List.of(RowIndex.of(r)));
                long next = 0;
                for (int i = 0; i < all.size(); i++) {
                    WorkUnit u = all.get(i);
                    assertEquals(units.get(i).segmentFrom(), u.segmentFrom(), sizing + ": the same segments");
                    assertEquals(units.get(i).segmentTo(), u.segmentTo(), sizing + ": the same segments");
                    assertEquals(next, u.rowFrom(0), sizing + ": unit " + i + " starts where the one before ends");
                    assertTrue(u.rowFrom(0) <= units.get(i).rowFrom(0) && u.rowTo(0) >= units.get(i).rowTo(0),
                            sizing + ": unit " + i + " still reads its segments' rows");
                    next = u.rowTo(0);
                }
                assertEquals(times.length, next, sizing + ": the last unit ends with the table");
            }
        }
    }

    @Test
    void aUnitStartingInsideThePreviousSegmentLeavesItsEventsToIt() {
        JobPlan plan = pds();
        WorkUnit fifth = PlanFixtures.cut(plan, List.of(file), new UnitSizing(Long.MAX_VALUE, 1, 1)).get(5);
        assertEquals(PlanFixtures.SHORT_STOP, plan.start(5), 0.0);
        assertEquals(112, fifth.rowFrom(0), "the row of t = 10, after 9.9, 10 - 5 µs and 9.999999 (rows 109 to 111)");
        assertEquals(10, times[112], 0.0);
    }

    @Test
    void unitsStayWithinTheSizing() {
        JobPlan plan = pds();
        int n = plan.segmentCount();
        long rows = rowsBefore(plan.end(n - 1)) - rowsBefore(plan.start(0));
        assertEquals(372, rows, "events in [0, 37)");
        for (UnitSizing sizing : SIZINGS) {
            List<WorkUnit> units = PlanFixtures.cut(plan, List.of(file), sizing);
            int perUnit = sizing.segmentsPerUnit(n, rows);
            for (WorkUnit u : units.subList(0, units.size() - 1)) {
                assertEquals(perUnit, u.segments(), sizing + ": all units but the last have the sizing's segments");
            }
            int lastUnit = units.get(units.size() - 1).segments();
            assertTrue(lastUnit >= 1 && lastUnit <= perUnit, sizing + ": the last unit has " + lastUnit);
        }
        assertEquals(16, PlanFixtures.cut(plan, List.of(file), new UnitSizing(Long.MAX_VALUE, 1, 1)).size());
        assertEquals(1, PlanFixtures.cut(plan, List.of(file), new UnitSizing(Long.MAX_VALUE, 64, 1)).size());
        assertEquals(8, PlanFixtures.cut(plan, List.of(file), new UnitSizing(1 << 20, 64, 8)).size(), "2 segments each");
        assertEquals(4, PlanFixtures.cut(plan, List.of(file), new UnitSizing(100, 64, 1)).size(),
                "23.25 rows per segment: ceil(100 / 23.25) = 5 segments per unit");
    }

    private long rowsBefore(double t) {
        long row = 0;
        while (row < times.length && times[(int) row] < t) {
            row++;
        }
        return row;
    }

    @Test
    void theSamePlanIsCutTheSameWay() {
        JobPlan plan = pds();
        for (UnitSizing sizing : SIZINGS) {
            assertEquals(PlanFixtures.cut(plan, List.of(file), sizing), PlanFixtures.cut(pds(), List.of(file), sizing),
                    sizing.toString());
        }
    }

    @Test
    void twoInputsGetARowRangeEach() {
        Path other = SyntheticEventFiles.write(dir.resolve("other.evt"), GtiList.of(new Gti(4, 30)), 3, 4, 5, 6.5, 9, 21, 29);
        JobPlan plan = EmbeddedPipeline.plan(new JobRequest(SpectrumKind.CPDS, 0.25, 2, Normalization.LEAHY, true,
                Optional.empty(), Optional.empty(), 2), List.of(file, other));
        assertEquals(GtiList.of(new Gti(4, 20), new Gti(25, 30)), plan.gti(), "intersected; the touching GTIs joined");
        List<WorkUnit> units = PlanFixtures.cut(plan, List.of(file, other), new UnitSizing(Long.MAX_VALUE, 5, 1));
        assertEquals(2, units.size(), "8 + 2 segments, 5 per unit");
        assertEquals(List.of(50L, 1L), List.of(units.get(0).rowFrom(0), units.get(0).rowFrom(1)), "from t = 4");
        assertEquals(List.of(152L, 5L), List.of(units.get(0).rowTo(0), units.get(0).rowTo(1)), "before t = 14");
        assertEquals(List.of(152L, 5L), List.of(units.get(1).rowFrom(0), units.get(1).rowFrom(1)), "from t = 14");
        assertEquals(List.of(302L, 6L), List.of(units.get(1).rowTo(0), units.get(1).rowTo(1)), "before t = 29");
    }

    @Test
    void oneRowIndexPerInputIsRequired() {
        JobPlan plan = pds();
        RowIndex none = t -> 0;
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> WorkUnits.cut(plan, List.of(none, none), UnitSizing.DEFAULT));
        assertEquals("inputs", e.parameter());
    }
}
