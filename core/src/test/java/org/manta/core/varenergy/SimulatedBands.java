package org.manta.core.varenergy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.manta.core.io.EventChunk;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.Segments;
import org.manta.core.gti.GtiList;

/**
 * Simulated event lists for the invariant tests: every band sees the same variable light curve
 * {@code r_b(t) = μ_b·(1 + x(t − τ_b))}, with {@code x} a sum of sinusoids of fixed amplitude and random
 * phases (a broad, known signal), delayed by the band's lag {@code τ_b}; events are drawn per fine bin by
 * thinning. Also feeds an accumulator from the arrays, through the same segment cutter as the pipeline.
 */
final class SimulatedBands {
    /** Frequencies of the sinusoids, Hz: multiples of 1/16 Hz (whole periods in a 16 s segment, no leakage), inside 0.2–2 Hz. */
    static final double[] SIGNAL_FREQUENCIES = {0.25, 0.375, 0.5, 0.625, 0.875, 1.125, 1.3125, 1.625, 1.875};
    /** Amplitude of each sinusoid, as a fraction of the mean. */
    static final double SIGNAL_AMPLITUDE = 0.08;

    final double[] time;
    final double[] energy;
    final GtiList gti;

    private SimulatedBands(double[] time, double[] energy, GtiList gti) {
        this.time = time;
        this.energy = energy;
        this.gti = gti;
    }

    /**
     * @param edges      band edges, keV; each band's events get energies uniform inside it
     * @param rates      mean count rate of each band, ct/s
     * @param lags       delay of each band's light curve, s
     * @param duration   one GTI {@code [0, duration)}, s
     * @param seed       random seed
     */
    static SimulatedBands simulate(double[] edges, double[] rates, double[] lags, double duration, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] phases = new double[SIGNAL_FREQUENCIES.length];
        for (int i = 0; i < phases.length; i++) {
            phases[i] = 2 * Math.PI * rng.nextDouble();
        }
        double amplitude = SIGNAL_AMPLITUDE * SIGNAL_FREQUENCIES.length;
        int capacity = 1024;
        double[] t = new double[capacity];
        double[] e = new double[capacity];
        int n = 0;
        for (int b = 0; b < rates.length; b++) {
            double max = rates[b] * (1 + amplitude);
            double now = 0;
            while (true) {
                now += -Math.log(1 - rng.nextDouble()) / max;
                if (now >= duration) {
                    break;
                }
                double x = 0;
                for (int i = 0; i < phases.length; i++) {
                    x += SIGNAL_AMPLITUDE * Math.sin(2 * Math.PI * SIGNAL_FREQUENCIES[i] * (now - lags[b]) + phases[i]);
                }
                if (rng.nextDouble() * max >= rates[b] * (1 + x)) {
                    continue;
                }
                if (n == capacity) {
                    capacity *= 2;
                    t = Arrays.copyOf(t, capacity);
                    e = Arrays.copyOf(e, capacity);
                }
                t[n] = now;
                e[n] = edges[b] + (edges[b + 1] - edges[b]) * rng.nextDouble();
                n++;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] tt = t;
        Arrays.sort(order, (a, c) -> Double.compare(tt[a], tt[c]));
        double[] time = new double[n];
        double[] energy = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = t[order[i]];
            energy[i] = e[order[i]];
        }
        return new SimulatedBands(time, energy, GtiList.of(new double[] {0}, new double[] {duration}));
    }

    /**
     * Adds the segments {@code [from, to)} of this list to {@code acc} (one list), as the pipeline would, and the
     * whole list's band counts when {@code from == 0}.
     */
    void addTo(VarEnergyAccumulator acc, int from, int to) {
        VarEnergyLayout layout = acc.layout();
        double[] starts = Segments.starts(gti, layout.spec());
        int[] cursor = {0};
        EventChunk chunk = new EventChunk(4096);
        SegmentEventStream stream = new SegmentEventStream(ck -> {
            int m = Math.min(ck.capacity(), time.length - cursor[0]);
            System.arraycopy(time, cursor[0], ck.time, 0, m);
            System.arraycopy(energy, cursor[0], ck.energy, 0, m);
            ck.size = m;
            cursor[0] += m;
            return m > 0;
        }, chunk, starts, layout.spec().segmentSize()).withValues();
        VarEnergyKernel kernel = new VarEnergyKernel(layout);
        SegmentSlice slice = new SegmentSlice(1024);
        while (stream.next(slice)) {
            if (slice.index >= from && slice.index < to) {
                kernel.add(acc, slice, null);
            }
        }
        if (from == 0) {
            long[] perBand = new long[layout.bands().count()];
            long ref = 0;
            for (double v : energy) {
                int b = layout.bands().indexOf(v);
                if (b >= 0) {
                    perBand[b]++;
                }
                if (layout.reference().contains(v)) {
                    ref++;
                }
            }
            acc.addListEvents(perBand, ref);
        }
    }

    /** Number of segments of the layout in this list's GTI. */
    int segments(VarEnergyLayout layout) {
        return Segments.starts(gti, layout.spec()).length;
    }
}
