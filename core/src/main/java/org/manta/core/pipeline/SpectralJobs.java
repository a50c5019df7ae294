package org.manta.core.pipeline;

import java.util.List;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.Histogram;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.CrossAccumulator;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.core.spectrum.PowerAccumulator;
import org.manta.core.spectrum.Spectra;

/**
 * The hot loop of every averaged product, run on a {@link SegmentPipeline}: per segment, events →
 * histogram (numpy rule) → real FFT → accumulate, with one FFT plan and one set of count buffers per
 * worker thread. The skipping rules are those of {@link Spectra}: a segment with fewer than
 * {@value Spectra#MIN_EVENTS_PER_SEGMENT} events (in either channel) is not used.
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
            final RealFft fft = new RealFft(spec.nbin());
            final double[] counts = new double[spec.nbin()];
            final PowerAccumulator acc = perSegmentSums ? new PowerAccumulator(spec)
                    : PowerAccumulator.commonMeanOnly(spec);

            @Override
            public void accept(SegmentSlice[] channels) {
                SegmentSlice s = channels[0];
                if (s.count >= Spectra.MIN_EVENTS_PER_SEGMENT) {
                    int events = Histogram.countSegment(s.times, 0, s.count, s.start, spec, counts);
                    acc.addHistogram(s.index, counts, events, fft);
                }
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
            final RealFft fft = new RealFft(spec.nbin());
            final double[] counts = new double[spec.nbin()];
            final DynamicalPowerAccumulator acc = new DynamicalPowerAccumulator(spec);

            @Override
            public void accept(SegmentSlice[] channels) {
                SegmentSlice s = channels[0];
                if (s.count >= Spectra.MIN_EVENTS_PER_SEGMENT) {
                    Histogram.countSegment(s.times, 0, s.count, s.start, spec, counts);
                    acc.add(s.index, s.start, counts, fft);
                }
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
            final RealFft fft = new RealFft(spec.nbin());
            final double[] counts1 = new double[spec.nbin()];
            final double[] counts2 = new double[spec.nbin()];
            final CrossAccumulator acc = new CrossAccumulator(spec);

            @Override
            public void accept(SegmentSlice[] channels) {
                SegmentSlice s1 = channels[0];
                SegmentSlice s2 = channels[1];
                if (s1.count >= Spectra.MIN_EVENTS_PER_SEGMENT && s2.count >= Spectra.MIN_EVENTS_PER_SEGMENT) {
                    int events1 = Histogram.countSegment(s1.times, 0, s1.count, s1.start, spec, counts1);
                    int events2 = Histogram.countSegment(s2.times, 0, s2.count, s2.start, spec, counts2);
                    acc.addHistograms(s1.index, counts1, events1, counts2, events2, fft);
                }
            }

            @Override
            public CrossAccumulator partial() {
                return acc;
            }
        }, CrossAccumulator::combine, settings, progress);
    }
}
