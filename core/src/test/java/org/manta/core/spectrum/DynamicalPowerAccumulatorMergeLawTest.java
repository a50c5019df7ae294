package org.manta.core.spectrum;

import java.util.ArrayList;
import java.util.List;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.SegmentSpec;

class DynamicalPowerAccumulatorMergeLawTest
        extends AccumulatorMergeLawTest<DynamicalPowerAccumulator, DynamicalPowerSpectrum> {
    @Override
    DynamicalPowerAccumulator empty(SegmentSpec spec) {
        return new DynamicalPowerAccumulator(spec);
    }

    @Override
    void add(DynamicalPowerAccumulator accumulator, int segment, RealFft fft) {
        accumulator.add(segment, 1000 + segment * SPEC.segmentSize(), counts(segment, 0, SPEC.nbin()), fft);
    }

    @Override
    List<double[]> numbers(DynamicalPowerSpectrum r) {
        List<double[]> out = new ArrayList<>(List.of(r.dynPs()));
        out.add(r.time());
        out.add(new double[] {r.nphots(), r.meanrate(), r.unnormConversion()});
        return out;
    }
}
