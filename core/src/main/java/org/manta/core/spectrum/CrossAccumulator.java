package org.manta.core.spectrum;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collector;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.fourier.FourierKernels;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.CountSegmentPair;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSpec;

/**
 * Accumulates the averaged cross spectrum of two bands (Stingray {@code fourier.avg_cs_from_iterables}
 * with {@code return_auxil=True}, science.md §7): {@code Σ X1*·X2}, {@code Σ|X1|²}, {@code Σ|X2|²} over
 * the positive frequencies and the photon totals of both bands. Normalised with the common mean only
 * (Stingray's default {@code use_common_mean=True}).
 */
public final class CrossAccumulator implements Accumulator<CrossAccumulator, AveragedCrossSpectrum> {
    private final SegmentSpec spec;
    private final double[] sumRe;
    private final double[] sumIm;
    private final double[] sumPower1;
    private final double[] sumPower2;
    private double sumNph1;
    private double sumNph2;
    private final SegmentSet segments;
    private final double[] photons = new double[2];     // per-segment scratch of add

    public CrossAccumulator(SegmentSpec spec) {
        this.spec = spec;
        int nFreq = spec.nFreq();
        sumRe = new double[nFreq];
        sumIm = new double[nFreq];
        sumPower1 = new double[nFreq];
        sumPower2 = new double[nFreq];
        segments = SegmentSet.empty();
    }

    private CrossAccumulator(CrossAccumulator o) {
        spec = o.spec;
        sumRe = o.sumRe.clone();
        sumIm = o.sumIm.clone();
        sumPower1 = o.sumPower1.clone();
        sumPower2 = o.sumPower2.clone();
        sumNph1 = o.sumNph1;
        sumNph2 = o.sumNph2;
        segments = o.segments.copy();
    }

    /** A collector of {@link CountSegmentPair}s into a cross spectrum (see {@link Accumulator#collector}). */
    public static Collector<CountSegmentPair, ?, AveragedCrossSpectrum> collector(SegmentSpec spec,
            Normalization norm) {
        return Accumulator.collector(() -> new CrossAccumulator(spec),
                (acc, s, fft) -> acc.add(s.index(), s.counts1(), s.counts2(), fft), acc -> acc.result(norm));
    }

    @Override
    public SegmentSpec spec() {
        return spec;
    }

    /**
     * Adds one segment of both bands. Skipped (returns false) when either band's counts are all
     * exactly zero (science.md §3.3). For event data the caller must skip segments where either band
     * holds fewer than 2 events. Allocation-free.
     *
     * @param segmentIndex the segment's index in the observation (unique)
     * @param counts1      subject-band counts, length at least N; not modified
     * @param counts2      reference-band counts; not modified
     * @param fft          the caller's plan for N samples (both its buffers are overwritten)
     * @return whether the segment was used
     */
    public boolean add(long segmentIndex, double[] counts1, double[] counts2, RealFft fft) {
        if (!AccumulatorSupport.registerPair(spec, segments, segmentIndex, counts1, counts2, fft, photons)) {
            return false;
        }
        double[] x1 = fft.forward(counts1);
        double[] x2 = fft.forwardSecond(counts2);
        FourierKernels.accumulateCross(x1, x2, spec.nbin(), sumRe, sumIm, sumPower1, sumPower2);
        sumNph1 += photons[0];
        sumNph2 += photons[1];
        return true;
    }

    /**
     * As {@link #add(long, double[], double[], RealFft)} for histograms of {@code events1} and
     * {@code events2} events made by {@link org.manta.core.segment.Histogram#countSegment}: photon counts
     * are taken from the event counts, and both count arrays are transformed in place, i.e.
     * <b>overwritten</b> (no copies). Skipped when either band has no events. Bit-for-bit as {@code add}.
     */
    public boolean addHistograms(long segmentIndex, double[] counts1, int events1, double[] counts2, int events2,
                                 RealFft fft) {
        int n = spec.nbin();
        AccumulatorSupport.checkInput(spec, counts1, fft);
        AccumulatorSupport.checkInput(spec, counts2, fft);
        if (events1 == 0 || events2 == 0) {
            return false;
        }
        AccumulatorSupport.addSegment(segments, segmentIndex);
        fft.forward(counts1, counts1);
        fft.forward(counts2, counts2);
        FourierKernels.accumulateCross(counts1, counts2, n, sumRe, sumIm, sumPower1, sumPower2);
        sumNph1 += events1;
        sumNph2 += events2;
        return true;
    }

    @Override
    public CrossAccumulator combine(CrossAccumulator other) {
        AccumulatorSupport.checkCompatible(spec, other.spec);
        AccumulatorSupport.addDisjoint(segments, other.segments);
        for (int j = 0; j < sumRe.length; j++) {
            sumRe[j] += other.sumRe[j];
            sumIm[j] += other.sumIm[j];
            sumPower1[j] += other.sumPower1[j];
            sumPower2[j] += other.sumPower2[j];
        }
        sumNph1 += other.sumNph1;
        sumNph2 += other.sumNph2;
        return this;
    }

