package org.manta.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;
import org.manta.core.spectrum.Normalization;

/** The user's time restrictions as the plan applies them: GTIs kept, segments (m) that follow. */
class TimeFilterTest {
    private static final GtiList FILE = GtiList.of(new Gti(0, 100), new Gti(150, 400), new Gti(500, 520));

    private static TimeFilter filter(GtiList user, Double tstart, Double tstop, double minGti) {
        return new TimeFilter(Optional.ofNullable(user),
                tstart == null ? OptionalDouble.empty() : OptionalDouble.of(tstart),
                tstop == null ? OptionalDouble.empty() : OptionalDouble.of(tstop), minGti);
    }

    @Test
    void eachRestrictionAndTheirOrder() {
        assertEquals(FILE, TimeFilter.none().apply(FILE));
        assertEquals(GtiList.of(new Gti(50, 100), new Gti(150, 160)),
                filter(GtiList.of(new Gti(50, 160)), null, null, 0).apply(FILE));
        assertEquals(GtiList.of(new Gti(80, 100), new Gti(150, 300)), filter(null, 80.0, 300.0, 0).apply(FILE));
        assertEquals(GtiList.of(new Gti(150, 400)), filter(null, null, null, 101).apply(FILE));
        assertEquals(GtiList.of(new Gti(0, 100), new Gti(150, 400)), filter(null, null, null, 100).apply(FILE), "inclusive");
        // the length rule comes last: [80, 100] is cut to 20 s by tstart and then left out
        assertEquals(GtiList.of(new Gti(150, 300)), filter(null, 80.0, 300.0, 20.5).apply(FILE));
    }

    @Test
    void badFiltersAreRejected() {
        assertThrows(InvalidParameterException.class, () -> filter(null, 10.0, 5.0, 0));
        assertEquals("tstop = 80000400.5: expected a time after tstart = 80000500", assertThrows(
                InvalidParameterException.class, () -> filter(null, 80000500.0, 80000400.5, 0)).getMessage(),
                "times as plain decimals, not 8.00004005E7");
        assertThrows(InvalidParameterException.class, () -> filter(null, null, null, -1));
        assertThrows(InvalidParameterException.class, () -> filter(GtiList.empty(), null, null, 0));
    }

    @Test
    void thePlanCutsSegmentsFromTheFilteredGtis() {
        JobRequest request = JobRequest.power(1.0, 16, Normalization.LEAHY, Optional.empty());
        InputHeader header = new InputHeader("obs", 0, FILE, false, false);
        JobPlan all = JobPlan.of(request, List.of(header));
        assertEquals(6 + 15 + 1, all.segmentCount());
        JobPlan range = JobPlan.of(request.withTimeFilter(filter(null, 160.0, 260.0, 0)), List.of(header));
        assertEquals(GtiList.of(new Gti(160, 260)), range.gti());
        assertEquals(6, range.segmentCount(), "floor(100/16)");
        assertEquals(160.0, range.start(0));
        NoDataException none = assertThrows(NoDataException.class,
                () -> JobPlan.of(request.withTimeFilter(filter(null, 1000.0, null, 0)), List.of(header)));
        assertTrue(none.getMessage().endsWith("(--tstart 1000) of its GTIs [0, 100], [150, 400], [500, 520] s"),
                none.getMessage());
    }

    @Test
    void unionOfObservationsMergesOverlapsAndKeepsGaps() {
        GtiList a = GtiList.of(new Gti(0, 10), new Gti(20, 30));
        GtiList b = GtiList.of(new Gti(25, 40), new Gti(100, 110));
        assertEquals(GtiList.of(new Gti(0, 10), new Gti(20, 40), new Gti(100, 110)), Gtis.union(List.of(a, b)));
        assertEquals(a, Gtis.union(List.of(a)));
    }
}
