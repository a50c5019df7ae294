package org.manta.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.cli.output.Rebinning;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.lombscargle.FrequencyGrid;
import org.manta.core.lombscargle.LombScargleCrossSpectrum;
import org.manta.core.lombscargle.LombScargleMethod;
import org.manta.core.lombscargle.LombScarglePowerSpectrum;
import org.manta.core.lombscargle.LombScargleTransform;
import org.manta.core.spectrum.Normalization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta lomb FILE --dt [--method] [--norm] [--min-freq --max-freq --df] [--events2 FILE2]}. */
@Command(name = "lomb", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lomb–Scargle periodogram or cross spectrum of an unevenly sampled series.",
            "Science.md §18; with --events2 the cross spectrum FILE x FILE2* and its time lags.",
            "Event files are binned at --dt and restricted to their GTIs (Stingray's from events); a JSON light curve "
                + "(time, counts[, dt, gti], e.g. from 'manta lc -o lc.json') may be unevenly sampled.",
            "The default frequency grid runs from df/2 in steps of df = 1/(span of the bin times) to the Nyquist "
                + "frequency 0.5/dt (the last value may pass it, as in Stingray).",
            "The plot is rebinned for display (log-rebinned by " + Plots.DISPLAY_REBIN_LOG + " unless --rebin-log F or "
                + "--rebin DF|Nx says otherwise; the factor is on the plot); the product keeps every frequency."},
        footer = {"", "Examples:", "  manta lomb obs.evt --dt 1 --method slow --norm frac -o ls.json --plot ls.png",
            "  manta lomb hard.evt --events2 soft.evt --dt 0.5 --max-freq 0.2 -o lags.json"})
public final class LombCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "Event file, or a light curve as JSON (*.json).")
    Path file;

    @Option(names = "--events2", paramLabel = "FILE2",
            description = "Reference series: compute the cross spectrum FILE x FILE2* and time lags (positive: FILE lags).")
    Path file2;

    @Option(names = "--method", paramLabel = "slow|fast", defaultValue = "fast",
            description = "slow: exact sums (Scargle 1989), O(N x frequencies); fast: Press & Rybicki extirpolation as Stingray computes it, "
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

    @Option(names = "--oversampling", paramLabel = "N", defaultValue = "" + LombScargleTransform.DEFAULT_OVERSAMPLING,
            description = "FFT grid oversampling of the fast method (default: ${DEFAULT-VALUE}).")
    int oversampling;

    @Mixin
    AnalysisOptions options;

    @Mixin
    RebinOptions rebin;

    @Override
    public Integer call() throws Exception {
        options.validate();
        Optional<Rebinning> rebinning = rebin.rebinning();
        if (rebinning.isPresent() && file2 != null) {
            throw new InvalidParameterException(rebinning.get().kind() == Rebinning.Kind.LOG ? "rebin-log" : "rebin",
                    "given with --events2", "a Lomb-Scargle power spectrum (the lag plot is not rebinned)");
        }
        Rebinning display = rebinning.orElse(Rebinning.log(Plots.DISPLAY_REBIN_LOG));
        LombScargleMethod m = LombScargleMethod.parse(method);
        FrequencyGrid grid = grid();
        if (oversampling < 1) {
            throw new InvalidParameterException("oversampling", oversampling, "a positive integer");
        }
        List<Path> files = new ArrayList<>(List.of(file));
        if (file2 != null) {
            files.add(file2);
        }
        Inputs.requireReadable(files);
        Provenance provenance = main.provenance(files);
        LightCurve lc = LightCurveInput.read(file, options);
        Product product;
        if (file2 == null) {
            product = Products.lombScarglePowerSpectrum(
                    LombScarglePowerSpectrum.of(lc, grid, m, oversampling, norm), oversampling, provenance);
        } else {
            LightCurve lc2 = LightCurveInput.read(file2, options);
            product = Products.lombScargleCrossSpectrum(
                    LombScargleCrossSpectrum.of(lc, lc2, grid, m, oversampling, norm), oversampling, provenance);
        }
        ProductOutput.emit(product, options, p -> file2 == null ? Plots.powerSpectrum(p, false, display)
                : Plots.forProduct(p), main.out(), main.err());
        return 0;
    }

    private FrequencyGrid grid() {
        if (df != null && !(df > 0 && Double.isFinite(df))) {
            throw new InvalidParameterException("df", df, "a positive frequency step in Hz");
        }
        return new FrequencyGrid(optional(minFreq), optional(maxFreq), optional(df), 1);
    }

    private static OptionalDouble optional(Double v) {
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
