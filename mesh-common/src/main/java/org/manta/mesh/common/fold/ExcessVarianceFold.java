package org.manta.mesh.common.fold;

import java.nio.file.Path;
import java.util.List;
import org.manta.core.InvalidParameterException;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.WorkUnit;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.varenergy.ExcessVarianceAccumulator;
import org.manta.core.varenergy.VarEnergyPipeline;
import org.manta.core.varenergy.VarEnergyRequest;
import org.manta.mesh.common.partial.ExcessVariancePartial;
import org.manta.mesh.common.partial.MeshPartial;

/**
 * The excess variance of a whole list ({@link ExcessVariancePartial}): the job is the one work unit
 * {@code WorkUnits.whole}, computed here with the embedded command's {@link VarEnergyPipeline#excessVariance}
 * (each band's light curve over the span of the plan's GTIs). Not thread-safe.
 */
final class ExcessVarianceFold implements WholeInputFold {
    private final String jobId;
    private final JobPlan plan;
    private final VarEnergyRequest request;
    private ExcessVariancePartial partial;

    ExcessVarianceFold(String jobId, JobPlan plan, VarEnergyRequest request) {
        this.jobId = jobId;
        this.plan = plan;
        this.request = request;
    }

    /**
     * Computes the whole list's sums.
     *
     * @throws InvalidParameterException if the unit is not the whole plan, or a unit was computed already
     */
    @Override
    public void foldWhole(WorkUnit unit, List<Path> files) {
        if (unit.segmentFrom() != 0 || unit.segmentTo() != plan.segmentCount()) {
            throw new InvalidParameterException("unit.segments", "[" + unit.segmentFrom() + ", " + unit.segmentTo() + ")",
                    "[0, " + plan.segmentCount() + "): the excess variance is one unit of the whole list");
        }
        if (partial != null) {
            throw new InvalidParameterException("unit", unit.index(), "the one unit of the job, computed once per batch");
        }
        ExcessVarianceAccumulator acc = VarEnergyPipeline.excessVariance(request, plan.gti(), files.get(0));
        partial = ExcessVariancePartial.of(jobId, plan.segment(), SegmentSet.range(0, plan.segmentCount()), acc,
                request.reference());
    }

    @Override
    public void fold(SegmentSlice[] channels) {
        throw new InvalidParameterException("segment", channels[0].index, "none: the excess variance is computed "
                + "from the whole list (foldWhole)");
    }

    @Override
    public long processed() {
        return partial == null ? 0 : partial.processedCount();
    }

    @Override
    public long rows() {
        return 0;
    }

    @Override
    public MeshPartial take() {
        MeshPartial p = partial;
        partial = null;
        return p;
    }

    @Override
    public void close() {
    }
}
