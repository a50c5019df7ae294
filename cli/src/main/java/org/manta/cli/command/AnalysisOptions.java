package org.manta.cli.command;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.manta.cli.output.OutputFormat;
import org.manta.cli.pipeline.EmbeddedPipeline;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.pipeline.PoolSettings;
import picocli.CommandLine.Option;

/**
 * Options every analysis command shares (docs/cli.md): bin time, event selection, output file and format,
 * plot, quiet. Used as a picocli {@code @Mixin}; {@link #validate()} checks what single options cannot.
 */
public final class AnalysisOptions {

    @Option(names = "--dt", required = true, paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Bin time in seconds; a fraction is fine, e.g. 1/512.")
    Double dt;

    @Option(names = "--energy", paramLabel = "LO:HI", converter = Converters.EnergyRange.class,
            description = "Keep events with LO <= E < HI (keV, from the ENERGY column or the mission's PI calibration).")
    EnergyBand energy;

    @Option(names = "--pi", paramLabel = "LO:HI", converter = Converters.PiRange.class,
            description = "Keep events with LO <= PI < HI (PI channel).")
    EnergyBand pi;

    @Option(names = "--gpu", description = "Histogram, transform and accumulate the segments on the first CUDA "
            + "device (docs/gpu.md); exits 2 if there is none.")
    boolean gpu;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the product to FILE; format from the extension (.json, .fits, .csv) or --format. "
                    + "'-' writes to standard output.")
    Path output;

    @Option(names = "--format", paramLabel = "json|fits|csv", converter = Converters.Format.class,
            description = "Output format (overrides the extension of --output).")
    OutputFormat format;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the product as a PNG.")
    Path plot;

    @Option(names = "--threads", paramLabel = "N",
            description = "Segment worker threads (default: all processors, or -Dmanta.threads).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress bar or status messages.")
    boolean quiet;

    /** Bin time, s (validated positive and finite). */
    public double dt() {
        return dt;
    }

    /** The event selection (--energy or --pi), if any. */
    public Optional<EnergyBand> selection() {
        return Optional.ofNullable(energy != null ? energy : pi);
    }

    /** The output file; empty when the product is only summarised. {@code -} means standard output. */
    public Optional<Path> output() {
        return Optional.ofNullable(output);
    }

    /** True when the product goes to standard output ({@code -o -}). */
    public boolean outputIsStdout() {
        return output != null && output.toString().equals("-");
    }

    /** The output format: --format, else from the output's extension, else JSON for standard output. */
    public OutputFormat outputFormat() {
        if (outputIsStdout()) {
            return format == null ? OutputFormat.JSON : format;
        }
        return OutputFormat.resolve(output, format);
    }

    public Optional<Path> plot() {
        return Optional.ofNullable(plot);
    }

    public boolean quiet() {
        return quiet;
    }

    /**
     * The embedded pipeline over {@code --threads} workers (validated: at least 1), or with {@code --gpu} on the
     * CUDA engine.
     *
     * @throws org.manta.core.pipeline.EngineUnavailableException with {@code --gpu} on a machine without a CUDA device
     */
    public EmbeddedPipeline pipeline() {
        PoolSettings pool = threads == null ? PoolSettings.defaults() : PoolSettings.ofThreads(threads);
        if (gpu) {
            return new EmbeddedPipeline(org.manta.core.pipeline.SegmentEngine.named("cuda"), pool, quiet);
        }
        return new EmbeddedPipeline(pool, quiet);
    }

    /**
     * Cross-option checks, before any data is read: --energy and --pi exclude each other; the output format
     * must be known; --plot must name a .png file; FITS cannot go to standard output.
     *
     * @throws InvalidParameterException naming the option, its value and what was expected
     */
    public void validate() {
        if (energy != null && pi != null) {
            throw new InvalidParameterException("energy/pi", "--energy " + text(energy) + " --pi " + text(pi),
                    "only one of --energy and --pi");
        }
        if (output != null) {
            OutputFormat f = outputFormat();
            if (outputIsStdout() && f == OutputFormat.FITS) {
                throw new InvalidParameterException("output", "-", "a file name for FITS output (FITS is binary)");
            }
        } else if (format != null) {
            throw new InvalidParameterException("format", format.label(), "an --output FILE to write to");
        }
        if (plot != null && !plot.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new InvalidParameterException("plot", plot, "a file name ending in .png");
        }
    }

    private static String text(EnergyBand b) {
        return b.lo() + ":" + b.hi();
    }
}
