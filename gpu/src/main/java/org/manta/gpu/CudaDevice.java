package org.manta.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.manta.gpu.cuda.CudaException;

/**
 * {@link SpectralDevice} on a CUDA GPU: memory and copies through the runtime, the kernels of the committed
 * PTX ({@value #PTX}) loaded once through the driver (which JIT-compiles them for the device), cuFFT plans
 * per lane and layout. Every call first makes the device current on the calling thread (the driver API
 * needs the context there). One per engine; the lanes' streams are its own.
 */
public final class CudaDevice implements SpectralDevice {
    /** The kernels' PTX on the class path (built from src/main/cuda/kernels.cu by build-ptx.sh). */
    public static final String PTX = "/org/manta/gpu/kernels.ptx";
    /** The kernels Manta launches, with their parameter counts (PtxTest checks them against the PTX). */
    public static final Map<String, Integer> KERNELS = Map.of("manta_histogram", 11, "manta_power", 9,
            "manta_cross", 9, "manta_dynamical", 4);
    private static final int BLOCK = 256;
    private static final int MAX_HISTOGRAM_BLOCKS = 1024;

    private final GpuDevice gpu;
    private final MemorySegment module;
    private final Map<String, MemorySegment> functions = new HashMap<>();
    private final MemorySegment[] streams = new MemorySegment[BatchLayout.LANES];
    private final Map<Integer, int[]> plans = new HashMap<>();   // lane -> {rows, nbin, handle}

    /** Opens the probed device: loads the kernels and creates the lanes' streams. */
    public CudaDevice(GpuDevice gpu) {
        this.gpu = gpu;
        gpu.runtime().initialize(gpu.ordinal());
        this.module = gpu.driver().loadModule(ptx());
        for (String name : KERNELS.keySet()) {
            functions.put(name, gpu.driver().function(module, name));
        }
        for (int l = 0; l < streams.length; l++) {
            streams[l] = gpu.runtime().streamCreate();
        }
    }

    /** The committed PTX text. */
    public static String ptx() {
        try (InputStream in = CudaDevice.class.getResourceAsStream(PTX)) {
            if (in == null) {
                throw new CudaException("the kernels' PTX " + PTX + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CudaException("cannot read " + PTX + ": " + e.getMessage());
        }
    }

    private void bind() {
        gpu.runtime().setDevice(gpu.ordinal());
    }

    @Override
    public MemorySegment pinned(long bytes) {
        bind();
        return gpu.runtime().hostAlloc(bytes);
    }

    @Override
    public void freePinned(MemorySegment pinned) {
        gpu.runtime().hostFree(pinned);
    }

    @Override
    public MemorySegment alloc(long bytes) {
        bind();
        return gpu.runtime().deviceAlloc(bytes);
    }

    @Override
    public void free(MemorySegment device) {
        gpu.runtime().deviceFree(device);
    }

    @Override
    public MemorySegment offset(MemorySegment base, long bytes) {
        return MemorySegment.ofAddress(base.address() + bytes);
    }

    @Override
    public void upload(int lane, MemorySegment host, MemorySegment device, long bytes) {
        if (bytes > 0) {
            gpu.runtime().copyAsync(device, host, bytes, 1, streams[lane]);
        }
    }

    @Override
    public void download(int lane, MemorySegment device, MemorySegment host, long bytes) {
        if (bytes > 0) {
            gpu.runtime().copyAsync(host, device, bytes, 2, streams[lane]);
        }
    }

    @Override
    public void zero(int lane, MemorySegment device, long bytes) {
        gpu.runtime().zeroAsync(device, bytes, streams[lane]);
    }

    @Override
    public void histogram(int lane, BatchLayout layout, MemorySegment events, MemorySegment rowTable, int maxEvents,
                          MemorySegment spectra) {
        bind();
        int blocks = Math.max(1, Math.min(MAX_HISTOGRAM_BLOCKS, (maxEvents + BLOCK - 1) / BLOCK));
        double t = layout.spec().segmentSize();
        int n = layout.spec().nbin();
        gpu.driver().launch(functions.get("manta_histogram"), new int[] {blocks, layout.rows()}, BLOCK, streams[lane],
                events, offset(rowTable, layout.firstOffset()), offset(rowTable, layout.countOffset()),
                offset(rowTable, layout.startOffset()), n, t, n / t, t / n, (long) layout.rowStride(), spectra,
                offset(rowTable, layout.binnedOffset()));
    }

    @Override
    public void transform(int lane, BatchLayout layout, MemorySegment spectra) {
        bind();
        int[] plan = plans.get(lane);
        if (plan == null || plan[0] != layout.rows() || plan[1] != layout.spec().nbin()) {
            if (plan != null) {
                gpu.cufft().destroy(plan[2]);
            }
            plan = new int[] {layout.rows(), layout.spec().nbin(), gpu.cufft().planInPlaceD2Z(layout.spec().nbin(),
                    layout.rowStride(), layout.rows(), streams[lane])};
            plans.put(lane, plan);
        }
        gpu.cufft().execInPlace(plan[2], spectra);
    }

    @Override
    public void power(int lane, BatchLayout layout, MemorySegment spectra, MemorySegment rowTable,
                      boolean perSegmentSums, MemorySegment sums) {
        bind();
        int nFreq = layout.spec().nFreq();
        long stride = (long) nFreq * Double.BYTES;
        gpu.driver().launch(functions.get("manta_power"), new int[] {blocks(nFreq), 1}, BLOCK, streams[lane], spectra,
                (long) layout.complexPerRow(), layout.slots(), offset(rowTable, layout.binnedOffset()), nFreq,
                perSegmentSums ? 1 : 0, sums, offset(sums, stride), offset(sums, 2 * stride));
    }

    @Override
    public void cross(int lane, BatchLayout layout, MemorySegment spectra, MemorySegment rowTable, MemorySegment sums) {
        bind();
        int nFreq = layout.spec().nFreq();
        long stride = (long) nFreq * Double.BYTES;
        gpu.driver().launch(functions.get("manta_cross"), new int[] {blocks(nFreq), 1}, BLOCK, streams[lane], spectra,
                (long) layout.complexPerRow(), layout.slots(), offset(rowTable, layout.binnedOffset()), nFreq, sums,
                offset(sums, stride), offset(sums, 2 * stride), offset(sums, 3 * stride));
    }

    @Override
    public void dynamical(int lane, BatchLayout layout, MemorySegment spectra, MemorySegment rows) {
        bind();
        int nFreq = layout.spec().nFreq();
        gpu.driver().launch(functions.get("manta_dynamical"), new int[] {blocks(nFreq), layout.slots()}, BLOCK,
                streams[lane], spectra, (long) layout.complexPerRow(), nFreq, rows);
    }

    private static int blocks(int threads) {
        return Math.max(1, (threads + BLOCK - 1) / BLOCK);
    }

    @Override
    public void synchronize(int lane) {
        gpu.runtime().streamSynchronize(streams[lane]);
    }

    @Override
    public long freeMemory() {
        bind();
        return gpu.runtime().memoryInfo()[0];
    }

    @Override
    public String describe() {
        return gpu.describe();
    }

    @Override
    public void close() {
        bind();
        for (int[] plan : plans.values()) {
            gpu.cufft().destroy(plan[2]);
        }
        plans.clear();
        for (MemorySegment s : streams) {
            if (s != null) {
                gpu.runtime().streamDestroy(s);
            }
        }
        gpu.driver().unload(module);
    }

    /** The kernels' names, for messages. */
    public static List<String> kernelNames() {
        return List.copyOf(KERNELS.keySet());
    }
}
