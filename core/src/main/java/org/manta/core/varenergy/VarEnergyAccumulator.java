package org.manta.core.varenergy;

import java.util.List;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.SegmentSet;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Spectra;

/**
 * Accumulates, in one pass over the segments, everything the Fourier variability-versus-energy spectra
 * need for all subject bands at once (Stingray {@code RmsSpectrum}, {@code LagSpectrum},
 * {@code (Complex)CovarianceSpectrum}, {@code CountSpectrum}; science.md §13): per segment every band and
 * the reference band are histogrammed once and transformed once, and only the K frequencies of the
 * window are kept. Where Stingray calls {@code avg_pds_from_timeseries} / {@code avg_cs_from_timeseries}
 * once per band, this keeps the same sums side by side:
 * <ul>
 *   <li>per band b: {@code Σ|X_b|²} over the segments where b has at least
 *       {@value Spectra#MIN_EVENTS_PER_SEGMENT} events (its PDS: M_b segments, photons);</li>
 *   <li>per band: {@code Σ X_b*·X_ref} over the segments where b and the reference both have enough
 *       events (its cross spectrum against the reference, M_cs segments);</li>
 *   <li>the reference: {@code Σ|X_ref|²}, M_ref segments, photons;</li>
 *   <li>with a second event list: per band {@code Σ X_b*·X'_b} of the same band in both lists (the rms
 *       spectrum's cross spectrum);</li>
 *   <li>events per band in all segments, used or not (Stingray {@code get_average_ctrate}, §13.6) and,
 *       added by whoever reads the whole list ({@link #addListEvents}), events per band in the whole list
 *       (the lag spectrum's noise levels, the count spectrum).</li>
 * </ul>
 * All of it is sums: {@link #combine} adds two accumulators over disjoint segments, the state is plain
 * arrays ({@link #state()}, {@link #fromState}), and every normalisation happens in {@link #result}
 * ({@link VarEnergySpectra}). One accumulator per thread: not thread-safe.
 */
public final class VarEnergyAccumulator {
    private final VarEnergyLayout layout;
    private final int bands;
    private final int k;
    private final int first;
    private final State sums;

    /** An empty accumulator. */
    public VarEnergyAccumulator(VarEnergyLayout layout) {
        this(layout, State.empty(layout.bands().count(), layout.binCount()));
    }

    private VarEnergyAccumulator(VarEnergyLayout layout, State sums) {
        this.layout = layout;
        this.bands = layout.bands().count();
        this.k = layout.binCount();
        this.first = layout.firstBin();
        this.sums = sums;
    }

    /**
     * The state of an accumulator: sums over the segments in {@code seen}, plain arrays for the wire
     * (style.md §4). B = number of bands, K = frequencies in the window; {@code [b·K + i]} is band b at
     * window frequency i. Photon and segment counts are exact integers.
     *
     * @param seen           indices of every segment added (used or skipped)
     * @param subPower       {@code Σ|X_b|²}, B·K
     * @param crossRe        {@code Σ Re(X_b*·X_ref)}, B·K
     * @param crossIm        {@code Σ Im(X_b*·X_ref)}, B·K
     * @param pairRe         {@code Σ Re(X_b*·X'_b)} (second list), B·K
     * @param pairIm         {@code Σ Im(X_b*·X'_b)}, B·K
     * @param refPower       {@code Σ|X_ref|²}, K
     * @param subSegments    segments in each band's PDS, B
     * @param crossSegments  segments in each band's cross spectrum against the reference, B
     * @param pairSegments   segments in each band's two-list cross spectrum, B
     * @param subPhotons     photons in each band's PDS segments, B
     * @param pairPhotons1   first-list photons in the two-list cross spectrum's segments, B
     * @param pairPhotons2   second-list photons in them, B
     * @param segmentEvents  events of each band in all segments, B
     * @param segmentEvents2 events of each band of the second list in all segments, B
     * @param listEvents     events of each band in the whole (first) list, B
     * @param reference      {reference PDS segments, their photons, reference events in all segments,
     *                       reference events in the whole list}
     */
    public record State(SegmentSet seen, double[] subPower, double[] crossRe, double[] crossIm, double[] pairRe,
                        double[] pairIm, double[] refPower, long[] subSegments, long[] crossSegments,
                        long[] pairSegments, long[] subPhotons, long[] pairPhotons1, long[] pairPhotons2,
                        long[] segmentEvents, long[] segmentEvents2, long[] listEvents, long[] reference) {
        static final int REF_SEGMENTS = 0;
        static final int REF_PHOTONS = 1;
        static final int REF_SEGMENT_EVENTS = 2;
        static final int REF_LIST_EVENTS = 3;

        static State empty(int bands, int k) {
            int bk = bands * k;
            return new State(SegmentSet.empty(), new double[bk], new double[bk], new double[bk], new double[bk],
                    new double[bk], new double[k], new long[bands], new long[bands], new long[bands], new long[bands],
                    new long[bands], new long[bands], new long[bands], new long[bands], new long[bands], new long[4]);
        }

        /** The real sums, in a fixed order. */
        List<double[]> realSums() {
            return List.of(subPower, crossRe, crossIm, pairRe, pairIm, refPower);
        }

        /** The integer counts, in a fixed order. */
        List<long[]> counts() {
            return List.of(subSegments, crossSegments, pairSegments, subPhotons, pairPhotons1, pairPhotons2,
                    segmentEvents, segmentEvents2, listEvents, reference);
        }

        State copy() {
            State c = empty(subSegments.length, refPower.length);
            c.seen.addAll(seen);
            c.addAll(this);
            return c;
        }

        void addAll(State o) {
            List<double[]> to = realSums();
            List<double[]> from = o.realSums();
            for (int a = 0; a < to.size(); a++) {
                add(to.get(a), from.get(a));
            }
            List<long[]> ti = counts();
            List<long[]> fi = o.counts();
            for (int a = 0; a < ti.size(); a++) {
                add(ti.get(a), fi.get(a));
            }
        }

        private static void add(double[] into, double[] from) {
            requireLength(into.length, from.length);
            for (int i = 0; i < into.length; i++) {
                into[i] += from[i];
            }
        }

        private static void add(long[] into, long[] from) {
            requireLength(into.length, from.length);
            for (int i = 0; i < into.length; i++) {
                into[i] += from[i];
            }
        }

        private static void requireLength(int expected, int actual) {
            if (expected != actual) {
                throw new InvalidParameterException("state array length", actual, expected + " for this layout");
            }
        }
    }

