package org.manta.cli.mesh;

import io.grpc.Status;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.Main;
import org.manta.cli.command.AnalysisOptions;
import org.manta.cli.command.BicoherenceOptions;
import org.manta.cli.command.ReadsLightCurves;
import org.manta.cli.command.TimeOptions;
import org.manta.cli.command.BispectrumOptions;
import org.manta.cli.command.ColorsOptions;
import org.manta.cli.command.CpdsCommand;
import org.manta.cli.command.DynpsCommand;
import org.manta.cli.command.FadOptions;
import org.manta.cli.command.Inputs;
import org.manta.cli.command.LombOptions;
import org.manta.cli.command.PdsCommand;
import org.manta.cli.command.PdsStatistics;
import org.manta.cli.command.ProductOutput;
import org.manta.cli.command.SignificanceOptions;
import org.manta.cli.command.SpectrumOptions;
import org.manta.cli.command.TaperOptions;
import org.manta.cli.command.VarEnergyOptions;
import org.manta.cli.output.JsonProductWriter;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.cli.pipeline.Warnings;
import org.manta.cli.plot.Plots;
import org.manta.cli.progress.ProgressBar;
import org.manta.core.InvalidParameterException;
import org.manta.core.MantaException;
import org.manta.core.events.EnergyBand;
import org.manta.core.io.EventFileReader;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lightcurve.LightCurveFile;
import org.manta.core.lombscargle.LombScargleRequest;
import org.manta.core.multitaper.MultitaperSpectrum;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.PlanWarnings;
import org.manta.core.plan.TimeFilter;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.varenergy.VarEnergyRequest;
import org.manta.mesh.client.EdgeCredentials;
import org.manta.mesh.client.MeshCallException;
import org.manta.mesh.client.MeshClient;
import org.manta.mesh.client.ToWire;
import org.manta.proto.v1.Band;
import org.manta.proto.v1.JobProgress;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.ProductKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code manta submit --server HOST:PORT pds|cpds|dynps|varenergy|fad|colors|lomb|multitaper|bispectrum|bicoherence FILE… [options]}: runs an analysis on a mesh
 * instead of in-process. By default the local event files are streamed to the mesh
 * ({@code JobService.Upload}); with {@code --server-path} the paths name files under the server's data
 * root ({@code JobService.Submit}). Shows a progress bar of segments merged (from {@code Watch}), then
 * fetches the product ({@code ProductService.Get}) and writes it as the JSON product of docs/cli.md.
 * With {@code --running-output FILE} the job asks for a running product and FILE is rewritten (JSON,
 * atomically) with each one that {@code Watch} brings while the job runs.
 * The connection is TLS with a bearer token (docs/security.md): the address, CA and token come from
 * {@code --server}, {@code --ca} and {@code --token} (or {@code MANTA_TOKEN}), else from the config that
 * {@code manta up} writes ({@link MeshConfig}, {@code ~/.manta/config}).
 * {@code manta submit status|get|cancel|delete JOB} act on any job of the caller's by the id submit printed.
 * Exit code 2 for a job the mesh refuses or fails (the message says why) and for a missing or invalid token
 * ("unauthenticated"; nothing is written), 1 if the mesh cannot be reached.
 */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an analysis command (lc, pds, cpds, dynps, varenergy, fad, colors, lomb, multitaper, "
            + "bispectrum, bicoherence) on a mesh (see 'manta up') instead of in-process, with the same options, and "
            + "write the same output."},
        footer = {"", "Example:",
            "  manta submit pds obs.evt --dt 1/512 --segment 64 --norm frac -o pds.fits",
            "      (the mesh of 'manta up')",
            "  manta submit --server mesh.example.org:443 --ca ca.crt --token $TOKEN \\",
            "      pds obs.evt --dt 1/512 --segment 64"})
public final class SubmitCommand {
    /**
     * The subcommands, in the order of {@code manta submit --help}; registered by {@code Main}, only the one invoked
     * (all of them for help or a typo), as the top-level commands are.
     */
    public static final List<Class<?>> SUBCOMMANDS = List.of(Lc.class, Pds.class, Cpds.class, Dynps.class,
            VarEnergy.class, Fad.class, Colors.class, Lomb.class, Multitaper.class, Bispectrum.class, Bicoherence.class,
            StatusCommand.class, Get.class, Cancel.class, Delete.class);

    /**
     * Adds {@code subcommands} (of {@link #SUBCOMMANDS}) to {@code model}, the model of {@code manta submit}; those
     * that take a light curve by its server path get an optional {@code --dt} ({@link ReadsLightCurves}), and none
     * shows the options only the local command honours in its help ({@link #hideEmbeddedOnly}).
     */
    public static CommandLine withSubcommands(CommandLine model, List<Class<?>> subcommands) {
        subcommands.forEach(model::addSubcommand);
        model.getSubcommands().values().stream().filter(c -> c.getCommand() instanceof ReadsLightCurves)
                .forEach(c -> ReadsLightCurves.dtOptional(c.getCommandSpec()));
        model.getSubcommands().values().stream().filter(c -> c.getCommand() instanceof Remote)
                .forEach(c -> hideEmbeddedOnly(c.getCommandSpec()));
        model.getSubcommands().values().stream().filter(c -> c.getCommand() instanceof Get)
                .forEach(c -> Get.outputOptionsOnly(c.getCommandSpec()));
        return model;
    }

    /**
     * Leaves {@code --gpu} and {@code --threads} out of a remote subcommand's help: the mesh picks its own workers and
     * devices. They are still parsed, so that a user who gives one is told why it is refused ({@link Remote#call}).
     */
    private static void hideEmbeddedOnly(CommandSpec spec) {
        for (String name : AnalysisOptions.EMBEDDED_ONLY) {
            OptionSpec option = spec.findOption(name);
            spec.remove(option);
            spec.addOption(option.toBuilder().hidden(true).build());
        }
    }

    static final int EXIT_OK = 0;
    static final int EXIT_INTERNAL = 1;
    static final int EXIT_USAGE = 2;
    /** Interrupted (SIGINT; the JVM's exit status on the signal wins while its shutdown hooks run). */
    static final int EXIT_INTERRUPTED = 130;

    @ParentCommand
    Main main;

