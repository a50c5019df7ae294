package org.manta.mesh.common.partial;

import org.manta.core.InvalidParameterException;
import org.manta.core.deadtime.FadAccumulator;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.core.deadtime.FadSpectrum;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Normalization;
import org.manta.mesh.common.mapping.FadSpecs;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/**
 * The FAD partial: a {@link FadAccumulator} over the two detectors' aligned segments (channel 0 detector 1,
 * channel 1 detector 2), folded through the embedded pipeline's {@link SegmentKernel#add(FadAccumulator,
 * SegmentSlice, SegmentSlice)}; on the wire {@code PartialAccumulator.fad} (the sums and the smoothing).
 */
public final class FadPartial extends MeshPartial {
    private final FadAccumulator fad;

    private FadPartial(String jobId, SegmentSpec spec, SegmentSet processed, SegmentSet used, FadAccumulator fad) {
        super(jobId, spec, processed, used);
        this.fad = fad;
    }

    /** An empty partial of a job's layout and smoothing. */
    public static FadPartial empty(String jobId, SegmentSpec spec, FadSmoothing smoothing, double smoothingLength) {
        return new FadPartial(jobId, spec, SegmentSet.empty(), SegmentSet.empty(),
                new FadAccumulator(spec, smoothing, smoothingLength));
    }

    static FadPartial fromProto(PartialAccumulator p, SegmentSpec spec, SegmentSet processed, SegmentSet used) {
        if (!p.hasFad()) {
            throw new InvalidParameterException("partial.fad", "unset", "the sums of a FAD partial");
        }
        return new FadPartial(p.getJobId(), spec, processed, used, FadSpecs.accumulator(p.getFad(), spec, used));
    }

    @Override
    public ProductKind kind() {
        return ProductKind.FAD;
    }

    @Override
    int channels() {
        return 2;
    }

    @Override
    boolean foldSums(SegmentSlice[] channels, SegmentKernel kernel) {
        return kernel.add(fad, channels[0], channels[1]);
    }

    @Override
    void mergeSums(MeshPartial other) {
        fad.combine(((FadPartial) other).fad);
    }

    @Override
    void writeSums(PartialAccumulator.Builder b, boolean withRows) {
        b.setFad(FadSpecs.sums(fad));
    }

    /**
     * The averaged spectra ({@link FadAccumulator#result(Normalization, double)}) on the job's planned segment layout
     * (the wire keeps only nbin and dt; the plan has the exact segment length the embedded command uses).
     */
    public FadSpectrum result(SegmentSpec planned, Normalization norm, double tolerance) {
        return FadAccumulator.fromState(planned, fad.smoothing(), fad.smoothingLength(), fad.state())
                .result(norm, tolerance);
    }
}
