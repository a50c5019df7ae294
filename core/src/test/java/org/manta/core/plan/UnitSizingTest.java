package org.manta.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;

/** Segments per work unit: about {@code eventsPerUnit} rows, at most {@code maxSegments}, at least {@code minUnits} units. */
class UnitSizingTest {
    @Test
    void theDefaultServesSixtyFourWorkers() {
        assertEquals(new UnitSizing(1 << 20, 64, 64), UnitSizing.DEFAULT);
    }

    @Test
    void unitsHoldAboutTheTargetNumberOfEvents() {
        UnitSizing sizing = new UnitSizing(1000, 64, 1);
        assertEquals(10, sizing.segmentsPerUnit(500, 50_000), "100 rows per segment: 10 segments of 1000 rows");
        assertEquals(4, sizing.segmentsPerUnit(500, 150_000), "300 rows per segment: ceil(1000/300)");
        assertEquals(1, sizing.segmentsPerUnit(500, 5_000_000), "segments larger than the target: one each");
    }

    @Test
    void unitsHoldAtMostMaxSegments() {
        assertEquals(64, new UnitSizing(1000, 64, 1).segmentsPerUnit(10_000, 10_000), "1 row per segment");
        assertEquals(64, new UnitSizing(1000, 64, 1).segmentsPerUnit(10_000, 0), "no rows: as if one per segment");
    }

    @Test
    void aJobIsCutIntoAtLeastMinUnitsWhenItHasTheSegments() {
        UnitSizing sizing = new UnitSizing(1 << 20, 64, 64);
        assertEquals(2, sizing.segmentsPerUnit(100, 1000), "ceil(100/64): 50 units of 100 segments");
        assertEquals(16, sizing.segmentsPerUnit(1024, 1000), "1024/64");
        assertEquals(1, sizing.segmentsPerUnit(10, 1000), "fewer segments than units: one each");
    }

    @Test
    void theUnitCountIsEvenedToWholeRoundsOverTheWorkers() {
        UnitSizing sizing = UnitSizing.DEFAULT;
        int perUnit = sizing.segmentsPerUnit(1150, 100_000_000);
        assertEquals(9, perUnit, "13 segments of the 1e8-event benchmark make 89 units; 9 make 128 = 2 rounds of 64");
        assertEquals(128, (1150 + perUnit - 1) / perUnit);
    }

    @Test
    void sizesBelowOneAreRejectedByName() {
        assertEquals("events per unit", assertThrows(InvalidParameterException.class,
                () -> new UnitSizing(0, 1, 1)).parameter());
        assertEquals("segments per unit", assertThrows(InvalidParameterException.class,
                () -> new UnitSizing(1, 0, 1)).parameter());
        assertEquals("units per job", assertThrows(InvalidParameterException.class,
                () -> new UnitSizing(1, 1, 0)).parameter());
    }
}
