package org.manta.core.plan;

import java.nio.file.Path;
import java.util.List;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;

/** What the plan tests share: GTIs whose segments overlap, and cutting a plan on its files. */
final class PlanFixtures {
    /**
     * Stop of a GTI 5 µs short of ten 1-s (five 2-s) segments: Stingray's 1e-5 s tolerance still gives it
     * all of them, so its last segment ends at 10, after the touching next GTI (and its first segment) starts.
     */
    static final double SHORT_STOP = 10 - 5e-6;
    /** {@code [0, SHORT_STOP]} and the touching {@code [SHORT_STOP, 20]}, then {@code [25, 37]}. */
    static final GtiList OVERLAPPING_SEGMENTS = GtiList.of(new Gti(0, SHORT_STOP), new Gti(SHORT_STOP, 20), new Gti(25, 37));

    private PlanFixtures() {
    }

    /** The work units of a plan on its files (their TIME columns bisected, as segment-service does). */
    static List<WorkUnit> cut(JobPlan plan, List<Path> files, UnitSizing sizing) {
        return WorkUnits.cutFiles(plan, files, sizing);
    }
}
