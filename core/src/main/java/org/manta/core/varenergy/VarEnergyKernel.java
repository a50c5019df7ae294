package org.manta.core.varenergy;

import java.util.Arrays;
import org.manta.core.events.EnergyBand;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.Histogram;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;

/**
 * The per-segment step of a variability-versus-energy job: one sweep over a segment's events histograms
 * every subject band and the reference band at once (each event's band by bisection on the edges, its time
 * bin by numpy's histogram rule, {@link Histogram#bin}), then {@link VarEnergyAccumulator#addHistograms}
 * transforms and accumulates them. One kernel per thread: it holds the FFT plan and B+1 (two lists: 2B+1)
 * count buffers of N bins.
 */
public final class VarEnergyKernel {
    private final VarEnergyLayout layout;
    private final RealFft fft;
    private final double[][] counts;
    private final int[] events;
    private final double[] refCounts;
    private final double[][] counts2;
    private final int[] events2;

    public VarEnergyKernel(VarEnergyLayout layout) {
        this.layout = layout;
        int n = layout.spec().nbin();
        int bands = layout.bands().count();
        this.fft = new RealFft(n);
        this.counts = new double[bands][n];
        this.events = new int[bands];
        this.refCounts = new double[n];
        this.counts2 = layout.secondList() ? new double[bands][n] : null;
        this.events2 = layout.secondList() ? new int[bands] : null;
    }

    /**
     * Adds one segment. {@code list1} carries the events of the (first) list with their selection values
     * ({@link SegmentSlice#values}); {@code list2}, with a second list, those of the second list (the
     * reference comes from it), else null.
     */
    public void add(VarEnergyAccumulator acc, SegmentSlice list1, SegmentSlice list2) {
        for (double[] c : counts) {
            Arrays.fill(c, 0.0);
        }
        Arrays.fill(events, 0);
        Arrays.fill(refCounts, 0.0);
        int refEvents;
        if (list2 == null) {
            refEvents = histogram(list1, counts, events, true);
        } else {
            histogram(list1, counts, events, false);
            for (double[] c : counts2) {
                Arrays.fill(c, 0.0);
            }
            Arrays.fill(events2, 0);
            refEvents = histogram(list2, counts2, events2, true);
        }
        acc.addHistograms(list1.index, counts, events, refCounts, refEvents, counts2, events2, fft);
    }

    /** Bins the slice's events into their bands (and the reference when asked); returns the reference events. */
    private int histogram(SegmentSlice s, double[][] into, int[] perBand, boolean reference) {
        SegmentSpec spec = layout.spec();
        EnergyBands bands = layout.bands();
        EnergyBand ref = layout.reference();
        int n = spec.nbin();
        double t = spec.segmentSize();
        double norm = n / t;
        double step = t / n;
        int refEvents = 0;
        double[] times = s.times;
        double[] values = s.values;
        for (int i = 0; i < s.count; i++) {
            double v = values[i];
            int band = bands.indexOf(v);
            boolean inRef = reference && ref.contains(v);
            if (band < 0 && !inRef) {
                continue;
            }
            int k = Histogram.bin(times[i] - s.start, n, t, norm, step);
            if (k < 0) {
                continue;
            }
            if (band >= 0) {
                into[band][k] += 1.0;
                perBand[band]++;
            }
            if (inRef) {
                refCounts[k] += 1.0;
                refEvents++;
            }
        }
        return refEvents;
    }
}
