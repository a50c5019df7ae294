package org.manta.core.stats;

/**
 * The upper limit on a signal at the highest power of a frequency range of an averaged power spectrum
 * ({@link UpperLimits}, Stingray {@code power_upper_limit}/{@code amplitude_upper_limit}/{@code pf_upper_limit} with
 * {@code n = m} averaged powers, {@code summed_flag=False}, {@code counts} = photons per segment, no FFT-bin or
 * Nyquist correction).
 *
 * @param freq       frequency of the highest power in the range, Hz
 * @param power      that power, Leahy
 * @param n          number of powers averaged in its bin (m)
 * @param confidence confidence of the limits, e.g. 0.95
 * @param powerLimit upper limit on the signal's Leahy power
 * @param amplitude  upper limit on the fractional amplitude a of {@code p̄(1 + a sin x)}
 * @param pf         upper limit on the pulsed fraction {@code 2a/(1+a)}
 */
public record PowerUpperLimit(double freq, double power, double n, double confidence, double powerLimit,
                              double amplitude, double pf) {

    /**
     * The limits for the highest Leahy power {@code power} at {@code freq}, averaged over {@code n} spectra of
     * {@code counts} photons each, at {@code confidence}.
     */
    public static PowerUpperLimit of(double freq, double power, double n, double counts, double confidence) {
        double amplitude = UpperLimits.amplitudeUpperLimit(power, counts, n, confidence, false, 0, false);
        return new PowerUpperLimit(freq, power, n, confidence, UpperLimits.powerUpperLimit(power, n, confidence, false),
                amplitude, UpperLimits.pfFromA(amplitude));
    }
}
