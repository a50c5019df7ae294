package org.manta.reduce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.segment.EventCursor;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/** A synthetic job's spec, expected count and worker partials (folds of consecutive segment groups). */
public final class TestPartials {
    public static final GtiList GTI = GtiList.of(new Gti(0, 200), new Gti(210, 400));
    public static final double DT = 1.0 / 32;
    public static final double SEGMENT = 8.0;
    public static final SegmentSpec SPEC = SegmentSpec.of(DT, SEGMENT);

    private TestPartials() {
    }

    public static JobSpec spec(ProductKind kind, Norm norm) {
        return JobSpec.newBuilder().setKind(kind).addInputs("sim.evt").setDt(DT).setSegmentSize(SEGMENT).setNorm(norm).build();
    }

    public static double[] events(long seed, int n) {
        Random rnd = new Random(seed);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 400 * rnd.nextDouble();
        }
        Arrays.sort(t);
        return t;
    }

    public static int segmentCount() {
        return Segments.starts(GTI, SPEC).length;
    }

    public static ExpectedCount expected(String jobId, JobSpec spec, long events) {
        return ExpectedCount.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(jobId)
                .setTotalSegments(segmentCount()).addAllGti(Protos.gtis(GTI)).setTotalEvents1(events).setSpec(spec).build();
    }

    /** The preliminary expected count segment-service sends first for a job that wants a running product. */
    public static ExpectedCount preliminary(String jobId, JobSpec spec) {
        return ExpectedCount.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(jobId)
                .setTotalSegments(segmentCount()).addAllGti(Protos.gtis(GTI)).setSpec(spec).setPreliminary(true).build();
    }

    /** The GTIs cut after the first {@code count} segments: the core's one pass over those segments only. */
    public static GtiList firstSegments(int count) {
        double end = Segments.starts(GTI, SPEC)[count - 1] + SPEC.segmentSize();
        return Gtis.intersect(GTI, GtiList.of(new Gti(GTI.intervals().get(0).start(), end)));
    }

    /** Partials of {@code perPartial} consecutive segments each. */
    public static List<PartialAccumulator> partials(String jobId, ProductKind kind, double[] times, int perPartial) {
        double[] starts = Segments.starts(GTI, SPEC);
        EventCursor cursor = new EventCursor(times);
        List<PartialAccumulator> out = new ArrayList<>();
        SegmentKernel kernel = new SegmentKernel(SPEC);
        SegmentSlice[] slice = {new SegmentSlice(16)};
        MeshPartial p = null;
        for (int i = 0; i < starts.length; i++) {
            if (p == null) {
                p = MeshPartial.empty(jobId, kind, SPEC);
            }
            int from = cursor.seek(starts[i]);
            int to = cursor.seek(starts[i] + SPEC.segmentSize());
            slice[0].index = i;
            slice[0].start = starts[i];
            slice[0].count = 0;
            slice[0].append(times, from, to - from);
            p.fold(slice, kernel);
            if (p.processedCount() == perPartial || i == starts.length - 1) {
                out.add(p.toProto(true));
                p = null;
            }
        }
        return out;
    }
}
