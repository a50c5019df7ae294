package org.manta.mesh.common.mapping;

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

    /** A work unit record. */
    public static org.manta.proto.v1.WorkUnit unit(String jobId, WorkUnit unit, JobPlanRecord plan) {
        org.manta.proto.v1.WorkUnit.Builder b = org.manta.proto.v1.WorkUnit.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(jobId).setUnitIndex(unit.index())
                .setSegmentFrom(unit.segmentFrom()).setSegmentTo(unit.segmentTo()).setPlan(plan);
        for (int i = 0; i < unit.rowFrom().length; i++) {
            b.addRows(RowRange.newBuilder().setFrom(unit.rowFrom(i)).setTo(unit.rowTo(i)));
        }
        return b.build();
    }

    /** The core unit of a record (checked against its plan's segments). */
    public static WorkUnit unit(org.manta.proto.v1.WorkUnit r, JobPlan plan) {
        if (r.getSegmentTo() > plan.segmentCount()) {
            throw new InvalidParameterException("unit.segment_to", r.getSegmentTo(),
                    "at most the plan's " + plan.segmentCount() + " segments");
        }
        long[] from = new long[r.getRowsCount()];
        long[] to = new long[r.getRowsCount()];
        for (int i = 0; i < from.length; i++) {
            from[i] = r.getRows(i).getFrom();
            to[i] = r.getRows(i).getTo();
        }
        return new WorkUnit(Math.toIntExact(r.getUnitIndex()), Math.toIntExact(r.getSegmentFrom()),
                Math.toIntExact(r.getSegmentTo()), from, to);
    }
}
