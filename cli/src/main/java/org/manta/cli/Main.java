package org.manta.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.manta.cli.command.BicoherenceCommand;
import org.manta.cli.command.BispectrumCommand;
import org.manta.cli.command.ColorsCommand;
import org.manta.cli.command.Converters;
import org.manta.cli.command.CpdsCommand;
import org.manta.cli.command.DeadtimeCommand;
import org.manta.cli.command.DemoCommand;
import org.manta.cli.command.DynpsCommand;
import org.manta.cli.command.FadCommand;
import org.manta.cli.command.InfoCommand;
import org.manta.cli.command.LcCommand;
import org.manta.cli.command.LombCommand;
import org.manta.cli.command.MultitaperCommand;
import org.manta.cli.command.PdsCommand;
import org.manta.cli.command.PlotCommand;
import org.manta.cli.command.ReadsLightCurves;
import org.manta.cli.command.VarEnergyCommand;
import org.manta.cli.mesh.SubmitCommand;
import org.manta.cli.mesh.UpCommand;
import org.manta.cli.output.DigestCacheSetting;
import org.manta.cli.output.Provenance;
import org.manta.core.io.DigestCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code manta} command. Exit codes: {@value #EXIT_OK} success; {@value #EXIT_USAGE} bad usage or bad
 * input (picocli parameter errors and every {@link org.manta.core.MantaException}), reported as one line
 * {@code manta: <message>} on stderr; {@value #EXIT_INTERNAL} internal error (short message; the stack trace
 * only with {@code MANTA_DEBUG=1}).
 */
@Command(name = "manta", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {"Spectral-timing analysis of X-ray event files (Stingray's science, in Java).", ""},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'manta COMMAND --help' for the options of a command.", "Start with 'manta demo'.",
            "Also 'manta bench', the performance harness (see 'manta bench --help').", "",
            "Exit codes: 0 ok, 2 bad usage or bad input, 1 internal error",
            "(MANTA_DEBUG=1 shows the stack trace)."})
