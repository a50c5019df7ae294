package org.manta.mesh.common.partial;

import org.manta.core.InvalidParameterException;
import org.manta.core.io.EventChunk;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.varenergy.VarEnergyAccumulator;
import org.manta.core.varenergy.VarEnergyKernel;
import org.manta.core.varenergy.VarEnergyLayout;
import org.manta.core.varenergy.VarEnergyPipeline;
import org.manta.mesh.common.mapping.VarEnergySpecs;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/**
 * The variability-versus-energy partial: a {@link VarEnergyAccumulator} (all bands and the reference at once),
 * folded segment by segment through the embedded pass's {@link VarEnergyKernel}; on the wire
 * {@code PartialAccumulator.varenergy} (layout and state). Every processed segment counts (the mean count rate
 * uses them all, science.md §13.6), so the used set is the processed one. The events of each band in the rows a
 * worker reads ({@link #countRows}: units that together read every row, {@code WorkUnits.coverAllRows}) add up
 * to the whole list's, as the embedded pass counts them.
 */
public final class VarEnergyPartial extends MeshPartial {
    private final VarEnergyAccumulator acc;

    private VarEnergyPartial(String jobId, SegmentSet processed, SegmentSet used, VarEnergyAccumulator acc) {
        super(jobId, acc.layout().spec(), processed, used);
        this.acc = acc;
    }

    /** An empty partial of a job's layout ({@code VarEnergyPipeline.layout} of its request and plan). */
    public static VarEnergyPartial empty(String jobId, VarEnergyLayout layout) {
        return new VarEnergyPartial(jobId, SegmentSet.empty(), SegmentSet.empty(), new VarEnergyAccumulator(layout));
    }

    static VarEnergyPartial fromProto(PartialAccumulator p, SegmentSet processed, SegmentSet used) {
        if (!p.hasVarenergy()) {
            throw new InvalidParameterException("partial.varenergy", "unset", "the sums of a VARENERGY partial");
        }
        if (!used.equals(processed)) {
            throw new InvalidParameterException("partial.used_ranges", used, "the processed segments " + processed
                    + " (every segment of a VARENERGY job counts)");
        }
        VarEnergyLayout layout = VarEnergySpecs.layout(p.getVarenergy(), p.getDt(), p.getNbin());
        return new VarEnergyPartial(p.getJobId(), processed, used, VarEnergyAccumulator.fromState(layout,
                VarEnergySpecs.state(p.getVarenergy(), processed)));
    }

    @Override
    public ProductKind kind() {
        return ProductKind.VARENERGY;
    }

    @Override
    int channels() {
        return acc.layout().secondList() ? 2 : 1;
    }

    /**
     * Folds one segment of a work unit (channel 0 the list, channel 1 the second list; slices with values,
     * {@code UnitReader#withValues}) through the kernel: the calls of the embedded pass.
     *
     * @throws InvalidParameterException if a channel is missing or the segment was folded already
     */
    public void fold(SegmentSlice[] channels, VarEnergyKernel kernel) {
        record(channels, () -> {
            kernel.add(acc, channels[0], channels.length > 1 ? channels[1] : null);
            return true;
        });
    }

    @Override
    boolean foldSums(SegmentSlice[] channels, SegmentKernel kernel) {
        throw new InvalidParameterException("kernel", "a power-spectrum kernel",
                "a VarEnergyKernel for a VARENERGY partial (VarEnergyPartial.fold)");
    }

    /**
     * Counts the events of each band (channel 0) and of the reference (the last channel) in a chunk of rows read
     * for channel {@code channel}, putting PI into {@code chunk.energy} for PI bands: the hook of
     * {@code UnitReader#withValues}.
     */
    public void countRows(EventChunk chunk, int channel) {
        int bands = acc.layout().bands().count();
        long[] perBand = channel == 0 ? new long[bands] : null;
        long[] reference = channel == channels() - 1 ? new long[1] : null;
        VarEnergyPipeline.countEvents(chunk, acc.layout(), perBand, reference);
        acc.addListEvents(perBand != null ? perBand : new long[bands], reference != null ? reference[0] : 0);
    }

    @Override
    void mergeSums(MeshPartial other) {
        acc.combine(((VarEnergyPartial) other).acc);
    }

    @Override
    void writeSums(PartialAccumulator.Builder b, boolean withRows) {
        b.setVarenergy(VarEnergySpecs.sums(acc.layout(), acc.state()));
    }

    /** The accumulator (live, not a copy): {@code result(kind, norm)} makes the product. */
    public VarEnergyAccumulator accumulator() {
        return acc;
    }
}
