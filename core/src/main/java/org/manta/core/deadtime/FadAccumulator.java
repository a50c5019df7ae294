package org.manta.core.deadtime;

import java.util.Optional;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.fourier.FourierKernels;
import org.manta.core.fourier.RealFft;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Accumulator;
import org.manta.core.spectrum.AccumulatorSupport;
import org.manta.core.spectrum.Normalization;

/**
 * Accumulates the Fourier Amplitude Difference (FAD) dead-time correction of two independent,
 * simultaneous detectors (Bachetti &amp; Huppenkothen 2018, ApJ 853, L21; Stingray
 * {@code deadtime.fad.FAD}, science.md §21.2). Per segment, with counts {@code x1}, {@code x2} and
 * photons {@code N1}, {@code N2}, {@code Nt = N1 + N2}:
 * <ol>
 *   <li>{@code F1, F2, Ft}: positive-frequency FFTs of {@code x1}, {@code x2}, {@code x1 + x2};</li>
 *   <li>{@code D = F1·√(2/N1) - F2·√(2/N2)} (Leahy-scaled amplitude difference);</li>
 *   <li>{@code W = gaussian_filter1d(Re(D)², σ)} with σ the smoothing length in frequency bins
 *       ({@link GaussianFilter}; Stingray's default σ = 3 × segment length in seconds);</li>
 *   <li>corrected {@code P1 = 2|F1|²/W}, {@code P2 = 2|F2|²/W}, {@code Pt = 2|Ft|²/W},
 *       {@code C = 2·F2·conj(F1)/W}, each normalised with the segment's own photons ({@code N1}, {@code N2},
 *       {@code Nt}, {@code √(N1·N2)} for C); {@code fad += D·√2/√W}.</li>
 * </ol>
 * {@code result(norm)} averages over the M used segments. Everything kept is a sum over segments, so
 * the accumulator merges (style.md §3); the normalisation per segment is kept exact by the three sums
 * of {@link WeightedSums}. Its {@link #state()} is what crosses the wire ({@link #fromState}). The uncorrected {@code |Ft|²} is accumulated too, for comparison.
 *
 * <p>The compliance check of Stingray: {@code std(fad)} over frequencies, against {@code 2/√M}.
 */
public final class FadAccumulator implements Accumulator<FadAccumulator, FadSpectrum> {
    /** Stingray's default accepted relative error of {@code std(fad)} against {@code 2/√M}. */
    public static final double DEFAULT_TOLERANCE = 0.05;
    /** Stingray's default smoothing length: this many times the segment length in seconds, taken as bins. */
    public static final double DEFAULT_SMOOTHING_PER_SECOND = 3.0;
    private static final double SQRT2 = Math.sqrt(2.0);

    private final SegmentSpec spec;
    private final FadSmoothing smoothing;
    private final double smoothingLength;
    private final double[] kernel;
    private final WeightedSums p1;
    private final WeightedSums p2;
    private final WeightedSums pt;
    private final WeightedSums cRe;
    private final WeightedSums cIm;
    private final WeightedSums ptUncorrected;
    private final double[] fadRe;
    private final double[] fadIm;
    private double sumNph1;
    private double sumNph2;
    private final SegmentSet segments;
    // per-segment scratch (one accumulator per thread)
    private final double[] packed1;
    private final double[] packed2;
    private final double[] packedT;
    private final double[] diffRe2;
    private final double[] smooth;
    private final double[] photons = new double[2];

    /**
     * @param spec            segment layout
     * @param smoothing       smoothing algorithm
     * @param smoothingLength σ of the smoothing in frequency bins (positive)
     */
    public FadAccumulator(SegmentSpec spec, FadSmoothing smoothing, double smoothingLength) {
        this.spec = spec;
        this.smoothing = smoothing;
        this.smoothingLength = smoothingLength;
        this.kernel = GaussianFilter.halfKernel(smoothingLength);
        int nFreq = spec.nFreq();
        p1 = new WeightedSums(nFreq);
        p2 = new WeightedSums(nFreq);
        pt = new WeightedSums(nFreq);
        cRe = new WeightedSums(nFreq);
        cIm = new WeightedSums(nFreq);
        ptUncorrected = new WeightedSums(nFreq);
        fadRe = new double[nFreq];
        fadIm = new double[nFreq];
        segments = SegmentSet.empty();
        packed1 = new double[spec.nbin()];
        packed2 = new double[spec.nbin()];
        packedT = new double[spec.nbin()];
        diffRe2 = new double[nFreq];
        smooth = new double[nFreq];
    }

