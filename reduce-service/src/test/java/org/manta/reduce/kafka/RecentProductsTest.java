package org.manta.reduce.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.manta.proto.v1.ProductRecord;

/** The catalog's cache: whole products only, the products used longest ago dropped first beyond the byte budget. */
class RecentProductsTest {
    private static ProductRecord piece(String job, int index, int count) {
        return ProductRecord.newBuilder().setJobId(job).setPieceIndex(index).setPieceCount(count).build();
    }

    @Test
    void aProductIsThereOnceAllItsPiecesAre() {
        RecentProducts recent = new RecentProducts(1000);
        recent.put(piece("a", 1, 2), 100);
        assertTrue(recent.get("a").isEmpty(), "one piece of two");
        recent.put(piece("a", 0, 2), 100);
        assertEquals(2, recent.get("a").orElseThrow().length);
        recent.put(piece("a", 0, 2), 100);
        assertEquals(200, recent.bytes(), "a piece read again is counted once");
    }

    @Test
    void theProductUsedLongestAgoGoesFirst() {
        RecentProducts recent = new RecentProducts(500);
        recent.put(piece("a", 0, 1), 200);
        recent.put(piece("b", 0, 1), 200);
        assertTrue(recent.get("a").isPresent(), "a used now: b is the eldest");
        recent.put(piece("c", 0, 1), 200);
        assertTrue(recent.get("b").isEmpty(), "b dropped");
        assertTrue(recent.get("a").isPresent() && recent.get("c").isPresent());
        assertEquals(400, recent.bytes());
        recent.put(piece("d", 0, 1), 600);       // alone over the budget: kept by nobody
        assertEquals(0, recent.bytes(), "everything dropped, the oversized product too");
        recent.remove("nobody");
        assertEquals(0, recent.bytes());
    }

    @Test
    void aBudgetOfZeroKeepsNothingAndANegativeOneIsRefused() {
        RecentProducts none = new RecentProducts(0);
        none.put(piece("a", 0, 1), 10);
        assertTrue(none.get("a").isEmpty());
        assertEquals(0, none.bytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecentProducts(-1));
        assertTrue(e.getMessage().contains("product-cache-bytes = -1"), e.getMessage());
    }
}
