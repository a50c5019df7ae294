package org.manta.core.spectrum;

/**
 * Per-frequency values with their 1σ uncertainties (lags, coherence). Arrays are owned by the record.
 *
 * @param value values
 * @param error uncertainties, same length (NaN or infinity where undefined, as in Stingray)
 */
public record Estimates(double[] value, double[] error) {
}
