package org.manta.mesh.common.partial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.segment.EventCursor;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Spectra;
import org.manta.proto.v1.ProductKind;

/**
 * Folding segments in any order into several partials, sending them through the wire form
 * and merging them gives the core's single-pass spectra ({@link Spectra}); duplicates are recognised
 * by segment index and overlaps rejected.
 */
class MeshPartialTest {
    /**
     * Sums of at most a few hundred positive terms reassociated (fold and merge order): a few ulp of
     * the largest term; powers are compared relative to their largest value.
     */
    private static final double REASSOCIATION_TOL = 1e-12;
    private static final String JOB = "job-1";
    private static final SegmentSpec SPEC = SegmentSpec.of(1.0 / 64, 8.0);
    private static final GtiList GTI = GtiList.of(new Gti(1000, 1200), new Gti(1203, 1350.5));

    private final Random rnd = new Random(42);
    private final double[] times1 = events(4000, 0.0);
    private final double[] times2 = events(3000, 0.2);

    @Test
    void pdsFromShuffledPartialsEqualsOnePass() {
        List<SegmentSlice[]> segments = segments(ProductKind.PDS, times1, null);
        MeshPartial merged = foldAndMerge(segments, ProductKind.PDS);
        assertTrue(merged.processed().coversExactly(segments.size()));
        for (Normalization norm : Normalization.values()) {
            for (boolean common : new boolean[] {true, false}) {
                AveragedPowerSpectrum expected = Spectra.averagedPowerSpectrum(times1, GTI, SPEC, norm, common);
                AveragedPowerSpectrum actual = ((PowerPartial) merged).power().result(norm, common);
                assertEquals(expected.segments(), actual.segments());
                assertEquals(expected.segments(), merged.usedCount());
                assertClose(expected.power(), actual.power());
                assertEquals(expected.nphots(), actual.nphots(), REASSOCIATION_TOL * expected.nphots());
            }
        }
    }

    /** A partial made from an accumulator folded elsewhere (the GPU's) is the folded partial, on the wire too. */
    @Test
    void aPartialOfAnAccumulatorFoldedElsewhereEqualsTheFoldedOne() {
        List<SegmentSlice[]> segments = new ArrayList<>(segments(ProductKind.CPDS, times1, times2));
        SegmentSlice sparse1 = new SegmentSlice(4);     // one event in channel 1: processed, not used
        SegmentSlice sparse2 = new SegmentSlice(4);
        sparse1.index = segments.size();
        sparse2.index = segments.size();
        sparse1.start = 2000;
        sparse2.start = 2000;
        sparse1.append(new double[] {2000.5}, 0, 1);
        sparse2.append(new double[] {2000.5, 2001.5}, 0, 2);
        segments.add(new SegmentSlice[] {sparse1, sparse2});
        SegmentKernel kernel = new SegmentKernel(SPEC);
        MeshPartial folded = MeshPartial.empty(JOB, ProductKind.CPDS, SPEC);
        org.manta.core.spectrum.CrossAccumulator elsewhere = new org.manta.core.spectrum.CrossAccumulator(SPEC);
        org.manta.core.segment.SegmentSet processed = org.manta.core.segment.SegmentSet.empty();
        long events1 = 0;
        long events2 = 0;
        for (SegmentSlice[] s : segments) {
            folded.fold(s, kernel);
            kernel.add(elsewhere, s[0], s[1]);
            processed.add(s[0].index);
            events1 += s[0].count;
            events2 += s[1].count;
        }
        MeshPartial made = MeshPartial.of(JOB, processed, events1, events2, elsewhere);
        assertTrue(made.usedCount() < made.processedCount(), "some segments are processed but not used");
        assertEquals(folded.toProto(true), made.toProto(true));

        org.manta.core.segment.SegmentSet tooFew = org.manta.core.segment.SegmentSet.range(0, 1);
        var e = assertThrows(InvalidParameterException.class, () -> MeshPartial.of(JOB, tooFew, 0, 0, elsewhere));
        assertTrue(e.getMessage().contains("used segments"), e.getMessage());
    }

