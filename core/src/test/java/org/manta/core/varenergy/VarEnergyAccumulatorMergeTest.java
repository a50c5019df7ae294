package org.manta.core.varenergy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.events.EnergyBand;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Normalization;

/** The merge law of {@link VarEnergyAccumulator}: halves merged (either way) and a state round trip equal one pass. */
class VarEnergyAccumulatorMergeTest {
    /** Sums over two halves reassociate each sum once: a few ulp of its largest term. */
    static final double MERGE_RTOL = 1e-12;
    static final double[] EDGES = {0.5, 1, 2, 4, 8};
    static final SegmentSpec SPEC = SegmentSpec.of(1.0 / 64, 16);

    private static VarEnergyLayout layout(EnergyBand reference) {
        return new VarEnergyLayout(SPEC, EnergyBands.energy(EDGES), reference, 0.2, 2.0, 16, false);
    }

    private static void assertSameSpectra(VarEnergyAccumulator expected, VarEnergyAccumulator actual) {
        for (VarEnergyKind kind : new VarEnergyKind[] {VarEnergyKind.RMS, VarEnergyKind.LAG, VarEnergyKind.COVARIANCE,
            VarEnergyKind.COMPLEX_COVARIANCE, VarEnergyKind.COUNT}) {
            VarEnergySpectrum e = expected.result(kind, Normalization.FRAC);
            VarEnergySpectrum a = actual.result(kind, Normalization.FRAC);
            assertClose(kind + " re", e.spectrum().re(), a.spectrum().re());
            assertClose(kind + " im", e.spectrum().im(), a.spectrum().im());
            assertClose(kind + " err", e.spectrumError().re(), a.spectrumError().re());
        }
    }

    private static void assertClose(String what, double[] e, double[] a) {
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], MERGE_RTOL * Math.abs(e[i]), what + "[" + i + "]");
        }
    }

    /** No event of the list in any band: refused by name (every spectrum would be NaN), as the embedded pipeline did. */
    @Test
    void aListWithoutEventsInItsBandsIsRefused() {
        VarEnergyAccumulator acc = new VarEnergyAccumulator(layout(EnergyBand.energy(0.5, 12)));
        acc.addListEvents(new long[EDGES.length - 1], 10);
        org.manta.core.NoDataException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.manta.core.NoDataException.class, () -> acc.requireEventsInBands("a.evt"));
        assertEquals("a.evt: no events in bands " + EnergyBands.energy(EDGES), e.getMessage());
        acc.addListEvents(new long[] {0, 0, 1, 0}, 0);
        acc.requireEventsInBands("a.evt");      // one event is enough
    }

    @Test
    void twoHalvesMergedEqualOnePass() {
        SimulatedBands sim = SimulatedBands.simulate(EDGES, new double[] {80, 120, 100, 60}, new double[] {0, .01, .02, .03},
                512, 5);
        VarEnergyLayout layout = layout(EnergyBand.energy(0.5, 12));
        int segments = sim.segments(layout);
        VarEnergyAccumulator one = new VarEnergyAccumulator(layout);
        sim.addTo(one, 0, segments);
        VarEnergyAccumulator first = new VarEnergyAccumulator(layout);
        sim.addTo(first, 0, segments / 2);
        VarEnergyAccumulator second = new VarEnergyAccumulator(layout);
        sim.addTo(second, segments / 2, segments);

        assertSameSpectra(one, first.copy().combine(second));
        assertSameSpectra(one, second.copy().combine(first));
        assertSameSpectra(one, new VarEnergyAccumulator(layout).combine(one));   // empty is neutral
        assertEquals(segments, first.copy().combine(second).segmentsSeen());

        VarEnergyAccumulator.State state = first.copy().combine(second).state();
        VarEnergyAccumulator restored = VarEnergyAccumulator.fromState(layout, state);
        assertSameSpectra(one, restored);
        assertArrayEquals(state.subPower(), restored.state().subPower(), 0);
    }

    @Test
    void overlappingSegmentsAndOtherLayoutsAreRejected() {
        SimulatedBands sim = SimulatedBands.simulate(EDGES, new double[] {50, 50, 50, 50}, new double[4], 128, 6);
        VarEnergyLayout layout = layout(EnergyBand.energy(0.5, 12));
        VarEnergyAccumulator a = new VarEnergyAccumulator(layout);
        sim.addTo(a, 0, 4);
        VarEnergyAccumulator b = new VarEnergyAccumulator(layout);
        sim.addTo(b, 3, 6);
        assertThrows(IncompatibleSpectraException.class, () -> a.combine(b));
        VarEnergyAccumulator other = new VarEnergyAccumulator(layout(EnergyBand.energy(1, 2)));
        assertThrows(IncompatibleSpectraException.class, () -> a.combine(other));
    }
}
