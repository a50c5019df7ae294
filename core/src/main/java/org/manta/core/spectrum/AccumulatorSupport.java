package org.manta.core.spectrum;

import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSpec;

/** Checks shared by the accumulators (also those of other packages, e.g. {@code deadtime}). */
public final class AccumulatorSupport {
    private AccumulatorSupport() {
    }

    /** Throws unless two accumulators share N and dt. */
    public static void checkCompatible(SegmentSpec a, SegmentSpec b) {
        if (!a.sameBinning(b)) {
            throw new IncompatibleSpectraException("cannot combine spectra with different segments: N = " + a.nbin()
                    + ", dt = " + a.dt() + " s versus N = " + b.nbin() + ", dt = " + b.dt() + " s");
        }
    }

    /**
     * Records a used segment.
     *
     * @throws InvalidParameterException if the index is negative or already present (nothing is changed then)
     */
    public static void addSegment(SegmentSet segments, long index) {
        if (segments.contains(index)) {
            throw new InvalidParameterException("segmentIndex", index, "an index not yet added");
        }
        segments.add(index);
    }

    /**
     * Adds the segments of a combined accumulator.
     *
     * @throws IncompatibleSpectraException if the sets share an index (nothing is changed then)
     */
    public static void addDisjoint(SegmentSet into, SegmentSet other) {
        long shared = into.firstShared(other);
        if (shared >= 0) {
            throw new IncompatibleSpectraException("cannot combine accumulators that both hold segment " + shared);
        }
        into.addAll(other);
    }

    /** Throws unless the counts and the plan fit the segment layout. */
    public static void checkInput(SegmentSpec spec, double[] counts, RealFft fft) {
        if (counts.length < spec.nbin()) {
            throw new InvalidParameterException("counts.length", counts.length, "at least nbin = " + spec.nbin());
        }
        if (fft.n() != spec.nbin()) {
            throw new InvalidParameterException("fft.n", fft.n(), "a plan for nbin = " + spec.nbin());
        }
    }

    /**
     * The checks and bookkeeping every two-channel segment goes through: both count arrays and the plan fit
     * the layout; a segment where either channel's counts are all exactly zero is skipped (science.md
     * §3.3); otherwise the segment index is recorded.
     *
     * @param photons receives {@code Σ counts1}, {@code Σ counts2} at indices 0 and 1 when the segment is used
     * @return whether the segment is used
     * @throws InvalidParameterException if the input does not fit or the index was already added
     */
    public static boolean registerPair(SegmentSpec spec, SegmentSet segments, long segmentIndex, double[] counts1,
            double[] counts2, RealFft fft, double[] photons) {
        int n = spec.nbin();
        checkInput(spec, counts1, fft);
        checkInput(spec, counts2, fft);
        double nph1 = sumOrNaNIfAllZero(counts1, n);
        double nph2 = sumOrNaNIfAllZero(counts2, n);
        if (Double.isNaN(nph1) || Double.isNaN(nph2)) {
            return false;
        }
        addSegment(segments, segmentIndex);
        photons[0] = nph1;
        photons[1] = nph2;
        return true;
    }

    /** Σ counts[0:n], or NaN when every count is exactly 0 (the segment is then skipped, science.md §3.3). */
    public static double sumOrNaNIfAllZero(double[] counts, int n) {
        double sum = 0;
        boolean allZero = true;
        for (int i = 0; i < n; i++) {
            double c = counts[i];
            sum += c;
            allZero &= c == 0;
        }
        return allZero ? Double.NaN : sum;
    }

    /** Copies exported sums into an accumulator's array, checking the length (one entry per positive frequency). */
    static void copySums(SegmentSpec spec, String name, double[] from, double[] into) {
        if (from.length != into.length) {
            throw new InvalidParameterException(name + ".length", from.length,
                    "nFreq = " + into.length + " for nbin = " + spec.nbin());
        }
        System.arraycopy(from, 0, into, 0, from.length);
    }

    static NoDataException noSegments(SegmentSpec spec) {
        return new NoDataException("no segment of " + spec.segmentSize() + " s (" + spec.nbin()
                + " bins) survived: every segment had fewer than 2 events or only zero counts");
    }
}
