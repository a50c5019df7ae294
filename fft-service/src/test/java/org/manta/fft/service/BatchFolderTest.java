package org.manta.fft.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Spectra;
import org.manta.fft.TestSegments;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.Segment;

class BatchFolderTest {
    /** One partial per job; summation order differs from the one-pass reference by a few ulp. */
    private static final double REASSOCIATION_TOL = 1e-12;

    @Test
    void aBatchOfTwoJobsBecomesOnePartialPerJob() {
        double[] a = TestSegments.events(1, 3000);
        double[] b = TestSegments.events(2, 2000);
        List<String> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        List<Segment> sa = TestSegments.segments("a", a);
        List<Segment> sb = TestSegments.segments("b", b);
        for (int i = 0; i < sa.size(); i++) {
            keys.add(Keys.segment("a", i));
            values.add(sa.get(i).toByteArray());
            keys.add(Keys.segment("b", i));
            values.add(sb.get(i).toByteArray());
        }
        BatchFolder.Result r = new BatchFolder().fold(keys, values);
        assertEquals(2, r.partials().size());
        assertEquals(sa.size() + sb.size(), r.segments());
        PartialAccumulator pa = r.partials().get(0);
        assertEquals("a", pa.getJobId());
        AveragedPowerSpectrum expected = Spectra.averagedPowerSpectrum(a, TestSegments.GTI, TestSegments.SPEC,
                Normalization.FRAC, true);
        AveragedPowerSpectrum actual = MeshPartial.fromProto(pa).power().result(Normalization.FRAC, true);
        double scale = java.util.Arrays.stream(expected.power()).max().orElseThrow();
        assertArrayEquals(expected.power(), actual.power(), REASSOCIATION_TOL * scale);
    }

    @Test
    void aBadSegmentFailsItsJobOnly() {
        List<Segment> sa = TestSegments.segments("a", TestSegments.events(1, 500));
        List<Segment> sb = TestSegments.segments("b", TestSegments.events(2, 500));
        List<String> keys = List.of("a/0", "b/0", "a/1", "b/1");
        List<byte[]> values = List.of(sa.get(0).toByteArray(), sb.get(0).toByteArray(),
                sa.get(1).toBuilder().setNbin(7).build().toByteArray(), new byte[] {9, 9, 9});
        BatchFolder.Result r = new BatchFolder().fold(keys, values);
        assertEquals(0, r.partials().size());
        assertEquals(2, r.failedJobs().size());
        assertTrue(r.failedJobs().get("a").contains("a/1"), r.failedJobs().get("a"));
        assertTrue(r.failedJobs().get("a").contains("nbin = 7"), r.failedJobs().get("a"));
        assertTrue(r.failedJobs().get("b").contains("cannot parse"), r.failedJobs().get("b"));
    }
}
