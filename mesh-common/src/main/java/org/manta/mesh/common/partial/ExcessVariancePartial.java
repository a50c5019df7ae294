package org.manta.mesh.common.partial;

import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.varenergy.ExcessVarianceAccumulator;
import org.manta.core.varenergy.VarEnergySpectrum;
import org.manta.mesh.common.mapping.VarEnergySpecs;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/**
 * The excess-variance partial (a VARENERGY job of kind excvar): the finished sums of an
 * {@link ExcessVarianceAccumulator} over the whole list. The excess variance is not decomposable by the plan's
 * segments (each band's light curve spans the GTIs, gaps included), so the job is one work unit that one worker
 * computes with the embedded command's {@code VarEnergyPipeline.excessVariance}; the partial covers every segment
 * of the plan (processed = used) so that the reduce tree's bookkeeping completes the job. On the wire
 * {@code PartialAccumulator.excvar}.
 */
public final class ExcessVariancePartial extends MeshPartial {
    private final ExcessVarianceAccumulator acc;
    private final EnergyBand reference;

    private ExcessVariancePartial(String jobId, SegmentSpec spec, SegmentSet segments, ExcessVarianceAccumulator acc,
                                  EnergyBand reference) {
        super(jobId, spec, segments, segments.copy());
        this.acc = acc;
        this.reference = reference;
    }

    /**
     * The partial of a whole list.
     *
     * @param spec      the plan's segment layout
     * @param segments  every segment of the plan (the one work unit's)
     * @param reference the request's reference band (recorded in the product)
     */
    public static ExcessVariancePartial of(String jobId, SegmentSpec spec, SegmentSet segments,
                                           ExcessVarianceAccumulator acc, EnergyBand reference) {
        return new ExcessVariancePartial(jobId, spec, segments.copy(), acc, reference);
    }

    static ExcessVariancePartial fromProto(PartialAccumulator p, SegmentSpec spec, SegmentSet processed,
                                           SegmentSet used) {
        if (!used.equals(processed)) {
            throw new InvalidParameterException("partial.used_ranges", used, "the processed segments " + processed
                    + " (an excess-variance partial covers whole units)");
        }
        return new ExcessVariancePartial(p.getJobId(), spec, processed, VarEnergySpecs.excessVariance(p.getExcvar()),
                VarEnergySpecs.reference(p.getExcvar()));
    }

    @Override
    public ProductKind kind() {
        return ProductKind.VARENERGY;
    }

    @Override
    int channels() {
        return 1;
    }

    @Override
    boolean foldSums(SegmentSlice[] channels, SegmentKernel kernel) {
        throw new InvalidParameterException("kernel", "a segment", "none: the excess variance is computed from the "
                + "whole list (ExcessVariancePartial.of)");
    }

    @Override
    void mergeSums(MeshPartial other) {
        acc.combine(((ExcessVariancePartial) other).acc);
    }

    @Override
    void writeSums(PartialAccumulator.Builder b, boolean withRows) {
        b.setExcvar(VarEnergySpecs.excessVarianceSums(acc, reference));
    }

    /** The excess-variance spectrum ({@link ExcessVarianceAccumulator#result}). */
    public VarEnergySpectrum result() {
        return acc.result(reference);
    }
}
