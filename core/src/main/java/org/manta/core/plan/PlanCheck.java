package org.manta.core.plan;

import org.manta.core.segment.SegmentSpec;

/**
 * A look at a plan's size before its segments are made ({@link JobPlan#of(JobRequest, java.util.List, PlanCheck)}):
 * the mesh's edge refuses there a job whose segments, bins or partials its topics and memory cannot carry. The
 * core itself sets no limit ({@link #NONE}).
 */
@FunctionalInterface
public interface PlanCheck {
    /** No check: the embedded pipeline's. */
    PlanCheck NONE = (segments, segment, channels) -> { };

    /**
     * @param segments the plan's segment count, counted arithmetically ({@link org.manta.core.segment.Segments#count})
     * @param segment  the plan's bin time and bins per segment
     * @param channels channels per segment (2 for a cross spectrum)
     * @throws RuntimeException to refuse the plan, naming the limit
     */
    void check(long segments, SegmentSpec segment, int channels);
}
