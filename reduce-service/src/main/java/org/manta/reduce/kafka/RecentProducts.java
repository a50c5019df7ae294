package org.manta.reduce.kafka;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.manta.proto.v1.ProductRecord;

/**
 * The pieces of the products used last, in memory up to a budget of bytes (their records' sizes on
 * {@code manta.products}): the product catalog's cache in front of the topic. A product's pieces come in as the
 * catalog reads them (a job just finished: the Get that follows is served from here) or as a Get fetched them from
 * the topic; the product used longest ago goes first when the budget is exceeded. Thread-safe.
 */
final class RecentProducts {
    private final long budget;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    private static final class Entry {
        final ProductRecord[] pieces;
        long bytes;

        Entry(int count) {
            pieces = new ProductRecord[count];
        }
    }

    /** @param budget the most bytes kept; 0 keeps nothing */
    RecentProducts(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("manta.reduce.product-cache-bytes = " + budget
                    + ": expected 0 (no cache) or more");
        }
        this.budget = budget;
    }

    /** Keeps a piece ({@code size}: its record's bytes), then drops the products used longest ago beyond the budget. */
    synchronized void put(ProductRecord piece, long size) {
        if (budget == 0) {
            return;
        }
        Entry e = entries.get(piece.getJobId());
        if (e == null || e.pieces.length != piece.getPieceCount()) {
            remove(piece.getJobId());
            e = new Entry(piece.getPieceCount());
            entries.put(piece.getJobId(), e);
        }
        int i = piece.getPieceIndex();
        if (e.pieces[i] == null) {
            e.bytes += size;
            bytes += size;
        }
        e.pieces[i] = piece;
        Iterator<Entry> eldest = entries.values().iterator();
        while (bytes > budget && eldest.hasNext()) {
            bytes -= eldest.next().bytes;
            eldest.remove();
        }
    }

    /** The product's pieces in order, if all of them are here. */
    synchronized Optional<ProductRecord[]> get(String jobId) {
        Entry e = entries.get(jobId);
        if (e == null) {
            return Optional.empty();
        }
        for (ProductRecord p : e.pieces) {
            if (p == null) {
                return Optional.empty();
            }
        }
        return Optional.of(e.pieces.clone());
    }

    synchronized void remove(String jobId) {
        Entry e = entries.remove(jobId);
        if (e != null) {
            bytes -= e.bytes;
        }
    }

    /** The bytes kept now. */
    synchronized long bytes() {
        return bytes;
    }
}
