package org.manta.gpu;

import org.manta.core.InvalidParameterException;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.segment.SegmentSpec;

/**
 * How one lane of the GPU engine lays out a batch of segments in memory, and what it costs. A batch holds up
 * to {@code slots} segments; segment slot {@code s} of channel {@code c} is row {@code r = c·slots + s}
 * ({@code rows = channels·slots}). Per lane (the engine runs {@value #LANES} lanes, so that the host fills
 * one while the device works on the other):
 * <ul>
 *   <li>spectra (device): {@code rows × rowStride} doubles, {@code rowStride = 2·(nbin/2+1)}: each row's first
 *       {@code nbin} doubles are the histogram, transformed in place by cuFFT D2Z into {@code nbin/2+1}
 *       complex values;</li>
 *   <li>cuFFT's work area (device): estimated as the spectra's size (a D2Z plan needs at most that);</li>
 *   <li>events (device and pinned host): {@code eventCapacity} doubles (event times, MET s), each row's
 *       events contiguous;</li>
 *   <li>row table (device and pinned host): per row the first event ({@code long}), the segment start
 *       ({@code double}), the event count ({@code int}), and the events binned ({@code int}, written by the
 *       histogram kernel and copied back);</li>
 *   <li>sums (device): {@code sums × nFreq} doubles, kept across batches (PDS 1 or 3, CPDS 4, DYNPS 0);</li>
 *   <li>DYNPS rows (device and pinned host): {@code slots × nFreq} doubles, copied back each batch.</li>
 * </ul>
 * Every region starts on a {@value #ALIGN}-byte boundary.
 *
 * @param spec          the segment layout
 * @param kind          the product
 * @param slots         segments per batch (per channel)
 * @param eventCapacity event times a batch can hold, all channels
 */
public record BatchLayout(SegmentSpec spec, SpectrumKind kind, int slots, long eventCapacity) {
    /** Lanes (CUDA streams with their own buffers) per engine. */
    public static final int LANES = 2;
    /** Alignment of every buffer region, bytes (cudaMalloc gives 256). */
    public static final long ALIGN = 256;
    /** Upper bound on slots: the histogram grid's y dimension is {@code rows} (at most 65535). */
    public static final int MAX_SLOTS = 4096;
    /** Points (slots × nbin) a batch aims at: enough work per launch to hide the launch and copy latency. */
    public static final long TARGET_POINTS = 1L << 24;
    /** Default event capacity per lane (2^22 times = 32 MiB pinned and 32 MiB device memory); it grows for a larger segment. */
    public static final long DEFAULT_EVENT_CAPACITY = 1L << 22;
    /** Fraction of the free device memory the engine may take. */
    public static final double MEMORY_FRACTION = 0.8;

    public BatchLayout {
        if (slots < 1 || slots > MAX_SLOTS) {
            throw new InvalidParameterException("slots", slots, "1 to " + MAX_SLOTS + " segments per batch");
        }
        if (eventCapacity < 1) {
            throw new InvalidParameterException("eventCapacity", eventCapacity, "at least 1 event");
        }
    }

    /**
     * The largest batch (up to {@link #TARGET_POINTS} points, at most {@link #MAX_SLOTS} slots) whose
     * {@value #LANES} lanes fit {@link #MEMORY_FRACTION} of {@code freeDeviceBytes}.
     *
     * @throws InvalidParameterException if not even one segment per lane fits, naming the sizes
     */
    public static BatchLayout plan(SegmentSpec spec, SpectrumKind kind, long freeDeviceBytes, long eventCapacity) {
        long budget = (long) (freeDeviceBytes * MEMORY_FRACTION) / LANES;
        int slots = (int) Math.max(1, Math.min(MAX_SLOTS, TARGET_POINTS / rowStride(spec.nbin())));
        while (slots >= 1) {
            BatchLayout layout = new BatchLayout(spec, kind, slots, eventCapacity);
            long bytes = layout.deviceBytes();
            if (bytes <= budget) {
                return layout;
            }
            // bytes grow linearly in slots on top of a fixed part, so this never skips the largest that fits
            slots = (int) Math.min(slots - 1, (double) slots * budget / bytes);
        }
        BatchLayout one = new BatchLayout(spec, kind, 1, eventCapacity);
        throw new InvalidParameterException("segment", spec.nbin() + " bins", "a segment whose batch of one ("
                + one.deviceBytes() + " B per lane, " + LANES + " lanes) fits " + MEMORY_FRACTION
                + " of the device's free memory (" + freeDeviceBytes + " B)");
    }

    /** Doubles per spectrum row: {@code 2·(nbin/2+1)} (cuFFT's in-place real-to-complex padding). */
    public static int rowStride(int nbin) {
        return 2 * (nbin / 2 + 1);
    }

    public int channels() {
        return kind.channels();
    }

    /** Rows of a batch: {@code channels·slots}. */
    public int rows() {
        return channels() * slots;
    }

    public int rowStride() {
        return rowStride(spec.nbin());
    }

    /** Complex values per transformed row: {@code nbin/2+1}. */
    public int complexPerRow() {
        return spec.nbin() / 2 + 1;
    }

    /** Accumulated sums kept on the device: PDS 3 ({@code perSegmentSums}) or 1, CPDS 4, DYNPS 0. */
    public int sums(boolean perSegmentSums) {
        return switch (kind) {
            case PDS -> perSegmentSums ? 3 : 1;
            case CPDS -> 4;
            default -> 0;
        };
    }

    public long spectraBytes() {
        return align((long) rows() * rowStride() * Double.BYTES);
    }

    /** The estimate of cuFFT's work area (the real one is asked of cuFFT when the plan is made). */
    public long fftWorkBytes() {
        return spectraBytes();
    }

    public long eventBytes() {
        return align(eventCapacity * Double.BYTES);
    }

    /** Offsets in the row table: first events (long), starts (double), counts (int), then binned (int). */
    public long firstOffset() {
        return 0;
    }

    public long startOffset() {
        return align((long) rows() * Long.BYTES);
    }

    public long countOffset() {
        return startOffset() + align((long) rows() * Double.BYTES);
    }

    public long binnedOffset() {
        return countOffset() + align((long) rows() * Integer.BYTES);
    }

    /** The part of the row table the host uploads (first, start, count). */
    public long rowTableUploadBytes() {
        return binnedOffset();
    }

    public long rowTableBytes() {
        return binnedOffset() + align((long) rows() * Integer.BYTES);
    }

    public long sumsBytes() {
        return align(4L * spec.nFreq() * Double.BYTES);
    }

    /** DYNPS rows copied back per batch (0 for other kinds). */
    public long dynamicalBytes() {
        return kind == SpectrumKind.DYNPS ? align((long) slots * spec.nFreq() * Double.BYTES) : 0;
    }

    /** Device memory of one lane, bytes. */
    public long deviceBytes() {
        return spectraBytes() + fftWorkBytes() + eventBytes() + rowTableBytes() + sumsBytes() + dynamicalBytes();
    }

    /** Pinned host memory of one lane, bytes. */
    public long pinnedBytes() {
        return eventBytes() + rowTableBytes() + dynamicalBytes();
    }

    /** The same layout with room for at least {@code events} event times. */
    public BatchLayout withEventCapacity(long events) {
        return new BatchLayout(spec, kind, slots, Math.max(eventCapacity, events));
    }

    static long align(long bytes) {
        return (bytes + ALIGN - 1) / ALIGN * ALIGN;
    }
}
