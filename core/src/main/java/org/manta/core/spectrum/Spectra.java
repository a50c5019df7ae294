package org.manta.core.spectrum;

import org.manta.core.InvalidParameterException;
import org.manta.core.events.EventList;
import org.manta.core.fourier.RealFft;
import org.manta.core.gti.GtiList;
import org.manta.core.segment.BinEdges;
import org.manta.core.segment.EventCursor;
import org.manta.core.segment.Histogram;
import org.manta.core.segment.SegmentBounds;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;

/**
 * The plain, single-threaded path from data to spectra: segments (§2.4–2.6), counts (§3), one FFT
 * plan, one accumulator. The reference for tests and fine for small inputs; the streaming pipeline
 * uses the same kernels and accumulators in parallel.
 *
 * <p>{@code dt} is used as given: Stingray's {@code suggest_compatible_dt} (TIMEDEL) is the caller's.
 */
public final class Spectra {
    /** Fewest events a segment needs (Stingray yields nothing for fewer, science.md §3.1). */
    public static final int MIN_EVENTS_PER_SEGMENT = 2;

    private Spectra() {
    }

    /**
     * Averaged power spectrum of an event list over its own GTIs (Stingray
     * {@code AveragedPowerspectrum.from_events(ev, dt, segment_size, norm, use_common_mean)}).
     */
    public static AveragedPowerSpectrum averagedPowerSpectrum(EventList events, SegmentSpec spec, Normalization norm,
            boolean useCommonMean) {
        return averagedPowerSpectrum(events.time(), events.gti(), spec, norm, useCommonMean);
    }

    /**
     * Averaged power spectrum of event times over the given GTIs: segments from
     * {@link Segments#starts}, events {@code s <= t < s + T}, segments with fewer than 2 events or no
     * counts skipped.
     *
     * @param times event times, MET s, ascending
     */
    public static AveragedPowerSpectrum averagedPowerSpectrum(double[] times, GtiList gti, SegmentSpec spec,
            Normalization norm, boolean useCommonMean) {
        PowerAccumulator acc = new PowerAccumulator(spec);
        forEachEventSegment(times, gti, spec, (i, start, counts, fft) -> acc.add(i, counts, fft));
        return acc.result(norm, useCommonMean).withGti(gti);
    }

    /**
     * Dynamical power spectrum of event times over the given GTIs (Stingray
     * {@code DynamicalPowerspectrum(events, segment_size, norm, sample_time=dt)}; its columns are the
     * per-segment spectra of {@code AveragedPowerspectrum(..., save_all=True)}): event segments as in
     * {@link #averagedPowerSpectrum(double[], GtiList, SegmentSpec, Normalization, boolean)}.
     */
    public static DynamicalPowerSpectrum dynamicalPowerSpectrum(double[] times, GtiList gti, SegmentSpec spec,
            Normalization norm) {
        DynamicalPowerAccumulator acc = new DynamicalPowerAccumulator(spec);
        forEachEventSegment(times, gti, spec, acc::add);
        return acc.result(norm);
    }

    /**
     * Averaged cross spectrum of two event lists that share their GTIs (Stingray
     * {@code AveragedCrossspectrum.from_events(subject, reference, dt, segment_size, norm)}).
     *
     * @throws InvalidParameterException if the two lists have different GTIs: then intersect them
     *                                   and pass them explicitly
     */
    public static AveragedCrossSpectrum averagedCrossSpectrum(EventList subject, EventList reference, SegmentSpec spec,
            Normalization norm) {
        if (!subject.gti().equals(reference.gti())) {
            throw new InvalidParameterException("gti", subject.gti() + " / " + reference.gti(),
                    "identical GTIs for both bands, or their intersection passed explicitly");
        }
        return averagedCrossSpectrum(subject.time(), reference.time(), subject.gti(), spec, norm);
    }

    /**
     * Averaged cross spectrum of two event-time arrays over the given GTIs; a segment is used only when
     * both bands hold at least 2 events and some counts.
     *
     * @param subjectTimes   channel-1 event times, ascending
     * @param referenceTimes channel-2 event times, ascending
     */
    public static AveragedCrossSpectrum averagedCrossSpectrum(double[] subjectTimes, double[] referenceTimes,
            GtiList gti, SegmentSpec spec, Normalization norm) {
        SegmentBounds bounds = Segments.bounds(gti, spec);
        BinEdges edges = BinEdges.of(spec);
        EventCursor cursor1 = new EventCursor(subjectTimes);
        EventCursor cursor2 = new EventCursor(referenceTimes);
        double[] counts1 = new double[spec.nbin()];
        double[] counts2 = new double[spec.nbin()];
        RealFft fft = new RealFft(spec.nbin());
        CrossAccumulator acc = new CrossAccumulator(spec);
        for (int i = 0; i < bounds.count(); i++) {
            double s = bounds.origin(i);
            int from1 = cursor1.seek(bounds.from(i));
            int to1 = cursor1.seek(bounds.to(i));
            int from2 = cursor2.seek(bounds.from(i));
            int to2 = cursor2.seek(bounds.to(i));
            if (to1 - from1 < MIN_EVENTS_PER_SEGMENT || to2 - from2 < MIN_EVENTS_PER_SEGMENT) {
                continue;
            }
            Histogram.countSegment(subjectTimes, from1, to1, s, edges, counts1);
            Histogram.countSegment(referenceTimes, from2, to2, s, edges, counts2);
            acc.add(i, counts1, counts2, fft);
        }
        return acc.result(norm).withGti(gti);
    }

