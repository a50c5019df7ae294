package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.cli.progress.ProgressBar;
import org.manta.core.bispectrum.Bispectrum;
import org.manta.core.bispectrum.BispectrumRequest;
import org.manta.core.lightcurve.LightCurve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta bispectrum FILE --dt [--maxlag] [--window] [--scale]}: Stingray's cumulant bispectrum. */
@Command(name = "bispectrum", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bispectrum from the third-order cumulant.",
            "Science.md §20 (Stingray's Bispectrum): cum3 for lags up to --maxlag bins, its 2-D FFT (bispec_mag, bispec_phase), optionally with a lag window.",
            "The input: an event file binned at --dt, or a light curve (OGIP FITS, e.g. from 'manta lc -o lc.fits', or "
                + "JSON). The cost grows as N x maxlag^2.",
            "Over several GTIs the bins are taken as they are, gaps included (as Stingray's Bispectrum): the whole span, "
                + "bins in the gaps zero; a warning says how many gaps and how long (an error with --strict)."},
        footer = {"", "Example:", "  manta bispectrum obs.evt --dt 0.5 --maxlag 64 --window parzen -o bs.json --plot bs.png"})
public final class BispectrumCommand implements Callable<Integer>, ReadsLightCurves {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "Event file, or a light curve (OGIP FITS, or JSON *.json or *.json.gz).")
    Path file;

    @Mixin
    BispectrumOptions bispectrum;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() throws Exception {
        options.validate();
        BispectrumRequest request = bispectrum.request();
        LightCurveInput in = LightCurveInput.readWhole(file, options, "bispectrum");
        LightCurve lc = in.lc();
        Provenance provenance = main.provenance(List.of(file));
        Bispectrum bs;
        // the cumulant's sums are the cost (N x maxlag^2): counted in lag pairs, one row of lags at a time
        try (ProgressBar bar = ProgressBar.start("bispectrum", "lag pairs",
                Bispectrum.cumulantPairs(request.lag(lc.size())), options.quiet())) {
            bs = request.of(lc.counts(), lc.dt(), bar::advance);
        }
        ProductOutput.emit(in.withContext(Products.bispectrum(bs, provenance)), options, main.out(), main.err());
        return 0;
    }
}
