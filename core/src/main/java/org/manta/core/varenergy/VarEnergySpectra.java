package org.manta.core.varenergy;

import org.manta.core.InvalidParameterException;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.spectrum.CrossStatistics;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Norms;

/**
 * The finishing formulas of the Fourier variability-versus-energy spectra, from an accumulator's sums
 * (science.md §12–13; Stingray {@code varenergyspectrum.py}). Notation: N bins of dt per segment, K window
 * frequencies, T the requested segment length, {@code δν = K/T}; a band's count rate
 * {@code r̄ = (its events in all segments)/(segments·T)} (Stingray {@code get_average_ctrate}); averages
 * over the window are plain means of the per-frequency averaged spectra.
 */
final class VarEnergySpectra {
    /** Stingray's {@code min_phot_per_segment}: rms and covariance skip a band with fewer photons per segment. */
    static final double MIN_PHOTONS_PER_SEGMENT = 10;

    private final VarEnergyLayout layout;
    private final VarEnergyAccumulator.State s;
    private final int bands;
    private final int k;
    private final int n;
    private final double dt;
    private final double requestedSegment;
    private final long segmentsSeen;

    private VarEnergySpectra(VarEnergyLayout layout, VarEnergyAccumulator.State s) {
        this.layout = layout;
        this.s = s;
        this.bands = layout.bands().count();
        this.k = layout.binCount();
        this.n = layout.spec().nbin();
        this.dt = layout.spec().dt();
        this.requestedSegment = layout.requestedSegment();
        this.segmentsSeen = s.seen().count();
    }

    static VarEnergySpectrum of(VarEnergyKind kind, Normalization norm, VarEnergyLayout layout,
                                VarEnergyAccumulator.State state) {
        boolean normed = kind == VarEnergyKind.RMS || kind == VarEnergyKind.COVARIANCE
                || kind == VarEnergyKind.COMPLEX_COVARIANCE;
        if (normed && norm != Normalization.FRAC && norm != Normalization.ABS) {
            throw new InvalidParameterException("norm", norm.label(), "frac or abs for the " + kind.label() + " spectrum");
        }
        VarEnergySpectra f = new VarEnergySpectra(layout, state);
        ComplexArray value = nanArray(f.bands);
        ComplexArray error = nanArray(f.bands);
        for (int b = 0; b < f.bands; b++) {
            switch (kind) {
                case RMS -> f.rms(b, norm, value, error);
                case LAG -> f.lag(b, value, error);
                case COVARIANCE, COMPLEX_COVARIANCE -> f.covariance(b, norm, kind.complex(), value, error);
                case COUNT -> {
                    value.re()[b] = state.listEvents()[b];
                    error.re()[b] = Math.sqrt(state.listEvents()[b]);
                }
                case EXCESS_VARIANCE -> throw new IllegalArgumentException(
                        "the excess variance is not a Fourier product: use ExcessVarianceAccumulator");
            }
        }
        boolean fourier = kind != VarEnergyKind.COUNT;
        return new VarEnergySpectrum(kind, normed ? norm : Normalization.NONE, layout.bands().intervals(), value,
                error, fourier ? layout.fLo() : Double.NaN, fourier ? layout.fHi() : Double.NaN, layout.reference(), f.dt,
                layout.spec().segmentSize(), fourier ? f.k : 0, state.reference()[VarEnergyAccumulator.State.REF_SEGMENTS]);
    }

    /** Stingray's initial spectrum, which a skipped band keeps: NaN (complex: NaN + 0i). */
    private static ComplexArray nanArray(int length) {
        ComplexArray a = ComplexArray.zeros(length);
        java.util.Arrays.fill(a.re(), Double.NaN);
        return a;
    }

    /** {@code get_average_ctrate}: events in all segments over (segments · T), ct/s. */
    private double countRate(long events) {
        return events / (segmentsSeen * requestedSegment);
    }

