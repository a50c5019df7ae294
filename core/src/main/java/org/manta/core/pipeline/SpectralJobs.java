package org.manta.core.pipeline;

import java.util.List;
import java.util.function.Supplier;
import org.manta.core.deadtime.FadAccumulator;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.CrossAccumulator;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.core.spectrum.PowerAccumulator;

/**
 * The hot loop of every averaged product, run on a {@link SegmentPipeline}: per segment, events →
 * histogram (numpy rule) → real FFT → accumulate, with one {@link SegmentKernel} (FFT plan and count
 * buffers) per worker thread; the kernel has the skipping rules.
 *
 * <p>The returned accumulators are unnormalised; call {@code result(norm)} on them.
 */
public final class SpectralJobs {
    private SpectralJobs() {
    }

    /**
     * Averaged power spectrum accumulator over all segments of {@code stream}.
     *
     * @param perSegmentSums also keep the sums for per-segment normalisation ({@code use_common_mean=False});
     *                       without them the accumulator is lighter ({@link PowerAccumulator#commonMeanOnly})
     */
    public static PowerAccumulator power(SegmentEventStream stream, SegmentSpec spec, boolean perSegmentSums,
                                        PoolSettings settings, ProgressListener progress) {
        return SegmentPipeline.run(List.of(stream), () -> new SegmentWorker<PowerAccumulator>() {
            final SegmentKernel kernel = new SegmentKernel(spec);
            final PowerAccumulator acc = perSegmentSums ? new PowerAccumulator(spec)
                    : PowerAccumulator.commonMeanOnly(spec);

            @Override
            public void accept(SegmentSlice[] channels) {
                kernel.add(acc, channels[0]);
            }

            @Override
            public PowerAccumulator partial() {
                return acc;
            }
        }, PowerAccumulator::combine, settings, progress);
    }

    /** Dynamical power spectrum accumulator (one column per used segment). */
    public static DynamicalPowerAccumulator dynamical(SegmentEventStream stream, SegmentSpec spec,
                                                      PoolSettings settings, ProgressListener progress) {
        return SegmentPipeline.run(List.of(stream), () -> new SegmentWorker<DynamicalPowerAccumulator>() {
            final SegmentKernel kernel = new SegmentKernel(spec);
            final DynamicalPowerAccumulator acc = new DynamicalPowerAccumulator(spec);

            @Override
            public void accept(SegmentSlice[] channels) {
                kernel.add(acc, channels[0]);
            }

            @Override
            public DynamicalPowerAccumulator partial() {
                return acc;
            }
        }, DynamicalPowerAccumulator::combine, settings, progress);
    }

    /**
     * Averaged cross spectrum accumulator; {@code subject} is channel 1 (its lag is positive when it
     * lags), {@code reference} channel 2. Both streams must run over the same segment starts.
     */
    public static CrossAccumulator cross(SegmentEventStream subject, SegmentEventStream reference, SegmentSpec spec,
                                         PoolSettings settings, ProgressListener progress) {
        return SegmentPipeline.run(List.of(subject, reference), () -> new SegmentWorker<CrossAccumulator>() {
            final SegmentKernel kernel = new SegmentKernel(spec);
            final CrossAccumulator acc = new CrossAccumulator(spec);

            @Override
            public void accept(SegmentSlice[] channels) {
                kernel.add(acc, channels[0], channels[1]);
            }

            @Override
            public CrossAccumulator partial() {
                return acc;
            }
        }, CrossAccumulator::combine, settings, progress);
    }

    /**
     * FAD dead-time correction accumulator of two independent detectors over the same segment starts
     * (the segmentation of a two-file cross spectrum: common GTIs).
     *
     * @param empty a new empty accumulator (one per worker), with the smoothing to use
     */
    public static FadAccumulator fad(SegmentEventStream detector1, SegmentEventStream detector2,
                                     Supplier<FadAccumulator> empty, PoolSettings settings, ProgressListener progress) {
        return SegmentPipeline.run(List.of(detector1, detector2), () -> new SegmentWorker<FadAccumulator>() {
            final FadAccumulator acc = empty.get();
            final SegmentKernel kernel = new SegmentKernel(acc.spec());

            @Override
            public void accept(SegmentSlice[] channels) {
                kernel.add(acc, channels[0], channels[1]);
            }

            @Override
            public FadAccumulator partial() {
                return acc;
            }
        }, FadAccumulator::combine, settings, progress);
    }
}
