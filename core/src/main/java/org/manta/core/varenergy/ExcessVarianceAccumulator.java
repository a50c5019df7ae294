package org.manta.core.varenergy;

import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.spectrum.Normalization;

/**
 * The excess-variance spectrum (Vaughan et al. 2003, MNRAS 345, 1271; Stingray {@code ExcessVarianceSpectrum}
 * with {@code normalization="fvar"}, science.md §13.5) as a mergeable sum over light-curve bins: per band the
 * number of bins N, {@code Σx}, {@code Σx²} of the counts and {@code Σσ²} of their Poisson errors. Partials over
 * disjoint bins add; {@link #result} finalises. Its {@link #state()} crosses the mesh's wire ({@link #fromState}).
 *
 * <p><b>Difference from Stingray (deliberate).</b> In Stingray 2.3.2-8 the spectrum is always NaN:
 * {@code VarEnergySpectrum.__init__} calls {@code ExcessVarianceSpectrum._spectrum_function()}, which
 * <i>returns</i> {@code (spec, err)} instead of storing them, and the return value is dropped. This class
 * gives what that method computes ({@code stingray.utils.excess_variance} of each band's light curve), i.e.
 * the spectrum Stingray intends: the light curve of the band binned with the bin time over the whole span
 * of the GTIs (Stingray {@code Lightcurve.make_lightcurve(tstart=gti[0,0], tseg=gti[-1,-1]-gti[0,0])}; the GTIs
 * are stored, not applied) with Garwood Poisson errors. The frequency interval and the segment length are not
 * used, as in Stingray.
 */
public final class ExcessVarianceAccumulator {
    private final EnergyBands bands;
    private final double dt;
    private final long[] bins;
    private final long[] sum;
    private final long[] sumSquares;
    private final double[] sumErrorSquares;

