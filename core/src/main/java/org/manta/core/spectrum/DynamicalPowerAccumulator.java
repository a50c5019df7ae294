package org.manta.core.spectrum;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collector;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.fourier.FourierKernels;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.CountSegment;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSpec;

/**
 * Keeps the unnormalised power spectrum of every used segment, by segment index, to make a dynamical
 * power spectrum (Stingray {@code DynamicalPowerspectrum}, built from {@code AveragedPowerspectrum(...,
 * save_all=True)}, science.md §14). Unlike the averaging accumulators, each added segment costs one
 * array of {@code nFreq} doubles (the column it contributes).
 */
public final class DynamicalPowerAccumulator implements Accumulator<DynamicalPowerAccumulator, DynamicalPowerSpectrum> {
    private final SegmentSpec spec;
    private final TreeMap<Long, Column> columns;

    /** One segment's contribution. */
    private record Column(double start, double nph, double[] unnormPower) {
    }

    public DynamicalPowerAccumulator(SegmentSpec spec) {
        this.spec = spec;
        this.columns = new TreeMap<>();
    }

    /** A collector of {@link CountSegment}s into a dynamical power spectrum. */
    public static Collector<CountSegment, ?, DynamicalPowerSpectrum> collector(SegmentSpec spec, Normalization norm) {
        return Accumulator.collector(() -> new DynamicalPowerAccumulator(spec),
                (acc, s, fft) -> acc.add(s.index(), s.start(), s.counts(), fft), acc -> acc.result(norm));
    }

    @Override
    public SegmentSpec spec() {
        return spec;
    }

    /**
     * Adds one segment; skipped (returns false) if all counts are exactly zero. For event data the caller
     * skips segments with fewer than 2 events.
     *
     * @param segmentIndex the segment's index in the observation (unique)
     * @param start        segment start time, MET s (the column's time is {@code start + T/2})
     * @param counts       counts per bin, length at least N; not modified
     * @param fft          the caller's plan for N samples
     * @return whether the segment was used
     */
    public boolean add(long segmentIndex, double start, double[] counts, RealFft fft) {
        int n = spec.nbin();
        AccumulatorSupport.checkInput(spec, counts, fft);
        double nph = AccumulatorSupport.sumOrNaNIfAllZero(counts, n);
        if (Double.isNaN(nph)) {
            return false;
        }
        if (columns.containsKey(segmentIndex)) {
            throw new org.manta.core.InvalidParameterException("segmentIndex", segmentIndex, "an index not yet added");
        }
        double[] power = new double[spec.nFreq()];
        FourierKernels.accumulatePower(fft.forward(counts), n, power);
        columns.put(segmentIndex, new Column(start, nph, power));
        return true;
    }

    @Override
    public DynamicalPowerAccumulator combine(DynamicalPowerAccumulator other) {
        AccumulatorSupport.checkCompatible(spec, other.spec);
        for (Long index : other.columns.keySet()) {
            if (columns.containsKey(index)) {
                throw new IncompatibleSpectraException("cannot combine accumulators that both hold segment " + index);
            }
        }
        columns.putAll(other.columns);
        return this;
    }

    /**
     * One used segment's contribution, for sending partial accumulators over the wire (style.md §4).
     *
     * @param index       the segment's index in the observation
     * @param start       segment start time, MET s
     * @param nph         photons in the segment
     * @param unnormPower {@code |X_j|²}, {@code j = 1..nFreq}, counts² (unnormalised)
     */
    public record SegmentPower(long index, double start, double nph, double[] unnormPower) {
    }

    /** The used segments' contributions in index order (the power arrays are shared: do not modify them). */
    public java.util.List<SegmentPower> columns() {
        java.util.List<SegmentPower> out = new java.util.ArrayList<>(columns.size());
        for (Map.Entry<Long, Column> e : columns.entrySet()) {
            Column c = e.getValue();
            out.add(new SegmentPower(e.getKey(), c.start(), c.nph(), c.unnormPower()));
        }
        return out;
    }

    /**
     * Restores one segment's contribution exported by {@link #columns()} (the array is copied).
     *
     * @throws org.manta.core.InvalidParameterException if the index is already present or the power
     *         array does not have {@code spec.nFreq()} entries
     */
    public void addColumn(SegmentPower column) {
        if (columns.containsKey(column.index())) {
            throw new org.manta.core.InvalidParameterException("segmentIndex", column.index(), "an index not yet added");
        }
        double[] power = new double[spec.nFreq()];
        AccumulatorSupport.copySums(spec, "unnormPower", column.unnormPower(), power);
        columns.put(column.index(), new Column(column.start(), column.nph(), power));
    }

    @Override
    public DynamicalPowerAccumulator copy() {
        DynamicalPowerAccumulator c = new DynamicalPowerAccumulator(spec);
        c.columns.putAll(columns);
        return c;
    }

    @Override
    public SegmentSet segments() {
        SegmentSet s = SegmentSet.empty();
        for (long index : columns.keySet()) {
            s.add(index);
        }
        return s;
    }

    @Override
    public int segmentCount() {
        return columns.size();
    }

    /**
     * The dynamical power spectrum, columns in segment-index order: each used segment's power
     * normalised with the <em>common</em> mean of all used segments ({@code N_ph = ΣN_ph/M}, summed in
     * index order), {@code dynPs[j][col]}. {@code time[col] = start + T/2} of the segment actually used,
     * {@code T = N·dt}. This deliberately differs from Stingray, which recomputes the times from the GTIs
     * and the user's segment size, so that its time array can disagree with its columns (errata M5);
     * both agree whenever Stingray's is consistent.
     *
     * @throws org.manta.core.NoDataException if no segment was used
     */
    @Override
    public DynamicalPowerSpectrum result(Normalization norm) {
        int mSeg = columns.size();
        if (mSeg == 0) {
            throw AccumulatorSupport.noSegments(spec);
        }
        int n = spec.nbin();
        double dt = spec.dt();
        double t = spec.segmentSize();
        double sumNph = 0;
        for (Column c : columns.values()) {
            sumNph += c.nph();
        }
        double nph = sumNph / mSeg;
        double mean = nph / n;
        double factor = Norms.factor(norm, dt, n, mean, nph);
        int nFreq = spec.nFreq();
        double[][] dyn = new double[nFreq][mSeg];
        double[] time = new double[mSeg];
        int col = 0;
        for (Map.Entry<Long, Column> e : columns.entrySet()) {
            Column c = e.getValue();
            time[col] = c.start() + 0.5 * t;
            double[] p = c.unnormPower();
            for (int j = 0; j < nFreq; j++) {
                dyn[j][col] = p[j] * factor;
            }
            col++;
        }
        return new DynamicalPowerSpectrum(AveragedPowerSpectrum.frequencies(spec), time, dyn, spec.df(), t, 1,
                nph / (n * dt), nph, norm, t, factor);
    }
}
