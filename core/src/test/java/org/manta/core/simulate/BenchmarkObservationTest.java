package org.manta.core.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.events.EventList;
import org.manta.core.gti.Gti;
import org.manta.core.io.EventFileReader;

/** The benchmark-setting simulation: count, GTIs, order, and the 10 % pulsation at 3.3 Hz. */
class BenchmarkObservationTest {
    @TempDir
    Path dir;

    @Test
    void writesThePeersBenchmarkSetting() {
        long requested = 200_000;
        Path file = dir.resolve("b.evt");
        long written = BenchmarkObservation.write(file, requested, 7);
        EventList ev;
        try (EventFileReader r = EventFileReader.open(file)) {
            assertEquals(BenchmarkObservation.gti(), r.gti());
            ev = r.readAll(null);
        }
        assertEquals(written, ev.size());
        // Poisson count: within 5 sigma of the request
        assertTrue(Math.abs(written - requested) < 5 * Math.sqrt(requested), "events: " + written);
        assertEquals(50, ev.gti().size());
        assertEquals(75_000, ev.gti().exposure(), 0.0);
        double[] t = ev.time();
        int g = 0;
        double sumCos = 0;
        for (int i = 0; i < t.length; i++) {
            assertTrue(i == 0 || t[i] >= t[i - 1], "sorted at " + i);
            while (t[i] >= ev.gti().get(g).stop()) {
                g++;
            }
            Gti gti = ev.gti().get(g);
            assertTrue(t[i] >= gti.start() && t[i] < gti.stop(), "inside a GTI: " + t[i]);
            sumCos += Math.cos(2 * Math.PI * BenchmarkObservation.PULSE_FREQUENCY * t[i]);
        }
        // rate ∝ 1 + p·cos(2πft): <cos> = p/2 over the events, with standard error 1/sqrt(2N)
        double meanCos = sumCos / t.length;
        assertEquals(BenchmarkObservation.PULSED_FRACTION / 2, meanCos, 5 / Math.sqrt(2.0 * t.length));
    }
}
