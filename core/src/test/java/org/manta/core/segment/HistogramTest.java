package org.manta.core.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The numpy histogram rule (errata M1) against a direct search over numpy's bin edges. */
class HistogramTest {

    /**
     * numpy {@code histogram(x, bins=N, range=[0, T])} by definition: edges {@code linspace(0, T, N+1)}
     * (= {@code k·(T/N)}, last exactly T), bin k holds {@code e_k <= x < e_{k+1}}, the last bin also
     * {@code x = T}; values outside [0, T] dropped.
     */
    static double[] byEdges(double[] x, double t, int n) {
        double[] edges = new double[n + 1];
        double step = t / n;
        for (int k = 0; k < n; k++) {
            edges[k] = k * step;
        }
        edges[n] = t;
        double[] counts = new double[n];
        for (double v : x) {
            if (v < 0 || v > t) {
                continue;
            }
            int k = n - 1;
            for (int i = 0; i < n; i++) {
                if (edges[i] <= v && v < edges[i + 1]) {
                    k = i;
                    break;
                }
            }
            counts[k]++;
        }
        return counts;
    }

    @Test
    void matchesNumpyEdgesOnGridAndRandomValues() {
        double t = 10;
        int n = 100;
        SegmentSpec spec = new SegmentSpec(t / n, n, t);
        Random random = new Random(7);
        double[] x = new double[3000];
        for (int i = 0; i < 1000; i++) {
            x[i] = i * 0.01;                       // the 0.1-grid cases where numba and numpy disagree
            x[1000 + i] = random.nextDouble() * t;
            x[2000 + i] = Math.nextUp((i % 100) * 0.1);
        }
        x[2999] = t;
        double[] times = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            times[i] = x[i];
        }
        Arrays.sort(times);
        double[] counts = new double[n];
        Arrays.fill(counts, 99);
        int binned = Histogram.countSegment(times, 0, times.length, 0.0, spec, counts);
        assertEquals(times.length, binned);
        assertArrayEquals(byEdges(times, t, n), counts, 0.0);
        // x = 0.3 is bin 2 under numpy's rule (edge 3·0.1 = 0.30000000000000004 > 0.3)
        double[] one = new double[n];
        Histogram.countSegment(new double[] {0.3}, 0, 1, 0.0, spec, one);
        assertArrayEquals(byEdges(new double[] {0.3}, t, n), one, 0.0);
        int numbaBin = (int) Math.floor(0.3 * (1 / (t / n)));
        assertEquals(0.0, one[numbaBin], "numba's floor(x·(1/(T/N))) rule would put 0.3 one bin higher");
    }

    @Test
    void outOfRangeEventsAreDroppedAndOnlyTheRangeIsCounted() {
        SegmentSpec spec = SegmentSpec.of(1.0 / 128, 1);
        double[] times = {99.9, 100.0, 100.5, 100.999, 101.0, 101.5};
        double[] counts = new double[spec.nbin() + 3];
        counts[spec.nbin()] = 42;
        int binned = Histogram.countSegment(times, 0, times.length, 100.0, spec, counts);
        assertEquals(4, binned, "99.9 and 101.5 are outside [0, T]");
        assertEquals(1, counts[0]);
        assertEquals(1, counts[64]);
        assertEquals(2, counts[127], "the last bin is closed: 100.999 and 101.0");
        assertEquals(42, counts[spec.nbin()], "entries past nbin untouched");
    }
}
