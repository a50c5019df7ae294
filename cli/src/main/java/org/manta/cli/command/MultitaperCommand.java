package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.Main;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
import org.manta.core.multitaper.MultitaperOptions;
import org.manta.core.multitaper.MultitaperSpectrum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta multitaper FILE --dt [--nw] [--adaptive] [--no-jackknife] [--no-low-bias] [--norm]}. */
@Command(name = "multitaper", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Multitaper power spectrum with DPSS tapers.",
            "Science.md §19 (Thomson 1982): the light curve tapered by int(2 NW) DPSS tapers, combined with eigenvalue or adaptive weights; the jackknife variance of "
                + "ln S is in jk_var_deg_freedom.",
            "The light curve must have one GTI (contiguous bins; as Stingray's Multitaper, which refuses several): an event "
                + "file binned at --dt, or a light curve (OGIP FITS, e.g. from 'manta lc -o lc.fits', or JSON).",
            "The powers are Stingray's: §19's one-sided estimate is normalised again as a periodogram, so Poisson noise "
                + "is at 4 in Leahy (4/mean rate in frac, 4·rate in abs), twice a periodogram's level.",
            "With --lombscargle the times may be uneven (a JSON light curve): the tapers are interpolated onto them and "
                + "combined through Lomb-Scargle periodograms (Stingray Multitaper(lombscargle=True), Springford et al. "
                + "2020).",
            "The plot is rebinned for display (log-rebinned by " + Plots.DISPLAY_REBIN_LOG + " unless --rebin-log F or "
                + "--rebin DF|Nx says otherwise; the factor is on the plot); the product keeps every frequency."},
        footer = {"", "Examples:", "  manta multitaper obs.evt --dt 1/16 --nw 4 --adaptive -o mt.json --plot mt.png",
            "  manta multitaper uneven_lc.json --dt 1 --lombscargle -o mtls.json"})
public final class MultitaperCommand implements Callable<Integer>, ReadsLightCurves {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "Event file, or a light curve (OGIP FITS, or JSON *.json or *.json.gz).")
    Path file;

    @Mixin
    TaperOptions taper;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() throws Exception {
        options.validate();
        Function<Product, Chart<?, ?>> chart = taper.chart();
        MultitaperOptions chosen = taper.options();
        MultitaperSpectrum spectrum;
        MultitaperOptions mt;
        LightCurveInput in;
        if (taper.lombScargle()) {
            mt = MultitaperSpectrum.lombScargleOptions(chosen);
            Inputs.requireReadable(List.of(file));
            in = LightCurveInput.read(file, options, taper.errDist());
            spectrum = MultitaperSpectrum.lombScargle(file, in.lc(), mt, taper.norm(), taper.errDist().errDist());
        } else {
            mt = chosen;
            in = LightCurveInput.readContiguous(file, options, taper.errDist());
            spectrum = MultitaperSpectrum.of(in.lc(), mt, taper.norm(), taper.errDist().errDist());
        }
        Provenance provenance = main.provenance(List.of(file));
        ProductOutput.emit(in.withContext(Products.multitaperSpectrum(spectrum, mt, provenance)), options,
                chart, main.out(), main.err());
        return 0;
    }
}
