package org.manta.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.deadtime.FadAccumulator;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.core.deadtime.FadSpectrum;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.SegmentSpec;

/** The merge law for the FAD dead-time correction (an accumulator of another package). */
class FadAccumulatorMergeLawTest extends AccumulatorMergeLawTest<FadAccumulator, FadSpectrum> {
    /** σ of the smoothing, bins: a few bins, so that the kernel and the reflection at both ends matter. */
    private static final double SMOOTHING = 3.0;

    @Override
    FadAccumulator empty(SegmentSpec spec) {
        return new FadAccumulator(spec, FadSmoothing.GAUSS, SMOOTHING);
    }

    @Override
    void add(FadAccumulator accumulator, int segment, RealFft fft) {
        accumulator.add(segment, counts(segment, 1, SPEC.nbin()), counts(segment, 2, SPEC.nbin()), fft);
    }

    @Override
    List<double[]> numbers(FadSpectrum r) {
        return List.of(r.pds1(), r.pds2(), r.ptot(), r.cs().re(), r.cs().im(), r.pds1Unnorm(), r.pds2Unnorm(),
                r.ptotUnnorm(), r.csUnnorm().re(), r.csUnnorm().im(), r.ptotUncorrected(), r.fad().re(), r.fad().im(),
                new double[] {r.nphots1(), r.nphots2(), r.nphots(), r.segments()}, new double[] {r.fadDelta()});
    }

    /** The state that crosses the mesh's wire gives back the same accumulator: equal results, equal segments. */
    @Test
    void theStateRoundTripsExactly() {
        FadAccumulator acc = empty(SPEC);
        RealFft fft = new RealFft(SPEC.nbin());
        for (int segment : new int[] {0, 3, 4, 9}) {
            add(acc, segment, fft);
        }
        FadAccumulator back = FadAccumulator.fromState(SPEC, FadSmoothing.GAUSS, SMOOTHING, acc.state());
        assertEquals(acc.segments(), back.segments());
        List<double[]> expected = numbers(acc.result(Normalization.FRAC));
        List<double[]> actual = numbers(back.result(Normalization.FRAC));
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0.0, "array " + i);
        }
        FadAccumulator.State s = acc.state();
        FadAccumulator.State shorter = new FadAccumulator.State(s.segments(), s.p1(), s.p2(), s.pt(), s.cRe(), s.cIm(),
                s.ptUncorrected(), java.util.Arrays.copyOf(s.fadRe(), 3), s.fadIm(), s.sumNph1(), s.sumNph2());
        assertThrows(InvalidParameterException.class, () -> FadAccumulator.fromState(SPEC, FadSmoothing.GAUSS, SMOOTHING,
                shorter));
    }
}
