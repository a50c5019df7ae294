package org.manta.mesh.common.fold;

import java.nio.file.Path;
import java.util.List;
import org.manta.core.plan.JobPlan;
import org.manta.core.segment.SegmentSet;
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
final class ExcessVarianceFold extends WholeInputFold {
    private final String jobId;
    private final JobPlan plan;
    private final VarEnergyRequest request;

    ExcessVarianceFold(String jobId, JobPlan plan, VarEnergyRequest request) {
        super(plan, "the excess variance");
        this.jobId = jobId;
        this.plan = plan;
        this.request = request;
    }

    /** The whole list's sums. */
    @Override
    MeshPartial compute(List<Path> files) {
        ExcessVarianceAccumulator acc = VarEnergyPipeline.excessVariance(request, plan.gti(), files.get(0));
        return ExcessVariancePartial.of(jobId, plan.segment(), SegmentSet.range(0, plan.segmentCount()), acc,
                request.reference());
    }
}
