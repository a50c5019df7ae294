package org.manta.gpu;

import java.util.function.Function;
import org.manta.core.pipeline.EngineUnavailableException;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.pipeline.SegmentEngine;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.CrossAccumulator;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.core.spectrum.PowerAccumulator;

/**
 * The {@link SegmentEngine} of a {@link SpectralDevice}: the calling thread reads the segments and packs them
 * into batches ({@link BatchAccumulator}), the device histograms, transforms and accumulates them, and the
 * core accumulator comes back. A job's buffers are sized by {@link BatchLayout#plan} on the device's free
 * memory and freed at its end. One job at a time (the methods are synchronized).
 */
public final class GpuSegmentEngine implements SegmentEngine, AutoCloseable {
    /** The backend name: {@code SegmentEngine.named("cuda")}. */
    public static final String NAME = "cuda";

    private final SpectralDevice device;
    private final long eventCapacity;
    private final long memoryLimit;

    /**
     * @param eventCapacity event times per lane before a batch is launched early (it grows for a larger segment)
     * @param memoryLimit   device memory a job may plan on at most, bytes (the free memory if less)
     */
    public GpuSegmentEngine(SpectralDevice device, long eventCapacity, long memoryLimit) {
        this.device = device;
        this.eventCapacity = eventCapacity;
        this.memoryLimit = memoryLimit;
    }

    /**
     * The engine on this machine's first CUDA device.
     *
     * @throws EngineUnavailableException with the probe's one line when there is none
     */
    public static GpuSegmentEngine open() {
        GpuProbe.Result probe = GpuProbe.system();
        if (probe instanceof GpuProbe.Found found) {
            return new GpuSegmentEngine(new CudaDevice(found.device()), BatchLayout.DEFAULT_EVENT_CAPACITY,
                    Long.MAX_VALUE);
        }
        throw new EngineUnavailableException(probe.describe());
    }

    public SpectralDevice device() {
        return device;
    }

    /** The layout a job of this kind and segment gets now (on the device's free memory, at most the limit). */
    public BatchLayout layout(SegmentSpec spec, SpectrumKind kind) {
        return BatchLayout.plan(spec, kind, Math.min(device.freeMemory(), memoryLimit), eventCapacity);
    }

    @Override
    public synchronized PowerAccumulator power(SegmentEventStream stream, SegmentSpec spec, boolean perSegmentSums,
                                               ProgressListener progress) {
        return run(new SegmentEventStream[] {stream}, spec, SpectrumKind.PDS, perSegmentSums, progress,
                BatchAccumulator::power);
    }

    @Override
    public synchronized CrossAccumulator cross(SegmentEventStream subject, SegmentEventStream reference,
                                               SegmentSpec spec, ProgressListener progress) {
        return run(new SegmentEventStream[] {subject, reference}, spec, SpectrumKind.CPDS, false, progress,
                BatchAccumulator::cross);
    }

    @Override
    public synchronized DynamicalPowerAccumulator dynamical(SegmentEventStream stream, SegmentSpec spec,
                                                            ProgressListener progress) {
        return run(new SegmentEventStream[] {stream}, spec, SpectrumKind.DYNPS, false, progress,
                BatchAccumulator::dynamical);
    }

    private <A> A run(SegmentEventStream[] streams, SegmentSpec spec, SpectrumKind kind, boolean perSegmentSums,
                      ProgressListener progress, Function<BatchAccumulator, A> result) {
        SegmentSlice[] slices = new SegmentSlice[streams.length];
        for (int c = 0; c < slices.length; c++) {
            slices[c] = new SegmentSlice(1024);
        }
        try (BatchAccumulator acc = new BatchAccumulator(device, layout(spec, kind), perSegmentSums, progress,
                streams[0].segmentCount())) {
            while (streams[0].hasNext()) {
                for (int c = 0; c < streams.length; c++) {
                    streams[c].next(slices[c]);
                }
                acc.add(slices);
            }
            return result.apply(acc);
        }
    }

    @Override
    public void close() {
        device.close();
    }

    /** Registers the engine as {@code SegmentEngine.named("cuda")}. */
    public static final class Provider implements SegmentEngine.Provider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public SegmentEngine open() {
            return GpuSegmentEngine.open();
        }
    }
}