    @Option(names = "--server", paramLabel = "HOST:PORT",
            description = "The mesh's gRPC address; default: the one 'manta up' recorded in ~/.manta/config.")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = {"Bearer token; default: $MANTA_TOKEN, else the "
        + "config's token (for the config's server)."})
    String token;

    @Option(names = "--ca", paramLabel = "FILE", description = {"PEM file of the CA that signed the mesh's certificate; "
        + "default: the config's CA (for the config's server), else the JVM's trusted CAs."})
    Path ca;

    @Option(names = "--server-path", description = "Input paths are relative to the server's data root (no upload); "
            + "for a mesh of 'manta up', absolute paths under its data root are taken too.")
    boolean serverPath;

    @Option(names = "--running-output", paramLabel = "FILE", description = {"While the job runs, keep FILE (JSON) the "
        + "product of the segments merged so far (the mesh's running product, about once a second)."})
    Path runningOutput;

    PrintStream out() {
        return main != null ? main.out() : System.out;
    }

    /** What a product's provenance says of {@code --token}'s value: a product file is shared, a token is a secret. */
    static final String TOKEN_LEFT_OUT = "(token)";

    /**
     * The command line for a product's provenance, with the value of {@code --token} left out (found: written into the
     * product); {@code withoutMain} where the command runs without {@code Main} (tests).
     */
    String provenanceLine(java.util.function.Supplier<String> withoutMain) {
        String line = main != null ? main.commandLine() : withoutMain.get();
        if (token == null) {
            return line;
        }
        // the arguments as the command line quotes them: "--token VALUE" or "--token=VALUE"
        return line.replace(" --token " + Provenance.commandLine("", List.of(token)).strip(), " --token " + TOKEN_LEFT_OUT)
                .replace(" " + Provenance.commandLine("", List.of("--token=" + token)).strip(),
                        " --token=" + TOKEN_LEFT_OUT);
    }

    PrintStream err() {
        return main != null ? main.err() : System.err;
    }

    /** The options of the embedded command of the same name (docs/cli.md), run remotely. */
    abstract static class Remote implements Callable<Integer> {
        @ParentCommand
        SubmitCommand submit;

        @Spec
        CommandSpec spec;

        @Mixin
        AnalysisOptions options;

        abstract List<Path> files();

        /**
         * The number of files of each observation of a job of several ({@code JobSpec.observation_inputs}: {@code pds
         * F1 F2}, {@code cpds A1 B1 A2 B2}); empty for one observation of all {@link #files()}.
         */
        List<Integer> observationInputs() {
            return List.of();
        }

        /** The job, validated as the embedded command validates its options. */
        abstract JobSpec jobSpec();

        /** Sets the inputs (server paths) or how many lists are uploaded, and whether running products are wanted. */
        JobSpec.Builder inputs(JobSpec.Builder b) {
            if (submit.serverPath) {
                Optional<Path> root = submit.localDataRoot();
                files().forEach(f -> b.addInputs(serverPath(f, root)));
            } else {
                b.setUploadInputs(files().size());     // e.g. a CPDS of two files, whatever its bands
            }
            return b.addAllObservationInputs(observationInputs()).setWantRunningProduct(submit.runningOutput != null)
                    .setStrict(options.strict());
        }

        @Override
        public Integer call() throws Exception {
            PhaseClock clock = PhaseClock.fromEnvironment();
            clock.mark("main");
            Quiet.libraries();
            PrintStream err = submit.err();
            List<String> embeddedOnly = options.embeddedOnly();
            if (!embeddedOnly.isEmpty()) {
                throw new MantaException(String.join(", ", embeddedOnly) + ": not with submit; only the local command "
                        + "honours " + (embeddedOnly.size() == 1 ? "it" : "them") + " (the mesh picks its own workers "
                        + "and devices): run it without 'submit'");
            }
            JobSpec jobSpec = jobSpec();
            submit.checkRunningOutput(options);
            if (submit.runningOutput != null && oneWorkUnit()) {
                err.println("manta: --running-output " + submit.runningOutput + ": the " + spec.name() + " job is one "
                        + "work unit, of which the mesh makes no running product; the file gets the final product when "
                        + "the job succeeds");
            }
            Function<org.manta.cli.output.Product, Chart<?, ?>> chart = chart();  // its options checked before any work
            if (!submit.serverPath) {
                Inputs.requireReadable(files(), "give --server-path for a file under the server's data root");
                warnGtiFromEvents(files(), options.warnings());
            }
            List<Path> uploaded = submit.serverPath ? List.of() : files();
            boolean quiet = options.quiet();
            Connection to = submit.connection();
            SubmitInterrupt interrupt = new SubmitInterrupt(err, ProgressBar.mode(quiet) == ProgressBar.Mode.TERMINAL);
            try (MeshClient mesh = MeshClient.connect(to.server(), to.credentials()); interrupt) {
                interrupt.calling(mesh, !submit.serverPath);
                String jobId = submit.serverPath ? mesh.submit(jobSpec) : upload(mesh, jobSpec, files(), err, quiet);
                interrupt.accepted(jobId);
                if (!quiet) {
                    err.println("manta: job " + jobId + " accepted");     // its id, before any progress line
                }
                clock.mark("accepted");
                List<Provenance.InputFile> local = new ArrayList<>();
                if (!submit.serverPath) {
                    files().forEach(f -> local.add(Provenance.InputFile.of(f)));
                }
                String line = submit.provenanceLine(() -> Provenance.commandLine("manta submit",
                        spec.commandLine().getParseResult().originalArgs()));
                RunningProducts running = new RunningProducts(p -> written(p, line, local),
                        p -> MeshProducts.withObservation(p, MeshProducts.toCli(p, line, local)), err);
                JobProgress last = watch(mesh, jobId, err, quiet,
                        p -> writeRunning(running.of(p), submit.runningOutput, err),
                        warning -> options.warnings().warn(localNames(warning, uploaded)));
                interrupt.finished(last.getState());    // an interrupt from now on leaves the job (and its product)
                clock.mark("final");
                if (interrupt.fired()) {
                    return EXIT_INTERRUPTED;        // cancelled by the interrupt, which says so
                }
                if (last.getState() != JobState.SUCCEEDED) {
                    err.println("manta: job " + jobId + " " + last.getState() + ": "
                            + localNames(last.getMessage(), uploaded));
                    return EXIT_USAGE;
                }
                org.manta.proto.v1.Product product = mesh.product(jobId);
                clock.mark("product");
                org.manta.cli.output.Product written = written(product, line, local);
                summarise(product, written);
                writeRunning(written, submit.runningOutput, err);     // the final product: never a stale running one
                ProductOutput.emit(written, options, chart, submit.out(), err);
                clock.mark("written");
                clock.print(err);
                return EXIT_OK;
            } catch (MeshCallException e) {
                if (interrupt.fired()) {
                    return EXIT_INTERRUPTED;        // the call ended because the process is exiting: said already
                }
                return refused(e, to, err, e.fieldViolation().flatMap(v -> MeshRefusal.inCommandWords(v,
                        spec.commandLine().getParseResult(), submit.serverPath ? files() : List.of(), uploaded))
                        .orElseGet(() -> localNames(e.description(), uploaded)));
            } catch (RuntimeException e) {
                if (interrupt.fired()) {
                    return EXIT_INTERRUPTED;
                }
                throw e;
            }
        }

        /**
         * The product written: the command's mapping ({@link #toCli}) with the observation's context the mesh planned,
         * whatever the kind, as the embedded command writes it.
         */
        final org.manta.cli.output.Product written(org.manta.proto.v1.Product product, String line,
                                                   List<Provenance.InputFile> local) {
            return MeshProducts.withObservation(product, toCli(product, line, local));
        }

        /**
         * The command line's product of the mesh's, as the embedded command makes it of its result (pds: with its
         * statistics; cpds, dynps, colors: rebinned, coloured); says nothing, as it also makes the running products.
         */
        org.manta.cli.output.Product toCli(org.manta.proto.v1.Product product, String line,
                                           List<Provenance.InputFile> local) {
            return MeshProducts.toCli(product, line, local);
        }

        /**
         * Says what the embedded command says of its final product besides writing it (pds: the statistics it
         * prints); nothing by default. Not said of a running product.
         */
        void summarise(org.manta.proto.v1.Product product, org.manta.cli.output.Product written) {
        }

        /**
         * Whether the job is one work unit (a whole series, one periodogram of the whole span), which the mesh makes
         * no running product of.
         */
        boolean oneWorkUnit() {
            return false;
        }

        /** The chart of {@code --plot}: the embedded command's. */
        Function<org.manta.cli.output.Product, Chart<?, ?>> chart() {
            return Plots::forProduct;
        }

        /** Sets the spec's {@code time_filter} to the user's restriction of the good time, unless there is none. */
        static void setTimeFilter(JobSpec.Builder b, TimeFilter filter) {
            if (!filter.isNone()) {
                b.setTimeFilter(ToWire.timeFilter(filter));
            }
        }

        /** The event selection of channel 1: the command's band, else --energy/--pi. */
        Optional<Band> selection() {
            return options.selection().map(ToWire::band);
        }
    }

    /** A spectrum of the segment options ({@code --segment --norm …}): pds, cpds, dynps. */
    abstract static class Spectral extends Remote {
        @Mixin
        SpectrumOptions spectrum;

        abstract ProductKind kind();

        /** Adds the kind-specific fields (bands) to the spec. */
        abstract void bands(JobSpec.Builder spec);

        /**
         * Checks the options the embedded command checks before it reads, before anything is sent: the rebin options
         * against the segments asked for (the client rebins); subcommands add their own.
         */
        void checkOptions() {
            spectrum.validateRebin(spectrum.segmentSpec(options.dt()));
        }

        /** The segment length ({@code --segment}), which a product of segments needs (pds without it: a periodogram). */
        Optional<Double> segment() {
            return Optional.of(spectrum.segment().orElseThrow(() -> SpectrumOptions.segmentRequired(spec.name())));
        }

        /** The user's restriction of the good time ({@code --gti --tstart --tstop --min-gti}); none by default. */
        TimeFilter timeFilter() {
            return TimeFilter.none();
        }

        @Override
        JobSpec jobSpec() {
            options.validate();
            checkOptions();
            JobSpec.Builder b = inputs(JobSpec.newBuilder().setKind(kind()).setDt(options.dt())
                    .setNorm(ToWire.norm(spectrum.norm())));
            segment().ifPresent(b::setSegmentSize);
            bands(b);
            setTimeFilter(b, timeFilter());
            return b.build();
        }
    }

    /** A product of one event file and at most one selection (pds, dynps), its good time restricted as the command's. */
    abstract static class OneFile extends Spectral {
        @Parameters(index = "0", paramLabel = "FILE", description = "Event file.")
        Path file;

        @Mixin
        TimeOptions time;

        @Override
        TimeFilter timeFilter() {
            return time.filter();
        }

        @Override
        List<Path> files() {
            return List.of(file);
        }

        @Override
        void bands(JobSpec.Builder b) {
            selection().ifPresent(b::setBand1);
        }
    }

    @Command(name = "pds", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"(Averaged) power spectrum on the mesh (as 'manta pds').",
                "Without --segment, one periodogram of the whole span (one work unit)."})
    static final class Pds extends OneFile {
        @Parameters(index = "1..*", arity = "0..*", paramLabel = "FILE",
                description = "More event files: the segments of all are averaged (as 'manta pds F1 F2').")
        List<Path> more = List.of();

        @Mixin
        PdsStatistics statistics;

        /** Without {@code --segment}: one periodogram of the whole span, as {@code manta pds} (one work unit). */
        @Override
        Optional<Double> segment() {
            return spectrum.segment();
        }

        @Override
        JobSpec jobSpec() {
            PdsCommand.requireSegmentToAverage(spectrum.segment().isPresent(), files().size());
            // what `manta pds` checks before reading: --rms/--upper-limit against Nyquist and the segments, and so on
            statistics.validate(options.dt(), spectrum.segmentSpec(options.dt()), options.warnings());
            return super.jobSpec();
        }

        @Override
        List<Path> files() {
            return Stream.concat(Stream.of(file), more.stream()).toList();
        }

        /** One observation per file when there are several. */
        @Override
        List<Integer> observationInputs() {
            return more.isEmpty() ? List.of() : files().stream().map(f -> 1).toList();
        }

        @Override
        ProductKind kind() {
            return ProductKind.PDS;
        }

        @Override
        org.manta.cli.output.Product toCli(org.manta.proto.v1.Product product, String line,
                                           List<Provenance.InputFile> local) {
            return spectrum.powerSpectrumFields(MeshProducts.powerSpectrum(product), statistics)
                    .provenance(MeshProducts.provenance(product, line, local)).build();
        }

        /** The statistics, printed as {@code manta pds} prints them. */
        @Override
        void summarise(org.manta.proto.v1.Product product, org.manta.cli.output.Product written) {
            statistics.printSummary(written, options.outputIsStdout() ? submit.err() : submit.out(), options.warnings());
        }

        /** Without {@code --segment}: one periodogram of the whole span. */
        @Override
        boolean oneWorkUnit() {
            return spectrum.segment().isEmpty();
        }
    }

    @Command(name = "dynps", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Dynamical power spectrum on the mesh (as 'manta dynps').")
    static final class Dynps extends OneFile {
        @Override
        ProductKind kind() {
            return ProductKind.DYNPS;
        }

        @Override
        void checkOptions() {
            DynpsCommand.refuseRebinLog(spectrum);
            super.checkOptions();
        }

        /** {@code manta dynps}'s product of the mesh's spectrum, its columns rebinned with {@code --rebin}. */
        @Override
        org.manta.cli.output.Product toCli(org.manta.proto.v1.Product product, String line,
                                           List<Provenance.InputFile> local) {
            return spectrum.dynamicalProduct(MeshProducts.dynamical(product), product.getDt(),
                    MeshProducts.gti(product), MeshProducts.provenance(product, line, local));
        }
    }

    @Command(name = "cpds", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Averaged cross spectrum, lags and coherence on the mesh (as 'manta cpds').",
                "The first input (or band 1) is the subject, the second the reference."})
    static final class Cpds extends Spectral {
        @Parameters(index = "0", paramLabel = "FILE1", description = "Subject event file.")
        Path file1;

        @Mixin
        SignificanceOptions significance;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "FILE2", description = {"Reference event file.",
            "Several observations: the files in pairs SUBJECT REFERENCE (a file named twice: two bands of it), averaged "
                + "as 'manta cpds A1 B1 A2 B2' averages them."})
        List<Path> more = List.of();

        @Mixin
        TimeOptions time;

        @Override
        void checkOptions() {
            significance.validate();     // --false-alarm/--trials without --significance, as `manta cpds` refuses them
            super.checkOptions();
        }

        @Override
        TimeFilter timeFilter() {
            return time.filter();
        }

        @Option(names = "--energy1", paramLabel = "LO:HI", description = "Subject band, keV.")
        String energy1;

        @Option(names = "--energy2", paramLabel = "LO:HI", description = "Reference band, keV.")
        String energy2;

        @Option(names = "--pi1", paramLabel = "LO:HI", description = "Subject band, PI.")
        String pi1;

        @Option(names = "--pi2", paramLabel = "LO:HI", description = "Reference band, PI.")
        String pi2;

        @Override
        ProductKind kind() {
            return ProductKind.CPDS;
        }

        /**
         * {@code manta cpds}'s product of the mesh's spectrum: rebinned with {@code --rebin/--rebin-log} (lags,
         * coherence and errors recomputed from the rebinned quantities), with the cospectra's p-values of
         * {@code --significance}.
         */
        @Override
        org.manta.cli.output.Product toCli(org.manta.proto.v1.Product product, String line,
                                           List<Provenance.InputFile> local) {
            org.manta.cli.output.Product p = MeshProducts.toCli(product, line, local);
            if (!significance.requested() && !spectrum.rebinned()) {
                return p;
            }
            AveragedCrossSpectrum cs = spectrum.apply(Products.crossSpectrumOf(p));
            return spectrum.crossSpectrumFields(cs, significance).provenance(p.provenance()).build();
        }

        /** The observations' files, paired as {@code manta cpds} pairs them (a file paired with itself: once). */
        private List<List<Path>> observations() {
            boolean twoBands = band("1", energy1, pi1).isPresent() && band("2", energy2, pi2).isPresent();
            return CpdsCommand.observations(Stream.concat(Stream.of(file1), more.stream()).toList(), twoBands,
                    spec.commandLine());
        }

        /** Each observation's files, one observation after another. */
        @Override
        List<Path> files() {
            return observations().stream().flatMap(List::stream).toList();
        }

        @Override
        List<Integer> observationInputs() {
            List<List<Path>> observations = observations();
            return observations.size() == 1 ? List.of() : observations.stream().map(List::size).toList();
        }

        @Override
        void bands(JobSpec.Builder b) {
            Optional<Band> b1 = band("1", energy1, pi1);
            Optional<Band> b2 = band("2", energy2, pi2);
            if ((b1.isPresent() || b2.isPresent()) && options.selection().isPresent()) {
                throw new InvalidParameterException("energy", "--energy/--pi with --energy1/--energy2",
                        "either one selection for both channels or one per channel");
            }
            b1.or(this::selection).ifPresent(b::setBand1);
            b2.or(this::selection).ifPresent(b::setBand2);
        }
    }

    @Command(name = "varenergy", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Variability-versus-energy spectrum on the mesh (as 'manta varenergy').",
                "Kinds rms, lag, covariance, complexcov, count or excvar (the excess variance: one work unit of the "
                + "whole list)."})
    static final class VarEnergy extends Remote {
        @Parameters(index = "0", paramLabel = "FILE", description = "Event file (subject bands; also the reference "
                + "unless --events2).")
        Path file;

        @Mixin
        VarEnergyOptions varEnergy;

        @Override
        List<Path> files() {
            return varEnergy.events2 == null ? List.of(file) : List.of(file, varEnergy.events2);
        }

        @Override
        JobSpec jobSpec() {
            options.validate();
            if (options.selection().isPresent()) {
                throw new InvalidParameterException("energy/pi", options.selection().get(),
                        "no --energy/--pi selection for varenergy: the bands are given by --bands");
            }
            VarEnergyRequest request = varEnergy.request(options);
            return inputs(JobSpec.newBuilder().setKind(ProductKind.VARENERGY).setDt(request.dt())
                    .setSegmentSize(request.segmentSize()).setNorm(ToWire.norm(request.norm()))
                    .setVarenergy(ToWire.varEnergy(request))).build();
        }

        /** {@code --kind excvar}: one work unit of the whole list. */
        @Override
        boolean oneWorkUnit() {
            return varEnergy.request(options).kind() == org.manta.core.varenergy.VarEnergyKind.EXCESS_VARIANCE;
        }
    }

    @Command(name = "fad", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"FAD dead-time corrected spectra of two detectors on the mesh (as 'manta fad').",
                "Planned as a cross spectrum of the two files; --energy/--pi selects on both."})
    static final class Fad extends Spectral {
        @Parameters(index = "0", paramLabel = "DET1", description = "Event file of detector 1.")
        Path file1;

        @Parameters(index = "1", paramLabel = "DET2", description = "Event file of detector 2 (simultaneous, independent).")
        Path file2;

        @Mixin
        FadOptions fad;

        @Override
        ProductKind kind() {
            return ProductKind.FAD;
        }

        @Override
        List<Path> files() {
            return List.of(file1, file2);
        }

        @Override
        JobSpec jobSpec() {
            fad.validate();
            return super.jobSpec();
        }

        @Override
        void checkOptions() {
            fad.refuseRebin(spectrum);
        }

        @Override
        void bands(JobSpec.Builder b) {
            selection().ifPresent(b::setBand1);
            b.setFad(ToWire.fad(fad.smoothing, fad.smoothingLength(), fad.tolerance));
        }

        @Override
        org.manta.cli.output.Product toCli(org.manta.proto.v1.Product product, String line,
                                           List<Provenance.InputFile> local) {
            return fad.product(MeshProducts.fad(product), MeshProducts.provenance(product, line, local), SILENT);
        }

        /** Whether the correction is compliant, warned as {@code manta fad} warns it. */
        @Override
        void summarise(org.manta.proto.v1.Product product, org.manta.cli.output.Product written) {
            fad.product(MeshProducts.fad(product), written.provenance(), submit.err());
        }
    }

    /** A job of one event file that is not a spectrum of segment options (colors, lc). */
    abstract static class OneList extends Remote {
        @Parameters(index = "0", paramLabel = "FILE", description = "Event file.")
        Path file;

        @Override
        List<Path> files() {
            return List.of(file);
        }
    }

    @Command(name = "colors", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Power colours and hue per segment on the mesh (as 'manta colors').",
                "The mesh computes the fractional-rms dynamical power spectrum (a DYNPS job); the colours are made "
                + "of it here."})
    static final class Colors extends OneList {
        @Mixin
        ColorsOptions colors;

        @Override
        JobSpec jobSpec() {
            options.validate();
            colors.validate(options.dt());
            JobSpec.Builder b = inputs(JobSpec.newBuilder().setKind(ProductKind.DYNPS).setDt(options.dt())
                    .setSegmentSize(colors.segment).setNorm(ToWire.norm(Normalization.FRAC)));
            selection().ifPresent(b::setBand1);
            return b.build();
        }

        @Override
        org.manta.cli.output.Product toCli(org.manta.proto.v1.Product product, String line,
                                           List<Provenance.InputFile> local) {
            return colors.product(MeshProducts.dynamical(product), options.dt(), MeshProducts.gti(product),
                    MeshProducts.provenance(product, line, local));
        }

        @Override
        Function<org.manta.cli.output.Product, Chart<?, ?>> chart() {
            return colors.chart();
        }
    }

    /**
     * A product of the whole series (lomb, multitaper, bispectrum): one work unit of the whole event lists
     * (docs/mesh.md), of event files, or of light curves (FITS or JSON) under the mesh's data root
     * ({@link #requireMeshInput}).
     */
    abstract static class WholeSeries extends Remote implements ReadsLightCurves {
        @Parameters(index = "0", paramLabel = "FILE",
                description = "Event file, or light curve (FITS or JSON) with --server-path.")
        Path file;

        abstract ProductKind kind();

        @Override
        boolean oneWorkUnit() {
            return true;
        }

        /** Adds the kind's options (and its norm) to the spec. */
        abstract void wholeSeriesOptions(JobSpec.Builder spec);

        /** The error distribution asked for ({@code --err-dist} of lomb and multitaper); none for the other kinds. */
        Optional<ErrorDistribution> errDist() {
            return Optional.empty();
        }

        @Override
        List<Path> files() {
            return List.of(file);
        }

        /**
         * {@code --dt}; without it, with {@code --server-path}, none: the mesh uses a light curve's own bin time
         * and refuses an event file (the client cannot read the server's files).
         *
         * @throws InvalidParameterException without {@code --dt} for an upload, which is an event file
         */
        Optional<Double> dt() {
            return options.dtIfGiven().or(() -> submit.serverPath ? Optional.empty() : Optional.of(options.dt()));
        }

        @Override
        JobSpec jobSpec() {
            options.validate();
            for (Path f : files()) {
                requireMeshInput(f, submit.serverPath, spec.name());
                if (!submit.serverPath) {
                    // an upload is an event file: gauss is refused before connecting, in the command's words
                    LightCurveFile.requireErrorsOfEvents(errDist().orElse(ErrorDistribution.POISSON), f);
                }
            }
            JobSpec.Builder b = inputs(JobSpec.newBuilder().setKind(kind()));
            dt().ifPresent(b::setDt);
            wholeSeriesOptions(b);
            selection().ifPresent(b::setBand1);
            return b.build();
        }
    }

    /**
     * What the mesh reads of a whole series: an event file, uploaded or by its server path, or a light curve (FITS or
     * JSON) by its server path (the mesh reads it under its data root as the command reads it); a light curve is not
     * uploaded.
     *
     * @param serverPath whether {@code --server-path} was given
     * @param command    the command's name, for the advice ("lomb")
     * @throws InvalidParameterException naming the file and what to do instead
     */
    static void requireMeshInput(Path file, boolean serverPath, String command) {
        if (!serverPath && LightCurveFile.isLightCurve(file)) {
            throw new InvalidParameterException("FILE", file, "an event file to upload (a light curve is not uploaded: "
                    + "put it under the mesh's data root and give --server-path, or run 'manta " + command
                    + "' on it locally)");
        }
    }

    @Command(name = "lc", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Light curve on the mesh (as 'manta lc').",
                "One work unit of the whole event list, binned at --dt from the start of the first GTI to the end of the "
                + "last (the bins outside the GTIs included, as 'manta lc')."})
    static final class Lc extends OneList {
        @Mixin
        TimeOptions time;

        @Override
        boolean oneWorkUnit() {
            return true;
        }

        @Override
        JobSpec jobSpec() {
            options.validate();
            JobSpec.Builder b = inputs(JobSpec.newBuilder().setKind(ProductKind.LC).setDt(options.dt()));
            selection().ifPresent(b::setBand1);
            setTimeFilter(b, time.filter());
            return b.build();
        }
    }

    @Command(name = "lomb", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Lomb–Scargle periodogram, or cross spectrum with --events2, on the mesh "
                + "(as 'manta lomb').",
                "One work unit of the whole event lists, each binned at --dt over its own GTIs, or of a light curve "
                + "(FITS or JSON) with --server-path (its own dt without --dt); two lists without common good time are "
                + "refused (the job's plan counts on them).",
                "--err-dist gauss takes a light curve with errors (--server-path), as 'manta lomb'; without "
                + "--err-dist, errors that are not Poisson are warned of (an error under --strict)."})
    static final class Lomb extends WholeSeries {
        @Mixin
        LombOptions lomb;

        @Override
        ProductKind kind() {
            return ProductKind.LOMB;
        }

        @Override
        List<Path> files() {
            return lomb.file2 == null ? List.of(file) : List.of(file, lomb.file2);
        }

        @Override
        void wholeSeriesOptions(JobSpec.Builder b) {
            LombScargleRequest request = lomb.request();
            b.setNorm(ToWire.norm(request.norm())).setLomb(ToWire.lomb(request, errDist()));
        }

        @Override
        Optional<ErrorDistribution> errDist() {
            return lomb.errDist().asked();
        }

        /** {@code manta lomb}'s plot: the periodogram rebinned for display ({@code --rebin/--rebin-log}). */
        @Override
        Function<org.manta.cli.output.Product, Chart<?, ?>> chart() {
            return lomb.chart();
        }
    }

    @Command(name = "multitaper", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Multitaper power spectrum on the mesh (as 'manta multitaper').",
                "One work unit of the whole event list, binned at --dt, or of a light curve (FITS or JSON) with "
                + "--server-path "
                + "(its own dt without --dt); one GTI.",
                "--err-dist gauss takes a light curve with errors (--server-path), as 'manta multitaper'; without "
                + "--err-dist, errors that are not Poisson are warned of (an error under --strict)."})
    static final class Multitaper extends WholeSeries {
        @Mixin
        TaperOptions taper;

        @Override
        ProductKind kind() {
            return ProductKind.MULTITAPER;
        }

        @Override
        void wholeSeriesOptions(JobSpec.Builder b) {
            b.setNorm(ToWire.norm(taper.norm())).setMultitaper(ToWire.multitaper(taper.lombScargle()
                    ? MultitaperSpectrum.lombScargleOptions(taper.options()) : taper.options(), taper.lombScargle(),
                    errDist()));
        }

        @Override
        Optional<ErrorDistribution> errDist() {
            return taper.errDist().asked();
        }

        /** {@code manta multitaper}'s plot: the spectrum rebinned for display ({@code --rebin/--rebin-log}). */
        @Override
        Function<org.manta.cli.output.Product, Chart<?, ?>> chart() {
            return taper.chart();
        }
    }

    @Command(name = "bispectrum", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Cumulant bispectrum on the mesh (as 'manta bispectrum').",
                "One work unit of the whole event list, binned at --dt; over several GTIs the gaps are zeros, as "
                + "'manta bispectrum', with the same warning (an error under --strict). A light curve (FITS or "
                + "JSON) with --server-path (its own dt without --dt)."})
    static final class Bispectrum extends WholeSeries {
        @Mixin
        BispectrumOptions bispectrum;

        @Override
        ProductKind kind() {
            return ProductKind.BISPECTRUM;
        }

        @Override
        void wholeSeriesOptions(JobSpec.Builder b) {
            b.setBispectrum(ToWire.bispectrum(bispectrum.request()));
        }
    }

    @Command(name = "bicoherence", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Squared bicoherence over segments on the mesh (as 'manta bicoherence').",
                "One work unit of the whole event list, binned at --dt; over several GTIs the gaps are zeros, as "
                + "'manta bicoherence', with the same warning (an error under --strict). A light curve (FITS or "
                + "JSON) with --server-path (its own dt without --dt)."})
    static final class Bicoherence extends WholeSeries {
        @Mixin
        BicoherenceOptions bicoherence;

        @Override
        ProductKind kind() {
            return ProductKind.BICOHERENCE;
        }

        @Override
        void wholeSeriesOptions(JobSpec.Builder b) {
            // whole bins of --dt, or the seconds given, which the mesh rounds to bins of the light curve's own dt
            double segment = dt().map(dt -> bicoherence.request(dt).segmentBins() * dt).orElse(bicoherence.segment());
            b.setBicoherence(ToWire.bicoherence(segment, bicoherence.window()));
        }
    }

    /**
     * Says why the mesh refused a call (one line on {@code err}) and returns the exit code: 1 when it cannot be
     * reached or failed internally, else 2. A refused argument is said alone, as the embedded command says it (the
     * mesh and {@code manta pds} share the checks), in the command's words where the mesh names the field
     * ({@link MeshRefusal}); other refusals name the gRPC status.
     *
     * @param refusal what was refused and why, e.g. the job's check, or "the mesh refused to delete the product: …"
     */
    static int refused(MeshCallException e, Connection to, PrintStream err, String refusal) {
        Status.Code code = e.code();
        err.println("manta: " + switch (code) {
            case UNAVAILABLE -> e.tlsHandshakeFailed()
                    ? "the mesh at " + to.server() + " is not trusted: its certificate is not signed by "
                            + (to.ca() != null ? "the CA in " + to.ca() : "any CA the JVM trusts") + " (give the mesh's "
                            + "CA, --ca FILE; 'manta up' names its own in " + MeshConfig.file() + "): "
                            + e.transportReason()
                    : "cannot reach the mesh at " + to.server() + " (is 'manta up' running? --server HOST:PORT?): "
                            + e.transportReason() + " (" + code + ")";
            case UNAUTHENTICATED -> "unauthenticated by the mesh at " + to.server() + " (give a valid --token or "
                    + "MANTA_TOKEN): " + e.description() + " (" + code + ")";
            case INVALID_ARGUMENT -> refusal;
            default -> refusal + " (" + code + ")";
        });
        if ("1".equals(System.getenv("MANTA_DEBUG"))) {
            e.printStackTrace(err);
        }
        return code == Status.Code.UNAVAILABLE || code == Status.Code.INTERNAL ? EXIT_INTERNAL : EXIT_USAGE;
    }

    /**
     * A command on one job of the caller's by its id ({@code status}, {@code get}, {@code cancel}, {@code delete}), with
     * the connection of {@code submit}: a job the mesh does not know is said with the id as typed (exit 2), other
     * refusals as {@link #refused} says them.
     */
    abstract static class OnJob implements Callable<Integer> {
        @ParentCommand
        SubmitCommand submit;

        @Parameters(index = "0", paramLabel = "JOB", description = "The job id that submit printed.")
        String jobId;

        /** What the mesh refused to do, for the message, e.g. "delete the product". */
        abstract String action();

        /** Checks the command's own options, before connecting; none by default. */
        void check() {
        }

        /** Does it; returns the exit code. */
        abstract int on(MeshClient mesh, PrintStream err) throws java.io.IOException;

        @Override
        public Integer call() throws java.io.IOException {
            check();
            Quiet.libraries();
            PrintStream err = submit.err();
            Connection to = submit.connection();
            try (MeshClient mesh = MeshClient.connect(to.server(), to.credentials())) {
                return on(mesh, err);
            } catch (MeshCallException e) {
                if (e.code() == Status.Code.NOT_FOUND) {  // the server names its field, job_id: say it as typed
                    err.println("manta: job " + jobId + ": no such job on the mesh at " + to.server()
                            + " (expected a job id that 'manta submit' printed)");
                    return EXIT_USAGE;
                }
                return refused(e, to, err, "the mesh refused to " + action() + ": " + e.description());
            }
        }
    }

    /** {@code manta submit status JOB}: a job's state, segments merged of expected, message and warnings. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show a job's state, the segments merged so far of those expected, and its message and "
                + "warnings (JobService.Get)."})
    static final class StatusCommand extends OnJob {
        @Override
        String action() {
            return "say the job's status";
        }

        @Override
        int on(MeshClient mesh, PrintStream err) {
            org.manta.proto.v1.JobStatus status = mesh.status(jobId);
            PrintStream out = submit.out();
            out.println(statusLine(status));
            status.getWarningsList().forEach(w -> out.println("  warning: " + w));
            return EXIT_OK;
        }

        /**
         * E.g. {@code job ID: pds RUNNING, 12/40 segments} or {@code job ID: cpds FAILED, 0 segments: REASON}: the
         * expected count once the mesh has planned the job.
         */
        static String statusLine(org.manta.proto.v1.JobStatus s) {
            return "job " + s.getJobId() + ": " + s.getSpec().getKind().name().toLowerCase(Locale.ROOT) + " "
                    + s.getState() + ", " + s.getSegmentsDone()
                    + (s.hasSegmentsExpected() ? "/" + s.getSegmentsExpected() : "") + " segments"
                    + (s.getMessage().isEmpty() ? "" : ": " + s.getMessage());
        }
    }

    /**
     * {@code manta submit get JOB -o FILE}: the product of a job that succeeded ({@code ProductService.Get}), written as
     * {@code manta submit} writes the mesh's product, without the client's options of the command that submitted it
     * (its --rebin, --rms, colours), which the mesh does not keep; the provenance's command line is this one, its
     * inputs the mesh's.
     */
    @Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fetch the product of a job that succeeded (ProductService.Get) and write it as "
                + "'manta submit' writes it.",
                "As the mesh made it: the rebinning, statistics or colours of the submitting command are not applied "
                + "(the mesh does not keep them)."})
    static final class Get extends OnJob {
        @Mixin
        AnalysisOptions options;

        /** The options of the analysis commands that are not about writing the product, taken out of {@code spec}. */
        static final List<String> NOT_OUTPUT = List.of("--dt", "--energy", "--pi", "--gpu", "--threads", "--strict");

        /** Leaves {@code get} only the options that say where and how to write the product. */
        static void outputOptionsOnly(CommandSpec spec) {
            NOT_OUTPUT.forEach(name -> spec.remove(spec.findOption(name)));
        }

        @Override
        String action() {
            return "send the product";
        }

        @Override
        void check() {
            options.validate();
        }

        @Override
        int on(MeshClient mesh, PrintStream err) throws java.io.IOException {
            org.manta.proto.v1.Product product = mesh.product(jobId);
            String line = submit.provenanceLine(() -> "manta submit get " + jobId);
            org.manta.cli.output.Product written = MeshProducts.withObservation(product,
                    MeshProducts.toCli(product, line, List.of()));
            ProductOutput.emit(written, options, Plots::forProduct, submit.out(), err);
            return EXIT_OK;
        }
    }

    /** {@code manta submit cancel JOB}: cancels a job ({@code JobService.Cancel}); a final one stays as it is. */
    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = {"Cancel a job (JobService.Cancel); one that has ended stays as it is."})
    static final class Cancel extends OnJob {
        @Override
        String action() {
            return "cancel the job";
        }

        @Override
        int on(MeshClient mesh, PrintStream err) {
            err.println("manta: " + cancelled(mesh.cancel(jobId)));
            return EXIT_OK;
        }

        /** What the mesh's answer to a cancel says: cancelled, already ended (and what of its product), or stopping. */
        static String cancelled(org.manta.proto.v1.JobStatus after) {
            String id = after.getJobId();
            return switch (after.getState()) {
                case CANCELLED -> "job " + id + " cancelled";
                case SUCCEEDED, FAILED -> "nothing to cancel: " + SubmitInterrupt.alreadyFinal(id, after.getState());
                default -> "job " + id + ": cancel sent (the mesh still says " + after.getState() + "; 'manta submit "
                        + "status " + id + "' says when it has stopped)";
            };
        }
    }

    /**
     * {@code manta submit delete JOB}: deletes the product of a final job of the caller's
     * ({@code ProductService.Delete}; docs/mesh.md "Lifecycle"), with the connection of {@code submit}.
     */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete the product of a finished (or cancelled, failed) job from the mesh."})
    static final class Delete extends OnJob {
        @Override
        String action() {
            return "delete the product";
        }

        @Override
        int on(MeshClient mesh, PrintStream err) {
            int pieces = mesh.deleteProduct(jobId);
            err.println("manta: job " + jobId + ": " + (pieces > 0 ? "product deleted (" + pieces + " pieces)"
                    : "no product to delete (none was made, or it was deleted before)"));
            return EXIT_OK;
        }
    }

    /**
     * Where and how to connect: TLS, trusting {@code ca} (null: the JVM's trusted CAs), with {@code token}
     * (null: none, which the mesh refuses).
     */
    record Connection(String server, Path ca, String token) {
        EdgeCredentials credentials() {
            return EdgeCredentials.tls(ca, token);
        }
    }

    /**
     * The data root of the mesh this submit goes to, when {@code manta up} recorded it (the config's server is the one
     * given, or no server is given).
     */
    Optional<Path> localDataRoot() {
        return MeshConfig.read(MeshConfig.file()).filter(c -> server == null || c.server().equals(server))
                .flatMap(MeshConfig::dataRoot);
    }

    /**
     * {@code file} as a server path: as typed, or relative to the mesh's data root {@code root} when it is an absolute
     * path under it (found: {@code --server-path /data/obs.evt} of a mesh with data root /data was refused as absolute).
     */
    static String serverPath(Path file, Optional<Path> root) {
        Path normal = file.normalize();
        if (file.isAbsolute() && root.isPresent() && normal.startsWith(root.get()) && !normal.equals(root.get())) {
            return root.get().relativize(normal).toString();
        }
        return file.toString();
    }

    /**
     * The flags, then {@code MANTA_TOKEN}, then the config of {@code manta up} ({@link MeshConfig}): its CA and
     * token only for its own server.
     */
    Connection connection() {
        Optional<MeshConfig> config = MeshConfig.read(MeshConfig.file());
        String target = Optional.ofNullable(server).or(() -> config.map(MeshConfig::server)).orElseThrow(() ->
                new InvalidParameterException("server", "unset", "--server HOST:PORT, or a mesh started with 'manta up' "
                        + "(which records it in " + MeshConfig.file() + ")"));
        Optional<MeshConfig> same = config.filter(c -> c.server().equals(target));
        Path trust = Optional.ofNullable(ca).or(() -> same.flatMap(MeshConfig::caOfRunningMesh)).orElse(null);
        String bearer = Optional.ofNullable(token).or(() -> Optional.ofNullable(System.getenv("MANTA_TOKEN")))
                .or(() -> same.flatMap(MeshConfig::token)).orElse(null);
        return new Connection(target, trust, bearer);
    }

    /**
     * {@code --running-output} checked as {@code -o} is, before the job: a {@code .json} file (the running product is
     * JSON), new unless {@code --overwrite}, in a writable folder, not the output itself (found: it overwrote a file
     * without {@code --overwrite}, took a {@code .png} name, and a folder that was a file was said mid-job).
     */
    void checkRunningOutput(AnalysisOptions options) {
        if (runningOutput == null) {
            return;
        }
        if (!runningOutput.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new InvalidParameterException("running-output", runningOutput, "a .json file (the running product is "
                    + "written as JSON)");
        }
        AnalysisOptions.requireWritable("running-output", runningOutput, options.overwrite());
        Path running = runningOutput.toAbsolutePath().normalize();
        if (options.output().filter(o -> o.toAbsolutePath().normalize().equals(running)).isPresent()) {
            throw new InvalidParameterException("running-output", runningOutput, "a file other than --output");
        }
    }

    /** Discards what it is told: the remarks of a product made only to be written (a running one). */
    static final PrintStream SILENT = new PrintStream(java.io.OutputStream.nullOutputStream());

    /**
     * Rewrites {@code file} (JSON, all or nothing) with a running product, or the final one; a failure is reported, not
     * fatal.
     */
    static void writeRunning(org.manta.cli.output.Product product, Path file, PrintStream err) {
        if (file == null) {
            return;
        }
        try {
            new JsonProductWriter().write(product, file);
        } catch (java.io.IOException e) {
            err.println("manta: cannot write the running product to " + file + ": " + e.getMessage());
        }
    }

    static Optional<Band> band(String which, String energy, String pi) {
        if (energy != null && pi != null) {
            throw new InvalidParameterException("energy" + which + "/pi" + which, "both given",
                    "only one of --energy" + which + " and --pi" + which);
        }
        if (energy == null && pi == null) {
            return Optional.empty();
        }
        return Optional.of(ToWire.band(EnergyBand.parse(energy != null ? energy : pi, pi != null)));
    }

    /**
     * Streams local event files to the mesh ({@code Upload}) as fast as the transport takes them (gRPC
     * flow control, {@link MeshClient#uploadFiles}), with a count of the events sent on stderr while it runs (redrawn on
     * a terminal), and "uploaded N events" once the mesh has accepted the upload (not before a refusal).
     */
    static String upload(MeshClient mesh, JobSpec spec, List<Path> files, PrintStream err, boolean quiet) {
        ProgressBar.Mode mode = ProgressBar.mode(quiet);
        long[] sent = {0};
        int[] width = {0};
        String jobId;
        try {
            jobId = mesh.uploadFiles(spec, files, events -> {
                sent[0] = events;
                if (mode == ProgressBar.Mode.TERMINAL) {
                    String line = String.format(Locale.ROOT, "manta: sending events: %,d", events);
                    err.print("\r" + line);
                    width[0] = line.length();
                    err.flush();
                }
            });
        } catch (RuntimeException e) {
            if (width[0] > 0) {
                err.println();      // the refusal's message starts at the margin
                err.flush();
            }
            throw e;
        }
        if (mode != ProgressBar.Mode.OFF) {
            String line = String.format(Locale.ROOT, "manta: uploaded %,d events", sent[0]);
            err.println((width[0] > 0 ? "\r" : "") + line + " ".repeat(Math.max(0, width[0] - line.length())));
            err.flush();
        }
        return jobId;
    }

    /**
     * A warning or reason of the server's as the local command says it: the server names an uploaded list by its input
     * index ({@code upload:I} in paths, {@code upload I} in its checks) or by the file it staged it to
     * ({@code JOB/upload-I.fits}), the local command by its path.
     */
    static String localNames(String message, List<Path> uploaded) {
        java.util.regex.Matcher m = UPLOAD_NAME.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int i = Integer.parseInt(m.group(1));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(i < uploaded.size()
                    ? uploaded.get(i).toString() : m.group()));
        }
        return m.appendTail(out).toString();
    }

    /** How the server names uploaded list I: {@code upload:I}, {@code upload I}, {@code [JOB/]upload-I.fits}. */
    private static final java.util.regex.Pattern UPLOAD_NAME = java.util.regex.Pattern.compile(
            "(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)?"     // the job's staging directory
                    + "\\bupload(?::| |-)(\\d+)(?:\\.fits)?\\b");

    /**
     * Says of each file to upload whose GTIs will be taken from its events (no GTI extension) what the local command
     * says, before it is sent: the server sees the GTIs the upload carries, not where they came from. An error under
     * --strict, before anything is sent.
     */
    static void warnGtiFromEvents(List<Path> files, Warnings warnings) {
        for (Path f : files) {
            try (EventFileReader r = EventFileReader.open(f)) {
                PlanWarnings.gtiFromEvents(InputHeader.of(f.toString(), r)).ifPresent(warnings::warn);
            }
        }
    }

    /**
     * Follows the job with a progress bar on stderr, handing each message with a running product to {@code running}
     * and each warning of the job's plan (JobProgress.warnings: what it changed or assumed) to {@code warnings} once;
     * returns its final progress.
     */
    static JobProgress watch(MeshClient mesh, String jobId, PrintStream err, boolean quiet,
                             Consumer<JobProgress> running, Consumer<String> warnings) {
        ProgressLine progress = new ProgressLine(err, ProgressBar.mode(quiet), System::nanoTime);
        JobProgress last = mesh.watch(jobId, follower(progress, err, running, warnings));
        progress.close();
        return last;
    }

    /**
     * What {@link #watch} does with each message of the Watch: one with a running product to {@code running}, each new
     * warning to {@code warnings}, the progress to {@code progress}; and, once, why the mesh sent no running product
     * ({@code running_product_omitted}: larger than a Watch message carries, say), so that a --running-output that
     * stays unwritten is explained.
     */
    static Consumer<JobProgress> follower(ProgressLine progress, PrintStream err,
                                          Consumer<JobProgress> running, Consumer<String> warnings) {
        Set<String> said = new HashSet<>();
        boolean[] omissionSaid = {false};
        return p -> {
            if (p.hasRunningProduct()) {
                progress.makeRoom();        // for what writing it may say
                running.accept(p);
            }
            for (String w : p.getWarningsList()) {
                if (said.add(w)) {
                    progress.makeRoom();
                    warnings.accept(w);
                }
            }
            // the mesh's own field (found: the job's message, e.g. "reading a.evt", was taken for an omission)
            if (!p.getRunningProductOmitted().isEmpty() && !omissionSaid[0]) {
                omissionSaid[0] = true;
                progress.makeRoom();
                err.println("manta: --running-output is not updated: " + p.getRunningProductOmitted() + " (said once; "
                        + "the final product is written when the job ends)");
            }
            progress.show(p);
        };
    }
}
