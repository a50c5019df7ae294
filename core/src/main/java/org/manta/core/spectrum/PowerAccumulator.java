package org.manta.core.spectrum;

import java.util.Optional;
import java.util.stream.Collector;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;
import org.manta.core.fourier.FourierKernels;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.CountSegment;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSpec;

/**
 * Accumulates the averaged power spectrum of segments (Stingray {@code fourier.avg_pds_from_iterable},
 * science.md §6). Holds {@code ΣP_j}, {@code ΣP_j/N_ph} and {@code ΣP_j/N_ph²} over the used segments
 * ({@code P_j = |X_j|²}, positive frequencies only) and {@code ΣN_ph}, so that both the common-mean
 * normalisation (default) and the per-segment one ({@code use_common_mean=False}, Alston et al. 2013)
 * can be made at result time. An accumulator made with {@link #commonMeanOnly} keeps only {@code ΣP_j}
 * and {@code ΣN_ph} (a third of the memory traffic per segment) and can give common-mean results only.
 */
public final class PowerAccumulator implements Accumulator<PowerAccumulator, AveragedPowerSpectrum> {
    private final SegmentSpec spec;
    private final double[] sumPower;
    private final double[] sumPowerOverNph;
    private final double[] sumPowerOverNph2;
    private double sumNph;
    private final SegmentSet segments;

    /** An empty accumulator for segments of {@code spec.nbin()} bins of {@code spec.dt()} s. */
    public PowerAccumulator(SegmentSpec spec) {
        this(spec, true);
    }

    private PowerAccumulator(SegmentSpec spec, boolean perSegmentSums) {
        this.spec = spec;
        int nFreq = spec.nFreq();
        this.sumPower = new double[nFreq];
        this.sumPowerOverNph = perSegmentSums ? new double[nFreq] : null;
        this.sumPowerOverNph2 = perSegmentSums ? new double[nFreq] : null;
        this.segments = SegmentSet.empty();
    }

    /**
     * An empty accumulator that keeps only what the common-mean normalisation needs;
     * {@code result(norm, false)} is then refused.
     */
    public static PowerAccumulator commonMeanOnly(SegmentSpec spec) {
        return new PowerAccumulator(spec, false);
    }

    private PowerAccumulator(PowerAccumulator o) {
        this.spec = o.spec;
        this.sumPower = o.sumPower.clone();
        this.sumPowerOverNph = o.sumPowerOverNph == null ? null : o.sumPowerOverNph.clone();
        this.sumPowerOverNph2 = o.sumPowerOverNph2 == null ? null : o.sumPowerOverNph2.clone();
        this.sumNph = o.sumNph;
        this.segments = o.segments.copy();
    }

    /**
     * A collector of {@link CountSegment}s into a power spectrum (see {@link Accumulator#collector}).
     */
    public static Collector<CountSegment, ?, AveragedPowerSpectrum> collector(SegmentSpec spec, Normalization norm,
            boolean useCommonMean) {
        return Accumulator.collector(() -> new PowerAccumulator(spec),
                (acc, s, fft) -> acc.add(s.index(), s.counts(), fft), acc -> acc.result(norm, useCommonMean));
    }

    @Override
    public SegmentSpec spec() {
        return spec;
    }

    /**
     * Adds one segment: FFT of {@code counts}, then {@code |X_j|²} for the positive frequencies.
     * A segment whose counts are all exactly zero is skipped (science.md §3.3). For event data the
     * caller must skip segments holding fewer than 2 events before calling (Stingray yields nothing
     * for them, §3.1): this method cannot know. Allocation-free.
     *
     * @param segmentIndex the segment's index in the observation (unique)
     * @param counts       counts per bin, length at least N; not modified
     * @param fft          the caller's plan for N samples (its buffer is overwritten)
     * @return whether the segment was used
     * @throws org.manta.core.InvalidParameterException if the index was already added or sizes do not match
     */
    public boolean add(long segmentIndex, double[] counts, RealFft fft) {
        int n = spec.nbin();
        AccumulatorSupport.checkInput(spec, counts, fft);
        double nph = AccumulatorSupport.sumOrNaNIfAllZero(counts, n);
        if (Double.isNaN(nph)) {
            return false;
        }
        AccumulatorSupport.addSegment(segments, segmentIndex);
        accumulate(fft.forward(counts), n, nph);
        return true;
    }

