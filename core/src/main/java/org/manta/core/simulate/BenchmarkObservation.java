package org.manta.core.simulate;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.manta.core.events.Mjdref;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileWriter;

/**
 * The benchmark setting of {@code shared/peers/README.md}: a span of 1e5 s with 50 GTIs of 1500 s every
 * 2000 s (75 ks exposure), Poisson events plus 10 % pulsed at 3.3 Hz, written as a NICER-like event file
 * (TIME, PI). Events are generated in time order (a Poisson process by thinning) and streamed to the
 * file, so a file of 1e9 events needs no more memory than one block.
 */
public final class BenchmarkObservation {
    /** GTIs: {@value #GTI_COUNT} of {@value #GTI_LENGTH} s every {@value #GTI_STEP} s. */
    public static final int GTI_COUNT = 50;
    public static final double GTI_LENGTH = 1500;
    public static final double GTI_STEP = 2000;
    /** Pulse frequency, Hz, and the pulsed fraction of the events. */
    public static final double PULSE_FREQUENCY = 3.3;
    public static final double PULSED_FRACTION = 0.10;
    /** Benchmark analysis: dt = 1/4096 s, segments of 64 s (262144 bins). */
    public static final double DT = 1.0 / 4096;
    public static final double SEGMENT = 64;

    private static final int BLOCK = 1 << 16;

    private BenchmarkObservation() {
    }

    /** The benchmark GTIs. */
    public static GtiList gti() {
        double[] starts = new double[GTI_COUNT];
        double[] stops = new double[GTI_COUNT];
        for (int i = 0; i < GTI_COUNT; i++) {
            starts[i] = i * GTI_STEP;
            stops[i] = starts[i] + GTI_LENGTH;
        }
        return GtiList.of(starts, stops);
    }

    /**
     * Writes about {@code events} events (Poisson: the count itself fluctuates by its square root).
     *
     * @return the number of events written
     */
    public static long write(Path file, long events, long seed) {
        GtiList gti = gti();
        double rate = events / gti.exposure();
        // λ(t) = rate · (1 − p + p·(1 + cos 2πft)); thinning from λmax = rate · (1 + p)
        double maxRate = rate * (1 + PULSED_FRACTION);
        SplittableRandom random = new SplittableRandom(seed);
        double[] time = new double[BLOCK];
        int[] pi = new int[BLOCK];
        EventFileWriter.Options options = EventFileWriter.Options.of("NICER", "XTI",
                new Mjdref(56658, 7.775925925925930e-04), "TT", 0.0, false);
        try (EventFileWriter writer = EventFileWriter.create(file, options)) {
            int n = 0;
            for (int g = 0; g < gti.size(); g++) {
                double t = gti.get(g).start();
                double stop = gti.get(g).stop();
                while (true) {
                    t += -Math.log(1 - random.nextDouble()) / maxRate;
                    if (t >= stop) {
                        break;
                    }
                    double lambda = rate * (1 + PULSED_FRACTION * Math.cos(2 * Math.PI * PULSE_FREQUENCY * t));
                    if (random.nextDouble() * maxRate >= lambda) {
                        continue;
                    }
                    time[n] = t;
                    pi[n] = 30 + random.nextInt(970);
                    if (++n == BLOCK) {
                        writer.write(time, pi, null, 0, n);
                        n = 0;
                    }
                }
            }
            writer.write(time, pi, null, 0, n);
            writer.finish(gti);
            return writer.count();
        }
    }
}
