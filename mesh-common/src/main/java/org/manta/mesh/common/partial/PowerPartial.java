package org.manta.mesh.common.partial;

import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.PowerAccumulator;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/** The PDS partial: a {@link PowerAccumulator} over one channel; on the wire {@code power*_sum} and {@code nphots1_sum}. */
public final class PowerPartial extends MeshPartial {
    private final PowerAccumulator power;

    PowerPartial(String jobId, SegmentSpec spec, SegmentSet processed, SegmentSet used, PowerAccumulator power) {
        super(jobId, spec, processed, used);
        this.power = power;
    }

    /**
     * An empty PDS partial.
     *
     * @param perSegmentSums also keep the sums for per-segment normalisation ({@code use_common_mean = false});
     *                       without them the partial is a third of the size ({@link PowerAccumulator#commonMeanOnly})
     */
    public static PowerPartial empty(String jobId, SegmentSpec spec, boolean perSegmentSums) {
        return new PowerPartial(jobId, spec, SegmentSet.empty(), SegmentSet.empty(),
                perSegmentSums ? new PowerAccumulator(spec) : PowerAccumulator.commonMeanOnly(spec));
    }

    static PowerPartial fromProto(PartialAccumulator p, SegmentSpec spec, SegmentSet processed, SegmentSet used) {
        return new PowerPartial(p.getJobId(), spec, processed, used,
                PowerAccumulator.fromState(spec, new PowerAccumulator.State(used,
                        Protos.doubles(p.getPowerSumList()), Protos.doubles(p.getPowerOverNphSumList()),
                        Protos.doubles(p.getPowerOverNph2SumList()), p.getNphots1Sum())));
    }

    @Override
    public ProductKind kind() {
        return ProductKind.PDS;
    }

    @Override
    int channels() {
        return 1;
    }

    @Override
    boolean foldSums(SegmentSlice[] channels, SegmentKernel kernel) {
        return kernel.add(power, channels[0]);
    }

    @Override
    void mergeSums(MeshPartial other) {
        power.combine(((PowerPartial) other).power);
    }

    @Override
    void writeSums(PartialAccumulator.Builder b, boolean withRows) {
        PowerAccumulator.State s = power.state();
        addAll(s.sumPower(), b::addPowerSum);
        addAll(s.sumPowerOverNph(), b::addPowerOverNphSum);
        addAll(s.sumPowerOverNph2(), b::addPowerOverNph2Sum);
        b.setNphots1Sum(s.sumNph());
    }

    /** The power accumulator (live, not a copy). */
    public PowerAccumulator power() {
        return power;
    }
}