    /** The layout (segments, bands, reference, window) shared by every partial of the job. */
    public VarEnergyLayout layout() {
        return layout;
    }

    /**
     * Adds one segment from per-band histograms (made with {@link org.manta.core.segment.Histogram#countSegment}).
     * Every segment of the job must be added once, also one with no events (it counts in the mean count
     * rate, §13.6). A band's PDS uses the segment when the band has at least
     * {@value Spectra#MIN_EVENTS_PER_SEGMENT} events; its cross spectrum when the reference has too (§3.3).
     * The count arrays are Fourier transformed in place, i.e. <b>overwritten</b>.
     *
     * @param segmentIndex index of the segment in the job (unique)
     * @param counts       counts[b]: histogram of band b of the (first) list, length at least N each
     * @param events       events[b]: events in counts[b]
     * @param refCounts    histogram of the reference band (of the second list when there is one)
     * @param refEvents    events in refCounts
     * @param counts2      second list: histograms of each band of it; null with one list
     * @param events2      second list: events per band; null with one list
     * @param fft          the caller's plan for N samples
     * @throws InvalidParameterException if the segment was already added (nothing is changed then)
     */
    public void addHistograms(long segmentIndex, double[][] counts, int[] events, double[] refCounts, int refEvents,
                              double[][] counts2, int[] events2, RealFft fft) {
        int n = layout.spec().nbin();
        if (fft.n() != n) {
            throw new InvalidParameterException("fft.n", fft.n(), "a plan for nbin = " + n);
        }
        if (layout.secondList() != (counts2 != null)) {
            throw new InvalidParameterException("counts2", counts2 == null ? "null" : "given",
                    layout.secondList() ? "the second list's histograms" : "null with one event list");
        }
        if (sums.seen.contains(segmentIndex)) {
            throw new InvalidParameterException("segmentIndex", segmentIndex, "an index not yet added");
        }
        sums.seen.add(segmentIndex);
        long[] ref = sums.reference;
        ref[State.REF_SEGMENT_EVENTS] += refEvents;
        boolean refUsed = refEvents >= Spectra.MIN_EVENTS_PER_SEGMENT;
        if (refUsed) {
            fft.forward(refCounts, refCounts);
            addPower(refCounts, n, sums.refPower, 0);
            ref[State.REF_SEGMENTS]++;
            ref[State.REF_PHOTONS] += refEvents;
        }
        for (int b = 0; b < bands; b++) {
            sums.segmentEvents[b] += events[b];
            if (counts2 != null) {
                sums.segmentEvents2[b] += events2[b];
            }
            if (events[b] < Spectra.MIN_EVENTS_PER_SEGMENT) {
                continue;
            }
            fft.forward(counts[b], counts[b]);
            addPower(counts[b], n, sums.subPower, b * k);
            sums.subSegments[b]++;
            sums.subPhotons[b] += events[b];
            if (refUsed) {
                addCross(counts[b], refCounts, n, sums.crossRe, sums.crossIm, b * k);
                sums.crossSegments[b]++;
            }
            if (counts2 != null && events2[b] >= Spectra.MIN_EVENTS_PER_SEGMENT) {
                fft.forward(counts2[b], counts2[b]);
                addCross(counts[b], counts2[b], n, sums.pairRe, sums.pairIm, b * k);
                sums.pairSegments[b]++;
                sums.pairPhotons1[b] += events[b];
                sums.pairPhotons2[b] += events2[b];
            }
        }
    }

