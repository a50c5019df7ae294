package org.manta.cli.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.manta.cli.output.OutputFormat;
import org.manta.cli.pipeline.EmbeddedPipeline;
import org.manta.cli.pipeline.Warnings;
import org.manta.cli.plot.ImageFormat;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.SegmentEngine;
import org.manta.core.plan.Observation;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every analysis command shares (docs/cli.md): bin time, event selection, output file and format,
 * plot, overwrite, strict, quiet. Used as a picocli {@code @Mixin}; {@link #validate()} checks what single
 * options cannot, and the output and plot paths, before any data is read.
 */
public final class AnalysisOptions {

    /** The command this mixin is part of: its standard error receives the warnings. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--dt", required = true, paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Bin time in seconds; a fraction is fine, e.g. 1/512.")
    Double dt;

    @Option(names = "--energy", paramLabel = "LO:HI", converter = Converters.EnergyRange.class,
            description = "Keep events with LO <= E < HI (keV, from the ENERGY column or the mission's PI calibration).")
    EnergyBand energy;

    @Option(names = "--pi", paramLabel = "LO:HI", converter = Converters.PiRange.class,
            description = "Keep events with LO <= PI < HI (PI channel).")
    EnergyBand pi;

    @Option(names = "--gpu", description = "pds, cpds, dynps and colors: histogram, transform and accumulate the "
            + "segments on the first CUDA device (docs/gpu.md); exits 2 if there is none or for another command.")
    boolean gpu;

    /** The options only the embedded pipeline honours: {@code manta submit} hides them and refuses them. */
    public static final List<String> EMBEDDED_ONLY = List.of("--gpu", "--threads");

    /** The commands whose segments a GPU engine computes; --gpu elsewhere would change nothing. */
    private static final Set<String> GPU_COMMANDS = Set.of("pds", "cpds", "dynps", "colors");

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the product to FILE; format from the extension (.json, .fits, .csv) or --format. "
                    + "'-' writes to standard output.")
    Path output;

    @Option(names = "--format", paramLabel = "json|fits|csv", converter = Converters.Format.class,
            description = "Output format (overrides the extension of --output).")
    OutputFormat format;

    @Option(names = "--plot", paramLabel = "IMAGE",
            description = "Also draw the product; the format from the extension: " + ImageFormat.EXTENSIONS + ".")
    Path plot;

    @Option(names = "--overwrite",
            description = "Replace an existing output or plot file (without it, an existing file is an error).")
    boolean overwrite;

    @Option(names = "--strict", description = "Make every warning an error (exit 2), among them: dt or segment "
            + "changed to fit TIMEDEL (or dt kept off its ticks), GTIs taken from the events, one periodogram, bispectrum "
            + "or bicoherence over GTI gaps, overlapping bands, one file given twice, observations of different "
            + "telescopes or time references, lomb of one series twice, varenergy's excvar over GTI gaps, options "
            + "without effect, --freq, --rms or --upper-limit past Nyquist, an --rms range without power above the "
            + "noise.")
    boolean strict;

    @Option(names = "--threads", paramLabel = "N",
            description = "Segment worker threads; lomb --method slow: threads over its frequencies (default: all "
                    + "processors, or -Dmanta.threads).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress bar or status messages (warnings are still shown).")
    boolean quiet;

    private Warnings warnings;
    private EmbeddedPipeline pipeline;

    /**
     * Bin time, s (validated positive and finite).
     *
     * @throws InvalidParameterException without {@code --dt}, which only a command that also reads light curves
     *                                   ({@link ReadsLightCurves}) leaves optional, when it bins an event file
     */
    public double dt() {
        if (dt == null) {
            throw new InvalidParameterException("dt", "(none)", "--dt SECONDS to bin an event file (a light curve "
                    + "input has its own bin time)");
        }
        return dt;
    }

    /** {@code --dt} if given: a light curve's own bin time is used without it ({@link ReadsLightCurves}). */
    public Optional<Double> dtIfGiven() {
        return Optional.ofNullable(dt);
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
     * The options given that only the embedded pipeline honours ({@code --gpu}, {@code --threads}), as typed:
     * {@code manta submit} refuses them rather than ignore them.
     */
    public List<String> embeddedOnly() {
        List<String> given = new ArrayList<>();
        if (gpu) {
            given.add("--gpu");
        }
        if (threads != null) {
            given.add("--threads");
        }
        return given;
    }

    /** Whether --overwrite was given. */
    public boolean overwrite() {
        return overwrite;
    }

    /** Whether --strict was given: every warning is an error. */
    public boolean strict() {
        return strict;
    }

    /** Warnings to the command's standard error (printed also with --quiet); errors under --strict. */
    public Warnings warnings() {
        if (warnings == null) {
            PrintWriter err = mixee == null ? new PrintWriter(System.err, true) : mixee.commandLine().getErr();
            warnings = new Warnings(err, strict);
        }
        return warnings;
    }

    /**
     * The embedded pipeline over {@code --threads} workers (validated: at least 1), or with {@code --gpu} on the
     * CUDA engine, reporting to {@link #warnings()}; the product takes the context of what it read
     * ({@link #observation()}).
     *
     * @throws org.manta.core.pipeline.EngineUnavailableException with {@code --gpu} on a machine without a CUDA device
     */
    public EmbeddedPipeline pipeline() {
        PoolSettings pool = pool();
        SegmentEngine engine = gpu ? SegmentEngine.named("cuda") : SegmentEngine.cpu(pool);
        pipeline = new EmbeddedPipeline(engine, pool, quiet, warnings());
        return pipeline;
    }

    /** The worker threads of {@code --threads} (validated: at least 1), or all processors. */
    public PoolSettings pool() {
        return threads == null ? PoolSettings.defaults() : PoolSettings.ofThreads(threads);
    }

    /** The context of the inputs the {@link #pipeline()} read, if it read any. */
    public Optional<Observation> observation() {
        return pipeline == null ? Optional.empty() : pipeline.observation();
    }

    /**
     * Cross-option checks, before any data is read: --energy and --pi exclude each other; the output format
     * must be known; --plot must name a .png, .jpg, .svg or .pdf file; FITS cannot go to standard output; the output and the plot
     * can be written ({@link #requireWritable}) and are not the same file.
     *
     * @throws InvalidParameterException naming the option, its value and what was expected
     */
    public void validate() {
        if (gpu && mixee != null && !GPU_COMMANDS.contains(mixee.name())) {
            throw new InvalidParameterException("gpu", "given", "no --gpu for " + mixee.name() + ": only pds, cpds, "
                    + "dynps and colors compute segments on a GPU");
        }
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
        if (plot != null) {
            ImageFormat.of("plot", plot);
        }
        if (output != null && !outputIsStdout()) {
            requireWritable("output", output, overwrite);
        }
        if (plot != null) {
            requireWritable("plot", plot, overwrite);
            if (output != null && plot.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
                throw new InvalidParameterException("plot", plot, "a file other than --output");
            }
        }
    }

    /**
     * {@code file} can be written: it is not a directory, it does not exist unless {@code overwrite}, and its
     * directory (or the nearest existing folder above it, where the missing ones will be made) is a writable
     * directory.
     *
     * @param option the option that named it, for the message
     * @throws InvalidParameterException naming the option, the file and what is wrong
     */
    public static void requireWritable(String option, Path file, boolean overwrite) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new InvalidParameterException(option, file, "a file name (it is a directory)");
        }
        if (Files.exists(absolute) && !overwrite) {
            throw new InvalidParameterException(option, file, "a new file (it exists; give --overwrite to replace it)");
        }
        Path dir = absolute.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidParameterException(option, file, "a file in a directory (" + dir + " is not a directory)");
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidParameterException(option, file, "a file in a writable directory (" + dir
                    + ": permission denied)");
        }
    }

    private static String text(EnergyBand b) {
        return b.lo() + ":" + b.hi();
    }
}