    /** Stingray's defaults: Gaussian smoothing over {@code 3·N·dt} bins. */
    public FadAccumulator(SegmentSpec spec) {
        this(spec, FadSmoothing.GAUSS, defaultSmoothingLength(spec));
    }

    private FadAccumulator(FadAccumulator o) {
        this(o.spec, o.smoothing, o.smoothingLength);
        combine(o);
    }

    /**
     * The state of an accumulator ({@link #state()}, {@link #fromState}): the sums over its used segments.
     *
     * @param segments      the used segment indices
     * @param p1            corrected power of detector 1, {@code 2|F1|²/W}, with the weights {@code 1/N1}
     * @param p2            corrected power of detector 2, weights {@code 1/N2}
     * @param pt            corrected power of the sum, weights {@code 1/Nt}
     * @param cRe           real part of {@code 2·F2·conj(F1)/W}, weights {@code 1/√(N1·N2)}
     * @param cIm           its imaginary part
     * @param ptUncorrected {@code |Ft|²}, weights {@code 1/Nt}
     * @param fadRe         {@code Σ Re(D·√2/√W)}
     * @param fadIm         {@code Σ Im(D·√2/√W)}
     * @param sumNph1       {@code Σ N1}
     * @param sumNph2       {@code Σ N2}
     */
    public record State(SegmentSet segments, Sums p1, Sums p2, Sums pt, Sums cRe, Sums cIm, Sums ptUncorrected,
                        double[] fadRe, double[] fadIm, double sumNph1, double sumNph2) {
    }

    /** Per frequency {@code Σx}, {@code Σx·w}, {@code Σx·w²} of a per-segment quantity with its weight w. */
    public record Sums(double[] sum, double[] sumW, double[] sumW2) {
    }

    /** The state (copies): the used segments and every sum. */
    public State state() {
        return new State(segments.copy(), p1.state(), p2.state(), pt.state(), cRe.state(), cIm.state(),
                ptUncorrected.state(), fadRe.clone(), fadIm.clone(), sumNph1, sumNph2);
    }

    /**
     * An accumulator holding {@code state} (copied), e.g. one read from the wire.
     *
     * @throws InvalidParameterException if an array's length is not the layout's number of frequencies
     */
    public static FadAccumulator fromState(SegmentSpec spec, FadSmoothing smoothing, double smoothingLength,
                                           State state) {
        int nFreq = spec.nFreq();
        FadAccumulator acc = new FadAccumulator(spec, smoothing, smoothingLength);
        if (state.fadRe().length != nFreq || state.fadIm().length != nFreq) {
            throw new InvalidParameterException("fad length", state.fadRe().length + ", " + state.fadIm().length,
                    nFreq + " frequencies");
        }
        acc.p1.combine(new WeightedSums(state.p1(), nFreq));
        acc.p2.combine(new WeightedSums(state.p2(), nFreq));
        acc.pt.combine(new WeightedSums(state.pt(), nFreq));
        acc.cRe.combine(new WeightedSums(state.cRe(), nFreq));
        acc.cIm.combine(new WeightedSums(state.cIm(), nFreq));
        acc.ptUncorrected.combine(new WeightedSums(state.ptUncorrected(), nFreq));
        System.arraycopy(state.fadRe(), 0, acc.fadRe, 0, nFreq);
        System.arraycopy(state.fadIm(), 0, acc.fadIm, 0, nFreq);
        acc.sumNph1 = state.sumNph1();
        acc.sumNph2 = state.sumNph2();
        acc.segments.addAll(state.segments());
        return acc;
    }

    /** The smoothing algorithm. */
    public FadSmoothing smoothing() {
        return smoothing;
    }

