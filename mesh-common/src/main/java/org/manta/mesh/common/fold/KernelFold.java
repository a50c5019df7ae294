package org.manta.mesh.common.fold;

import java.util.function.Supplier;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.segment.SegmentSlice;
import org.manta.mesh.common.fold.FoldEngine.JobFold;
import org.manta.mesh.common.partial.MeshPartial;

/**
 * The CPU fold of a job's segments in one batch: a {@link MeshPartial} folded through a {@link SegmentKernel}
 * (the embedded pipeline's per-segment calls); a fresh partial from {@code empty} after each {@link #take}.
 * Not thread-safe.
 */
final class KernelFold implements JobFold {
    private final Supplier<MeshPartial> empty;
    private final SegmentKernel kernel;
    private MeshPartial partial;

    KernelFold(Supplier<MeshPartial> empty, SegmentKernel kernel) {
        this.empty = empty;
        this.kernel = kernel;
        this.partial = empty.get();
    }

    @Override
    public void fold(SegmentSlice[] channels) {
        partial.fold(channels, kernel);
    }

    @Override
    public long processed() {
        return partial.processedCount();
    }

    @Override
    public long rows() {
        return partial.usedCount();
    }

    @Override
    public MeshPartial take() {
        MeshPartial p = partial;
        partial = empty.get();
        return p;
    }

    @Override
    public void close() {
    }
}