public final class Main implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_USAGE = 2;

    /**
     * The commands, in the order of {@code manta --help}. Building a command's picocli model reflects over all its
     * options, so {@link #run} registers only the command invoked (all of them for help, no command or an unknown
     * one): a run does not pay for the models of the other commands at start.
     */
    static final List<Class<?>> COMMANDS = List.of(InfoCommand.class, LcCommand.class, PdsCommand.class,
            CpdsCommand.class, DynpsCommand.class, FadCommand.class, DeadtimeCommand.class, LombCommand.class,
            MultitaperCommand.class, BispectrumCommand.class, BicoherenceCommand.class, ColorsCommand.class,
            PlotCommand.class, VarEnergyCommand.class, DemoCommand.class, UpCommand.class, SubmitCommand.class,
            HelpCommand.class);

    @Spec
    CommandSpec spec;

    private final List<String> args;
    private final PrintStream out;
    private final PrintStream err;
    private final Optional<DigestCache> digestCache;

    Main(List<String> args, PrintStream out, PrintStream err, Optional<DigestCache> digestCache) {
        this.args = List.copyOf(args);
        this.out = out;
        this.err = err;
        this.digestCache = digestCache;
    }

    public static void main(String[] args) {
        runAndExit(args, List.of());
    }

    /**
     * Runs {@code manta args} on the console and exits with its code. {@code extraCommands} are picocli
     * {@code @Command} objects added after the built-in ones: the benchmarks module, which depends on this one,
     * adds {@code bench} this way.
     */
    public static void runAndExit(String[] args, List<Object> extraCommands) {
        System.setProperty("java.awt.headless", "true");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, System.getenv(), extraCommands));
    }

    /**
     * Runs {@code manta args} and returns the exit code (no {@code System.exit}; for tests and embedding).
     *
     * @param env environment ({@code MANTA_DEBUG=1} prints stack traces of internal errors)
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, out, err, env, List.of());
    }

    /** {@link #run(String[], PrintStream, PrintStream, Map)} with {@code extraCommands} added as subcommands. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
                          List<Object> extraCommands) {
        Main main = new Main(Arrays.asList(args), out, err, DigestCacheSetting.resolve(env, System.getProperties()));
        CommandLine cl = new CommandLine(main);
        Optional<Class<?>> invoked = args.length == 0 ? Optional.empty()
                : commandNamed(COMMANDS.stream().filter(c -> c != HelpCommand.class).toList(), args[0]);
        if (invoked.isPresent()) {
            cl.addSubcommand(model(invoked.get(), Arrays.asList(args).subList(1, args.length)));
        } else {
            COMMANDS.forEach(c -> cl.addSubcommand(model(c, List.of())));
            extraCommands.forEach(cl::addSubcommand);
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(Long.class, new Converters.WholeNumber()).registerConverter(long.class,
                new Converters.WholeNumber());
        cl.registerConverter(Integer.class, Converters.WholeNumber::toInt).registerConverter(int.class,
                Converters.WholeNumber::toInt);
        boolean debug = "1".equals(env.get("MANTA_DEBUG"));
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandSpec where = ex.getCommandLine().getCommandSpec();
            err.println("manta: " + usageError(ex) + " (see '" + where.qualifiedName() + " --help')");
            if (debug) {
                ex.printStackTrace(err);
            }
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> Failures.report(ex, err, debug));
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) {     // picocli hands errors on: one line, as for any failure
            code = Failures.report(e, err, debug);
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * What a usage error says: picocli's first line, or for an argument picocli could not place, what it is (an
     * unknown command; a second input file; an option of the command above or of the commands below, given on the
     * wrong side of the command's name: found, `manta submit pds … --running-output F` and `manta submit --quiet pds`
     * said only "Unknown option").
     */
    static String usageError(CommandLine.ParameterException ex) {
        CommandSpec where = ex.getCommandLine().getCommandSpec();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return Failures.firstLine(ex.getMessage());
        }
        String first = u.getUnmatched().get(0);
        if (!first.startsWith("-")) {
            if (!where.subcommands().isEmpty()) {
                return "unknown command '" + first + "'; commands: " + String.join(", ", where.subcommands().keySet());
            }
            if (java.nio.file.Files.exists(java.nio.file.Path.of(first))) {
                return "'" + first + "': one input file too many for " + where.name()
                        + " (only pds and cpds average several observations)";
            }
            return Failures.firstLine(ex.getMessage());
        }
        String option = first.split("=", 2)[0];
        CommandSpec parent = where.parent();
        if (parent != null && parent.findOption(option) != null) {
            return option + " is an option of '" + parent.qualifiedName() + "': give it before '" + where.name()
                    + "' (" + parent.qualifiedName() + " " + option + " … " + where.name() + " …)";
        }
        if (where.subcommands().values().stream().anyMatch(c -> c.getCommandSpec().findOption(option) != null)) {
            return option + " is an option of each command of '" + where.qualifiedName() + "': give it after the "
                    + "command's name (" + where.qualifiedName() + " COMMAND … " + option + ")";
        }
        return Failures.firstLine(ex.getMessage());
    }

    /** The command of {@code commands} called {@code name} (or one of its aliases). */
    static Optional<Class<?>> commandNamed(List<Class<?>> commands, String name) {
        return commands.stream().filter(c -> {
            Command command = c.getAnnotation(Command.class);
            return command.name().equals(name) || Arrays.asList(command.aliases()).contains(name);
        }).findFirst();
    }

    /**
     * The picocli model of {@code command}; one with subcommands of its own ({@code manta submit pds|cpds|…}) gets
     * only those named among {@code rest}, its arguments (all of them when none is: help, or a typo).
     */
    static CommandLine model(Class<?> command, List<String> rest) {
        CommandLine model = new CommandLine(command);
        if (ReadsLightCurves.class.isAssignableFrom(command)) {
            ReadsLightCurves.dtOptional(model.getCommandSpec());
        }
        if (command == SubmitCommand.class) {
            List<Class<?>> named = rest.stream().map(a -> commandNamed(SubmitCommand.SUBCOMMANDS, a))
                    .flatMap(Optional::stream).distinct().toList();
            SubmitCommand.withSubcommands(model, named.isEmpty() ? SubmitCommand.SUBCOMMANDS : named);
        }
        return withVersion(model);
    }

    /**
     * {@code --version} of a command and of its subcommands ({@code manta pds --version}, {@code manta submit pds
     * --version}) prints what {@code manta --version} does: their standard options have no version of their own.
     */
    private static CommandLine withVersion(CommandLine model) {
        model.getCommandSpec().versionProvider(new VersionProvider());
        model.getSubcommands().values().forEach(Main::withVersion);
        return model;
    }

    /** {@code manta} without a command: one line on stderr, exit 2. */
    @Override
    public Integer call() {
        err.println("manta: missing command; commands: " + String.join(", ", spec.subcommands().keySet())
                + " (see 'manta --help')");
        return EXIT_USAGE;
    }

    /** The command line as typed, shell-quoted, for provenance. */
    public String commandLine() {
        return Provenance.commandLine("manta", args);
    }

    /**
     * The provenance of a product made now from {@code inputs}: this command line, the inputs' SHA-256 from the
     * per-user digest cache ({@link DigestCacheSetting}) or hashed alongside the analysis's read.
     */
    public Provenance provenance(List<Path> inputs) {
        return Provenance.of(commandLine(), inputs, digestCache);
    }

    /** Standard output (products for {@code -o -}, summaries, reports). */
    public PrintStream out() {
        return out;
    }

    /** Standard error (status lines, progress, errors). */
    public PrintStream err() {
        return err;
    }

    /** {@code manta --version}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Version.SOFTWARE + " " + Version.version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
