package org.manta.core.spectrum;

import org.manta.core.InvalidParameterException;
import org.manta.core.segment.SegmentSpec;

/**
 * Integrated rms from a periodogram (science.md §11.1–11.2; Stingray
 * {@code fourier.get_rms_from_rms_norm_periodogram}, {@code get_rms_from_unnorm_periodogram}).
 */
public final class IntegratedRms {
    /** Powers merged per local bin when every power is a single periodogram ({@code M = 1}). */
    public static final int LOW_M_BUFFER_SIZE = 4;

    private IntegratedRms() {
    }

    /**
     * rms from powers in rms normalisation (frac or abs), Stingray
     * {@code get_rms_from_rms_norm_periodogram(P, P_noise, df, M, low_M_buffer_size=4)}:
     * {@code S = Σ (P_j - P_noise)·δν_j}; if {@code S < 0} the result is (0, 0); else
     * {@code rms = √S}, {@code error = E/(2·rms)} with
     * <ul>
     *   <li>{@code M = 1} for all bins and more than 4 powers: the powers are first averaged in groups
     *       of 4 ({@link Rebin#linear}, "average", over {@code x = j·df}), giving {@code P̃_l} with step
     *       {@code M̃}; {@code E = √(Σ P̃_l²·(M̃·df)²/M̃) · n/(M̃·n_local)};</li>
     *   <li>otherwise {@code E = √(Σ P_j²·δν_j²/M_j)}.</li>
     * </ul>
     * Per-bin {@code df} and {@code M} that are all equal are treated as scalars, as in Stingray.
     *
     * @param power powers, (rms/mean)²/Hz or (ct/s)²/Hz
     * @param noise Poisson noise level in the same units
     * @param df    per-bin frequency width, Hz (one value per power)
     * @param m     per-bin number of averaged powers (one value per power)
     * @throws InvalidParameterException if exactly one of df and m is uniform (Stingray raises too)
     */
    public static Rms fromRmsNormPeriodogram(double[] power, double noise, double[] df, double[] m) {
        if (power.length == 0) {
            throw new InvalidParameterException("frequency range", "[]", "at least one frequency bin");
        }
        boolean mScalar = allEqual(m);
        boolean dfScalar = allEqual(df);
        if (mScalar != dfScalar) {
            throw new InvalidParameterException("m", "per-bin values", "m and df either both constant or both varying");
        }
        double totalPowerErr;
        if (mScalar && m[0] == 1 && power.length > LOW_M_BUFFER_SIZE) {
            double d = df[0];
            double[] x = new double[power.length];
            for (int j = 0; j < x.length; j++) {
                x[j] = j * d;
            }
            Rebin.Linear local = Rebin.linear(x, power, null, d * LOW_M_BUFFER_SIZE, d, true);
            double localM = local.scalarStep();
            double localDf = d * localM;
            double sum = 0;
            for (double p : local.y()) {
                sum += p * p * (localDf * localDf) / localM;
            }
            double totalLocalPowers = localM * local.y().length;
            totalPowerErr = Math.sqrt(sum);
            totalPowerErr *= power.length / totalLocalPowers;
        } else {
            double sum = 0;
            for (int j = 0; j < power.length; j++) {
                sum += power[j] * power[j] * (df[j] * df[j]) / m[j];
            }
            totalPowerErr = Math.sqrt(sum);
        }
        double totalPowerSub = 0;
        for (int j = 0; j < power.length; j++) {
            totalPowerSub += (power[j] - noise) * df[j];
        }
        if (totalPowerSub < 0) {
            return new Rms(0.0, 0.0);
        }
        double rms = Math.sqrt(totalPowerSub);
        return new Rms(rms, 0.5 / rms * totalPowerErr);
    }