    /**
     * As {@link #add(long, double[], RealFft)} for a histogram of {@code events} events made by
     * {@link org.manta.core.segment.Histogram#countSegment} (the hot path of the streaming pipeline): the
     * photon count is {@code events} (no pass over the bins), and {@code counts} is transformed in place,
     * i.e. <b>overwritten</b> (no copy). Skipped (returns false) when {@code events == 0}. The result is
     * bit-for-bit that of {@code add}.
     */
    public boolean addHistogram(long segmentIndex, double[] counts, int events, RealFft fft) {
        int n = spec.nbin();
        AccumulatorSupport.checkInput(spec, counts, fft);
        if (events == 0) {
            return false;
        }
        AccumulatorSupport.addSegment(segments, segmentIndex);
        fft.forward(counts, counts);
        accumulate(counts, n, events);
        return true;
    }

    private void accumulate(double[] packed, int n, double nph) {
        if (sumPowerOverNph != null) {
            FourierKernels.accumulatePower(packed, n, 1.0 / nph, sumPower, sumPowerOverNph, sumPowerOverNph2);
        } else {
            FourierKernels.accumulatePower(packed, n, sumPower);
        }
        sumNph += nph;
    }

    @Override
    public PowerAccumulator combine(PowerAccumulator other) {
        AccumulatorSupport.checkCompatible(spec, other.spec);
        if ((sumPowerOverNph == null) != (other.sumPowerOverNph == null)) {
            throw new IncompatibleSpectraException("cannot combine a common-mean-only power accumulator with one "
                    + "that keeps per-segment sums");
        }
        AccumulatorSupport.addDisjoint(segments, other.segments);
        for (int j = 0; j < sumPower.length; j++) {
            sumPower[j] += other.sumPower[j];
        }
        if (sumPowerOverNph != null) {
            for (int j = 0; j < sumPower.length; j++) {
                sumPowerOverNph[j] += other.sumPowerOverNph[j];
                sumPowerOverNph2[j] += other.sumPowerOverNph2[j];
            }
        }
        sumNph += other.sumNph;
        return this;
    }

    @Override
    public PowerAccumulator copy() {
        return new PowerAccumulator(this);
    }

    /**
     * The unnormalised state of a power accumulator, for sending partial accumulators over the wire
     * (style.md §4: state crosses the wire, not results). Per positive frequency {@code j = 1..nFreq}:
     *
     * @param used             indices of the segments that contributed (M = its size)
     * @param sumPower         {@code Σ|X_j|²}, counts²
     * @param sumPowerOverNph  {@code Σ|X_j|²/N_ph} with each segment's own photon count; empty (length 0)
     *                         for a {@link #commonMeanOnly} accumulator
     * @param sumPowerOverNph2 {@code Σ|X_j|²/N_ph²}; empty for a {@link #commonMeanOnly} accumulator
     * @param sumNph           {@code ΣN_ph}, photons
     */
    public record State(SegmentSet used, double[] sumPower, double[] sumPowerOverNph, double[] sumPowerOverNph2,
                        double sumNph) {
    }

    /** A copy of this accumulator's state. */
    public State state() {
        return new State(segments.copy(), sumPower.clone(),
                sumPowerOverNph == null ? new double[0] : sumPowerOverNph.clone(),
                sumPowerOverNph2 == null ? new double[0] : sumPowerOverNph2.clone(), sumNph);
    }

