package org.manta.reduce.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.partial.PartialSize;
import org.manta.mesh.common.partial.PowerPartial;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;
import org.manta.reduce.TestPartials;

/** Tree level 2: a batch's partials become one partial per job that equals their merge; redeliveries drop, overlaps stay apart. */
class PartialCombinerTest {
    /** Sums of the same terms in another order: relative to the largest power. */
    private static final double REASSOCIATION_TOL = 1e-12;

    @Test
    void aBatchBecomesOnePartialPerJobEqualToTheMergeOfAll() {
        double[] a = TestPartials.events(1, 5000);
        double[] b = TestPartials.events(2, 3000);
        List<PartialAccumulator> pa = TestPartials.partials("a", ProductKind.PDS, a, 3);
        List<PartialAccumulator> pb = TestPartials.partials("b", ProductKind.DYNPS, b, 4);
        List<byte[]> batch = new ArrayList<>();
        pa.forEach(p -> batch.add(p.toByteArray()));
        pb.forEach(p -> batch.add(p.toByteArray()));
        batch.add(pa.get(2).toByteArray());                 // a redelivery
        Collections.shuffle(batch, new Random(7));
        PartialCombiner.Result r = new PartialCombiner().combine(batch);
        assertEquals(2, r.combined().size(), "one partial per job");
        assertEquals(1, r.duplicates());
        assertEquals(pa.size() + pb.size() + 1, r.partials());
        MeshPartial combinedA = MeshPartial.fromProto(r.combined().stream().filter(p -> p.getJobId().equals("a"))
                .findFirst().orElseThrow());
        assertTrue(combinedA.processed().coversExactly(TestPartials.segmentCount()));
        MeshPartial oneByOne = MeshPartial.fromProto(pa.get(0));
        for (int i = 1; i < pa.size(); i++) {
            oneByOne.merge(MeshPartial.fromProto(pa.get(i)));
        }
        AveragedPowerSpectrum expected = ((PowerPartial) oneByOne).power().result(Normalization.LEAHY);
        AveragedPowerSpectrum actual = ((PowerPartial) combinedA).power().result(Normalization.LEAHY);
        assertEquals(expected.segments(), actual.segments());
        double scale = java.util.Arrays.stream(expected.power()).max().orElseThrow();
        assertArrayEquals(expected.power(), actual.power(), REASSOCIATION_TOL * scale);
        assertEquals(oneByOne.events1(), combinedA.events1(), "events counted once");
    }

    @Test
    void anOverlappingPartialIsPassedOnApartAndGarbageFailsItsJobOnly() {
        double[] a = TestPartials.events(3, 4000);
        List<PartialAccumulator> threes = TestPartials.partials("a", ProductKind.PDS, a, 3);
        List<PartialAccumulator> fours = TestPartials.partials("a", ProductKind.PDS, a, 4);
        List<byte[]> batch = List.of(threes.get(0).toByteArray(), fours.get(0).toByteArray(),
                new byte[] {8, 1, 18, 1, 'x', 24, (byte) 200});
        PartialCombiner.Result r = new PartialCombiner().combine(batch);
        assertEquals(2, r.combined().size(), "[0, 3) and [0, 4) overlap: both go on, the final merge rejects the job");
        assertEquals(1, r.failedJobs().size());
    }

    /**
     * DYNPS rows grow with every merge: under a bound of 10 rows, partials of 4 rows combine in pairs (8 rows; a
     * third would make 12), each combined partial stays within the bound, and together they hold every row once.
     */
    @Test
    void dynpsPartialsAreCombinedOnlyUpToTheRowBound() {
        double[] b = TestPartials.events(5, 3000);
        List<PartialAccumulator> pb = TestPartials.partials("b", ProductKind.DYNPS, b, 4);
        long bound = 10 * PartialSize.rowBytes(TestPartials.SPEC.nFreq());
        PartialCombiner.Result r = new PartialCombiner(bound).combine(pb.stream().map(PartialAccumulator::toByteArray).toList());
        long rows = 0;
        for (PartialAccumulator c : r.combined()) {
            assertTrue(c.getRowsCount() <= 10, c.getRowsCount() + " rows in one combined partial, bound 10");
            rows += c.getRowsCount();
        }
        long expectedRows = pb.stream().mapToLong(PartialAccumulator::getRowsCount).sum();
        assertEquals(expectedRows, rows, "every row once");
        assertTrue(r.combined().size() >= (expectedRows + 9) / 10, r.combined().size() + " combined partials");
        assertTrue(r.combined().size() < pb.size(), "partials still combined (" + r.combined().size() + " of " + pb.size() + ")");
        long unbounded = new PartialCombiner().combine(pb.stream().map(PartialAccumulator::toByteArray).toList()).combined().size();
        assertEquals(1, unbounded, "at the default bound these small rows make one partial");
    }
}
