package org.manta.cli.command;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.manta.core.io.GtiFiles;
import org.manta.core.plan.TimeFilter;
import picocli.CommandLine.Option;

/**
 * Options restricting the good time of the spectral commands: a user GTI file, a time range and a shortest
 * GTI. They become the request's {@link TimeFilter}, which the plan applies to each file's GTIs.
 */
public final class TimeOptions {

    @Option(names = "--gti", paramLabel = "FILE",
            description = "User GTIs intersected with the file's: a FITS file (first table with START/STOP columns) "
                    + "or a text file of 'start stop' lines, MET s.")
    Path gtiFile;

    @Option(names = "--tstart", paramLabel = "MET", description = "Use no time before MET (s).")
    Double tstart;

    @Option(names = "--tstop", paramLabel = "MET", description = "Use no time after MET (s).")
    Double tstop;

    @Option(names = "--min-gti", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Leave out GTIs shorter than SECONDS (after the other restrictions).")
    Double minGti;

    /** The filter (reads the --gti file); {@link TimeFilter#none()} when no option was given. */
    public TimeFilter filter() {
        return new TimeFilter(Optional.ofNullable(gtiFile).map(GtiFiles::read),
                tstart == null ? OptionalDouble.empty() : OptionalDouble.of(tstart),
                tstop == null ? OptionalDouble.empty() : OptionalDouble.of(tstop),
                minGti == null ? 0 : minGti);
    }
}
