package org.manta.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.SegmentSpec;

/**
 * The merge law, once for every accumulator (style.md §5; after Hipparchus
 * {@code StorelessUnivariateStatisticAbstractTest#testAggregate}): any partition of the segments, each
 * part added in any order and the parts combined in any order, equals one pass; an empty accumulator
 * is neutral; overlapping segment sets and different segment layouts are rejected.
 *
 * @param <A> accumulator type
 * @param <R> product type
 */
abstract class AccumulatorMergeLawTest<A extends Accumulator<A, R>, R> {
    /**
     * Sums reassociated by a different partition or order: with at most {@value #SEGMENTS} terms, each
     * sum moves by a few ulp of its largest term, so arrays are compared relative to their largest value.
     */
    static final double MERGE_TOL = 1e-13;
    static final int SEGMENTS = 12;
    /** This segment's counts are all zero in every channel: it must be skipped everywhere. */
    static final int EMPTY_SEGMENT = 4;
    static final SegmentSpec SPEC = new SegmentSpec(0.125, 64, 8.0);

    /** A new empty accumulator for {@code spec}. */
    abstract A empty(SegmentSpec spec);

    /** Adds the fixed synthetic segment {@code segment} (deterministic in the index). */
    abstract void add(A accumulator, int segment, RealFft fft);

    /** The numbers of a result that must agree, as named arrays. */
    abstract List<double[]> numbers(R result);

    /** Synthetic counts of one segment and channel: Poisson-like integers with a weak periodic signal. */
    static double[] counts(int segment, int channel, int n) {
        double[] c = new double[n];
        if (segment == EMPTY_SEGMENT) {
            return c;
        }
        Random r = new Random(1000L * segment + channel);
        for (int i = 0; i < n; i++) {
            double rate = 2 + Math.sin(2 * Math.PI * i / 8.0 + channel) + r.nextDouble();
            c[i] = Math.floor(rate * r.nextDouble() * 2);
        }
        return c;
    }

    private A onePass(List<Integer> order) {
        A acc = empty(SPEC);
        RealFft fft = new RealFft(SPEC.nbin());
        for (int s : order) {
            add(acc, s, fft);
        }
        return acc;
    }

    private void assertSame(R expected, R actual, double tol) {
        List<double[]> e = numbers(expected);
        List<double[]> a = numbers(actual);
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) {
            double scale = 0;
            for (double v : e.get(i)) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertArrayEquals(e.get(i), a.get(i), tol * scale, "array " + i);
        }
    }

    private static List<Integer> allSegments() {
        List<Integer> all = new ArrayList<>();
        for (int s = 0; s < SEGMENTS; s++) {
            all.add(s);
        }
        return all;
    }

    @Test
    void anyPartitionAndOrderCombinedEqualsOnePass() {
        A reference = onePass(allSegments());
        assertEquals(SEGMENTS - 1, reference.segmentCount(), "the all-zero segment is skipped");
        R expected = reference.result(Normalization.FRAC);
        Random random = new Random(99);
        for (int trial = 0; trial < 30; trial++) {
            List<Integer> order = allSegments();
            Collections.shuffle(order, random);
            int parts = 1 + random.nextInt(SEGMENTS);
            List<A> partials = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                partials.add(empty(SPEC));
            }
            RealFft fft = new RealFft(SPEC.nbin());
            for (int s : order) {
                add(partials.get(random.nextInt(parts)), s, fft);
            }
            // combine in a random tree
            while (partials.size() > 1) {
                A left = partials.remove(random.nextInt(partials.size()));
                A right = partials.remove(random.nextInt(partials.size()));
                partials.add(random.nextBoolean() ? left.combine(right) : right.combine(left));
            }
            A merged = partials.get(0);
            assertEquals(reference.segments(), merged.segments(), "same segments, trial " + trial);
            assertSame(expected, merged.result(Normalization.FRAC), MERGE_TOL);
        }
    }

    @Test
    void emptyAccumulatorIsNeutral() {
        A full = onePass(allSegments());
        R expected = full.result(Normalization.LEAHY);
        assertSame(expected, full.copy().combine(empty(SPEC)).result(Normalization.LEAHY), 0.0);
        assertSame(expected, empty(SPEC).combine(full).result(Normalization.LEAHY), 0.0);
        assertTrue(empty(SPEC).combine(empty(SPEC)).isEmpty());
        assertThrows(NoDataException.class, () -> empty(SPEC).result(Normalization.LEAHY));
    }

    @Test
    void overlappingSegmentSetsAreRejectedAndLeaveTheTargetUnchanged() {
        A first = onePass(List.of(0, 1, 2, 3));
        A second = onePass(List.of(3, 5, 6));
        R before = first.result(Normalization.FRAC);
        assertThrows(IncompatibleSpectraException.class, () -> first.combine(second));
        assertSame(before, first.result(Normalization.FRAC), 0.0);
        assertEquals(4, first.segmentCount());
        assertThrows(IncompatibleSpectraException.class, () -> first.combine(first.copy()));
    }

    @Test
    void differentSegmentLayoutsAreRejected() {
        A a = onePass(List.of(0));
        assertThrows(IncompatibleSpectraException.class, () -> a.combine(empty(new SegmentSpec(0.125, 32, 4.0))));
        assertThrows(IncompatibleSpectraException.class, () -> a.combine(empty(new SegmentSpec(0.25, 64, 16.0))));
    }

    @Test
    void addingTheSameSegmentTwiceIsRejected() {
        A a = onePass(List.of(0, 1));
        assertThrows(InvalidParameterException.class, () -> add(a, 1, new RealFft(SPEC.nbin())));
    }

    @Test
    void copiesAreIndependent() {
        A a = onePass(List.of(0, 1, 2));
        A copy = a.copy();
        add(a, 5, new RealFft(SPEC.nbin()));
        assertEquals(3, copy.segmentCount());
        assertSame(onePass(List.of(0, 1, 2)).result(Normalization.ABS), copy.result(Normalization.ABS), 0.0);
    }
}
