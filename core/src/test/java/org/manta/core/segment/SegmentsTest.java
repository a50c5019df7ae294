package org.manta.core.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.gti.Float80;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;

class SegmentsTest {

    /** Independent statement of §2.4: every a + i·T whose segment ends by b + ε, per GTI. */
    static double[] bruteForceStarts(GtiList gti, double t) {
        List<Double> out = new ArrayList<>();
        for (Gti g : gti.intervals()) {
            for (int i = 0; g.start() + (i + 1) * t <= g.stop() + Segments.GTI_LENGTH_EPSILON; i++) {
                out.add(g.start() + i * t);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void segmentsStartAtEachGtiStartAndDropTheTail() {
        SegmentSpec spec = SegmentSpec.of(0.5, 2.5);
        GtiList gti = GtiList.of(new Gti(0, 10.5), new Gti(20, 30), new Gti(40, 41), new Gti(50.25, 55.25));
        double[] starts = Segments.starts(gti, spec);
        assertArrayEquals(bruteForceStarts(gti, 2.5), starts, 0.0);
        assertArrayEquals(new double[] {0, 2.5, 5, 7.5, 20, 22.5, 25, 27.5, 50.25, 52.75}, starts, 0.0);
    }

    @Test
    void gtiLengthToleranceIsTenMicroseconds() {
        SegmentSpec spec = SegmentSpec.of(1, 4);
        assertArrayEquals(new double[] {100}, Segments.starts(GtiList.of(new Gti(100, 104 - 5e-6)), spec), 0.0);
        assertThrows(NoDataException.class, () -> Segments.starts(GtiList.of(new Gti(100, 104 - 2e-5)), spec));
    }

    @Test
    void largeMetStartsAreTheNearestDoubles() {
        SegmentSpec spec = SegmentSpec.of(1.0 / 64, 8);
        double a = 503797844.7161181;
        double[] starts = Segments.starts(GtiList.of(new Gti(a, a + 99.004)), spec);
        assertEquals(12, starts.length);
        for (int i = 0; i < starts.length; i++) {
            double exact = new BigDecimal(a).add(BigDecimal.valueOf(8L * i)).doubleValue();
            assertEquals(exact, starts[i], 0.0, "start " + i);
        }
    }

    @Test
    void noLongEnoughGtiNamesTheLongestAndTheSegment() {
        SegmentSpec spec = SegmentSpec.of(1, 64);
        NoDataException e = assertThrows(NoDataException.class,
                () -> Segments.starts(GtiList.of(new Gti(0, 10), new Gti(20, 50), new Gti(60, 61)), spec));
        assertTrue(e.getMessage().endsWith("the longest, [20, 50] s, lasts 30 s, the segment is 64 s"), e.getMessage());
    }

    /** Independent statement of §2.6: per GTI, the bins fully inside it (0.1% tolerance), cut into runs of nbin. */
    static int[] bruteForceBinnedStarts(GtiList gti, double[] centres, double dt, int nbin) {
        List<Integer> out = new ArrayList<>();
        for (Gti g : gti.intervals()) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < centres.length; i++) {
                boolean good = centres[i] >= g.start() + dt / 2 - 0.001 * dt
                        && centres[i] <= g.stop() - dt / 2 + 0.001 * dt;
                if (good && first < 0) {
                    first = i;
                }
                if (good) {
                    last = i;
                }
            }
            for (int s = first; first >= 0 && s + nbin <= last + 1; s += nbin) {
                out.add(s);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void binnedSegmentsFollowTheBinGrid() {
        double dt = 0.25;
        double[] centres = new double[400];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = 1000 + (i + 0.5) * dt;
        }
        SegmentSpec spec = SegmentSpec.of(dt, 4);
        GtiList gti = GtiList.of(new Gti(1000.1, 1030), new Gti(1030.5, 1031), new Gti(1040, 1100));
        int[] starts = Segments.binnedStarts(gti, centres, spec);
        assertArrayEquals(bruteForceBinnedStarts(gti, centres, dt, spec.nbin()), starts);
        assertTrue(starts[0] == 1, "first bin fully inside the first GTI is bin 1 (centre 1000.375)");
    }

    /**
     * GTIs shifted by TIMEZERO = 0.1 in longdouble: numpy's {@code arange(g0, 600 - T + 1e-5, T,
     * dtype=longdouble)} with {@code g0 = np.longdouble(499.9) + np.longdouble(0.1)}, T = 9.999 (values from numpy).
     */
    @Test
    void extendedGtisGiveNumpysLongdoubleStarts() {
        Float80.Value g0 = Float80.add(Float80.of(499.9),
                Float80.of(0.1));
        GtiList gti = GtiList.of(Gti.of(g0, Float80.of(600)));
        SegmentBounds b = Segments.bounds(gti, SegmentSpec.of(0.003, 10));
        assertEquals(10, b.count());
        assertArrayEquals(new double[] {500.0, 509.99899999999997, 519.9979999999999}, b.origins(0, 3), 0.0);
        assertEquals(500.0, b.from(0), 0.0);
        assertEquals(509.999, b.from(1), 0.0, "s_1 lies above its double: the first event is the next double");
        assertEquals(509.999, b.to(0), 0.0);
        assertEquals(519.998, b.to(1), 0.0);
    }

    @Test
    void countIsTheNumberOfSegmentsWithoutMakingThem() {
        SegmentSpec spec = SegmentSpec.of(0.5, 2.5);
        GtiList gti = GtiList.of(new Gti(0, 10.5), new Gti(20, 30), new Gti(40, 41), new Gti(50.25, 55.25),
                new Gti(60, 64 - 2e-5), new Gti(70, 72.5 - 5e-6));
        assertEquals(Segments.bounds(gti, spec).count(), Segments.count(gti, spec));
        assertEquals(bruteForceStarts(gti, 2.5).length, Segments.count(gti, spec));
        assertEquals(0, Segments.count(GtiList.of(new Gti(0, 1)), spec));
    }

    /** The case: GTI [0, 1e8] s in 1 s segments of dt 0.5 s would hold 2.4 GB of bounds; counting is instant. */
    @Test
    void aHundredMillionSegmentsAreCountedArithmetically() {
        assertEquals(100_000_000L, Segments.count(GtiList.of(new Gti(0, 1e8)), SegmentSpec.of(0.5, 1)));
        assertEquals(3_000_000_000L, Segments.count(GtiList.of(new Gti(0, 3e9)), SegmentSpec.of(0.5, 1)));
    }

    @Test
    void boundsRefuseMoreSegmentsThanAnArrayHolds() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Segments.bounds(GtiList.of(new Gti(0, 3e9)), SegmentSpec.of(0.5, 1)));
        assertTrue(e.getMessage().contains("at most " + Segments.MAX_SEGMENTS), e.getMessage());
    }
}