    @Test
    void commonMeanOnlyPartialsAreSmallerAndGiveTheSameCommonMeanSpectrum() {
        List<SegmentSlice[]> segments = segments(ProductKind.PDS, times1, null);
        PowerPartial light = PowerPartial.empty(JOB, SPEC, false);
        PowerPartial full = PowerPartial.empty(JOB, SPEC, true);
        SegmentKernel ws = new SegmentKernel(SPEC);
        segments.forEach(s -> light.fold(s, ws));
        segments.forEach(s -> full.fold(s, ws));
        var wire = light.toProto(true);
        assertEquals(0, wire.getPowerOverNphSumCount());
        assertTrue(wire.getSerializedSize() < full.toProto(true).getSerializedSize() / 2);
        for (Normalization norm : Normalization.values()) {
            assertArrayEquals(full.power().result(norm, true).power(),
                    ((PowerPartial) MeshPartial.fromProto(wire)).power().result(norm, true).power(), 0.0, "bit for bit");
        }
        assertThrows(IncompatibleSpectraException.class, () -> MeshPartial.fromProto(wire).merge(full));
    }

    @Test
    void cpdsFromShuffledPartialsEqualsOnePass() {
        List<SegmentSlice[]> segments = segments(ProductKind.CPDS, times1, times2);
        MeshPartial merged = foldAndMerge(segments, ProductKind.CPDS);
        AveragedCrossSpectrum expected = Spectra.averagedCrossSpectrum(times1, times2, GTI, SPEC, Normalization.FRAC);
        AveragedCrossSpectrum actual = ((CrossPartial) merged).cross().result(Normalization.FRAC);
        assertEquals(expected.segments(), actual.segments());
        assertClose(expected.power().re(), actual.power().re());
        assertClose(expected.power().im(), actual.power().im());
        assertClose(expected.pds1().power(), actual.pds1().power());
        assertClose(expected.timeLag().value(), actual.timeLag().value());
    }

    @Test
    void dynpsFromShuffledPartialsEqualsOnePass() {
        List<SegmentSlice[]> segments = segments(ProductKind.DYNPS, times1, null);
        MeshPartial merged = foldAndMerge(segments, ProductKind.DYNPS);
        DynamicalPowerSpectrum expected = Spectra.dynamicalPowerSpectrum(times1, GTI, SPEC, Normalization.LEAHY);
        DynamicalPowerSpectrum actual = ((DynamicalPartial) merged).dynamical().result(Normalization.LEAHY);
        assertArrayEquals(expected.time(), actual.time(), 0.0);
        for (int j = 0; j < expected.dynPs().length; j++) {
            assertClose(expected.dynPs()[j], actual.dynPs()[j]);
        }
    }

    @Test
    void sparseSegmentsAreProcessedButNotUsed() {
        double[] sparse = {1000.5, 1000.7, 1008.2};   // segment 0: 2 events (used), segment 1: 1 event (skipped)
        List<SegmentSlice[]> segments = segments(ProductKind.PDS, sparse, null);
        MeshPartial p = MeshPartial.empty(JOB, ProductKind.PDS, SPEC);
        SegmentKernel ws = new SegmentKernel(SPEC);
        for (SegmentSlice[] s : segments) {
            p.fold(s, ws);
        }
        assertEquals(segments.size(), p.processedCount());
        assertEquals(1, p.usedCount());
        MeshPartial back = MeshPartial.fromProto(p.toProto(true));
        assertEquals(p.processed(), back.processed());
        assertEquals(1, ((PowerPartial) back).power().segmentCount());
    }

    @Test
    void duplicatesAreCoveredAndOverlapsRejected() {
        List<SegmentSlice[]> segments = segments(ProductKind.PDS, times1, null);
        SegmentKernel ws = new SegmentKernel(SPEC);
        MeshPartial first = MeshPartial.empty(JOB, ProductKind.PDS, SPEC);
        MeshPartial again = MeshPartial.empty(JOB, ProductKind.PDS, SPEC);
        MeshPartial straddling = MeshPartial.empty(JOB, ProductKind.PDS, SPEC);
        for (int i = 0; i < 6; i++) {
            first.fold(segments.get(i), ws);
            again.fold(segments.get(i), ws);
        }
        for (int i = 5; i < 9; i++) {
            straddling.fold(segments.get(i), ws);
        }
        assertTrue(first.covers(again));
        assertFalse(first.covers(straddling));
        assertTrue(first.overlaps(straddling));
        assertThrows(IncompatibleSpectraException.class, () -> first.merge(straddling));
        assertEquals(6, first.processedCount(), "a rejected merge changes nothing");
        assertThrows(InvalidParameterException.class, () -> first.fold(segments.get(0), ws));
    }