    /**
     * Averaged power spectrum of a light curve (Stingray {@code AveragedPowerspectrum(lc, segment_size,
     * norm)}): segments from {@link Segments#binnedStarts}, all-zero segments skipped.
     *
     * @param binCentres  bin centre times, MET s, ascending, spaced by {@code dt}
     * @param counts      counts per bin
     * @param dt          bin time, s
     * @param gti         GTIs
     * @param segmentSize requested segment length, s (fixed to whole bins, §2.7)
     */
    public static AveragedPowerSpectrum averagedPowerSpectrum(double[] binCentres, double[] counts, double dt,
            GtiList gti, double segmentSize, Normalization norm, boolean useCommonMean) {
        checkLightCurve(binCentres, counts);
        SegmentSpec spec = SegmentSpec.of(dt, segmentSize);
        int[] startBins = Segments.binnedStarts(gti, binCentres, spec);
        double[] segment = new double[spec.nbin()];
        RealFft fft = new RealFft(spec.nbin());
        PowerAccumulator acc = new PowerAccumulator(spec);
        for (int i = 0; i < startBins.length; i++) {
            System.arraycopy(counts, startBins[i], segment, 0, spec.nbin());
            acc.add(i, segment, fft);
        }
        return acc.result(norm, useCommonMean).withGti(gti);
    }

    /**
     * The periodogram of a whole light curve as one segment (Stingray {@code Powerspectrum(lc, norm)},
     * science.md §3.4): {@link AveragedPowerSpectrum#periodogram}.
     */
    public static AveragedPowerSpectrum periodogram(double[] counts, double dt, Normalization norm) {
        return AveragedPowerSpectrum.periodogram(counts, dt, norm);
    }

    /**
     * Dynamical power spectrum of a light curve (Stingray {@code DynamicalPowerspectrum(lc, segment_size,
     * norm)}, science.md §14): segments from {@link Segments#binnedStarts}; each column starts at the
     * left edge of its first bin, {@code binCentres[start] - dt/2}.
     *
     * @param binCentres  bin centre times, MET s, ascending, spaced by {@code dt}
     * @param counts      counts per bin
     * @param dt          bin time, s
     * @param gti         GTIs
     * @param segmentSize requested segment length, s, at least {@code 2·dt}
     */
    public static DynamicalPowerSpectrum dynamicalPowerSpectrum(double[] binCentres, double[] counts, double dt,
            GtiList gti, double segmentSize, Normalization norm) {
        if (segmentSize < 2 * dt) {
            throw new InvalidParameterException("segment", segmentSize, "at least 2 bins (" + 2 * dt + " s)");
        }
        checkLightCurve(binCentres, counts);
        SegmentSpec spec = SegmentSpec.of(dt, segmentSize);
        int[] startBins = Segments.binnedStarts(gti, binCentres, spec);
        double[] segment = new double[spec.nbin()];
        RealFft fft = new RealFft(spec.nbin());
        DynamicalPowerAccumulator acc = new DynamicalPowerAccumulator(spec);
        for (int i = 0; i < startBins.length; i++) {
            System.arraycopy(counts, startBins[i], segment, 0, spec.nbin());
            acc.add(i, binCentres[startBins[i]] - dt / 2, segment, fft);
        }
        return acc.result(norm);
    }

    private static void checkLightCurve(double[] binCentres, double[] counts) {
        if (binCentres.length != counts.length) {
            throw new InvalidParameterException("counts.length", counts.length,
                    "one count per bin centre (" + binCentres.length + ")");
        }
    }

    /** Receives the counts of one usable event segment (buffers are reused between calls). */
    @FunctionalInterface
    private interface SegmentCounts {
        void accept(int index, double start, double[] counts, RealFft fft);
    }

    /**
     * The event-segment loop of the reference path: segments from {@link Segments#starts}, events
     * {@code s <= t < s + T} by a forward sweep, segments with fewer than
     * {@value #MIN_EVENTS_PER_SEGMENT} events skipped, the rest histogrammed (§3.1).
     */
    private static void forEachEventSegment(double[] times, GtiList gti, SegmentSpec spec, SegmentCounts sink) {
        SegmentBounds bounds = Segments.bounds(gti, spec);
        BinEdges edges = BinEdges.of(spec);
        EventCursor cursor = new EventCursor(times);
        double[] counts = new double[spec.nbin()];
        RealFft fft = new RealFft(spec.nbin());
        for (int i = 0; i < bounds.count(); i++) {
            double s = bounds.origin(i);
            int from = cursor.seek(bounds.from(i));
            int to = cursor.seek(bounds.to(i));
            if (to - from < MIN_EVENTS_PER_SEGMENT) {
                continue;
            }
            Histogram.countSegment(times, from, to, s, edges, counts);
            sink.accept(i, s, counts, fft);
        }
    }
}
