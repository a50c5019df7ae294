package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Products;
import org.manta.cli.progress.ProgressBar;
import org.manta.cli.output.Provenance;
import org.manta.core.bispectrum.Bicoherence;
import org.manta.core.bispectrum.BicoherenceRequest;
import org.manta.core.lightcurve.LightCurve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta bicoherence FILE --dt --segment [--window]}: segment-averaged squared bicoherence. */
@Command(name = "bicoherence", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Squared bicoherence, averaged over segments.",
            "b²(f1, f2) over consecutive segments (Kim & Powers 1979; a Manta addition, Stingray has none): near 1 where f1, f2 and f1 + f2 are phase-coupled, about 1/M for "
                + "M segments of noise.",
            "The input: an event file binned at --dt, or a light curve (OGIP FITS, e.g. from 'manta lc -o lc.fits', or "
                + "JSON).",
            "Over several GTIs the segments are cut from the whole span, bins in the gaps zero (as the bispectrum); a "
                + "warning says how many gaps and how long (an error with --strict)."},
        footer = {"", "Example:", "  manta bicoherence obs.evt --dt 1/64 --segment 4 --window hanning -o b2.json --plot b2.png"})
public final class BicoherenceCommand implements Callable<Integer>, ReadsLightCurves {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "Event file, or a light curve (OGIP FITS, or JSON *.json or *.json.gz).")
    Path file;

    @Mixin
    BicoherenceOptions bicoherence;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() throws Exception {
        options.validate();
        options.dtIfGiven().ifPresent(bicoherence::request);     // the segment checked before any data is read
        LightCurveInput in = LightCurveInput.readWhole(file, options, "bicoherence");
        LightCurve lc = in.lc();
        Provenance provenance = main.provenance(List.of(file));
        BicoherenceRequest request = bicoherence.request(lc.dt());
        Bicoherence b;
        try (ProgressBar bar = ProgressBar.start("bicoherence", "segments", request.segments(lc.size()),
                options.quiet())) {
            b = request.of(lc.counts(), lc.dt(), bar::advance);
        }
        ProductOutput.emit(in.withContext(Products.bicoherence(b, provenance)), options, main.out(), main.err());
        return 0;
    }
}
