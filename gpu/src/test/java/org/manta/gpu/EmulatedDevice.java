package org.manta.gpu;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.Histogram;
import org.manta.core.segment.SegmentSpec;

/**
 * A {@link SpectralDevice} on the CPU, for machines without a GPU: "device" buffers are native memory, every
 * lane runs at once, and the kernels are the arithmetic of {@code kernels.cu} written in Java (the histogram
 * with the core's {@link Histogram}, the transform with {@link RealFft} unpacked to cuFFT's D2Z layout). It
 * tests the engine's batching, buffer layout and bookkeeping; the kernels themselves are tested on a GPU.
 */
public final class EmulatedDevice implements SpectralDevice {
    private final Arena arena = Arena.ofShared();
    private final long freeMemory;
    int launches;
    long allocated;

    /** @param freeMemory what {@link #freeMemory} reports (sizes the batches) */
    public EmulatedDevice(long freeMemory) {
        this.freeMemory = freeMemory;
    }

    /** Free memory with which {@link BatchLayout#plan} gives batches of {@code slots} (reachable by halving from its target). */
    public static long memoryFor(SegmentSpec spec, org.manta.core.plan.SpectrumKind kind, int slots, long events) {
        BatchLayout l = new BatchLayout(spec, kind, slots, events);
        return (long) Math.ceil(l.deviceBytes() * BatchLayout.LANES / BatchLayout.MEMORY_FRACTION) + 1;
    }

    @Override
    public MemorySegment pinned(long bytes) {
        return alloc(bytes);
    }

    @Override
    public void freePinned(MemorySegment pinned) {
        free(pinned);
    }

    @Override
    public MemorySegment alloc(long bytes) {
        allocated += bytes;
        MemorySegment m = arena.allocate(bytes, 256);
        m.fill((byte) 0x7f);     // like cudaMalloc: not zeroed (0x7f7f... is a large double, so a missing zero shows)
        return m;
    }

    @Override
    public void free(MemorySegment device) {
        allocated -= device.byteSize();
    }

    @Override
    public MemorySegment offset(MemorySegment base, long bytes) {
        return base.asSlice(bytes);
    }

    @Override
    public void upload(int lane, MemorySegment host, MemorySegment device, long bytes) {
        MemorySegment.copy(host, 0, device, 0, bytes);
    }

    @Override
    public void download(int lane, MemorySegment device, MemorySegment host, long bytes) {
        MemorySegment.copy(device, 0, host, 0, bytes);
    }

    @Override
    public void zero(int lane, MemorySegment device, long bytes) {
        device.asSlice(0, bytes).fill((byte) 0);
    }

    @Override
    public void histogram(int lane, BatchLayout layout, MemorySegment events, MemorySegment rowTable, int maxEvents,
                          MemorySegment spectra) {
        launches++;
        int n = layout.spec().nbin();
        double[] counts = new double[n];
        for (int r = 0; r < layout.rows(); r++) {
            long first = rowTable.getAtIndex(JAVA_LONG, r);
            int count = rowTable.get(JAVA_INT, layout.countOffset() + 4L * r);
            double start = rowTable.get(JAVA_DOUBLE, layout.startOffset() + 8L * r);
            double[] times = events.asSlice(first * 8, count * 8L).toArray(JAVA_DOUBLE);
            int binned = Histogram.countSegment(times, 0, count, start, layout.spec(), counts);
            long row = (long) r * layout.rowStride() * 8;
            for (int k = 0; k < n; k++) {
                spectra.set(JAVA_DOUBLE, row + 8L * k, spectra.get(JAVA_DOUBLE, row + 8L * k) + counts[k]);
            }
            long b = layout.binnedOffset() + 4L * r;
            rowTable.set(JAVA_INT, b, rowTable.get(JAVA_INT, b) + binned);
        }
    }

