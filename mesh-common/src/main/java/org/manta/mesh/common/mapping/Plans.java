package org.manta.mesh.common.mapping;

import java.util.ArrayList;
import java.util.List;
import org.manta.core.InvalidParameterException;
import org.manta.core.gti.Float80;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.WorkUnit;
import org.manta.core.segment.SegmentSpec;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobPlanRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.RowRange;

/**
 * The core's {@link JobPlan} and {@link WorkUnit} on the wire ({@code JobPlanRecord},
 * {@code WorkUnit} of records.proto): the plan is made once, by segment-service, and every later stage
 * rebuilds exactly it from the record (the segment starts follow from the GTIs and the layout, both carried
 * with their extended-precision parts).
 */
public final class Plans {
    private Plans() {
    }

    /** The record of a plan made on {@code inputs} and cut into {@code units} work units. */
    public static JobPlanRecord record(JobSpec spec, JobPlan plan, List<InputFile> inputs, int units) {
        SegmentSpec s = plan.segment();
        JobPlanRecord.Builder b = JobPlanRecord.newBuilder().setSpec(spec).setDt(s.dt()).setNbin(s.nbin())
                .setSegmentSize(s.segmentSize()).addAllGti(Protos.gtis(plan.gti())).setTotalSegments(plan.segmentCount())
                .addAllInputs(inputs).setUnitCount(units);
        if (s.isExtended()) {
            b.setSegmentSizeExtended(true).setSegmentSizeLo(s.extendedSegmentSize().lo());
        }
        return b.build();
    }

    /**
     * The plan a record carries.
     *
     * @throws InvalidParameterException if the record is inconsistent (its spec, layout or segment count)
     */
    public static JobPlan plan(JobPlanRecord r) {
        JobRequest request = JobSpecs.request(r.getSpec(), r.getSpec().getInputsCount() == 0);
        if (request.inputs() != r.getInputsCount()) {
            throw new InvalidParameterException("plan.inputs", r.getInputsCount(), request.inputs() + " for its spec");
        }
        SegmentSpec layout = new SegmentSpec(r.getDt(), r.getNbin(), r.getSegmentSize(), r.getSegmentSizeExtended()
                ? new Float80.Value(r.getSegmentSize(), r.getSegmentSizeLo()) : null);
        JobPlan plan = JobPlan.of(request, layout, Protos.gtiList(r.getGtiList()));
        if (plan.segmentCount() != r.getTotalSegments()) {
            throw new InvalidParameterException("plan.total_segments", r.getTotalSegments(),
                    plan.segmentCount() + ", the segments of its GTIs");
        }
        return plan;
    }

    /**
     * A job's plan records and work unit records, its observations' one after another ({@code JobSpec.observation_inputs};
     * one observation: its plan and units as they are).
     *
     * @param plans the records ({@link #record}) of the observations' plans, in order (their unit counts are set here)
     * @param units each plan's units, numbered from 0 within it
     * @return the records with the job's unit count and each plan's {@code segment_offset} (the segments of the earlier
     *         observations), and the units numbered on across observations, their segments the job's
     */
    public static Cut cut(String jobId, List<JobPlanRecord> plans, List<List<WorkUnit>> units) {
        int total = units.stream().mapToInt(List::size).sum();
        List<JobPlanRecord> records = new ArrayList<>(plans.size());
        List<org.manta.proto.v1.WorkUnit> out = new ArrayList<>(total);
        long segmentOffset = 0;
        int unitOffset = 0;
        for (int k = 0; k < plans.size(); k++) {
            JobPlanRecord record = plans.get(k).toBuilder().setUnitCount(total).setSegmentOffset(segmentOffset).build();
            records.add(record);
            for (WorkUnit u : units.get(k)) {
                out.add(unit(jobId, new WorkUnit(unitOffset + u.index(), u.segmentFrom(), u.segmentTo(), u.rowFrom(),
                        u.rowTo()), record));
            }
            segmentOffset += record.getTotalSegments();
            unitOffset += units.get(k).size();
        }
        return new Cut(records, out);
    }

    /** A job's plan records (one per observation) and its work unit records in unit order. */
    public record Cut(List<JobPlanRecord> plans, List<org.manta.proto.v1.WorkUnit> units) {
    }

    /** A work unit record: its segments are the job's (the plan's {@code segment_offset} added). */
    public static org.manta.proto.v1.WorkUnit unit(String jobId, WorkUnit unit, JobPlanRecord plan) {
        org.manta.proto.v1.WorkUnit.Builder b = org.manta.proto.v1.WorkUnit.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(jobId).setUnitIndex(unit.index())
                .setSegmentFrom(plan.getSegmentOffset() + unit.segmentFrom())
                .setSegmentTo(plan.getSegmentOffset() + unit.segmentTo()).setPlan(plan);
        for (int i = 0; i < unit.rowFrom().length; i++) {
            b.addRows(RowRange.newBuilder().setFrom(unit.rowFrom(i)).setTo(unit.rowTo(i)));
        }
        return b.build();
    }

    /**
     * The core unit of a record (checked against its plan's segments): its segments the plan's own (the record's less
     * the plan's {@code segment_offset}).
     */
    public static WorkUnit unit(org.manta.proto.v1.WorkUnit r, JobPlan plan) {
        long offset = r.getPlan().getSegmentOffset();
        if (r.getSegmentTo() > offset + plan.segmentCount()) {
            throw new InvalidParameterException("unit.segment_to", r.getSegmentTo(), "at most the plan's "
                    + plan.segmentCount() + " segments" + (offset > 0 ? " after its offset " + offset : ""));
        }
        if (r.getSegmentFrom() < offset) {
            throw new InvalidParameterException("unit.segment_from", r.getSegmentFrom(), "at least the plan's offset "
                    + offset + " (the segments of the job's earlier observations)");
        }
        long[] from = new long[r.getRowsCount()];
        long[] to = new long[r.getRowsCount()];
        for (int i = 0; i < from.length; i++) {
            from[i] = r.getRows(i).getFrom();
            to[i] = r.getRows(i).getTo();
        }
        return new WorkUnit(Math.toIntExact(r.getUnitIndex()), Math.toIntExact(r.getSegmentFrom() - offset),
                Math.toIntExact(r.getSegmentTo() - offset), from, to);
    }
}