    /**
     * @param bands the subject bands
     * @param dt    light-curve bin time, s
     */
    public ExcessVarianceAccumulator(EnergyBands bands, double dt) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new InvalidParameterException("dt", dt, "a positive, finite bin time in seconds");
        }
        this.bands = bands;
        this.dt = dt;
        int b = bands.count();
        bins = new long[b];
        sum = new long[b];
        sumSquares = new long[b];
        sumErrorSquares = new double[b];
    }

    /**
     * The sums of every band (a state: {@link #state()}, {@link #fromState}).
     *
     * @param bins            light-curve bins N per band
     * @param sum             {@code Σx} of the counts
     * @param sumSquares      {@code Σx²}
     * @param sumErrorSquares {@code Σσ²} of their Poisson errors
     */
    public record State(long[] bins, long[] sum, long[] sumSquares, double[] sumErrorSquares) {
    }

    /** The sums (copies). */
    public State state() {
        return new State(bins.clone(), sum.clone(), sumSquares.clone(), sumErrorSquares.clone());
    }

    /**
     * An accumulator holding {@code state} (copied), e.g. one read from the wire.
     *
     * @throws InvalidParameterException if an array's length is not the number of bands
     */
    public static ExcessVarianceAccumulator fromState(EnergyBands bands, double dt, State state) {
        ExcessVarianceAccumulator acc = new ExcessVarianceAccumulator(bands, dt);
        int b = bands.count();
        if (state.bins().length != b || state.sum().length != b || state.sumSquares().length != b
                || state.sumErrorSquares().length != b) {
            throw new InvalidParameterException("excess-variance sums", state.bins().length + ", " + state.sum().length
                    + ", " + state.sumSquares().length + ", " + state.sumErrorSquares().length + " values",
                    b + " per array (one per band)");
        }
        System.arraycopy(state.bins(), 0, acc.bins, 0, b);
        System.arraycopy(state.sum(), 0, acc.sum, 0, b);
        System.arraycopy(state.sumSquares(), 0, acc.sumSquares, 0, b);
        System.arraycopy(state.sumErrorSquares(), 0, acc.sumErrorSquares, 0, b);
        return acc;
    }

    /** The subject bands. */
    public EnergyBands bands() {
        return bands;
    }

    /** The light-curve bin time, s. */
    public double dt() {
        return dt;
    }

    /**
     * Adds light-curve bins of one band.
     *
     * @param band      band index
     * @param counts    counts per bin (integers); not modified
     * @param countsErr their Poisson errors (Stingray {@code counts_err}); not modified
     */
    public void addBins(int band, double[] counts, double[] countsErr) {
        if (counts.length != countsErr.length) {
            throw new InvalidParameterException("countsErr.length", countsErr.length, counts.length + " bins");
        }
        for (int i = 0; i < counts.length; i++) {
            long c = (long) counts[i];
            sum[band] += c;
            sumSquares[band] += c * c;
            sumErrorSquares[band] += countsErr[i] * countsErr[i];
        }
        bins[band] += counts.length;
    }

    /**
     * Adds {@code other}'s bins (disjoint from this one's) and returns {@code this}.
     *
     * @throws IncompatibleSpectraException if the bands or the bin time differ
     */
    public ExcessVarianceAccumulator combine(ExcessVarianceAccumulator other) {
        if (!bands.equals(other.bands) || Double.compare(dt, other.dt) != 0) {
            throw new IncompatibleSpectraException("cannot combine excess variances of bands " + bands + ", dt = " + dt
                    + " s with bands " + other.bands + ", dt = " + other.dt + " s");
        }
        for (int b = 0; b < bins.length; b++) {
            bins[b] += other.bins[b];
            sum[b] += other.sum[b];
            sumSquares[b] += other.sumSquares[b];
            sumErrorSquares[b] += other.sumErrorSquares[b];
        }
        return this;
    }

    /**
     * Per band (Vaughan et al. 2003 eqs. 8, 10, 11 and B2; Stingray {@code utils.excess_variance}): with
     * {@code x̄} the mean count, {@code S²} the population variance of the counts and {@code σ²} the mean squared
     * error, {@code σ²_XS = S² - σ²}, {@code F_var = √(σ²_XS/x̄²)} (NaN when the excess is negative),
     * {@code err(σ²_NXS) = √((√(2/N)·σ²/x̄²)² + (√(σ²/N)·2F_var/x̄)²)} and
     * {@code err(F_var) = err(σ²_NXS)/(2F_var)}.
     *
     * @param reference recorded in the product only (the excess variance has no reference band)
     */
    public VarEnergySpectrum result(EnergyBand reference) {
        int nb = bins.length;
        ComplexArray value = ComplexArray.zeros(nb);
        ComplexArray error = ComplexArray.zeros(nb);
        long total = 0;
        for (int b = 0; b < nb; b++) {
            double[] fvar = fractionalVariance(bins[b], sum[b], sumSquares[b], sumErrorSquares[b]);
            value.re()[b] = fvar[0];
            error.re()[b] = fvar[1];
            total = Math.max(total, bins[b]);
        }
        return new VarEnergySpectrum(VarEnergyKind.EXCESS_VARIANCE, Normalization.NONE, bands.intervals(), value, error,
                Double.NaN, Double.NaN, reference, dt, 0, 0, total);
    }

    /** {@code {F_var, err(F_var)}} from the sums of N bins; NaN, NaN without bins. */
    static double[] fractionalVariance(long n, long sum, long sumSquares, double sumErrorSquares) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double mean = (double) sum / n;
        double meanErrorSquare = sumErrorSquares / n;
        double variance = (double) sumSquares / n - mean * mean;
        double excess = variance - meanErrorSquare;
        double meanSquare = mean * mean;
        double fvar = Math.sqrt(excess / meanSquare);
        double errA = Math.sqrt(2.0 / n) * meanErrorSquare / meanSquare;
        double errB = Math.sqrt(meanErrorSquare / n) * 2 * fvar / mean;
        double nxsErr = Math.sqrt(errA * errA + errB * errB);
        return new double[] {fvar, nxsErr / (2 * fvar)};
    }
}