    /** Stingray's default σ: {@value #DEFAULT_SMOOTHING_PER_SECOND} × the segment length in seconds, as bins. */
    public static double defaultSmoothingLength(SegmentSpec spec) {
        return spec.segmentSize() * DEFAULT_SMOOTHING_PER_SECOND;
    }

    @Override
    public SegmentSpec spec() {
        return spec;
    }

    /** σ of the smoothing, frequency bins. */
    public double smoothingLength() {
        return smoothingLength;
    }

    /**
     * Adds one segment of both detectors. Skipped (returns false) when either detector's counts are all
     * zero; for event data the caller skips segments where either detector has fewer than 2 events
     * (Stingray's flux generator yields None then).
     *
     * @param segmentIndex the segment's index in the observation (unique)
     * @param counts1      detector-1 counts per bin, length at least N; not modified
     * @param counts2      detector-2 counts per bin; not modified
     * @param fft          the caller's plan for N samples
     * @return whether the segment was used
     */
    public boolean add(long segmentIndex, double[] counts1, double[] counts2, RealFft fft) {
        if (!AccumulatorSupport.registerPair(spec, segments, segmentIndex, counts1, counts2, fft, photons)) {
            return false;
        }
        int n = spec.nbin();
        for (int i = 0; i < n; i++) {
            packedT[i] = counts1[i] + counts2[i];
        }
        fft.forward(counts1, packed1);
        fft.forward(counts2, packed2);
        fft.forward(packedT, packedT);
        addTransforms(photons[0], photons[1]);
        return true;
    }

    private void addTransforms(double nph1, double nph2) {
        int n = spec.nbin();
        int nFreq = diffRe2.length;
        double nphTot = nph1 + nph2;
        double scale1 = Math.sqrt(2 / nph1);
        double scale2 = Math.sqrt(2 / nph2);
        for (int j = 0; j < nFreq; j++) {
            double dRe = RealFft.re(packed1, n, j + 1) * scale1 - RealFft.re(packed2, n, j + 1) * scale2;
            diffRe2[j] = dRe * dRe;
        }
        GaussianFilter.smooth(diffRe2, kernel, smooth);
        double w1 = 1.0 / nph1;
        double w2 = 1.0 / nph2;
        double wt = 1.0 / nphTot;
        double wc = 1.0 / Math.sqrt(nph1 * nph2);
        double wc2 = 1.0 / (nph1 * nph2);
        for (int j = 0; j < nFreq; j++) {
            double a1 = RealFft.re(packed1, n, j + 1);
            double b1 = RealFft.im(packed1, n, j + 1);
            double a2 = RealFft.re(packed2, n, j + 1);
            double b2 = RealFft.im(packed2, n, j + 1);
            double at = RealFft.re(packedT, n, j + 1);
            double bt = RealFft.im(packedT, n, j + 1);
            double w = smooth[j];
            double inverseW = 1.0 / w;                        // numpy divides a complex by a real this way
            double powerT = at * at + bt * bt;
            p1.add(j, (a1 * a1 + b1 * b1) / w * 2, w1, w1 * w1);
            p2.add(j, (a2 * a2 + b2 * b2) / w * 2, w2, w2 * w2);
            pt.add(j, powerT / w * 2, wt, wt * wt);
            cRe.add(j, (a2 * a1 + b2 * b1) * inverseW * 2, wc, wc2);
            cIm.add(j, (b2 * a1 - a2 * b1) * inverseW * 2, wc, wc2);
            ptUncorrected.add(j, powerT, wt, wt * wt);
            double inverseRootW = 1.0 / Math.sqrt(w);
            fadRe[j] += (a1 * scale1 - a2 * scale2) * inverseRootW * SQRT2;
            fadIm[j] += (b1 * scale1 - b2 * scale2) * inverseRootW * SQRT2;
        }
        sumNph1 += nph1;
        sumNph2 += nph2;
    }