    @Test
    void inconsistentWireFormsAreRejected() {
        MeshPartial p = MeshPartial.empty(JOB, ProductKind.PDS, SPEC);
        p.fold(segments(ProductKind.PDS, times1, null).get(0), new SegmentKernel(SPEC));
        var wire = p.toProto(true);
        assertThrows(InvalidParameterException.class, () -> MeshPartial.fromProto(wire.toBuilder().setM(2).build()));
        assertThrows(InvalidParameterException.class,
                () -> MeshPartial.fromProto(wire.toBuilder().clearPowerSum().addPowerSum(1.0).build()));
        assertThrows(InvalidParameterException.class,
                () -> MeshPartial.fromProto(wire.toBuilder().setKind(ProductKind.LC).build()));
    }

    @Test
    void eachKindIsItsOwnTypeOnBothSidesOfTheWire() {
        Map<ProductKind, Class<? extends MeshPartial>> types = Map.of(ProductKind.PDS, PowerPartial.class,
                ProductKind.CPDS, CrossPartial.class, ProductKind.DYNPS, DynamicalPartial.class);
        types.forEach((kind, type) -> {
            MeshPartial empty = MeshPartial.empty(JOB, kind, SPEC);
            assertEquals(type, empty.getClass());
            assertEquals(kind, empty.kind());
            MeshPartial back = MeshPartial.fromProto(empty.toProto(true));
            assertEquals(type, back.getClass());
            assertEquals(kind, back.toProto(true).getKind());
        });
        assertThrows(IncompatibleSpectraException.class, () -> MeshPartial.empty(JOB, ProductKind.PDS, SPEC)
                .merge(MeshPartial.empty(JOB, ProductKind.DYNPS, SPEC)), "kinds differ");
        assertThrows(InvalidParameterException.class, () -> MeshPartial.empty(JOB, ProductKind.LC, SPEC));
    }

    /** Folds the segments, shuffled, into 3 partials, sends each through the wire form, merges them. */
    private MeshPartial foldAndMerge(List<SegmentSlice[]> segments, ProductKind kind) {
        List<SegmentSlice[]> shuffled = new ArrayList<>(segments);
        Collections.shuffle(shuffled, rnd);
        List<MeshPartial> parts = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            parts.add(MeshPartial.empty(JOB, kind, SPEC));
        }
        SegmentKernel ws = new SegmentKernel(SPEC);
        for (int i = 0; i < shuffled.size(); i++) {
            parts.get(i % 3).fold(shuffled.get(i), ws);
        }
        MeshPartial merged = MeshPartial.fromProto(parts.get(2).toProto(true));
        merged.merge(MeshPartial.fromProto(parts.get(0).toProto(true)));
        merged.merge(MeshPartial.fromProto(parts.get(1).toProto(true)));
        return MeshPartial.fromProto(merged.toProto(true));
    }

    /** The segments a unit reader hands over for these events: one slice per channel. */
    private static List<SegmentSlice[]> segments(ProductKind kind, double[] t1, double[] t2) {
        double[] starts = Segments.starts(GTI, SPEC);
        EventCursor c1 = new EventCursor(t1);
        EventCursor c2 = t2 == null ? null : new EventCursor(t2);
        List<SegmentSlice[]> out = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            double s = starts[i];
            SegmentSlice[] group = new SegmentSlice[c2 == null ? 1 : 2];
            group[0] = slice(i, s, t1, c1.seek(s), c1.seek(s + SPEC.segmentSize()));
            if (c2 != null) {
                group[1] = slice(i, s, t2, c2.seek(s), c2.seek(s + SPEC.segmentSize()));
            }
            out.add(group);
        }
        return out;
    }

    private static SegmentSlice slice(int index, double start, double[] t, int from, int to) {
        SegmentSlice slice = new SegmentSlice(16);
        slice.index = index;
        slice.start = start;
        slice.append(t, from, to - from);
        return slice;
    }

    /** Sorted Poisson-like event times over [1000, 1351) with a 3 Hz modulation. */
    private double[] events(int n, double phase) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double x;
            do {
                x = 1000 + 351 * rnd.nextDouble();
            } while (rnd.nextDouble() > 0.5 + 0.4 * Math.sin(2 * Math.PI * 3 * x + phase));
            t[i] = x;
        }
        Arrays.sort(t);
        return t;
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], REASSOCIATION_TOL * scale, "index " + i);
        }
    }
}
