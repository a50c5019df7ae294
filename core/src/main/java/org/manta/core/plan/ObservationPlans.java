package org.manta.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.manta.core.InvalidParameterException;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;

/**
 * The plans of several observations averaged as one set of segments (HENDRICS {@code HENfspec} with several files):
 * each observation is planned on its own inputs (its own GTIs, the request's time filter), with the request's number
 * of inputs set to its own (a CPDS observation is two bands of one list, or two lists), and all on the segment layout
 * (bin time, bins) the first observation's plan fixed, whatever the later ones' TIMEDEL, so that their segments share
 * one layout and their accumulators merge ({@link PlanWarnings#dtOffTicks} says where that bin time is not a multiple
 * of a later list's time resolution). Segments are
 * numbered on across observations ({@link #segmentOffsets}) and the product's GTIs are the union ({@link #gti}). The
 * embedded pipeline and the mesh's planner both plan by this rule.
 */
public final class ObservationPlans {
    private ObservationPlans() {
    }

    /**
     * @param request  the request (its {@code inputs} are replaced by each observation's number of inputs)
     * @param inputs   per observation, its inputs (files, headers, ...) in input order
     * @param planner  plans one observation on its inputs (e.g. {@link JobPlan#of(JobRequest, List)} on headers)
     * @return one plan per observation, in order
     */
    public static <T> List<JobPlan> of(JobRequest request, List<List<T>> inputs,
                                       BiFunction<JobRequest, List<T>, JobPlan> planner) {
        if (inputs.isEmpty()) {
            throw new InvalidParameterException("observations", 0, "at least one observation");
        }
        List<JobPlan> out = new ArrayList<>(inputs.size());
        JobRequest common = request;
        for (List<T> own : inputs) {
            JobPlan plan = planner.apply(common.withInputs(own.size()), own);
            if (out.isEmpty()) {
                common = plan.request().withFixedSegment(plan.segment());
            }
            out.add(plan);
        }
        return out;
    }

    /** The job's index of each plan's first segment: the segments of the earlier observations come first. */
    public static int[] segmentOffsets(List<JobPlan> plans) {
        int[] out = new int[plans.size()];
        long next = 0;
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.toIntExact(next);
            next += plans.get(k).segmentCount();
        }
        return out;
    }

    /** The segments of all observations. */
    public static long segmentCount(List<JobPlan> plans) {
        return plans.stream().mapToLong(JobPlan::segmentCount).sum();
    }

    /** The GTIs of the averaged product: the union of the observations' GTIs (one observation: its GTIs). */
    public static GtiList gti(List<JobPlan> plans) {
        return Gtis.union(plans.stream().map(JobPlan::gti).toList());
    }
}