    /**
     * An accumulator holding a state exported by {@link #state()} (the arrays are copied), so that
     * {@code fromState(spec, a.state())} combines and finalises exactly like {@code a}; empty per-segment
     * sums make a {@link #commonMeanOnly} accumulator.
     *
     * @throws org.manta.core.InvalidParameterException if an array does not have {@code spec.nFreq()} entries
     */
    public static PowerAccumulator fromState(SegmentSpec spec, State state) {
        boolean perSegment = state.sumPowerOverNph().length > 0 || state.sumPowerOverNph2().length > 0;
        PowerAccumulator acc = new PowerAccumulator(spec, perSegment);
        AccumulatorSupport.copySums(spec, "sumPower", state.sumPower(), acc.sumPower);
        if (perSegment) {
            AccumulatorSupport.copySums(spec, "sumPowerOverNph", state.sumPowerOverNph(), acc.sumPowerOverNph);
            AccumulatorSupport.copySums(spec, "sumPowerOverNph2", state.sumPowerOverNph2(), acc.sumPowerOverNph2);
        }
        acc.sumNph = state.sumNph();
        acc.segments.addAll(state.used());
        return acc;
    }

    @Override
    public SegmentSet segments() {
        return segments.copy();
    }

    @Override
    public int segmentCount() {
        return Math.toIntExact(segments.count());
    }

    /** The averaged spectrum normalised with the common mean (Stingray's default). */
    @Override
    public AveragedPowerSpectrum result(Normalization norm) {
        return result(norm, true);
    }

    /**
     * The averaged spectrum. With M used segments: {@code ⟨P⟩ = ΣP/M}; {@code N_ph = ΣN_ph/M};
     * {@code μ = N_ph/N}.
     * <ul>
     *   <li>{@code useCommonMean}: {@code power = ⟨P⟩ · factor(μ, N_ph)} (science.md §5, factor first);</li>
     *   <li>otherwise the mean of per-segment normalised powers: leahy {@code 2·Σ(P/N_ph)/M}, frac
     *       {@code 2·dt·N·Σ(P/N_ph²)/M} (abs and none do not depend on the mean).</li>
     * </ul>
     * {@code powerErr = power/√M}, {@code unnormPowerErr = ⟨P⟩/√M}; frequencies {@code j/(N·dt)}.
     *
     * @throws org.manta.core.NoDataException if no segment was used
     */
    public AveragedPowerSpectrum result(Normalization norm, boolean useCommonMean) {
        int mSeg = Math.toIntExact(segments.count());
        if (mSeg == 0) {
            throw AccumulatorSupport.noSegments(spec);
        }
        if (!useCommonMean && sumPowerOverNph == null && (norm == Normalization.LEAHY || norm == Normalization.FRAC)) {
            throw new InvalidParameterException("use_common_mean", false,
                    "true for an accumulator made with commonMeanOnly (it keeps no per-segment sums)");
        }
        int n = spec.nbin();
        double dt = spec.dt();
        int nFreq = sumPower.length;
        double nph = sumNph / mSeg;
        double mean = nph / n;
        double factor = Norms.factor(norm, dt, n, mean, nph);
        double sqrtM = Math.sqrt(mSeg);
        double[] unnorm = new double[nFreq];
        double[] unnormErr = new double[nFreq];
        double[] power = new double[nFreq];
        double[] powerErr = new double[nFreq];
        for (int j = 0; j < nFreq; j++) {
            unnorm[j] = sumPower[j] / mSeg;
            unnormErr[j] = unnorm[j] / sqrtM;
            if (useCommonMean) {
                power[j] = unnorm[j] * factor;
            } else {
                power[j] = Norms.perSegmentAverage(norm, sumPower[j], sumPowerOverNph == null ? 0 : sumPowerOverNph[j],
                        sumPowerOverNph2 == null ? 0 : sumPowerOverNph2[j], mSeg, dt, n);
            }
            powerErr[j] = power[j] / sqrtM;
        }
        double[] m = new double[nFreq];
        java.util.Arrays.fill(m, mSeg);
        int[] k = new int[nFreq];
        java.util.Arrays.fill(k, 1);
        return new AveragedPowerSpectrum(AveragedPowerSpectrum.frequencies(spec), power, powerErr, unnorm, unnormErr,
                m, k, mSeg, n, spec.df(), dt, nph, mean, norm, n * dt, Optional.empty());
    }
}
