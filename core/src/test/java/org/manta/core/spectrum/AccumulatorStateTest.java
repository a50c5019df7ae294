package org.manta.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSpec;

/**
 * Exported accumulator state restores an accumulator that behaves exactly like the original: the
 * same result bit for bit, and combining restored halves equals combining the originals (this is
 * what the mesh does with partials on the wire).
 */
class AccumulatorStateTest {
    private static final SegmentSpec SPEC = AccumulatorMergeLawTest.SPEC;
    private static final int SEGMENTS = AccumulatorMergeLawTest.SEGMENTS;

    @Test
    void powerStateRoundTripsExactly() {
        RealFft fft = new RealFft(SPEC.nbin());
        PowerAccumulator a = new PowerAccumulator(SPEC);
        PowerAccumulator b = new PowerAccumulator(SPEC);
        for (int s = 0; s < SEGMENTS; s++) {
            (s % 2 == 0 ? a : b).add(s, AccumulatorMergeLawTest.counts(s, 0, SPEC.nbin()), fft);
        }
        PowerAccumulator restoredA = PowerAccumulator.fromState(SPEC, a.state());
        PowerAccumulator restoredB = PowerAccumulator.fromState(SPEC, b.state());
        assertEquals(a.segments(), restoredA.segments());
        for (Normalization norm : Normalization.values()) {
            for (boolean common : new boolean[] {true, false}) {
                assertArrayEquals(a.result(norm, common).power(), restoredA.result(norm, common).power(), 0.0);
                assertArrayEquals(a.copy().combine(b).result(norm, common).power(),
                        restoredA.combine(restoredB.copy()).copy().result(norm, common).power(), 0.0);
                restoredA = PowerAccumulator.fromState(SPEC, a.state());
            }
        }
    }

    @Test
    void crossStateRoundTripsExactly() {
        RealFft fft = new RealFft(SPEC.nbin());
        CrossAccumulator a = new CrossAccumulator(SPEC);
        for (int s = 0; s < SEGMENTS; s++) {
            a.add(s, AccumulatorMergeLawTest.counts(s, 0, SPEC.nbin()), AccumulatorMergeLawTest.counts(s, 1, SPEC.nbin()),
                    fft);
        }
        AveragedCrossSpectrum expected = a.result(Normalization.FRAC);
        AveragedCrossSpectrum restored = CrossAccumulator.fromState(SPEC, a.state()).result(Normalization.FRAC);
        assertArrayEquals(expected.power().re(), restored.power().re(), 0.0);
        assertArrayEquals(expected.power().im(), restored.power().im(), 0.0);
        assertArrayEquals(expected.pds2().power(), restored.pds2().power(), 0.0);
        assertEquals(expected.nphots1(), restored.nphots1(), 0.0);
    }

    @Test
    void dynamicalColumnsRoundTripExactly() {
        RealFft fft = new RealFft(SPEC.nbin());
        DynamicalPowerAccumulator a = new DynamicalPowerAccumulator(SPEC);
        for (int s = 0; s < SEGMENTS; s++) {
            a.add(s, 100.0 + s * SPEC.segmentSize(), AccumulatorMergeLawTest.counts(s, 0, SPEC.nbin()), fft);
        }
        DynamicalPowerAccumulator restored = new DynamicalPowerAccumulator(SPEC);
        a.columns().reversed().forEach(restored::addColumn);
        DynamicalPowerSpectrum expected = a.result(Normalization.LEAHY);
        DynamicalPowerSpectrum actual = restored.result(Normalization.LEAHY);
        assertArrayEquals(expected.time(), actual.time(), 0.0);
        for (int j = 0; j < expected.dynPs().length; j++) {
            assertArrayEquals(expected.dynPs()[j], actual.dynPs()[j], 0.0);
        }
        assertThrows(InvalidParameterException.class, () -> restored.addColumn(a.columns().get(0)));
    }

    @Test
    void commonMeanOnlyStateRoundTrips() {
        RealFft fft = new RealFft(SPEC.nbin());
        PowerAccumulator a = PowerAccumulator.commonMeanOnly(SPEC);
        for (int s = 0; s < SEGMENTS; s++) {
            a.add(s, AccumulatorMergeLawTest.counts(s, 0, SPEC.nbin()), fft);
        }
        PowerAccumulator.State state = a.state();
        assertEquals(0, state.sumPowerOverNph().length);
        PowerAccumulator restored = PowerAccumulator.fromState(SPEC, state);
        assertArrayEquals(a.result(Normalization.FRAC).power(), restored.result(Normalization.FRAC).power(), 0.0);
        assertThrows(org.manta.core.IncompatibleSpectraException.class,
                () -> restored.combine(new PowerAccumulator(SPEC)), "a common-mean-only state stays common-mean-only");
    }

    @Test
    void wrongLengthsAreRejected() {
        PowerAccumulator.State bad = new PowerAccumulator.State(SegmentSet.empty(), new double[3], new double[SPEC.nFreq()],
                new double[SPEC.nFreq()], 0);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> PowerAccumulator.fromState(SPEC, bad));
        assertEquals(true, e.getMessage().contains("sumPower.length"), e.getMessage());
    }
}
