package org.manta.core.pipeline;

import org.manta.core.deadtime.FadAccumulator;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.BinEdges;
import org.manta.core.segment.Histogram;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.CrossAccumulator;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.core.spectrum.PowerAccumulator;
import org.manta.core.spectrum.Spectra;

/**
 * The per-segment rules of every averaged product, written once: a segment with fewer than
 * {@value Spectra#MIN_EVENTS_PER_SEGMENT} events (in either channel) is not used; otherwise its events
 * are histogrammed with the numpy rule ({@link Histogram#countSegment}), Fourier transformed and added
 * to the accumulator. One kernel per thread: it holds the FFT plan and the count buffers. The embedded
 * pipeline and the mesh's fft workers call the same methods.
 */
public final class SegmentKernel {
    private final SegmentSpec spec;
    private final BinEdges edges;
    private final RealFft fft;
    private final double[] counts1;
    private final double[] counts2;

    public SegmentKernel(SegmentSpec spec) {
        this.spec = spec;
        this.edges = BinEdges.of(spec);
        this.fft = new RealFft(spec.nbin());
        this.counts1 = new double[spec.nbin()];
        this.counts2 = new double[spec.nbin()];
    }

    /** The layout this kernel bins to. */
    public SegmentSpec spec() {
        return spec;
    }

    /** Adds the segment to a power spectrum; returns whether it was used. */
    public boolean add(PowerAccumulator acc, SegmentSlice s) {
        if (s.count < Spectra.MIN_EVENTS_PER_SEGMENT) {
            return false;
        }
        int events = Histogram.countSegment(s.times, 0, s.count, s.start, edges, counts1);
        return acc.addHistogram(s.index, counts1, events, fft);
    }

    /** Adds the segment to a dynamical power spectrum (one column); returns whether it was used. */
    public boolean add(DynamicalPowerAccumulator acc, SegmentSlice s) {
        if (s.count < Spectra.MIN_EVENTS_PER_SEGMENT) {
            return false;
        }
        Histogram.countSegment(s.times, 0, s.count, s.start, edges, counts1);
        return acc.add(s.index, s.start, counts1, fft);
    }

    /** Adds the segment's two channels (subject, reference) to a cross spectrum; returns whether it was used. */
    public boolean add(CrossAccumulator acc, SegmentSlice subject, SegmentSlice reference) {
        if (subject.count < Spectra.MIN_EVENTS_PER_SEGMENT || reference.count < Spectra.MIN_EVENTS_PER_SEGMENT) {
            return false;
        }
        int events1 = Histogram.countSegment(subject.times, 0, subject.count, subject.start, edges, counts1);
        int events2 = Histogram.countSegment(reference.times, 0, reference.count, reference.start, edges, counts2);
        return acc.addHistograms(subject.index, counts1, events1, counts2, events2, fft);
    }

    /** Adds the segment of two detectors to a FAD correction; returns whether it was used. */
    public boolean add(FadAccumulator acc, SegmentSlice detector1, SegmentSlice detector2) {
        if (detector1.count < Spectra.MIN_EVENTS_PER_SEGMENT || detector2.count < Spectra.MIN_EVENTS_PER_SEGMENT) {
            return false;
        }
        Histogram.countSegment(detector1.times, 0, detector1.count, detector1.start, spec, counts1);
        Histogram.countSegment(detector2.times, 0, detector2.count, detector2.start, spec, counts2);
        return acc.add(detector1.index, counts1, counts2, fft);
    }
}
