package org.manta.gpu;

import java.lang.foreign.MemorySegment;

/**
 * The device operations the GPU engine needs, in the order a batch uses them, each on one of
 * {@link BatchLayout#LANES} lanes (a CUDA stream: operations of one lane run in order, asynchronously to the
 * host, until {@link #synchronize}). {@link CudaDevice} runs them on a GPU (cuFFT and the PTX kernels of
 * {@code src/main/cuda/kernels.cu}); the tests' emulated device runs the same arithmetic on the CPU, so the
 * engine's batching and bookkeeping are tested on machines without a GPU. Device buffers are addresses the
 * host must not read; pinned buffers are host memory the device copies from and to.
 */
public interface SpectralDevice extends AutoCloseable {

    /** Page-locked host memory of {@code bytes}, readable and writable here. */
    MemorySegment pinned(long bytes);

    void freePinned(MemorySegment pinned);

    /** Device memory of {@code bytes}. */
    MemorySegment alloc(long bytes);

    void free(MemorySegment device);

    /** The device address {@code bytes} past {@code base}. */
    MemorySegment offset(MemorySegment base, long bytes);

    void upload(int lane, MemorySegment host, MemorySegment device, long bytes);

    void download(int lane, MemorySegment device, MemorySegment host, long bytes);

    void zero(int lane, MemorySegment device, long bytes);

    /**
     * The histogram kernel over every row of a batch: row {@code r}'s events (times at
     * {@code events[first[r] .. first[r]+count[r])}) counted into its spectrum row with numpy's rule
     * ({@code Histogram.countSegment}); {@code binned[r]} gets the number counted.
     *
     * @param rowTable  the device row table ({@link BatchLayout#firstOffset()} …)
     * @param maxEvents the largest count of the batch (sizes the grid)
     */
    void histogram(int lane, BatchLayout layout, MemorySegment events, MemorySegment rowTable, int maxEvents,
                   MemorySegment spectra);

    /** In-place D2Z transform of every row of {@code spectra}. */
    void transform(int lane, BatchLayout layout, MemorySegment spectra);

    /** Adds the power of every slot with {@code binned > 0} to the PDS sums ({@code sums}: 1 or 3 arrays of nFreq). */
    void power(int lane, BatchLayout layout, MemorySegment spectra, MemorySegment rowTable, boolean perSegmentSums,
               MemorySegment sums);

    /** Adds the cross power of every slot whose two channels have {@code binned > 0} (4 arrays of nFreq). */
    void cross(int lane, BatchLayout layout, MemorySegment spectra, MemorySegment rowTable, MemorySegment sums);

    /** Writes {@code |X_j|²} of every slot into {@code rows} ({@code slots × nFreq}). */
    void dynamical(int lane, BatchLayout layout, MemorySegment spectra, MemorySegment rows);

    /** Waits until everything queued on {@code lane} is done. */
    void synchronize(int lane);

    /** Free device memory now, bytes. */
    long freeMemory();

    /** A line for logs and metrics. */
    String describe();

    @Override
    void close();
}
