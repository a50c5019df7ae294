package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.core.lightcurve.LightCurve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta lc FILE --dt}: GTI-aware light curve. */
@Command(name = "lc", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Light curve of an event file: bins of dt from the start of the first GTI to the end of the last, "
            + "including the bins outside the GTIs (as Stingray's EventList.to_lc); the GTIs are written with it.",
            "FITS output is an OGIP light curve (RATE extension: TIME, RATE, ERROR, COUNTS; TIMEDEL, MJDREFI + MJDREFF "
                + "(exact) and MJDREF, TIMESYS; GTI extension)."},
        footer = {"", "Example:", "  manta lc obs.evt --dt 1 --energy 3:10 -o lc.csv --plot lc.png"})
public final class LcCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "Event file (FITS; .gz is fine).")
    Path file;

    @Mixin
    AnalysisOptions options;

    @Mixin
    TimeOptions time;

    @Override
    public Integer call() throws Exception {
        options.validate();
        Inputs.requireReadable(List.of(file));
        Provenance provenance = main.provenance(List.of(file));
        Product product = compute(provenance);
        ProductOutput.emit(product, options, main.out(), main.err());
        return 0;
    }

    /** Light curve of the selected events over the file's GTIs (Stingray {@code EventList.to_lc(dt)}). */
    Product compute(Provenance provenance) {
        LightCurve lc = options.pipeline().withTimeFilter(time.filter()).lightCurve(file, options.selection(), options.dt());
        return Products.lightCurve(lc, provenance);
    }
}