    @Override
    public FadAccumulator combine(FadAccumulator other) {
        AccumulatorSupport.checkCompatible(spec, other.spec);
        if (other.smoothing != smoothing || Double.compare(other.smoothingLength, smoothingLength) != 0) {
            throw new IncompatibleSpectraException("cannot combine FAD spectra with different smoothing: "
                    + smoothing.label() + " over " + smoothingLength + " bins versus " + other.smoothing.label()
                    + " over " + other.smoothingLength + " bins");
        }
        AccumulatorSupport.addDisjoint(segments, other.segments);
        p1.combine(other.p1);
        p2.combine(other.p2);
        pt.combine(other.pt);
        cRe.combine(other.cRe);
        cIm.combine(other.cIm);
        ptUncorrected.combine(other.ptUncorrected);
        for (int j = 0; j < fadRe.length; j++) {
            fadRe[j] += other.fadRe[j];
            fadIm[j] += other.fadIm[j];
        }
        sumNph1 += other.sumNph1;
        sumNph2 += other.sumNph2;
        return this;
    }

    @Override
    public FadAccumulator copy() {
        return new FadAccumulator(this);
    }

    @Override
    public SegmentSet segments() {
        return segments.copy();
    }

    /** The averaged spectra with Stingray's default tolerance of the compliance check. */
    @Override
    public FadSpectrum result(Normalization norm) {
        return result(norm, DEFAULT_TOLERANCE);
    }

    /**
     * The averaged corrected spectra over the M used segments, normalised per segment, and the
     * compliance statistic {@code fad_delta = (std(⟨fad⟩) - 2/√M)/(2/√M)}, where std is numpy's
     * (population, over all frequencies, of the complex values).
     *
     * @param tolerance accepted {@code |fad_delta|} (recorded in the result)
     * @throws NoDataException if no segment was used
     */
    public FadSpectrum result(Normalization norm, double tolerance) {
        if (!(tolerance > 0)) {
            throw new InvalidParameterException("tolerance", tolerance, "a positive relative error");
        }
        int mSeg = Math.toIntExact(segments.count());
        if (mSeg == 0) {
            throw new NoDataException("no segment of " + spec.segmentSize() + " s (" + spec.nbin()
                    + " bins) survived: every segment had fewer than 2 events in a detector");
        }
        int n = spec.nbin();
        double dt = spec.dt();
        int nFreq = fadRe.length;
        ComplexArray fad = ComplexArray.zeros(nFreq);
        for (int j = 0; j < nFreq; j++) {
            fad.re()[j] = fadRe[j] / mSeg;
            fad.im()[j] = fadIm[j] / mSeg;
        }
        double std = complexStd(fad);
        double stdTheory = 2 / Math.sqrt(mSeg);
        double fadDelta = (std - stdTheory) / stdTheory;
        ComplexArray cs = new ComplexArray(cRe.normalisedAverage(norm, mSeg, dt, n),
                cIm.normalisedAverage(norm, mSeg, dt, n));
        ComplexArray csUnnorm = new ComplexArray(cRe.unnormalisedAverage(mSeg), cIm.unnormalisedAverage(mSeg));
        double nph1 = sumNph1 / mSeg;
        double nph2 = sumNph2 / mSeg;
        return new FadSpectrum(FourierKernels.frequencies(n, dt), p1.normalisedAverage(norm, mSeg, dt, n),
                p2.normalisedAverage(norm, mSeg, dt, n), cs, pt.normalisedAverage(norm, mSeg, dt, n),
                p1.unnormalisedAverage(mSeg), p2.unnormalisedAverage(mSeg), csUnnorm, pt.unnormalisedAverage(mSeg),
                ptUncorrected.normalisedAverage(norm, mSeg, dt, n), fad, mSeg, n, spec.df(), dt, nph1, nph2,
                (sumNph1 + sumNph2) / mSeg, norm, smoothing, smoothingLength, fadDelta, tolerance, spec.segmentSize(),
                Optional.empty());
    }

    /** numpy {@code x.std()} of a complex array: {@code √(mean|x - mean(x)|²)}. */
    static double complexStd(ComplexArray x) {
        int len = x.length();
        double mRe = 0;
        double mIm = 0;
        for (int j = 0; j < len; j++) {
            mRe += x.re()[j];
            mIm += x.im()[j];
        }
        mRe /= len;
        mIm /= len;
        double s = 0;
        for (int j = 0; j < len; j++) {
            double dr = x.re()[j] - mRe;
            double di = x.im()[j] - mIm;
            s += dr * dr + di * di;
        }
        return Math.sqrt(s / len);
    }
}
