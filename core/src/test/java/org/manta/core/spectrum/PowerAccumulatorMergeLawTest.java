package org.manta.core.spectrum;

import java.util.List;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.SegmentSpec;

class PowerAccumulatorMergeLawTest extends AccumulatorMergeLawTest<PowerAccumulator, AveragedPowerSpectrum> {
    @Override
    PowerAccumulator empty(SegmentSpec spec) {
        return new PowerAccumulator(spec);
    }

    @Override
    void add(PowerAccumulator accumulator, int segment, RealFft fft) {
        accumulator.add(segment, counts(segment, 0, SPEC.nbin()), fft);
    }

    /** Common-mean result of the test, plus the per-segment-mean powers from the same state. */
    @Override
    List<double[]> numbers(AveragedPowerSpectrum r) {
        return List.of(r.power(), r.powerErr(), r.unnormPower(), r.m(), new double[] {r.nphots(), r.mean()});
    }

    @org.junit.jupiter.api.Test
    void perSegmentMeanResultObeysTheLawToo() {
        PowerAccumulator a = new PowerAccumulator(SPEC);
        PowerAccumulator b = new PowerAccumulator(SPEC);
        PowerAccumulator all = new PowerAccumulator(SPEC);
        RealFft fft = new RealFft(SPEC.nbin());
        for (int s = 0; s < SEGMENTS; s++) {
            add(s % 3 == 0 ? a : b, s, fft);
            add(all, s, fft);
        }
        for (Normalization norm : Normalization.values()) {
            double[] expected = all.result(norm, false).power();
            double[] merged = b.copy().combine(a).result(norm, false).power();
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, merged,
                    MERGE_TOL * java.util.Arrays.stream(expected).max().orElseThrow());
        }
    }
}
