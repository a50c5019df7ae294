package org.manta.core.spectrum;

import java.util.List;
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
}
