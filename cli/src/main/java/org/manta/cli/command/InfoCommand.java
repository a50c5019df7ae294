package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta info FILE...}: what an event file holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Summarise event files: mission, instrument, events, time span, GTIs, columns, MJDREF, "
            + "TIMEZERO, TIMESYS."},
        footer = {"", "Example:", "  manta info obs.evt other.evt.gz"})
public final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Event files (FITS; .gz is fine).")
    List<Path> files;

    @Override
    public Integer call() {
        Inputs.requireReadable(files);
        for (Path f : files) {
            main.out().println(describe(f));
        }
        return 0;
    }

    /**
     * WIRING POINT (after core merge): read the header and GTIs with the core.io reader and return a few lines:
     * file, mission/telescope/instrument, number of events, first/last event time, TSTART/TSTOP, number of
     * GTIs and exposure, columns present (TIME/PI/ENERGY), MJDREF, TIMEZERO, TIMESYS.
     */
    String describe(Path file) {
        throw new UnsupportedOperationException("manta info is wired after core merge");
    }
}
