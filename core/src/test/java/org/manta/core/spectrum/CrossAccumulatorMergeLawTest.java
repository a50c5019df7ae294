package org.manta.core.spectrum;

import java.util.List;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.SegmentSpec;

class CrossAccumulatorMergeLawTest extends AccumulatorMergeLawTest<CrossAccumulator, AveragedCrossSpectrum> {
    @Override
    CrossAccumulator empty(SegmentSpec spec) {
        return new CrossAccumulator(spec);
    }

    @Override
    void add(CrossAccumulator accumulator, int segment, RealFft fft) {
        accumulator.add(segment, counts(segment, 1, SPEC.nbin()), counts(segment, 2, SPEC.nbin()), fft);
    }

    @Override
    List<double[]> numbers(AveragedCrossSpectrum r) {
        return List.of(r.power().re(), r.power().im(), r.unnormPower().re(), r.unnormPower().im(),
                r.powerErr().re(), r.powerErr().im(), r.pds1().power(), r.pds2().power(), r.m(),
                new double[] {r.nphots1(), r.nphots2(), r.mean()});
    }
}
