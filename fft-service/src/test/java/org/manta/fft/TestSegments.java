package org.manta.fft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.segment.EventCursor;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.EventTimes;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.Segment;
import org.manta.proto.v1.SegmentChannel;

/** Segment records of a synthetic PDS job, as segment-service would publish them. */
public final class TestSegments {
    public static final SegmentSpec SPEC = SegmentSpec.of(1.0 / 32, 8.0);
    public static final GtiList GTI = GtiList.of(new Gti(0, 400));

    private TestSegments() {
    }

    /** Sorted event times over the GTI. */
    public static double[] events(long seed, int n) {
        Random rnd = new Random(seed);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 400 * rnd.nextDouble();
        }
        Arrays.sort(t);
        return t;
    }

    public static List<Segment> segments(String jobId, double[] times) {
        double[] starts = Segments.starts(GTI, SPEC);
        EventCursor cursor = new EventCursor(times);
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            int from = cursor.seek(starts[i]);
            int to = cursor.seek(starts[i] + SPEC.segmentSize());
            EventTimes.Builder e = EventTimes.newBuilder();
            for (int k = from; k < to; k++) {
                e.addTime(times[k]);
            }
            out.add(Segment.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(jobId).setSegmentIndex(i)
                    .setStart(starts[i]).setSegmentSize(SPEC.segmentSize()).setNbin(SPEC.nbin()).setDt(SPEC.dt())
                    .setKind(ProductKind.PDS).setChannel1(SegmentChannel.newBuilder().setEvents(e)).build());
        }
        return out;
    }
}
