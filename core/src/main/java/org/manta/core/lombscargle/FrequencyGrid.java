package org.manta.core.lombscargle;

import java.util.OptionalDouble;
import org.manta.core.InvalidParameterException;

/**
 * The frequency grid of a Lomb–Scargle spectrum (Stingray {@code lombscargle._autofrequency},
 * science.md §18). Unset values are chosen from the light curve:
 * {@code df = 1/length} with {@code length} the span of the bin centres (not {@code N·dt}),
 * {@code maxFreq = nyquistFactor·0.5/dt}, {@code minFreq = df/2}; the grid is
 * {@code numpy.arange(minFreq, maxFreq + df, df)}, so its last value can exceed {@code maxFreq}.
 *
 * @param minFreq       lowest frequency, Hz (a value ≤ 0 means {@code df/2}, as Stingray does after a warning)
 * @param maxFreq       highest frequency, Hz
 * @param df            frequency step, Hz (a value ≤ 0 means {@code 1/length})
 * @param nyquistFactor multiple of the Nyquist frequency used when {@code maxFreq} is unset (Stingray: 1)
 */
public record FrequencyGrid(OptionalDouble minFreq, OptionalDouble maxFreq, OptionalDouble df, double nyquistFactor) {

    public FrequencyGrid {
        if (minFreq.isPresent() && !(minFreq.getAsDouble() >= 0)) {
            throw new InvalidParameterException("min-freq", minFreq.getAsDouble(), "a non-negative frequency in Hz");
        }
        if (maxFreq.isPresent() && !(maxFreq.getAsDouble() >= 0)) {
            throw new InvalidParameterException("max-freq", maxFreq.getAsDouble(), "a non-negative frequency in Hz");
        }
        if (minFreq.isPresent() && maxFreq.isPresent() && !(maxFreq.getAsDouble() > minFreq.getAsDouble())) {
            throw new InvalidParameterException("max-freq", maxFreq.getAsDouble(),
                    "a frequency above min-freq = " + minFreq.getAsDouble() + " Hz");
        }
        if (!(nyquistFactor > 0) || Double.isInfinite(nyquistFactor)) {
            throw new InvalidParameterException("nyquist-factor", nyquistFactor, "a positive, finite number");
        }
    }

    /** Everything from the light curve (Stingray's defaults). */
    public static FrequencyGrid automatic() {
        return new FrequencyGrid(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 1.0);
    }

    /**
     * The grid for a light curve of bin time {@code dt} whose bin centres span {@code length} seconds.
     *
     * @return frequencies, Hz, ascending
     */
    public double[] frequencies(double dt, double length) {
        double step = df.isPresent() && df.getAsDouble() > 0 ? df.getAsDouble() : 1.0 / length;
        if (!(step > 0) || Double.isInfinite(step)) {
            throw new InvalidParameterException("df", step,
                    "a positive frequency step (the light curve spans " + length + " s)");
        }
        double max = maxFreq.orElse(nyquistFactor * 0.5 / dt);
        double min = minFreq.isPresent() && minFreq.getAsDouble() > 0 ? minFreq.getAsDouble() : step / 2;
        return arange(min, max + step, step);
    }

    /**
     * {@code numpy.arange(start, stop, step)} for doubles: {@code ceil((stop − start)/step)} values
     * {@code start}, {@code start + step}, then {@code start + i·δ} with {@code δ = (start + step) − start}
     * (numpy's {@code DOUBLE_fill} extrapolates from the first two values).
     */
    static double[] arange(double start, double stop, double step) {
        double count = Math.ceil((stop - start) / step);
        if (!(count > 0)) {
            return new double[0];
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new InvalidParameterException("df", step, "a step giving fewer than 2^31 frequencies");
        }
        double[] out = new double[(int) count];
        out[0] = start;
        if (out.length == 1) {
            return out;
        }
        out[1] = start + step;
        double delta = out[1] - start;
        for (int i = 2; i < out.length; i++) {
            out[i] = start + i * delta;
        }
        return out;
    }
}
