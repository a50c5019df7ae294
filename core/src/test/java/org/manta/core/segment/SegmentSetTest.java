package org.manta.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;

class SegmentSetTest {
    private static final int INDICES = 60;

    @Test
    void encodingOfTheContractExample() {
        SegmentSet s = SegmentSet.empty();
        for (long i : new long[] {5, 0, 2, 1}) {
            assertTrue(s.add(i));
        }
        assertEquals(List.of(0L, 3L, 5L, 6L), s.encode());
        assertEquals("[0, 3) [5, 6)", s.toString());
        assertEquals(4, s.count());
        assertEquals(5, s.last());
        assertFalse(s.add(2), "already present");
        assertEquals(s, SegmentSet.decode(s.encode()));
        assertEquals("{}", SegmentSet.empty().toString());
        assertEquals(-1, SegmentSet.empty().last());
    }

    /**
     * Random sets against a TreeSet model: add in any order, addAll, contains, containsAll, intersects,
     * firstShared, count, last, and equality of equal sets built differently.
     */
    @Test
    void behavesLikeASetOfIndices() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            TreeSet<Long> a = new TreeSet<>();
            TreeSet<Long> b = new TreeSet<>();
            SegmentSet sa = SegmentSet.empty();
            SegmentSet sb = SegmentSet.empty();
            List<Long> order = new ArrayList<>();
            for (long i = 0; i < INDICES; i++) {
                order.add(i);
            }
            if (trial % 2 == 0) {
                Collections.shuffle(order, rnd);
            }
            for (long i : order) {
                int where = rnd.nextInt(3);
                if (where == 0) {
                    assertTrue(sa.add(i));
                    a.add(i);
                } else if (where == 1) {
                    assertTrue(sb.add(i));
                    b.add(i);
                }
            }
            assertSame(a, sa);
            assertSame(b, sb);
            assertEquals(!Collections.disjoint(a, b), sa.intersects(sb));
            TreeSet<Long> shared = new TreeSet<>(a);
            shared.retainAll(b);
            assertEquals(shared.isEmpty() ? -1 : shared.first(), sa.firstShared(sb));
            assertEquals(a.containsAll(b), sa.containsAll(sb));
            SegmentSet union = sa.copy();
            union.addAll(sb);
            TreeSet<Long> u = new TreeSet<>(a);
            u.addAll(b);
            assertSame(u, union);
            assertTrue(union.containsAll(sa) && union.containsAll(sb));
            SegmentSet reversed = sb.copy();
            reversed.addAll(sa);
            assertEquals(union, reversed, "union is commutative");
            assertEquals(union.hashCode(), reversed.hashCode());
            assertSame(a, sa);
        }
    }

    @Test
    void unionOfOverlappingAndAdjacentRangesIsCanonical() {
        SegmentSet s = SegmentSet.range(0, 3);
        s.addAll(SegmentSet.range(3, 5));
        assertEquals(SegmentSet.range(0, 5), s, "adjacent ranges join");
        s.addAll(SegmentSet.range(2, 8));
        assertEquals(SegmentSet.range(0, 8), s, "overlap is allowed");
        s.addAll(SegmentSet.range(10, 12));
        s.add(8);
        s.add(9);
        assertEquals(SegmentSet.range(0, 12), s);
        assertEquals(List.of(0L, 12L), s.encode());
    }

    @Test
    void completenessIsExactlyZeroToTotal() {
        assertTrue(SegmentSet.range(0, 16).coversExactly(16));
        assertFalse(SegmentSet.range(0, 15).coversExactly(16));
        assertFalse(SegmentSet.range(1, 16).coversExactly(16));
        assertTrue(SegmentSet.empty().coversExactly(0));
    }

    @Test
    void badIndicesAndEncodingsAreRejected() {
        assertThrows(InvalidParameterException.class, () -> SegmentSet.empty().add(-1));
        assertThrows(InvalidParameterException.class, () -> SegmentSet.decode(List.of(0L)));
        assertThrows(InvalidParameterException.class, () -> SegmentSet.decode(List.of(3L, 3L)));
        assertThrows(InvalidParameterException.class, () -> SegmentSet.decode(List.of(0L, 3L, 3L, 5L)), "adjacent");
        assertThrows(InvalidParameterException.class, () -> SegmentSet.decode(List.of(5L, 6L, 0L, 3L)), "unsorted");
        assertThrows(InvalidParameterException.class, () -> SegmentSet.decode(List.of(-1L, 3L)));
    }

    private static void assertSame(TreeSet<Long> model, SegmentSet s) {
        assertEquals(model.size(), s.count());
        assertEquals(model.isEmpty(), s.isEmpty());
        assertEquals(model.isEmpty() ? -1 : model.last(), s.last());
        for (long i = 0; i < INDICES; i++) {
            assertEquals(model.contains(i), s.contains(i), "index " + i);
        }
        SegmentSet rebuilt = SegmentSet.empty();
        model.forEach(rebuilt::add);
        assertEquals(rebuilt, s, "one canonical form");
    }
}
