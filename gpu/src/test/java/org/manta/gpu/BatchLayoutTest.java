package org.manta.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.manta.core.InvalidParameterException;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.segment.SegmentSpec;

/** Batch sizing, memory estimates and buffer layouts, without a device. */
class BatchLayoutTest {
    private static final long GIB = 1L << 30;

    @ParameterizedTest
    @CsvSource({"262144, 262146, 131073", "1001, 1002, 501", "1024, 1026, 513", "2, 4, 2"})
    void rowsArePaddedForTheInPlaceRealToComplexTransform(int nbin, int rowStride, int complex) {
        BatchLayout l = new BatchLayout(new SegmentSpec(1e-3, nbin, nbin * 1e-3), SpectrumKind.PDS, 1, 1);
        assertEquals(rowStride, l.rowStride());
        assertEquals(complex, l.complexPerRow());
        assertEquals(2 * l.complexPerRow(), l.rowStride(), "n/2+1 complex values fill a padded row exactly");
        assertTrue(l.rowStride() >= nbin, "the counts fit before the padding");
    }

    @Test
    void regionsAreAlignedDisjointAndAddUp() {
        BatchLayout l = new BatchLayout(SegmentSpec.of(1.0 / 4096, 64), SpectrumKind.CPDS, 37, 1_000_003);
        assertEquals(74, l.rows());
        long[] offsets = {l.firstOffset(), l.startOffset(), l.countOffset(), l.binnedOffset(), l.rowTableBytes()};
        long[] sizes = {8L * 74, 8L * 74, 4L * 74, 4L * 74};
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(0, offsets[i] % BatchLayout.ALIGN, "region " + i + " aligned");
            assertTrue(offsets[i] + sizes[i] <= offsets[i + 1], "region " + i + " ends before the next");
        }
        assertEquals(l.binnedOffset(), l.rowTableUploadBytes(), "the host uploads first, start and count only");
        assertEquals(BatchLayout.align(74L * 262146 * 8), l.spectraBytes());
        assertEquals(BatchLayout.align(1_000_003L * 8), l.eventBytes());
        assertEquals(l.spectraBytes() * 2 + l.eventBytes() + l.rowTableBytes() + l.sumsBytes(), l.deviceBytes(),
                "spectra + cuFFT work area + events + row table + sums (no DYNPS rows)");
        assertEquals(l.eventBytes() + l.rowTableBytes(), l.pinnedBytes());
        assertEquals(0, l.dynamicalBytes());
        assertEquals(4, l.sums(false));
    }

    @Test
    void dynamicalLayoutsCopyTheirRowsBack() {
        SegmentSpec spec = SegmentSpec.of(1.0 / 16, 64);
        BatchLayout l = new BatchLayout(spec, SpectrumKind.DYNPS, 10, 100);
        assertEquals(BatchLayout.align(10L * spec.nFreq() * 8), l.dynamicalBytes());
        assertEquals(l.eventBytes() + l.rowTableBytes() + l.dynamicalBytes(), l.pinnedBytes());
        assertEquals(0, l.sums(true));
    }

    @ParameterizedTest
    @CsvSource({"PDS, 80", "CPDS, 80", "DYNPS, 80", "PDS, 1", "CPDS, 2"})
    void theLargestBatchThatFitsIsPlanned(SpectrumKind kind, long gib) {
        SegmentSpec spec = SegmentSpec.of(1.0 / 4096, 64);           // 262144 bins
        BatchLayout l = BatchLayout.plan(spec, kind, gib * GIB, BatchLayout.DEFAULT_EVENT_CAPACITY);
        long budget = (long) (gib * GIB * BatchLayout.MEMORY_FRACTION) / BatchLayout.LANES;
        assertTrue(l.deviceBytes() <= budget, l + " fits " + budget);
        int target = (int) (BatchLayout.TARGET_POINTS / l.rowStride());
        if (l.slots() < target) {
            BatchLayout more = new BatchLayout(spec, kind, l.slots() + 1, l.eventCapacity());
            assertTrue(more.deviceBytes() > budget, "one more slot would not fit");
        } else {
            assertEquals(target, l.slots());
        }
    }

    @Test
    void smallSegmentsGetManySlotsUpToTheGridLimit() {
        BatchLayout l = BatchLayout.plan(SegmentSpec.of(1.0 / 64, 16), SpectrumKind.PDS, 80 * GIB, 1 << 22);
        assertEquals(BatchLayout.MAX_SLOTS, l.slots());
        assertTrue(l.rows() <= 65535, "the histogram grid's y dimension");
    }

    @Test
    void aSegmentThatCannotFitIsRefusedNamingTheSizes() {
        SegmentSpec spec = SegmentSpec.of(1.0 / 4096, 64);
        var e = assertThrows(InvalidParameterException.class,
                () -> BatchLayout.plan(spec, SpectrumKind.PDS, 1L << 20, BatchLayout.DEFAULT_EVENT_CAPACITY));
        assertTrue(e.getMessage().contains("262144 bins") && e.getMessage().contains("1048576 B"), e.getMessage());
    }

    @Test
    void eventCapacityOnlyGrows() {
        BatchLayout l = new BatchLayout(SegmentSpec.of(1.0 / 16, 64), SpectrumKind.PDS, 3, 100);
        assertEquals(500, l.withEventCapacity(500).eventCapacity());
        assertEquals(100, l.withEventCapacity(50).eventCapacity());
        assertEquals(l.slots(), l.withEventCapacity(500).slots());
    }
}