    /**
     * Fractional rms from unnormalised powers, Stingray {@code get_rms_from_unnorm_periodogram(P_un,
     * nphots, df, M, poisson_noise_unnorm, segment_size, kind="frac")}: see {@link #fromUnnorm}.
     */
    public static Rms fractionalFromUnnorm(double[] unnormPower, double nphotsPerSegment, double[] df, double[] m,
            double noiseUnnorm, double segmentSize) {
        return fromUnnorm(unnormPower, nphotsPerSegment, df, m, noiseUnnorm, segmentSize, Normalization.FRAC);
    }

    /**
     * rms from unnormalised powers, Stingray {@code get_rms_from_unnorm_periodogram(P_un, nphots, df, M,
     * poisson_noise_unnorm, segment_size, kind)}: with {@code r̄ = N_ph/T} and Leahy power
     * {@code (P_un·2)/N_ph}, frac power {@code = Leahy/r̄} (rms/mean) and abs power {@code = Leahy·r̄}
     * (ct/s), the same for the noise; then {@link #fromRmsNormPeriodogram}.
     *
     * @param unnormPower      unnormalised powers (counts²)
     * @param nphotsPerSegment mean photons per segment N_ph
     * @param df               per-bin frequency width, Hz
     * @param m                per-bin number of averaged powers
     * @param noiseUnnorm      Poisson noise level, unnormalised (usually N_ph)
     * @param segmentSize      segment length T, s
     * @param kind             {@link Normalization#FRAC} (fractional rms) or {@link Normalization#ABS} (ct/s)
     * @throws InvalidParameterException for any other kind
     */
    public static Rms fromUnnorm(double[] unnormPower, double nphotsPerSegment, double[] df, double[] m,
            double noiseUnnorm, double segmentSize, Normalization kind) {
        if (kind != Normalization.FRAC && kind != Normalization.ABS) {
            throw new InvalidParameterException("rms kind", kind.label(), "frac or abs");
        }
        double meanrate = nphotsPerSegment / segmentSize;
        double[] normed = new double[unnormPower.length];
        for (int j = 0; j < normed.length; j++) {
            normed[j] = toRmsNorm(unnormPower[j], nphotsPerSegment, meanrate, kind);
        }
        double noise = toRmsNorm(noiseUnnorm, nphotsPerSegment, meanrate, kind);
        return fromRmsNormPeriodogram(normed, noise, df, m);
    }

    private static double toRmsNorm(double unnorm, double nphots, double meanrate, Normalization kind) {
        double leahy = unnorm * 2.0 / nphots;
        return kind == Normalization.FRAC ? leahy / meanrate : leahy * meanrate;
    }

    /**
     * Checks, before the segments are made, that their spectrum has a frequency in {@code [fmin, fmax]}: the rule and
     * message of {@link AveragedPowerSpectrum#rms} on the frequencies {@code j·df, j = 1..nFreq} of segments of
     * {@code segment}.
     *
     * @throws InvalidParameterException when the range holds no frequency of that spectrum
     */
    public static void requireFrequencyInRange(SegmentSpec segment, double fmin, double fmax) {
        countInRange(AveragedPowerSpectrum.frequencies(segment), fmin, fmax);
    }

    /**
     * Number of frequencies with {@code fmin <= f <= fmax} (Stingray's {@code compute_rms} selection,
     * inclusive on both ends, science.md §11.3).
     *
     * @throws InvalidParameterException when the range holds no frequency of the spectrum
     */
    static int countInRange(double[] freq, double fmin, double fmax) {
        int count = 0;
        for (double f : freq) {
            if (f >= fmin && f <= fmax) {
                count++;
            }
        }
        if (count == 0) {
            throw new InvalidParameterException("frequency range", "[" + fmin + ", " + fmax + "]",
                    "at least one frequency of the spectrum (" + freq[0] + " to " + freq[freq.length - 1] + " Hz)");
        }
        return count;
    }

    private static boolean allEqual(double[] a) {
        for (double v : a) {
            if (Double.compare(v, a[0]) != 0) {
                return false;
            }
        }
        return true;
    }
}
