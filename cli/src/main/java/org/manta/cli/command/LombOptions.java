package org.manta.cli.command;

import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.output.Product;
import org.manta.cli.output.Rebinning;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lombscargle.FrequencyGrid;
import org.manta.core.lombscargle.LombScargleMethod;
import org.manta.core.lombscargle.LombScargleRequest;
import org.manta.core.lombscargle.LombScargleTransform;
import org.manta.core.spectrum.Normalization;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a Lomb–Scargle spectrum ({@code --events2 --method --norm --min-freq --max-freq --df
 * --oversampling --err-dist}, and {@code --rebin/--rebin-log} for the plot): {@code manta lomb} and {@code manta submit lomb} share
 * them.
 */
public final class LombOptions {
    @Mixin
    RebinOptions rebin = new RebinOptions();

    @Mixin
    ErrDistOption errDist = new ErrDistOption();

    @Option(names = "--events2", paramLabel = "FILE2",
            description = "Reference series: compute the cross spectrum FILE x FILE2* and time lags (positive: FILE lags).")
    public Path file2;

    @Option(names = "--method", paramLabel = "slow|fast", defaultValue = "fast",
            description = "slow: exact sums (Scargle 1989), O(N x frequencies), its frequencies spread over --threads "
                    + "with a progress bar; fast: Press & Rybicki extirpolation as Stingray computes it, on one thread, "
                    + "an approximation with Stingray's quirks (default: ${DEFAULT-VALUE}, Stingray's).")
    String method;

    @Option(names = "--norm", paramLabel = "leahy|frac|abs|none", defaultValue = "leahy",
            converter = Converters.Norm.class, description = "Normalisation (default: ${DEFAULT-VALUE}).")
    Normalization norm;

    @Option(names = "--min-freq", paramLabel = "HZ", description = "Lowest frequency (default: df/2).")
    Double minFreq;

    @Option(names = "--max-freq", paramLabel = "HZ", description = "Highest frequency (default: 0.5/dt).")
    Double maxFreq;

    @Option(names = "--df", paramLabel = "HZ", description = "Frequency step (default: 1/span of the bin times).")
    Double df;

    @Option(names = "--oversampling", paramLabel = "N",
            description = "FFT grid oversampling of the fast method (default: " + LombScargleTransform.DEFAULT_OVERSAMPLING
                    + "); refused with --method slow.")
    Integer oversampling;

    /**
     * The request of the options (validated).
     *
     * @throws InvalidParameterException for {@code --oversampling} with {@code --method slow}, which has no FFT grid
     */
    public LombScargleRequest request() {
        LombScargleMethod m = LombScargleMethod.parse(method);
        if (oversampling != null && m == LombScargleMethod.SLOW) {
            throw new InvalidParameterException("oversampling", oversampling, "no --oversampling with --method slow "
                    + "(it sets the FFT grid of the fast method; the slow method sums at each frequency exactly)");
        }
        return new LombScargleRequest(new FrequencyGrid(optional(minFreq), optional(maxFreq), optional(df), 1), m,
                oversampling != null ? oversampling : LombScargleTransform.DEFAULT_OVERSAMPLING, norm,
                errDist.errDist());
    }

    /** {@code --err-dist}: how the inputs' counts scatter. */
    public ErrDistOption errDist() {
        return errDist;
    }

    private static OptionalDouble optional(Double v) {
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * The plot of the product, checked before any work: a periodogram rebinned for display ({@link RebinOptions#display}:
     * the product keeps every frequency), a cross spectrum's lags as they are.
     *
     * @throws InvalidParameterException for {@code --rebin} or {@code --rebin-log} with {@code --events2}
     */
    public Function<Product, Chart<?, ?>> chart() {
        if (file2 != null) {
            rebin.rebinning().ifPresent(r -> {
                throw new InvalidParameterException(r.kind() == Rebinning.Kind.LOG ? "rebin-log" : "rebin",
                        "given with --events2", "a Lomb-Scargle power spectrum (the lag plot is not rebinned)");
            });
            return Plots::forProduct;
        }
        Rebinning display = rebin.display();
        return p -> Plots.powerSpectrum(p, false, display);
    }
}
