package org.manta.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventCursorTest {

    /** numpy searchsorted(side='left') by scanning. */
    static int lowerBound(double[] a, double v) {
        int i = 0;
        while (i < a.length && a[i] < v) {
            i++;
        }
        return i;
    }

    @Test
    void agreesWithSearchsortedLeftForSweepsAndStepsBack() {
        Random random = new Random(11);
        double[] times = new double[500];
        for (int i = 0; i < times.length; i++) {
            times[i] = Math.floor(random.nextDouble() * 200) / 2; // many duplicates
        }
        Arrays.sort(times);
        EventCursor cursor = new EventCursor(times);
        double target = -5;
        for (int step = 0; step < 2000; step++) {
            target += random.nextDouble() < 0.9 ? random.nextDouble() * 0.3 : -random.nextDouble() * 3;
            assertEquals(lowerBound(times, target), cursor.seek(target), "target " + target);
        }
        assertEquals(times.length, cursor.seek(1e9));
        assertEquals(0, cursor.seek(-1e9));
    }
}
