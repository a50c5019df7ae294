package org.manta.mesh.common.partial;

import org.manta.core.InvalidParameterException;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.SegmentRow;

/**
 * The DYNPS partial: a {@link DynamicalPowerAccumulator} (one column per used segment) over one
 * channel; on the wire its columns are {@code rows} and {@code nphots1_sum} their photons.
 *
 * <p>It may be <em>row-less</em>: the reducer keeps each segment's row in a store of its own and merges
 * only the index sets ({@code toProto(false)}, or a wire form without rows); {@link #usedCount()} then
 * exceeds the columns held.
 */
public final class DynamicalPartial extends MeshPartial {
    private final DynamicalPowerAccumulator dynamical;

    DynamicalPartial(String jobId, SegmentSpec spec, SegmentSet processed, SegmentSet used,
                             DynamicalPowerAccumulator dynamical) {
        super(jobId, spec, processed, used);
        this.dynamical = dynamical;
    }

    /** An empty DYNPS partial. */
    public static DynamicalPartial empty(String jobId, SegmentSpec spec) {
        return new DynamicalPartial(jobId, spec, SegmentSet.empty(), SegmentSet.empty(),
                new DynamicalPowerAccumulator(spec));
    }

    /** @throws InvalidParameterException if a row is not of a used segment */
    static DynamicalPartial fromProto(PartialAccumulator p, SegmentSpec spec, SegmentSet processed, SegmentSet used) {
        DynamicalPowerAccumulator dyn = new DynamicalPowerAccumulator(spec);
        for (SegmentRow row : p.getRowsList()) {
            if (!used.contains(row.getSegmentIndex())) {
                throw new InvalidParameterException("partial.rows", row.getSegmentIndex(),
                        "rows of used segments only (" + used + ")");
            }
            dyn.addColumn(row(row));
        }
        return new DynamicalPartial(p.getJobId(), spec, processed, used, dyn);
    }

    /** A DYNPS row as a core column. */
    public static DynamicalPowerAccumulator.SegmentPower row(SegmentRow row) {
        return new DynamicalPowerAccumulator.SegmentPower(row.getSegmentIndex(), row.getStart(), row.getNphots(),
                Protos.doubles(row.getPowerList()));
    }

    @Override
    public ProductKind kind() {
        return ProductKind.DYNPS;
    }

    @Override
    int channels() {
        return 1;
    }

    @Override
    boolean foldSums(SegmentSlice[] channels, SegmentKernel kernel) {
        return kernel.add(dynamical, channels[0]);
    }

    @Override
    void mergeSums(MeshPartial other) {
        dynamical.combine(((DynamicalPartial) other).dynamical);
    }

    @Override
    void writeSums(PartialAccumulator.Builder b, boolean withRows) {
        double nph = 0;
        for (DynamicalPowerAccumulator.SegmentPower c : dynamical.columns()) {
            nph += c.nph();
            if (withRows) {
                SegmentRow.Builder row = SegmentRow.newBuilder()
                        .setSegmentIndex(c.index()).setStart(c.start()).setNphots(c.nph());
                addAll(c.unnormPower(), row::addPower);
                b.addRows(row);
            }
        }
        b.setNphots1Sum(nph);
    }

    /** The columns held (live, not a copy; a row-less partial holds fewer than {@link #usedCount()}). */
    public DynamicalPowerAccumulator dynamical() {
        return dynamical;
    }
}