    private boolean enoughPhotons(double countRate) {
        return countRate * requestedSegment >= MIN_PHOTONS_PER_SEGMENT;
    }

    /** Mean over the window of {@code norm(sum[offset + i]/m)}. */
    private double windowMean(double[] sum, int offset, long m, Normalization norm) {
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += Norms.apply(sum[offset + i] / m, norm, dt, n, 0, 0);
        }
        return total / k;
    }

    /**
     * Rms (§13.1). One list: {@code P̄} = window mean of the band's abs-normalised PDS, noise {@code 2r̄};
     * {@code rms = √(|P̄ - 2r̄|·δν)}. Two lists: {@code P̄} = |window mean of the abs cross spectrum of
     * the band in both lists|, noise 0, rms noise from {@code √(2r̄·2r̄')}. Error with coherence 0 (Ingram
     * 2019), Stingray's formula as coded: {@code √((rms⁴ + noise⁴ + 2·rms·noise)/(4·M·K·rms²))} with
     * {@code noise = √(δν·P_noise)}. Frac divides both by the band's mean rate.
     */
    private void rms(int b, Normalization norm, ComplexArray value, ComplexArray error) {
        double rate = countRate(s.segmentEvents()[b]);
        double noiseLevel = 2 * rate;
        if (!enoughPhotons(rate)) {
            return;
        }
        double dnu = k / requestedSegment;
        double meanPower;
        double powerNoise;
        double rmsNoise;
        long m;
        double mean;
        if (layout.secondList()) {
            double rate2 = countRate(s.segmentEvents2()[b]);
            if (!enoughPhotons(rate2)) {
                return;
            }
            m = s.pairSegments()[b];
            if (m == 0) {
                return;
            }
            double re = windowMean(s.pairRe(), b * k, m, Normalization.ABS);
            double im = windowMean(s.pairIm(), b * k, m, Normalization.ABS);
            meanPower = Math.hypot(re, im);
            powerNoise = 0;
            rmsNoise = Math.sqrt(dnu * Math.sqrt(noiseLevel * (2 * rate2)));
            mean = Math.sqrt(((double) s.pairPhotons1()[b] / m) * ((double) s.pairPhotons2()[b] / m)) / n;
        } else {
            m = s.subSegments()[b];
            if (m == 0) {
                return;
            }
            meanPower = windowMean(s.subPower(), b * k, m, Normalization.ABS);
            powerNoise = noiseLevel;
            rmsNoise = Math.sqrt(dnu * powerNoise);
            mean = ((double) s.subPhotons()[b] / m) / n;
        }
        double rms = Math.sqrt(Math.abs(meanPower - powerNoise) * dnu);
        double num = Math.pow(rms, 4) + Math.pow(rmsNoise, 4) + 2 * rms * rmsNoise;
        double den = 4 * m * k * rms * rms;
        double err = Math.sqrt(num / den);
        if (norm == Normalization.FRAC) {
            double meanRate = mean / dt;
            rms /= meanRate;
            err /= meanRate;
        }
        value.re()[b] = rms;
        error.re()[b] = err;
    }

    /**
     * Time lag (§13.2), unnormalised quantities: {@code C̄}, {@code P̄_s}, {@code P̄_r} window means of the
     * band's cross spectrum against the reference, its PDS and the reference PDS; noise levels
     * {@code (events in the whole list)/M} of each; δφ from {@link CrossStatistics#averagedCrossErrors} with
     * {@code K·M_ref} averaged powers (the Ingram 2019 overlap form when the band lies in the reference);
     * {@code lag = arg C̄/(2π ν̄)}, {@code ν̄ = Σν|C|/Σ|C|} over the window.
     */
    private void lag(int b, ComplexArray value, ComplexArray error) {
        long mRef = s.reference()[VarEnergyAccumulator.State.REF_SEGMENTS];
        long mSub = s.subSegments()[b];
        long mCross = s.crossSegments()[b];
        if (mRef == 0 || mSub == 0 || mCross == 0) {
            return;
        }
        double refNoise = (double) s.reference()[VarEnergyAccumulator.State.REF_LIST_EVENTS] / mRef;
        double subNoise = (double) s.listEvents()[b] / mSub;
        double meanRef = windowMean(s.refPower(), 0, mRef, Normalization.NONE);
        double meanSub = windowMean(s.subPower(), b * k, mSub, Normalization.NONE);
        double cRe = windowMean(s.crossRe(), b * k, mCross, Normalization.NONE);
        double cIm = windowMean(s.crossIm(), b * k, mCross, Normalization.NONE);
        double[] e = CrossStatistics.averagedCrossErrors(cRe, cIm, meanSub, meanRef, subNoise, refNoise,
                (double) k * mRef, layout.commonReference(b));
        double[] freq = layout.frequencies();
        double weighted = 0;
        double weights = 0;
        for (int i = 0; i < k; i++) {
            double abs = Math.hypot(s.crossRe()[b * k + i] / mCross, s.crossIm()[b * k + i] / mCross);
            weighted += freq[i] * abs;
            weights += abs;
        }
        double fMean = weighted / weights;
        value.re()[b] = Math.atan2(cIm, cRe) / (2 * Math.PI * fMean);
        error.re()[b] = e[2] / (2 * Math.PI * fMean);
    }

    /**
     * Covariance (§12, §13.3), abs-normalised quantities: {@code C̄} window mean of the band's cross spectrum
     * against the reference, less {@code 2r̄_b} when the band lies in the reference (Ingram 2019 eq. 6);
     * δG from {@link CrossStatistics#averagedCrossErrors} with noise levels {@code 2r̄}; modulus unless
     * complex; {@code cov = C̄·√(δν/(P̄_r - 2r̄_ref))}, {@code err = δG·√(…)} (Wilkinson &amp; Uttley 2009,
     * Mastroserio et al. 2018). Frac divides by the band's mean rate.
     */
    private void covariance(int b, Normalization norm, boolean complex, ComplexArray value, ComplexArray error) {
        double rate = countRate(s.segmentEvents()[b]);
        if (!enoughPhotons(rate)) {
            return;
        }
        long mRef = s.reference()[VarEnergyAccumulator.State.REF_SEGMENTS];
        long mSub = s.subSegments()[b];
        long mCross = s.crossSegments()[b];
        if (mRef == 0 || mSub == 0 || mCross == 0) {
            return;
        }
        double refNoise = 2 * countRate(s.reference()[VarEnergyAccumulator.State.REF_SEGMENT_EVENTS]);
        double subNoise = 2 * rate;
        double meanRef = windowMean(s.refPower(), 0, mRef, Normalization.ABS);
        double meanSub = windowMean(s.subPower(), b * k, mSub, Normalization.ABS);
        double cRe = windowMean(s.crossRe(), b * k, mCross, Normalization.ABS);
        double cIm = windowMean(s.crossIm(), b * k, mCross, Normalization.ABS);
        boolean common = layout.commonReference(b);
        if (common) {
            cRe -= subNoise;
        }
        double dG = CrossStatistics.averagedCrossErrors(cRe, cIm, meanSub, meanRef, subNoise, refNoise,
                (double) k * mRef, common)[3];
        if (!complex) {
            cRe = Math.hypot(cRe, cIm);
            cIm = 0;
        }
        double factor = Math.sqrt((k / requestedSegment) / (meanRef - refNoise));
        double scale = norm == Normalization.FRAC ? (((double) s.subPhotons()[b] / mSub) / n) / dt : 1;
        value.re()[b] = cRe * factor / scale;
        error.re()[b] = dG * factor / scale;
        if (complex) {
            value.im()[b] = cIm * factor / scale;
            error.im()[b] = 0 * factor / scale;
        }
    }
}
