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
import org.manta.core.io.EventFileSubset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code manta deadtime FILE --deadtime T [--paralyzable] -o OUT.evt}: applies a dead time to an event list and writes
 * the input file without the rows of the lost events ({@link EventFileSubset}).
 */
@Command(name = "deadtime", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Applies a constant dead time to the events of a file and writes the recorded events "
            + "(Stingray filters.filter_for_deadtime).",
            "Non-paralyzable (default): an event within the dead time after the last recorded event is lost. "
                + "Paralyzable: every event, recorded or not, restarts the dead time.",
            "The output is the input file with the rows of the lost events removed: every column, header keyword, "
                + "GTI and other extension is kept as it was (CHECKSUM/DATASUM of the events table become comments)."},
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
            description = "Event file to write (FITS; gzip-compressed when the name ends in .gz).")
    Path output;

    @Option(names = "--overwrite", description = "Replace an existing output file (without it, an existing file is an "
            + "error).")
    boolean overwrite;

    @Option(names = "--quiet", description = "No status message.")
    boolean quiet;

    @Override
    public Integer call() {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        if (!(name.endsWith(".evt") || name.endsWith(".fits") || name.endsWith(".fit"))) {
            throw new InvalidParameterException("output", output,
                    "an event file name ending in .evt, .fits or .fit (each may add .gz)");
        }
        if (output.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            throw new InvalidParameterException("output", output, "a file other than the input");
        }
        AnalysisOptions.requireWritable("output", output, overwrite);
        Inputs.requireReadable(List.of(file));
        long total;
        long recorded;
        try (EventFileReader reader = EventFileReader.open(file)) {
            EventList events = reader.readAll(null);
            total = events.size();
            recorded = EventFileSubset.write(reader, DeadTimeFilter.mask(events.time(), deadTime, paralyzable), output);
        }
        if (!quiet) {
            main.err().printf(Locale.ROOT, "manta: kept %d of %d events (%s dead time %s s); wrote %s%n",
                    recorded, total, paralyzable ? "paralyzable" : "non-paralyzable", deadTime, output);
        }
        return 0;
    }
}
