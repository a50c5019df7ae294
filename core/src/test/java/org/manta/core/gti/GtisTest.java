package org.manta.core.gti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;

class GtisTest {

    private static GtiList gtis(double... bounds) {
        List<Gti> list = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            list.add(new Gti(bounds[i], bounds[i + 1]));
        }
        return GtiList.of(list);
    }

    @Test
    void joinsExactlyTouchingIntervals() {
        assertEquals(gtis(0, 3, 4, 5), Gtis.joinEqualBoundaries(gtis(0, 1, 1, 2, 2, 3, 4, 5)));
        GtiList apart = gtis(0, 1, 1.5, 2);
        assertSame(apart, Gtis.joinEqualBoundaries(apart), "nothing to join: same list");
        assertEquals(gtis(0, 2), Gtis.joinEqualBoundaries(apart, 0.5));
        assertThrows(InvalidParameterException.class, () -> Gtis.joinEqualBoundaries(apart, -1));
    }

    @Test
    void errataM7CounterExamplesGetTheTrueIntersection() {
        // Stingray's cross_two_gtis returns [[14, 32]] here; the two lists share no positive-length time
        assertTrue(Gtis.intersect(gtis(14, 32, 38, 40), gtis(6, 9, 12, 14, 44, 47)).isEmpty());
        // Stingray adds a spurious [42, 47]
        assertEquals(gtis(20, 32, 39, 41), Gtis.intersect(gtis(15, 42, 53, 59), gtis(20, 32, 39, 41, 42, 47)));
    }

    @Test
    void touchingIntervalsAreJoinedBeforeIntersecting() {
        assertEquals(gtis(1, 4), Gtis.intersect(gtis(1, 4), gtis(1, 2, 2, 4)));
        assertEquals(gtis(1, 2), Gtis.intersect(gtis(1, 2), gtis(1, 2)));
    }

    /**
     * Random integer-grid lists (with many touching boundaries, the M7 case) against an independent
     * oracle: a unit cell (k, k+1) is good when both lists cover it; maximal runs of good cells are the
     * intersection.
     */
    @Test
    void intersectionMatchesACellOracle() {
        Random rng = new Random(7);
        for (int trial = 0; trial < 5000; trial++) {
            GtiList a = randomGrid(rng);
            GtiList b = randomGrid(rng);
            boolean[] good = new boolean[64];
            for (int k = 0; k < good.length; k++) {
                good[k] = covers(a, k) && covers(b, k);
            }
            List<Gti> expected = new ArrayList<>();
            for (int k = 0; k < good.length; k++) {
                if (good[k] && (k == 0 || !good[k - 1])) {
                    int end = k;
                    while (end < good.length && good[end]) {
                        end++;
                    }
                    expected.add(new Gti(k, end));
                }
            }
            assertEquals(GtiList.of(expected), Gtis.intersect(a, b), a + " ∩ " + b);
            assertEquals(Gtis.intersect(a, b), Gtis.intersect(b, a), "commutative");
        }
    }

    private static boolean covers(GtiList g, int k) {
        for (Gti x : g.intervals()) {
            if (x.start() <= k && k + 1 <= x.stop()) {
                return true;
            }
        }
        return false;
    }

    private static GtiList randomGrid(Random rng) {
        List<Gti> list = new ArrayList<>();
        int t = rng.nextInt(4);
        while (true) {
            int len = 1 + rng.nextInt(8);
            if (t + len > 60) {
                break;
            }
            list.add(new Gti(t, t + len));
            t += len + rng.nextInt(3); // gap 0 (touching), 1 or 2
        }
        return GtiList.of(list);
    }

    @Test
    void intersectionOfSeveralLists() {
        assertEquals(gtis(2, 3), Gtis.intersect(List.of(gtis(0, 10), gtis(1, 3), gtis(2, 5))));
        GtiList single = gtis(0, 1, 1, 2);
        assertSame(single, Gtis.intersect(List.of(single)), "a single list is returned unchanged, as Stingray does");
        assertTrue(Gtis.intersect(List.of(gtis(0, 1), gtis(2, 3), gtis(0, 3))).isEmpty());
        assertThrows(InvalidParameterException.class, () -> Gtis.intersect(List.of()));
    }

    @Test
    void maskKeepsWholeBinsWithATolerance() {
        GtiList g = gtis(0, 10);
        double dt = 1.0;
        // bins must fit: a + dt/2 - 0.001 dt <= t <= b - dt/2 + 0.001 dt
        double[] t = {-0.5, 0.4989, 0.4991, 0.5, 9.5, 9.5009, 9.5011, 10.5};
        assertArrayEquals(new boolean[] {false, false, true, true, true, true, false, false}, Gtis.mask(t, g, dt));
        // a gap shorter than a bin still invalidates the bins that straddle it
        GtiList gap = gtis(0, 5, 5.25, 10);
        double[] centres = {4.5, 5.5, 6.5};
        assertArrayEquals(new boolean[] {true, false, true}, Gtis.mask(centres, gap, dt));
        // unsorted input gives the same answer per element
        assertArrayEquals(new boolean[] {true, false, true}, Gtis.mask(new double[] {6.5, 5.5, 4.5}, gap, dt));
    }

    @Test
    void maskOfEventsIsTheClosedInterval() {
        assertArrayEquals(new boolean[] {false, true, true, true, false},
                Gtis.mask(new double[] {-1e-9, 0, 5, 10, 10 + 1e-9}, gtis(0, 10), 0.0));
    }

    @Test
    void maskWithoutDtUsesHalfTheMedianSpacing() {
        // spacing 1 -> dt = 0.5: 0 and 3 are within dt/2 of the GTI ends
        assertArrayEquals(new boolean[] {false, true, true, false}, Gtis.mask(new double[] {0, 1, 2, 3}, gtis(0, 3)));
        assertArrayEquals(new boolean[] {false, true, false, true}, Gtis.mask(new double[] {3, 1, 0, 2}, gtis(0, 3)));
        assertThrows(InvalidParameterException.class, () -> Gtis.mask(new double[] {1}, gtis(0, 3)));
    }

    @Test
    void maskRejectsEmptyGtisAndNegativeDt() {
        assertThrows(InvalidParameterException.class, () -> Gtis.mask(new double[] {1}, GtiList.empty(), 1));
        assertThrows(InvalidParameterException.class, () -> Gtis.mask(new double[] {1}, gtis(0, 1), -1));
    }

    @Test
    void fromConditionGivesOneGtiPerRunOfGoodIndicesHalfABinBeyondItsEnds() {
        // Stingray gti.create_gti_from_condition: runs of utils.contiguous_regions(condition), each
        // [time[first] - dt, time[last] + dt] with dt the half-width; checked against those functions run on numpy
        double[] time = {0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5};
        boolean[] good = {true, true, false, true, false, false, true, true, true, true};
        assertEquals(gtis(0, 2, 3, 4, 6, 10), Gtis.fromCondition(time, good, 0.5));
        assertEquals(gtis(1, 3), Gtis.fromCondition(new double[] {0.5, 1.5, 2.5, 3.5},
                new boolean[] {false, true, true, false}, 0.5));
        assertEquals(gtis(0, 5), Gtis.fromCondition(new double[] {0.5, 1.5, 4.5}, new boolean[] {true, true, true}, 0.5),
                "a run of indices spans a gap in the times, as in Stingray");
        assertTrue(Gtis.fromCondition(time, new boolean[time.length], 0.5).isEmpty());
        assertThrows(InvalidParameterException.class, () -> Gtis.fromCondition(time, new boolean[3], 0.5));
        assertThrows(InvalidParameterException.class, () -> Gtis.fromCondition(time, good, -1));
    }

    @Test
    void gtisFromAConditionOnContiguousBinsMaskExactlyTheGoodBins() {
        Random random = new Random(17);
        double dt = 0.125;
        double[] time = new double[200];
        boolean[] good = new boolean[time.length];
        for (int i = 0; i < time.length; i++) {
            time[i] = 80000000 + (i + 0.5) * dt;
            good[i] = random.nextDouble() < 0.7;
        }
        assertArrayEquals(good, Gtis.mask(time, Gtis.fromCondition(time, good, dt / 2), dt));
    }
}
