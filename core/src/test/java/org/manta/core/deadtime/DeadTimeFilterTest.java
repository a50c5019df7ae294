package org.manta.core.deadtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EventList;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.GtiList;

/** The dead-time filter: hand-checkable cases (those of Stingray's test_filters.py) and invariants. */
class DeadTimeFilterTest {
    static final double[] EVENTS = {1, 1.05, 1.07, 1.08, 1.1, 2, 2.2, 3, 3.1, 3.2};
    /** Standard deviations allowed between a simulated rate and its expectation. */
    static final double RATE_SIGMAS = 5;

    @Test
    void nonParalyzableHandCase() {
        // 1 kills 1.05..1.1 (all within 0.11 of 1; lost events do not extend the dead time); 3 kills 3.1 only
        boolean[] mask = DeadTimeFilter.mask(EVENTS, 0.11, false);
        assertArrayEquals(new boolean[] {true, false, false, false, false, true, true, true, false, true}, mask);
    }

    @Test
    void paralyzableHandCase() {
        double[] events = {1, 1.1, 2, 2.2, 3, 3.1, 3.2};
        // 3.1 is lost and, being an event, makes 3.2 (0.1 later) dead too
        assertArrayEquals(new boolean[] {true, false, true, true, true, false, false},
                DeadTimeFilter.mask(events, 0.11, true));
        // with the non-paralyzable model 3.2 survives: the dead time after 3 ended at 3.11
        assertArrayEquals(new boolean[] {true, false, true, true, true, false, true},
                DeadTimeFilter.mask(events, 0.11, false));
    }

    @Test
    void backgroundEventsMakeDeadTimeButAreNotReturned() {
        double[] source = {1.1, 2, 2.2, 3, 3.2};
        double[] background = {1, 3.1};
        assertArrayEquals(new boolean[] {false, true, true, true, true},
                DeadTimeFilter.mask(source, background, 0.11, false));
        assertArrayEquals(new boolean[] {false, true, true, true, false},
                DeadTimeFilter.mask(source, background, 0.11, true));
    }

    @Test
    void anEventExactlyAtTheEndOfTheDeadTimeIsKept() {
        double[] events = {0, 0.5, 1.0};
        assertArrayEquals(new boolean[] {true, true, true}, DeadTimeFilter.mask(events, 0.5, false));
        assertArrayEquals(new boolean[] {true, true, true}, DeadTimeFilter.mask(events, 0.5, true));
    }

    @Test
    void zeroDeadTimeKeepsEverythingAndNegativeIsRejected() {
        boolean[] all = new boolean[EVENTS.length];
        Arrays.fill(all, true);
        assertArrayEquals(all, DeadTimeFilter.mask(EVENTS, 0, false));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> DeadTimeFilter.mask(EVENTS, -0.11, false));
        assertTrue(e.getMessage().contains("-0.11") && e.getMessage().contains("deadtime"), e.getMessage());
    }

    @Test
    void nonParalyzableOutputHasNoTwoEventsCloserThanTheDeadTimeAndTheZhangRate() {
        double rate = 1000;
        double deadTime = 2.5e-3;
        double span = 200;
        double[] times = poisson(rate, span, 11);
        EventList filtered = DeadTimeFilter.filter(list(times), deadTime, false);
        double[] t = filtered.time();
        for (int i = 1; i < t.length; i++) {
            // compared as the filter does, relative to the first event
            assertTrue((t[i] - times[0]) - (t[i - 1] - times[0]) >= deadTime, "events " + (i - 1) + ", " + i);
        }
        // every lost event fell within the dead time of the last recorded one
        boolean[] mask = DeadTimeFilter.mask(times, deadTime, false);
        double lastKept = times[0];
        for (int i = 1; i < times.length; i++) {
            if (mask[i]) {
                lastKept = times[i];
            } else {
                assertTrue(times[i] - lastKept < deadTime, "lost event " + i);
            }
        }
        // detected rate r/(1 + r·td) (Zhang et al. 1995), within Poisson errors of the input count
        double expected = DeadTimeModel.detectedRate(deadTime, times.length / span) * span;
        assertEquals(expected, t.length, RATE_SIGMAS * Math.sqrt(expected), "recorded events");
    }

    @Test
    void paralyzableRateIsPoissonSurvival() {
        double rate = 1000;
        double deadTime = 1e-3;
        double span = 200;
        double[] times = poisson(rate, span, 12);
        int kept = DeadTimeFilter.filter(list(times), deadTime, true).size();
        // an event survives when the gap before it exceeds td: probability exp(-r·td)
        double expected = times.length * Math.exp(-times.length / span * deadTime);
        assertEquals(expected, kept, RATE_SIGMAS * Math.sqrt(expected), "recorded events");
    }

    @Test
    void filterKeepsTheColumnsOfTheSurvivingEvents() {
        int[] pi = {1, 2, 2, 2, 2, 1, 1, 1, 2, 1};
        double[] energy = {1, 2, 2, 2, 2, 1, 1, 1, 2, 1};
        EventList ev = new EventList(EVENTS, energy, pi, GtiList.of(new double[] {0}, new double[] {4}), info());
        EventList out = DeadTimeFilter.filter(ev, 0.11, false);
        assertArrayEquals(new double[] {1, 2, 2.2, 3, 3.2}, out.time());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, out.pi());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, out.energy());
        assertEquals(ev.gti(), out.gti());
    }

    static double[] poisson(double rate, double span, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] t = new double[(int) (rate * span * 1.5)];
        int n = 0;
        double now = -Math.log(1 - r.nextDouble()) / rate;
        while (now < span) {
            t[n++] = now;
            now += -Math.log(1 - r.nextDouble()) / rate;
        }
        return Arrays.copyOf(t, n);
    }

    static EventList list(double[] times) {
        return new EventList(times, new double[0], new int[0],
                GtiList.of(new double[] {0}, new double[] {times[times.length - 1] + 1}), info());
    }

    static ObservationInfo info() {
        return ObservationInfo.simulated(0, 4);
    }
}
