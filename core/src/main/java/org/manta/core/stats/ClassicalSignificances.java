package org.manta.core.stats;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The bins of a spectrum whose p-value is below a threshold (Stingray {@code classical_significances},
 * which returns the 2-row array {@code [p-values; indices]}). Arrays are owned by the record.
 *
 * @param pValue p-values of the selected bins
 * @param index  0-based indices of those bins in the spectrum's frequency array, ascending
 */
public record ClassicalSignificances(double[] pValue, int[] index) {

    /** The bins with {@code pValues[j] < threshold}, in frequency order (NaN p-values are never selected). */
    public static ClassicalSignificances below(double[] pValues, double threshold) {
        int[] index = IntStream.range(0, pValues.length).filter(j -> pValues[j] < threshold).toArray();
        return new ClassicalSignificances(Arrays.stream(index).mapToDouble(j -> pValues[j]).toArray(), index);
    }

    /** Number of selected bins. */
    public int size() {
        return index.length;
    }
}
