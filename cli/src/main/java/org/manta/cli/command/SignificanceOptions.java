package org.manta.cli.command;

import java.util.function.DoubleFunction;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.core.InvalidParameterException;
import org.manta.core.Numbers;
import org.manta.core.stats.Significance;
import picocli.CommandLine.Option;

/**
 * {@code --significance --false-alarm --trials}: per-bin significance of a spectrum's powers under white noise
 * (science.md §16), shared by {@code pds} (χ² of averaged Leahy powers) and {@code cpds} (averaged cospectra,
 * Huppenkothen &amp; Bachetti 2018), which write the same fields ({@link Products#significance}).
 */
public final class SignificanceOptions {
    @Option(names = "--significance",
            description = "Add per-bin p-values (single trial and corrected for --trials), the equivalent Gaussian "
                    + "sigma and the detection level for --false-alarm (pds: chi-squared of the averaged Leahy powers; "
                    + "cpds: the averaged Leahy cospectrum, Huppenkothen & Bachetti 2018).")
    boolean significance;

    /** The false-alarm probability of the detection level without --false-alarm. */
    public static final double DEFAULT_FALSE_ALARM = 0.01;

    // no defaultValue: null tells that it was not given, which without --significance is refused
    @Option(names = "--false-alarm", paramLabel = "P", converter = Converters.Probability.class,
            description = "False-alarm probability of the detection level (default: " + DEFAULT_FALSE_ALARM + ").")
    Double falseAlarm;

    @Option(names = "--trials", paramLabel = "N", converter = Converters.Trials.class,
            description = "Number of trials for the corrected p-values and the detection level "
                    + "(default: the number of frequency bins).")
    Double trials;

    /** Whether --significance was given. */
    public boolean requested() {
        return significance;
    }

    /** The false-alarm probability of the detection level. */
    public double falseAlarm() {
        return falseAlarm != null ? falseAlarm : DEFAULT_FALSE_ALARM;
    }

    /**
     * Refuses --false-alarm and --trials without --significance, before any data is read: they only set what
     * --significance computes, so without it they would change nothing.
     *
     * @throws InvalidParameterException naming the option given alone
     */
    public void validate() {
        if (significance) {
            return;
        }
        if (falseAlarm != null) {
            throw new InvalidParameterException("false-alarm", Numbers.compact(falseAlarm), "--significance with it "
                    + "(it sets the false-alarm probability of the detection level that --significance adds)");
        }
        if (trials != null) {
            throw new InvalidParameterException("trials", Numbers.compact(trials), "--significance with it "
                    + "(it sets the number of trials of the p-values that --significance adds)");
        }
    }

    /** The number of trials: --trials, or the number of frequency bins. */
    public double trials(int bins) {
        return trials != null ? trials : bins;
    }

    /**
     * The per-bin statistics of one kind of power that {@link #addFields} writes.
     *
     * @param pValues        p-values for a number of trials
     * @param logPValues     their natural logs, finite where they underflow
     * @param detectionLevel the power (in the product's norm) that noise exceeds with probability epsilon over
     *                       ntrial trials
     */
    public record Source(DoubleFunction<double[]> pValues, DoubleFunction<double[]> logPValues, Level detectionLevel) {
    }

    /** Per-bin detection levels for a false-alarm probability and a number of trials. */
    @FunctionalInterface
    public interface Level {
        double[] at(double epsilon, double ntrial);
    }

    /**
     * Adds {@code p_value}, {@code p_value_trials}, {@code sigma} (equivalent Gaussian significance of
     * {@code p_value_trials}, from its log), {@code detection_level} (shifted by {@code levelOffset}, e.g. minus a
     * subtracted Poisson level), {@code false_alarm} and {@code n_trials} for a spectrum of {@code bins} bins.
     */
    public void addFields(Product.Builder b, Source source, int bins, double levelOffset) {
        double n = trials(bins);
        double[] logCorrected = source.logPValues().apply(n);
        double[] sigma = new double[logCorrected.length];
        for (int j = 0; j < sigma.length; j++) {
            sigma[j] = Significance.equivalentGaussianNsigmaFromLogP(logCorrected[j]);
        }
        double[] level = source.detectionLevel().at(falseAlarm(), n);
        for (int j = 0; j < level.length; j++) {
            level[j] += levelOffset;
        }
        Products.significance(b, source.pValues().apply(1), source.pValues().apply(n), sigma, level, falseAlarm(), n);
    }
}
