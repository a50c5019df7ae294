package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.core.lightcurve.EventLightCurves;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.multitaper.MultitaperOptions;
import org.manta.core.multitaper.MultitaperSpectrum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta multitaper FILE --dt [--nw] [--adaptive] [--no-jackknife] [--no-low-bias] [--norm]}. */
@Command(name = "multitaper", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Multitaper power spectrum with DPSS tapers.",
            "Science.md §19 (Thomson 1982): the light curve tapered by int(2 NW) DPSS tapers, combined with eigenvalue or adaptive weights; the jackknife variance of "
                + "ln S is in jk_var_deg_freedom.",
            "The light curve must have one GTI (contiguous bins): an event file binned at --dt, or a JSON light curve."},
        footer = {"", "Example:", "  manta multitaper obs.evt --dt 1/16 --nw 4 --adaptive -o mt.json --plot mt.png"})
public final class MultitaperCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "Event file, or a light curve as JSON (*.json).")
    Path file;

    @Mixin
    TaperOptions taper;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() throws Exception {
        options.validate();
        MultitaperOptions mt = taper.options();
        LightCurve lc = LightCurveInput.readContiguous(file, options);
        Provenance provenance = Provenance.of(main.commandLine(), List.of(file));
        MultitaperSpectrum spectrum = MultitaperSpectrum.of(lc.counts(), lc.dt(), EventLightCurves.span(lc), mt,
                taper.norm());
        ProductOutput.emit(Products.multitaperSpectrum(spectrum, mt, provenance), options, main.out(), main.err());
        return 0;
    }
}