    @Override
    public CrossAccumulator copy() {
        return new CrossAccumulator(this);
    }

    /**
     * The unnormalised state of a cross accumulator, for sending partial accumulators over the wire
     * (style.md §4). Per positive frequency {@code j = 1..nFreq}:
     *
     * @param used      indices of the segments that contributed (M = its size)
     * @param sumRe     {@code Σ Re(X1_j*·X2_j)}, counts²
     * @param sumIm     {@code Σ Im(X1_j*·X2_j)}
     * @param sumPower1 {@code Σ|X1_j|²}
     * @param sumPower2 {@code Σ|X2_j|²}
     * @param sumNph1   channel-1 photons {@code ΣN_ph,1}
     * @param sumNph2   channel-2 photons {@code ΣN_ph,2}
     */
    public record State(SegmentSet used, double[] sumRe, double[] sumIm, double[] sumPower1, double[] sumPower2,
                        double sumNph1, double sumNph2) {
    }

    /** A copy of this accumulator's state. */
    public State state() {
        return new State(segments.copy(), sumRe.clone(), sumIm.clone(), sumPower1.clone(), sumPower2.clone(), sumNph1,
                sumNph2);
    }

    /**
     * An accumulator holding a state exported by {@link #state()} (the arrays are copied).
     *
     * @throws org.manta.core.InvalidParameterException if an array does not have {@code spec.nFreq()} entries
     */
    public static CrossAccumulator fromState(SegmentSpec spec, State state) {
        CrossAccumulator acc = new CrossAccumulator(spec);
        AccumulatorSupport.copySums(spec, "sumRe", state.sumRe(), acc.sumRe);
        AccumulatorSupport.copySums(spec, "sumIm", state.sumIm(), acc.sumIm);
        AccumulatorSupport.copySums(spec, "sumPower1", state.sumPower1(), acc.sumPower1);
        AccumulatorSupport.copySums(spec, "sumPower2", state.sumPower2(), acc.sumPower2);
        acc.sumNph1 = state.sumNph1();
        acc.sumNph2 = state.sumNph2();
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

    /**
     * The averaged cross spectrum with M used segments: {@code ⟨C⟩ = ΣC/M}; {@code N_ph,i = ΣN_ph,i/M};
     * {@code N_ph = √(N_ph,1·N_ph,2)}, {@code μ = N_ph/N}; {@code power = norm(⟨C⟩; μ, N_ph)} (left to
     * right, errata L2); the auxiliary spectra normalised with their own {@code μ_i, N_ph,i}; errors per
     * §7.1.
     *
     * @throws org.manta.core.NoDataException if no segment was used
     */
    @Override
    public AveragedCrossSpectrum result(Normalization norm) {
        int mSeg = Math.toIntExact(segments.count());
        if (mSeg == 0) {
            throw AccumulatorSupport.noSegments(spec);
        }
        int n = spec.nbin();
        double dt = spec.dt();
        int nFreq = sumRe.length;
        double nph1 = sumNph1 / mSeg;
        double nph2 = sumNph2 / mSeg;
        double nph = Math.sqrt(nph1 * nph2);
        double mean = nph / n;
        double mean1 = nph1 / n;
        double mean2 = nph2 / n;
        ComplexArray unnorm = ComplexArray.zeros(nFreq);
        ComplexArray power = ComplexArray.zeros(nFreq);
        double[] u1 = new double[nFreq];
        double[] u2 = new double[nFreq];
        double[] p1 = new double[nFreq];
        double[] p2 = new double[nFreq];
        for (int j = 0; j < nFreq; j++) {
            unnorm.re()[j] = sumRe[j] / mSeg;
            unnorm.im()[j] = sumIm[j] / mSeg;
            power.re()[j] = Norms.apply(unnorm.re()[j], norm, dt, n, mean, nph);
            power.im()[j] = Norms.apply(unnorm.im()[j], norm, dt, n, mean, nph);
            u1[j] = sumPower1[j] / mSeg;
            u2[j] = sumPower2[j] / mSeg;
            p1[j] = Norms.apply(u1[j], norm, dt, n, mean1, nph1);
            p2[j] = Norms.apply(u2[j], norm, dt, n, mean2, nph2);
        }
        double[] freq = AveragedPowerSpectrum.frequencies(spec);
        double[] m = new double[nFreq];
        Arrays.fill(m, mSeg);
        int[] k = new int[nFreq];
        Arrays.fill(k, 1);
        double segmentSize = n * dt;
        AveragedPowerSpectrum pds1 = new AveragedPowerSpectrum(freq, p1, p1, u1, u1, m, k, mSeg, n, spec.df(), dt, nph1,
                mean1, norm, segmentSize, Optional.empty());
        AveragedPowerSpectrum pds2 = new AveragedPowerSpectrum(freq, p2, p2, u2, u2, m, k, mSeg, n, spec.df(), dt, nph2,
                mean2, norm, segmentSize, Optional.empty());
        return AveragedCrossSpectrum.withErrors(freq, power, unnorm, pds1, pds2, m, k, mSeg, n, spec.df(), dt, nph1,
                nph2, norm, segmentSize, Optional.empty());
    }
}
