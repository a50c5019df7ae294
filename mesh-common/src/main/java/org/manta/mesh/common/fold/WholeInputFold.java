package org.manta.mesh.common.fold;

import java.nio.file.Path;
import java.util.List;
import org.manta.core.InvalidParameterException;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.WorkUnit;
import org.manta.core.segment.SegmentSlice;
import org.manta.mesh.common.fold.FoldEngine.JobFold;
import org.manta.mesh.common.partial.MeshPartial;

/**
 * The fold of a product that is not decomposable by segments: its job is the one work unit {@code WorkUnits.whole},
 * computed from the whole input files at once ({@link #compute}) into a partial covering every segment of the plan
 * (docs/mesh.md "Products the mesh runs"). Not thread-safe.
 */
abstract class WholeInputFold implements JobFold {
    private final JobPlan plan;
    private final String what;
    private MeshPartial partial;

    /**
     * @param plan the job's plan
     * @param what what the job computes, for the messages (e.g. "the excess variance")
     */
    WholeInputFold(JobPlan plan, String what) {
        this.plan = plan;
        this.what = what;
    }

    /**
     * Computes the product of the whole input.
     *
     * @param unit  the job's one unit (every segment of the plan)
     * @param files the job's input files, in the plan's order
     * @throws InvalidParameterException if the unit is not the whole plan, or a unit was computed already
     */
    final void foldWhole(WorkUnit unit, List<Path> files) {
        if (unit.segmentFrom() != 0 || unit.segmentTo() != plan.segmentCount()) {
            throw new InvalidParameterException("unit.segments", "[" + unit.segmentFrom() + ", " + unit.segmentTo() + ")",
                    "[0, " + plan.segmentCount() + "): " + what + " is one unit of the whole input");
        }
        if (partial != null) {
            throw new InvalidParameterException("unit", unit.index(), "the one unit of the job, computed once per batch");
        }
        partial = compute(files);
    }

    /** The partial of the whole input: every segment of the plan, processed and used. */
    abstract MeshPartial compute(List<Path> files);

    @Override
    public final void fold(SegmentSlice[] channels) {
        throw new InvalidParameterException("segment", channels[0].index, "none: " + what + " is computed from the "
                + "whole input (foldWhole)");
    }

    @Override
    public final long processed() {
        return partial == null ? 0 : partial.processedCount();
    }

    @Override
    public final long rows() {
        return 0;
    }

    @Override
    public final MeshPartial take() {
        MeshPartial p = partial;
        partial = null;
        return p;
    }

    @Override
    public final void close() {
    }
}
