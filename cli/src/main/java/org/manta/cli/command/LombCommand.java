package org.manta.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.Main;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.cli.plot.Plots;
import org.manta.cli.progress.ProgressBar;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.Gtis;
import org.manta.core.lombscargle.LombScargleCrossSpectrum;
import org.manta.core.lombscargle.LombScargleMethod;
import org.manta.core.lombscargle.LombScarglePowerSpectrum;
import org.manta.core.lombscargle.LombScargleRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta lomb FILE --dt [--method] [--norm] [--min-freq --max-freq --df] [--events2 FILE2]}. */
@Command(name = "lomb", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lomb–Scargle periodogram or cross spectrum of an unevenly sampled series.",
            "Science.md §18; with --events2 the cross spectrum FILE x FILE2* and its time lags.",
            "Event files are binned at --dt and restricted to their GTIs (Stingray's from events); a light curve is read as "
                + "it is: an OGIP FITS light curve (RATE or COUNTS, e.g. from 'manta lc -o lc.fits'), or JSON (time, "
                + "counts[, dt, gti], e.g. from 'manta lc -o lc.json'), which may be unevenly sampled.",
            "The default frequency grid runs from df/2 in steps of df = 1/(span of the bin times) to the Nyquist "
                + "frequency 0.5/dt (the last value may pass it, as in Stingray).",
            "The plot is rebinned for display (log-rebinned by " + Plots.DISPLAY_REBIN_LOG + " unless --rebin-log F or "
                + "--rebin DF|Nx says otherwise; the factor is on the plot); the product keeps every frequency."},
        footer = {"", "Examples:", "  manta lomb obs.evt --dt 1 --method slow --norm frac -o ls.json --plot ls.png",
            "  manta lomb hard.evt --events2 soft.evt --dt 0.5 --max-freq 0.2 -o lags.json"})
public final class LombCommand implements Callable<Integer>, ReadsLightCurves {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "Event file, or a light curve (OGIP FITS, or JSON *.json or *.json.gz).")
    Path file;

    @Mixin
    LombOptions lomb;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() throws Exception {
        options.validate();
        Function<Product, Chart<?, ?>> chart = lomb.chart();
        LombScargleRequest request = lomb.request();
        List<Path> files = new ArrayList<>(List.of(file));
        if (lomb.file2 != null) {
            files.add(lomb.file2);
        }
        Inputs.requireReadable(files);
        Provenance provenance = main.provenance(files);
        LightCurveInput in = LightCurveInput.read(file, options, lomb.errDist());
        int threads = options.pool().threads();
        Product product;
        if (lomb.file2 == null) {
            LombScarglePowerSpectrum ps;
            try (ProgressBar bar = bar(request, () -> request.frequencies(in.lc(), in.lc()))) {
                ps = request.power(in.lc(), threads, bar::advance);
            }
            product = in.withContext(Products.lombScarglePowerSpectrum(ps, request.oversampling(), provenance));
        } else {
            sameSeriesWarning(file, lomb.file2, options.selection()).ifPresent(options.warnings()::warn);
            LightCurveInput in2 = LightCurveInput.read(lomb.file2, options, lomb.errDist());
            // as the mesh's plan of the same job: series that never overlap have no cross spectrum (their span, years
            // apart, would ask for a frequency grid larger than any memory)
            Gtis.common(file.toString(), in.lc().gti(), lomb.file2.toString(), in2.lc().gti());
            LombScargleCrossSpectrum cs;
            try (ProgressBar bar = bar(request, () -> 2L * request.frequencies(in.lc(), in2.lc()))) {
                cs = request.cross(in.lc(), in2.lc(), threads, bar::advance);
            }
            Product cross = Products.lombScargleCrossSpectrum(cs, request.oversampling(), provenance);
            product = Products.withObservation(cross, in.observation().and(in2.observation()));
        }
        ProductOutput.emit(product, options, chart, main.out(), main.err());
        return 0;
    }

    /**
     * The progress of the slow method's sums, in frequencies transformed ({@code total}: each series' transform
     * counted, asked only for the slow method); none for the fast method, which takes seconds where the slow one takes
     * minutes.
     */
    private ProgressBar bar(LombScargleRequest request, LongSupplier total) {
        boolean slow = request.method() == LombScargleMethod.SLOW;
        return ProgressBar.start("lomb", "frequencies", slow ? total.getAsLong() : 0, options.quiet() || !slow);
    }

    /**
     * FILE and FILE2 that are one file read with one selection (--energy/--pi applies to both) give one series twice:
     * the cross spectrum is then the periodogram and every lag is 0, which is said (as cpds says of overlapping
     * bands of one list).
     */
    static Optional<String> sameSeriesWarning(Path file, Path file2, Optional<EnergyBand> selection) {
        if (!sameFile(file, file2)) {
            return Optional.empty();
        }
        return Optional.of(file + " and --events2 " + file2 + " are the same file with the same selection ("
                + selection.map(EnergyBand::toString).orElse("all events") + "): the two series are the same, so "
                + "the cross spectrum is their periodogram and every lag is 0 (give another list, or another "
                + "band's light curve, as --events2)");
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