    /**
     * Adds events counted in the whole event list(s), inside segments or not (Stingray's {@code sub_events.size}
     * and {@code ref_events.size}): the lag spectrum's noise levels and the count spectrum use them.
     *
     * @param perBand   events of each band in the (first) list
     * @param reference events of the reference band in the list it comes from
     */
    public void addListEvents(long[] perBand, long reference) {
        if (perBand.length != bands) {
            throw new InvalidParameterException("perBand.length", perBand.length, bands + " bands");
        }
        for (int b = 0; b < bands; b++) {
            sums.listEvents[b] += perBand[b];
        }
        sums.reference[State.REF_LIST_EVENTS] += reference;
    }

    /**
     * @param name the (first) list, as the user gave it
     * @throws NoDataException when no band holds an event of the list: every spectrum would be NaN (the embedded
     *                         pipeline and the mesh's final merge say it alike)
     */
    public void requireEventsInBands(String name) {
        long inBands = 0;
        for (long c : sums.listEvents) {
            inBands += c;
        }
        if (inBands == 0) {
            throw new NoDataException(name + ": no events in bands " + layout.bands());
        }
    }

    private void addPower(double[] packed, int n, double[] into, int offset) {
        for (int i = 0; i < k; i++) {
            int j = first + i + 1;
            double a = RealFft.re(packed, n, j);
            double b = RealFft.im(packed, n, j);
            into[offset + i] += a * a + b * b;
        }
    }

    /** {@code X1*·X2 = (a·c + b·d) + i(a·d - b·c)} for {@code X1 = a + ib}, {@code X2 = c + id} (§7). */
    private void addCross(double[] packed1, double[] packed2, int n, double[] re, double[] im, int offset) {
        for (int i = 0; i < k; i++) {
            int j = first + i + 1;
            double a = RealFft.re(packed1, n, j);
            double b = RealFft.im(packed1, n, j);
            double c = RealFft.re(packed2, n, j);
            double d = RealFft.im(packed2, n, j);
            re[offset + i] += a * c + b * d;
            im[offset + i] += a * d - b * c;
        }
    }

    /**
     * Merges {@code other} (over disjoint segments) into this accumulator and returns {@code this};
     * {@code other} is not modified. An empty accumulator is neutral.
     *
     * @throws IncompatibleSpectraException if the layouts differ or both hold a segment (nothing is changed then)
     */
    public VarEnergyAccumulator combine(VarEnergyAccumulator other) {
        if (!layout.equals(other.layout)) {
            throw new IncompatibleSpectraException("cannot combine variability-energy accumulators of different "
                    + "layouts: " + layout + " versus " + other.layout);
        }
        long shared = sums.seen.firstShared(other.sums.seen);
        if (shared >= 0) {
            throw new IncompatibleSpectraException("cannot combine accumulators that both hold segment " + shared);
        }
        sums.seen.addAll(other.sums.seen);
        sums.addAll(other.sums);
        return this;
    }

    /** An independent copy. */
    public VarEnergyAccumulator copy() {
        return new VarEnergyAccumulator(layout, sums.copy());
    }

    /** A copy of the state. */
    public State state() {
        return sums.copy();
    }

    /**
     * An accumulator holding an exported state (copied).
     *
     * @throws InvalidParameterException if an array's length does not fit the layout
     */
    public static VarEnergyAccumulator fromState(VarEnergyLayout layout, State state) {
        VarEnergyAccumulator acc = new VarEnergyAccumulator(layout);
        acc.sums.seen.addAll(state.seen());
        acc.sums.addAll(state);
        return acc;
    }

    /** Number of segments added (used or not). */
    public long segmentsSeen() {
        return sums.seen.count();
    }

    /**
     * The spectrum of one kind (not {@link VarEnergyKind#EXCESS_VARIANCE}, which is not a Fourier product).
     *
     * @param norm {@link Normalization#FRAC} or {@link Normalization#ABS} for rms and covariances; ignored
     *             for lag and count
     * @throws NoDataException if no segment was added
     */
    public VarEnergySpectrum result(VarEnergyKind kind, Normalization norm) {
        if (segmentsSeen() == 0) {
            throw new NoDataException("no segment of " + layout.spec().segmentSize() + " s was added");
        }
        return VarEnergySpectra.of(kind, norm, layout, sums.copy());
    }
}
