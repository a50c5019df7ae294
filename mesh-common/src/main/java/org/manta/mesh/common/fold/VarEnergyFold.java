package org.manta.mesh.common.fold;

import org.manta.core.io.EventChunk;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.varenergy.VarEnergyKernel;
import org.manta.core.varenergy.VarEnergyLayout;
import org.manta.mesh.common.fold.FoldEngine.JobFold;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.partial.VarEnergyPartial;

/**
 * The fold of a variability-versus-energy job's segments in one batch: a {@link VarEnergyPartial} through the
 * embedded pass's {@link VarEnergyKernel} (every band and the reference in one sweep per segment), and the events
 * of the rows the units read ({@link #countRows}, the hook of {@code UnitReader#withValues}). Not thread-safe.
 */
final class VarEnergyFold implements JobFold {
    private final String jobId;
    private final VarEnergyLayout layout;
    private final VarEnergyKernel kernel;
    private VarEnergyPartial partial;

    VarEnergyFold(String jobId, VarEnergyLayout layout) {
        this.jobId = jobId;
        this.layout = layout;
        this.kernel = new VarEnergyKernel(layout);
        this.partial = VarEnergyPartial.empty(jobId, layout);
    }

    @Override
    public void fold(SegmentSlice[] channels) {
        partial.fold(channels, kernel);
    }

    /** Counts a chunk of rows read for {@code channel} into the partial being folded. */
    void countRows(EventChunk chunk, int channel) {
        partial.countRows(chunk, channel);
    }

    @Override
    public long processed() {
        return partial.processedCount();
    }

    @Override
    public long rows() {
        return 0;
    }

    @Override
    public MeshPartial take() {
        MeshPartial p = partial;
        partial = VarEnergyPartial.empty(jobId, layout);
        return p;
    }

    @Override
    public void close() {
    }
}
