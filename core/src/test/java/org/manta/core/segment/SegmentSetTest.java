package org.manta.core.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;

class SegmentSetTest {

    @Test
    void keepsIndicesSortedWhateverTheInsertionOrder() {
        SegmentSet s = new SegmentSet();
        for (long i : new long[] {5, 1, 9, 3, 100, 0, 7, 2, 4, 6, 8}) {
            s.add(i);
        }
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100}, s.toArray());
        assertTrue(s.contains(100));
        assertFalse(s.contains(10));
        assertThrows(InvalidParameterException.class, () -> s.add(3));
        assertEquals(11, s.size());
    }

    @Test
    void mergesDisjointSetsAndRejectsOverlapWithoutChange() {
        SegmentSet a = new SegmentSet();
        SegmentSet b = new SegmentSet();
        for (long i = 0; i < 10; i += 2) {
            a.add(i);
            b.add(i + 1);
        }
        a.addAll(b);
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, a.toArray());
        SegmentSet c = new SegmentSet();
        c.add(42);
        c.add(7);
        assertThrows(IncompatibleSpectraException.class, () -> a.addAll(c));
        assertEquals(10, a.size(), "unchanged after a rejected merge");
        a.addAll(new SegmentSet());
        assertEquals(10, a.size());
    }
}