    @Override
    public void transform(int lane, BatchLayout layout, MemorySegment spectra) {
        int n = layout.spec().nbin();
        RealFft fft = new RealFft(n);
        double[] x = new double[n];
        double[] packed = new double[n];
        for (int r = 0; r < layout.rows(); r++) {
            MemorySegment row = spectra.asSlice((long) r * layout.rowStride() * 8, layout.rowStride() * 8L);
            MemorySegment.copy(row, JAVA_DOUBLE, 0, x, 0, n);
            fft.forward(x, packed);
            for (int j = 0; j <= n / 2; j++) {
                row.setAtIndex(JAVA_DOUBLE, 2L * j, RealFft.re(packed, n, j));
                row.setAtIndex(JAVA_DOUBLE, 2L * j + 1, RealFft.im(packed, n, j));
            }
        }
    }

    private static double re(MemorySegment spectra, BatchLayout l, int row, int j) {
        return spectra.getAtIndex(JAVA_DOUBLE, (long) row * l.rowStride() + 2L * j);
    }

    private static double im(MemorySegment spectra, BatchLayout l, int row, int j) {
        return spectra.getAtIndex(JAVA_DOUBLE, (long) row * l.rowStride() + 2L * j + 1);
    }

    private static int binned(MemorySegment rowTable, BatchLayout l, int row) {
        return rowTable.get(JAVA_INT, l.binnedOffset() + 4L * row);
    }

    @Override
    public void power(int lane, BatchLayout layout, MemorySegment spectra, MemorySegment rowTable,
                      boolean perSegmentSums, MemorySegment sums) {
        int nFreq = layout.spec().nFreq();
        for (int j = 1; j <= nFreq; j++) {
            for (int s = 0; s < layout.slots(); s++) {
                int b = binned(rowTable, layout, s);
                if (b == 0) {
                    continue;
                }
                double a = re(spectra, layout, s, j);
                double c = im(spectra, layout, s, j);
                double p = a * a + c * c;
                add(sums, 0, nFreq, j, p);
                if (perSegmentSums) {
                    double w = 1.0 / b;
                    double w2 = w * w;
                    add(sums, 1, nFreq, j, p * w);
                    add(sums, 2, nFreq, j, p * w2);
                }
            }
        }
    }

    @Override
    public void cross(int lane, BatchLayout layout, MemorySegment spectra, MemorySegment rowTable, MemorySegment sums) {
        int nFreq = layout.spec().nFreq();
        int slots = layout.slots();
        for (int j = 1; j <= nFreq; j++) {
            for (int s = 0; s < slots; s++) {
                if (binned(rowTable, layout, s) == 0 || binned(rowTable, layout, slots + s) == 0) {
                    continue;
                }
                double a = re(spectra, layout, s, j);
                double b = im(spectra, layout, s, j);
                double c = re(spectra, layout, slots + s, j);
                double d = im(spectra, layout, slots + s, j);
                add(sums, 0, nFreq, j, a * c + b * d);
                add(sums, 1, nFreq, j, a * d - b * c);
                add(sums, 2, nFreq, j, a * a + b * b);
                add(sums, 3, nFreq, j, c * c + d * d);
            }
        }
    }

    @Override
    public void dynamical(int lane, BatchLayout layout, MemorySegment spectra, MemorySegment rows) {
        int nFreq = layout.spec().nFreq();
        for (int s = 0; s < layout.slots(); s++) {
            for (int j = 1; j <= nFreq; j++) {
                double a = re(spectra, layout, s, j);
                double b = im(spectra, layout, s, j);
                rows.setAtIndex(JAVA_DOUBLE, (long) s * nFreq + j - 1, a * a + b * b);
            }
        }
    }

    private static void add(MemorySegment sums, int which, int nFreq, int j, double v) {
        long i = (long) which * nFreq + j - 1;
        sums.setAtIndex(JAVA_DOUBLE, i, sums.getAtIndex(JAVA_DOUBLE, i) + v);
    }

    @Override
    public void synchronize(int lane) {
    }

    @Override
    public long freeMemory() {
        return freeMemory;
    }

    @Override
    public String describe() {
        return "emulated device (CPU)";
    }

    @Override
    public void close() {
        arena.close();
    }
}
