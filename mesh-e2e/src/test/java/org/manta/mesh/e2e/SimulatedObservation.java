package org.manta.mesh.e2e;

import java.nio.file.Files;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ProductKind;

import java.nio.file.Path;
import java.util.Random;
import org.manta.core.events.Mjdref;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileWriter;

/**
 * Writes a simulated event file: Poisson arrivals at {@code rate} ct/s, 20 % modulated at 0.7 Hz
 * (a QPO-like peak for the spectra), over two GTIs of {@code duration/2} separated by a 10 s gap; PI
 * uniform in [30, 1000). Deterministic in the seed.
 */
final class SimulatedObservation {
    private static final double T0 = 1.0e8;

    private SimulatedObservation() {
    }

    /** Good time of {@code sim.evt}, the observation the mesh tests run their jobs on, s. */
    static final double SIM_DURATION = 4000;
    /** A PDS of {@code sim.evt}: 4000 segments of 1 s at dt 1/64. */
    static final JobSpec SIM_PDS = JobSpec.newBuilder().setKind(ProductKind.PDS).addInputs("sim.evt")
            .setDt(1.0 / 64).setSegmentSize(1).setNorm(Norm.LEAHY).build();

    /** Writes {@code sim.evt} (seed 42, 200 ct/s) into {@code dataRoot} unless it is there already. */
    static void writeSimUnlessPresent(Path dataRoot) {
        if (!Files.exists(dataRoot.resolve("sim.evt"))) {
            write(dataRoot.resolve("sim.evt"), 42, SIM_DURATION, 200);
        }
    }

    /** The segments of {@link #SIM_PDS}. */
    static long simSegments() {
        return Segments.starts(gti(SIM_DURATION), SegmentSpec.of(1.0 / 64, 1)).length;
    }

    /** The GTIs of an observation of {@code duration} seconds of good time. */
    static GtiList gti(double duration) {
        return GtiList.of(new Gti(T0, T0 + duration / 2), new Gti(T0 + duration / 2 + 10, T0 + duration + 10));
    }

    /** @return the number of events written */
    static long write(Path file, long seed, double duration, double rate) {
        Random rnd = new Random(seed);
        GtiList gti = gti(duration);
        int block = 1 << 16;
        double[] time = new double[block];
        int[] pi = new int[block];
        long total = 0;
        try (EventFileWriter w = EventFileWriter.create(file, EventFileWriter.Options.of("SIMULATED", "SIM",
                new Mjdref(58000, 0.0), "TT", 0.0, false))) {
            for (Gti g : gti.intervals()) {
                double t = g.start();
                int n = 0;
                while (true) {
                    t += -Math.log(1 - rnd.nextDouble()) / (1.2 * rate);
                    if (t >= g.stop()) {
                        break;
                    }
                    if (rnd.nextDouble() * 1.2 > 1 + 0.2 * Math.sin(2 * Math.PI * 0.7 * t)) {
                        continue;    // thinning: rate * (1 + 0.2 sin)
                    }
                    time[n] = t;
                    pi[n] = 30 + rnd.nextInt(970);
                    if (++n == block) {
                        w.write(time, pi, null, 0, n);
                        total += n;
                        n = 0;
                    }
                }
                w.write(time, pi, null, 0, n);
                total += n;
            }
            w.finish(gti);
        }
        return total;
    }
}
