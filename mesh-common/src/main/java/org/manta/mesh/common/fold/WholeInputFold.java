package org.manta.mesh.common.fold;

import java.nio.file.Path;
import java.util.List;
import org.manta.core.plan.WorkUnit;
import org.manta.mesh.common.fold.FoldEngine.JobFold;

/**
 * The fold of a product that is not decomposable by segments: its job is the one work unit {@code WorkUnits.whole},
 * computed from the whole input files at once (docs/mesh.md "Products the mesh runs").
 */
interface WholeInputFold extends JobFold {
    /**
     * Computes the product of the whole input.
     *
     * @param unit  the job's one unit (every segment of the plan)
     * @param files the job's input files, in the plan's order
     * @throws org.manta.core.InvalidParameterException if the unit is not the whole plan, or was computed already
     */
    void foldWhole(WorkUnit unit, List<Path> files);
}
