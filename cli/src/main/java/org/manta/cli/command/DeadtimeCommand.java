package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.core.InvalidParameterException;
import org.manta.core.deadtime.DeadTimeFilter;
import org.manta.core.events.EventList;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.EventFileWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code manta deadtime FILE --deadtime T [--paralyzable] -o OUT.evt}: applies a dead time to an event list. */
@Command(name = "deadtime", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Applies a constant dead time to the events of a file and writes the recorded events "
            + "(Stingray filters.filter_for_deadtime).",
            "Non-paralyzable (default): an event within the dead time after the last recorded event is lost. "
                + "Paralyzable: every event, recorded or not, restarts the dead time. GTIs and header metadata are "
                + "kept."},
        footer = {"", "Example:", "  manta deadtime obs.evt --deadtime 2.5e-3 -o obs_dead.evt"})
public final class DeadtimeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "Event file (FITS; .gz is fine).")
    Path file;

    @Option(names = "--deadtime", required = true, paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Dead time per recorded event, s; a fraction is fine.")
    double deadTime;

    @Option(names = "--paralyzable", description = "Paralyzable dead time (default: non-paralyzable).")
    boolean paralyzable;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.evt",
            description = "Event file to write (FITS).")
    Path output;

    @Option(names = "--overwrite", description = "Replace an existing output file (without it, an existing file is an "
            + "error).")
    boolean overwrite;

    @Option(names = "--quiet", description = "No status message.")
    boolean quiet;

    @Override
    public Integer call() {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".evt") || name.endsWith(".fits") || name.endsWith(".fit"))) {
            throw new InvalidParameterException("output", output, "an event file name ending in .evt, .fits or .fit");
        }
        if (output.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            throw new InvalidParameterException("output", output, "a file other than the input");
        }
        AnalysisOptions.requireWritable("output", output, overwrite);
        Inputs.requireReadable(List.of(file));
        EventList events;
        String object;
        try (EventFileReader reader = EventFileReader.open(file)) {
            events = reader.readAll(null);
            object = reader.object();
        }
        EventList recorded = DeadTimeFilter.filter(events, deadTime, paralyzable);
        EventFileWriter.write(recorded, object, output);
        if (!quiet) {
            main.err().printf(Locale.ROOT, "manta: kept %d of %d events (%s dead time %s s); wrote %s%n",
                    recorded.size(), events.size(), paralyzable ? "paralyzable" : "non-paralyzable", deadTime, output);
        }
        return 0;
    }
}
