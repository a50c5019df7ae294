package org.manta.mesh.common.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.manta.core.InvalidParameterException;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.ObservationPlans;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.ProductKind;

/**
 * The observations of a job ({@code JobSpec.observation_inputs}): a PDS or CPDS of several observations averaged as
 * one set of segments, as {@code manta pds F1 F2} and {@code manta cpds A1 B1 A2 B2} average them (HENDRICS
 * {@code HENfspec}). Each observation is a job of one observation on its own inputs ({@link #specs}), planned by the
 * core's {@link ObservationPlans} rule, the embedded pipeline's ({@link #plans}). A spec without
 * {@code observation_inputs} is one observation of all its inputs.
 */
public final class Observations {
    private Observations() {
    }

    /**
     * Each observation's own spec, validated: its inputs (server paths) or {@code upload_inputs}, without
     * {@code observation_inputs}; for a spec of one observation, the spec itself.
     *
     * @throws InvalidParameterException naming {@code observation_inputs} (a kind that is not PDS or CPDS, a count
     *                                   an observation cannot have, counts that do not add up to the inputs) or the
     *                                   field of an observation's spec
     */
    public static List<JobSpec> specs(JobSpec spec, boolean upload) {
        if (spec.getObservationInputsCount() == 0) {
            return List.of(spec);
        }
        List<Integer> counts = spec.getObservationInputsList();
        ProductKind kind = spec.getKind();
        if (kind != ProductKind.PDS && kind != ProductKind.CPDS) {
            throw new InvalidParameterException("observation_inputs", counts, "unset for " + kind
                    + " (several observations are averaged for PDS and CPDS)");
        }
        if (!spec.hasSegmentSize()) {
            throw new InvalidParameterException("observation_inputs", counts, "a segment_size: several observations are "
                    + "averaged by segments (one periodogram of the whole span takes one list)");
        }
        int most = kind == ProductKind.CPDS ? 2 : 1;
        int total = 0;
        for (int count : counts) {
            if (count < 1 || count > most) {
                throw new InvalidParameterException("observation_inputs", counts, most == 2 ? "1 (two bands of one list) "
                        + "or 2 (subject and reference) inputs per CPDS observation" : "1 input per PDS observation");
            }
            total += count;
        }
        int inputs = upload ? spec.getUploadInputs() : spec.getInputsCount();
        if (total != inputs) {
            throw new InvalidParameterException("observation_inputs", counts, "counts adding up to the job's " + inputs
                    + (upload ? " uploaded event lists (upload_inputs)" : " inputs"));
        }
        for (int i = 0; i < spec.getInputsCount(); i++) {     // named by the job's index, not the observation's
            JobSpecs.checkRelativePath("inputs[" + i + "]", spec.getInputs(i));
        }
        List<JobSpec> out = new ArrayList<>(counts.size());
        int first = 0;
        for (int count : counts) {
            JobSpec.Builder own = spec.toBuilder().clearObservationInputs();
            if (upload) {
                own.setUploadInputs(count);
            } else {
                own.clearInputs().addAllInputs(spec.getInputsList().subList(first, first + count));
            }
            JobSpec s = own.build();
            JobSpecs.request(s, upload);
            out.add(s);
            first += count;
        }
        return out;
    }

    /** The requests of the observations' specs ({@link #specs}), in order. */
    public static List<JobRequest> requests(JobSpec spec, boolean upload) {
        return specs(spec, upload).stream().map(s -> JobSpecs.request(s, upload)).toList();
    }

    /** The job's inputs (paths, files, headers, ...) cut into those of each observation (one: all of them). */
    public static <T> List<List<T>> split(JobSpec spec, List<T> inputs) {
        List<Integer> counts = spec.getObservationInputsList();
        if (counts.isEmpty()) {
            return List.of(List.copyOf(inputs));
        }
        List<List<T>> out = new ArrayList<>(counts.size());
        int first = 0;
        for (int count : counts) {
            if (first + count > inputs.size()) {
                throw new InvalidParameterException("inputs", inputs.size() + " input(s)", "the "
                        + counts.stream().mapToInt(Integer::intValue).sum() + " of the job's observations");
            }
            out.add(List.copyOf(inputs.subList(first, first + count)));
            first += count;
        }
        return out;
    }

    /**
     * The plans of the job's observations on their inputs' headers, by the embedded pipeline's rule
     * ({@link ObservationPlans#of}): each on its own GTIs, all with the bin time of the first one's plan.
     *
     * @param headers the headers of all the job's inputs, in input order
     * @param planner plans one observation (e.g. {@link JobPlan#of(JobRequest, List)}, or with the edge's limits)
     */
    public static List<JobPlan> plans(JobSpec spec, boolean upload, List<InputHeader> headers,
                                      BiFunction<JobRequest, List<InputHeader>, JobPlan> planner) {
        return ObservationPlans.of(JobSpecs.request(spec, upload), split(spec, headers),
                (own, inputs) -> planner.apply(JobSpecs.onInputs(spec, own, inputs), inputs));
    }
}
