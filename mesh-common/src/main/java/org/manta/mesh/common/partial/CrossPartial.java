package org.manta.mesh.common.partial;

import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.CrossAccumulator;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/**
 * The CPDS partial: a {@link CrossAccumulator} over two aligned channels (subject, reference); on the
 * wire {@code cross_*_sum}, {@code pds*_sum} and {@code nphots1_sum}, {@code nphots2_sum}.
 */
public final class CrossPartial extends MeshPartial {
    private final CrossAccumulator cross;

    CrossPartial(String jobId, SegmentSpec spec, SegmentSet processed, SegmentSet used, CrossAccumulator cross) {
        super(jobId, spec, processed, used);
        this.cross = cross;
    }

    /** An empty CPDS partial. */
    public static CrossPartial empty(String jobId, SegmentSpec spec) {
        return new CrossPartial(jobId, spec, SegmentSet.empty(), SegmentSet.empty(), new CrossAccumulator(spec));
    }

    static CrossPartial fromProto(PartialAccumulator p, SegmentSpec spec, SegmentSet processed, SegmentSet used) {
        return new CrossPartial(p.getJobId(), spec, processed, used,
                CrossAccumulator.fromState(spec, new CrossAccumulator.State(used,
                        Protos.doubles(p.getCrossReSumList()), Protos.doubles(p.getCrossImSumList()),
                        Protos.doubles(p.getPds1SumList()), Protos.doubles(p.getPds2SumList()),
                        p.getNphots1Sum(), p.getNphots2Sum())));
    }

    @Override
    public ProductKind kind() {
        return ProductKind.CPDS;
    }

    @Override
    int channels() {
        return 2;
    }

    @Override
    boolean foldSums(SegmentSlice[] channels, SegmentKernel kernel) {
        return kernel.add(cross, channels[0], channels[1]);
    }

    @Override
    void mergeSums(MeshPartial other) {
        cross.combine(((CrossPartial) other).cross);
    }

    @Override
    void writeSums(PartialAccumulator.Builder b, boolean withRows) {
        CrossAccumulator.State s = cross.state();
        addAll(s.sumRe(), b::addCrossReSum);
        addAll(s.sumIm(), b::addCrossImSum);
        addAll(s.sumPower1(), b::addPds1Sum);
        addAll(s.sumPower2(), b::addPds2Sum);
        b.setNphots1Sum(s.sumNph1()).setNphots2Sum(s.sumNph2());
    }

    /** The cross accumulator (live, not a copy). */
    public CrossAccumulator cross() {
        return cross;
    }
}
