package org.manta.core.deadtime;

import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Norms;

/**
 * Per frequency, the running sums {@code Σx}, {@code Σx·w}, {@code Σx·w²} of a per-segment quantity with
 * the segment's weight {@code w = 1/N_ph}: enough to give, at the end, its average normalised per
 * segment in any normalisation ({@link Norms#perSegmentAverage}) and its unnormalised average.
 */
final class WeightedSums {
    private final double[] sum;
    private final double[] sumW;
    private final double[] sumW2;

    WeightedSums(int length) {
        sum = new double[length];
        sumW = new double[length];
        sumW2 = new double[length];
    }

    private WeightedSums(WeightedSums o) {
        sum = o.sum.clone();
        sumW = o.sumW.clone();
        sumW2 = o.sumW2.clone();
    }

    /** Sums of a state ({@link FadAccumulator.Sums}; copied). */
    WeightedSums(FadAccumulator.Sums s, int length) {
        for (double[] a : new double[][] {s.sum(), s.sumW(), s.sumW2()}) {
            if (a.length != length) {
                throw new org.manta.core.InvalidParameterException("weighted sums length", a.length,
                        length + " frequencies");
            }
        }
        sum = s.sum().clone();
        sumW = s.sumW().clone();
        sumW2 = s.sumW2().clone();
    }

    /** The sums as a state (copies). */
    FadAccumulator.Sums state() {
        return new FadAccumulator.Sums(sum.clone(), sumW.clone(), sumW2.clone());
    }

    WeightedSums copy() {
        return new WeightedSums(this);
    }

    /** Adds {@code x} at index {@code j} with weight {@code w} and its square {@code w2}. */
    void add(int j, double x, double w, double w2) {
        sum[j] += x;
        sumW[j] += x * w;
        sumW2[j] += x * w2;
    }

    void combine(WeightedSums other) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] += other.sum[j];
            sumW[j] += other.sumW[j];
            sumW2[j] += other.sumW2[j];
        }
    }

    /** {@code Σx/M} per index. */
    double[] unnormalisedAverage(int mSeg) {
        double[] out = new double[sum.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = sum[j] / mSeg;
        }
        return out;
    }

    /** The average of the per-segment normalised values over {@code mSeg} segments of {@code n} bins of {@code dt}. */
    double[] normalisedAverage(Normalization norm, int mSeg, double dt, int n) {
        double[] out = new double[sum.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = Norms.perSegmentAverage(norm, sum[j], sumW[j], sumW2[j], mSeg, dt, n);
        }
        return out;
    }
}
