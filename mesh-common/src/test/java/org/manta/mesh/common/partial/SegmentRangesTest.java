package org.manta.mesh.common.partial;

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

class SegmentRangesTest {
    @Test
    void encodingOfTheContractExample() {
        SegmentRanges r = SegmentRanges.empty();
        for (long i : new long[] {5, 0, 2, 1}) {
            assertTrue(r.add(i));
        }
        assertEquals(List.of(0L, 3L, 5L, 6L), r.encode());
        assertEquals("[0, 3) [5, 6)", r.toString());
        assertEquals(4, r.count());
        assertFalse(r.add(2), "already present");
        assertEquals(r, SegmentRanges.decode(r.encode()));
    }

    /** Random sets against a TreeSet model: add, addAll, contains, containsAll, intersects, count. */
    @Test
    void behavesLikeASetOfIndices() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            TreeSet<Long> a = new TreeSet<>();
            TreeSet<Long> b = new TreeSet<>();
            SegmentRanges ra = SegmentRanges.empty();
            SegmentRanges rb = SegmentRanges.empty();
            List<Long> order = new ArrayList<>();
            for (long i = 0; i < 60; i++) {
                order.add(i);
            }
            Collections.shuffle(order, rnd);
            for (long i : order) {
                int where = rnd.nextInt(3);
                if (where == 0) {
                    a.add(i);
                    ra.add(i);
                } else if (where == 1) {
                    b.add(i);
                    rb.add(i);
                }
            }
            assertEquals(a.size(), ra.count());
            for (long i = 0; i < 60; i++) {
                assertEquals(a.contains(i), ra.contains(i));
            }
            assertEquals(!Collections.disjoint(a, b), ra.intersects(rb));
            assertEquals(a.containsAll(b), ra.containsAll(rb));
            SegmentRanges union = ra.copy();
            union.addAll(rb);
            TreeSet<Long> u = new TreeSet<>(a);
            u.addAll(b);
            assertEquals(u.size(), union.count());
            assertTrue(union.containsAll(ra) && union.containsAll(rb));
            assertEquals(a, toSet(ra.toSegmentSet().toArray()));
            assertEquals(ra, SegmentRanges.of(ra.toSegmentSet()));
        }
    }

    @Test
    void completenessIsExactlyZeroToTotal() {
        assertTrue(SegmentRanges.range(0, 16).coversExactly(16));
        assertFalse(SegmentRanges.range(0, 15).coversExactly(16));
        assertFalse(SegmentRanges.range(1, 16).coversExactly(16));
        assertTrue(SegmentRanges.empty().coversExactly(0));
    }

    @Test
    void badEncodingsAreRejected() {
        assertThrows(InvalidParameterException.class, () -> SegmentRanges.decode(List.of(0L)));
        assertThrows(InvalidParameterException.class, () -> SegmentRanges.decode(List.of(3L, 3L)));
        assertThrows(InvalidParameterException.class, () -> SegmentRanges.decode(List.of(0L, 3L, 3L, 5L)), "adjacent");
        assertThrows(InvalidParameterException.class, () -> SegmentRanges.decode(List.of(5L, 6L, 0L, 3L)), "unsorted");
        assertThrows(InvalidParameterException.class, () -> SegmentRanges.decode(List.of(-1L, 3L)));
    }

    private static TreeSet<Long> toSet(long[] values) {
        TreeSet<Long> s = new TreeSet<>();
        for (long v : values) {
            s.add(v);
        }
        return s;
    }
}
