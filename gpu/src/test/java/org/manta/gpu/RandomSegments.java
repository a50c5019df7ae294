package org.manta.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;

/** Random two-channel segments for the parity tests: Poisson-like counts, some nearly empty, events on bin edges. */
final class RandomSegments {
    private RandomSegments() {
    }

    /**
     * {@code count} segments of {@code channels} channels at starts 1e8 + k·T·1.5 (large MET, as real data):
     * every fifth has 0 or 1 events in a channel (skipped), the others up to 40 events per bin on average,
     * with events exactly at the segment start, on interior bin edges and at T.
     */
    static List<SegmentSlice[]> make(SegmentSpec spec, int channels, int count, SplittableRandom random) {
        List<SegmentSlice[]> out = new ArrayList<>();
        double t = spec.segmentSize();
        for (int k = 0; k < count; k++) {
            double start = 1e8 + k * t * 1.5;
            SegmentSlice[] s = new SegmentSlice[channels];
            for (int c = 0; c < channels; c++) {
                SegmentSlice slice = new SegmentSlice(16);
                slice.index = k;
                slice.start = start;
                int n;
                if (k % 5 == 4) {
                    n = random.nextInt(2);           // 0 or 1: the segment is not used
                } else {
                    n = 2 + random.nextInt(spec.nbin() * (1 + random.nextInt(40)));
                }
                double[] times = new double[n];
                for (int i = 0; i < n; i++) {
                    int pick = random.nextInt(20);
                    times[i] = switch (pick) {
                        case 0 -> start;
                        case 1 -> start + random.nextInt(spec.nbin()) * (t / spec.nbin());
                        default -> start + random.nextDouble() * t;
                    };
                }
                java.util.Arrays.sort(times);
                slice.append(times, 0, n);
                s[c] = slice;
            }
            out.add(s);
        }
        return out;
    }
}
