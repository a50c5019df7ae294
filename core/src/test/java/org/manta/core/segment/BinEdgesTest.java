package org.manta.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.manta.core.events.Timing;

/**
 * numpy 1.24's histogram set-up, values from numpy itself ({@code /usr/bin/python3}, Debian bookworm):
 * <pre>
 * dt = np.longdouble(1e-4) * max(np.rint(0.0031 / np.longdouble(1e-4)), 1); n = int(np.floor(10 / dt)); seg = n * dt
 * np.linspace(0, seg, n + 1, dtype=float)[k], float(n / seg)
 * </pre>
 */
class BinEdgesTest {

    @Test
    void anExtendedSegmentHasNumpysLongdoubleEdges() {
        SegmentSpec spec = Timing.segmentSpec(0.0031, 1e-4, 10);
        assertTrue(spec.isExtended());
        assertEquals(3225, spec.nbin());
        assertEquals(9.9975, spec.segmentSize(), 0.0);
        assertEquals(-1.8214596497756474e-17, spec.extendedSegmentSize().lo(), 0.0);
        assertEquals(0.0031000000000000003, spec.dt(), 0.0);
        BinEdges e = BinEdges.of(spec);
        assertTrue(e.isTabulated());
        assertEquals(322.5806451612903, e.norm(), 0.0);
        assertEquals(0.0031000000000000003, e.edge(1), 0.0);
        assertEquals(0.006200000000000001, e.edge(2), 0.0);
        assertEquals(3.1, e.edge(1000), 0.0, "k·step in double would be 3.1000000000000005");
        assertEquals(9.9944, e.edge(3224), 0.0);
        assertEquals(9.9975, e.edge(3225), 0.0);
    }

    @Test
    void aPowerOfTwoBinTimeKeepsTheOnTheFlyEdges() {
        // TIMEDEL = 2^-20 (RXTE): dt = 1/64 in longdouble, whose edges k/64 are exact doubles
        SegmentSpec spec = Timing.segmentSpec(1.0 / 64, 0x1p-20, 8);
        assertTrue(spec.isExtended());
        assertEquals(8.0, spec.segmentSize(), 0.0);
        BinEdges e = BinEdges.of(spec);
        assertFalse(e.isTabulated());
        assertEquals(64.0, e.norm(), 0.0, "N/T = 512/8");
        assertEquals(3.0 / 64, e.edge(3), 0.0);
    }

    @Test
    void theBinOfAnEventOnAnEdgeFollowsTheTabulatedEdge() {
        SegmentSpec spec = Timing.segmentSpec(0.0031, 1e-4, 10);
        double[] counts = new double[spec.nbin()];
        // x = 3.1 is edge 1000 exactly: bin 1000 (numpy), though 3.1 < 1000·step in double
        Histogram.countSegment(new double[] {3.1}, 0, 1, 0.0, BinEdges.of(spec), counts);
        assertEquals(1.0, counts[1000], 0.0);
    }
}
