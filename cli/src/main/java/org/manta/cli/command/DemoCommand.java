package org.manta.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.demo.SpectralFeatures;
import org.manta.cli.output.OutputFormat;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.cli.pipeline.EmbeddedPipeline;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
import org.manta.core.io.EventFileWriter;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.simulate.DemoConfig;
import org.manta.core.simulate.DemoSimulation;
import org.manta.core.simulate.DemoTruth;
import org.manta.core.simulate.SimulatedObservation;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.Normalization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code manta demo}: simulates an observation with a QPO and a hard lag, runs the main analyses and writes
 * products and plots into a directory, then says what it found against what it simulated.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate an observation with a QPO and a hard lag, analyse it, and write products and plots.",
            "Simulated: red noise and a 3 Hz QPO (Q = 10), 25%% rms in total; the 3-10 keV band lags the 0.5-3 keV "
                + "band by 5 ms.",
            "Written into DIR: events.evt, pds.json, pds.png, cpds.json, lags.png (files already there are an error "
                + "unless --overwrite)."},
        footer = {"", "Example:", "  manta demo --seed 7 --dir /tmp/manta-demo"})
public final class DemoCommand implements Callable<Integer> {
    /** Bin time and segment length of the demo analyses, s. */
    static final double DEMO_DT = 1.0 / 256;
    static final double DEMO_SEGMENT = 16;
    /** Frequency range searched for the QPO, Hz. */
    static final double QPO_SEARCH_MIN = 0.5;
    static final double QPO_SEARCH_MAX = 50;

    @ParentCommand
    Main main;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-d", "--dir"}, defaultValue = "manta-demo", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--overwrite", description = "Replace the files of an earlier demo in DIR.")
    boolean overwrite;

    @Option(names = "--quiet", description = "No progress or status messages.")
    boolean quiet;

    /** What the demo writes into its directory. */
    static final List<String> FILES = List.of("events.evt", "pds.json", "pds.png", "cpds.json", "lags.png");

    @Override
    public Integer call() throws Exception {
        List<String> earlier = FILES.stream().filter(name -> Files.exists(dir.resolve(name))).toList();
        if (!earlier.isEmpty() && !overwrite) {
            throw new InvalidParameterException("dir", dir, "a folder without an earlier demo's files (it holds "
                    + String.join(", ", earlier) + "; give --overwrite to replace them, or another --dir)");
        }
        for (String name : FILES) {
            AnalysisOptions.requireWritable("dir", dir.resolve(name), true);
        }
        DemoConfig config = DemoConfig.defaults(seed);
        SimulatedObservation sim = DemoSimulation.simulate(config);
        DemoTruth truth = sim.truth();
        Provenance provenance = main.provenance(List.of());
        Path events = dir.resolve("events.evt");
        Files.createDirectories(dir);
        EventFileWriter.write(sim.events(), events);
        if (!quiet) {
            main.err().printf(Locale.ROOT, "manta demo: simulated %d events (%d soft %s, %d hard %s) in %.0f s of GTIs; "
                            + "QPO %.3g Hz (Q = %.3g), rms %.0f%%, hard lag %+.3g ms -> %s%n",
                    sim.events().size(), truth.softEvents(), truth.soft(), truth.hardEvents(), truth.hard(),
                    sim.events().gti().exposure(), truth.qpoFrequency(), truth.qpoQ(), 100 * truth.rms(),
                    truth.hardLag() * 1e3, events);
        }
        Provenance analysed = main.provenance(List.of(events));
        EmbeddedPipeline pipeline = new EmbeddedPipeline(PoolSettings.defaults(), quiet);
        Product pds = withContext(Products.powerSpectrum(pipeline.powerSpectrum(events, Optional.empty(), DEMO_DT,
                DEMO_SEGMENT, Normalization.LEAHY, true), analysed), pipeline);
        AveragedCrossSpectrum cs = pipeline.crossSpectrum(events, Optional.of(truth.hard()), events,
                Optional.of(truth.soft()), DEMO_DT, DEMO_SEGMENT, Normalization.FRAC);
        Product cpds = withContext(Products.crossSpectrum(cs, analysed), pipeline);
        write(pds, dir.resolve("pds.json"));
        Plots.writePng(Plots.forProduct(pds), dir.resolve("pds.png"));
        wrote(dir.resolve("pds.png"));
        write(cpds, dir.resolve("cpds.json"));
        Plots.writePng(Plots.crossSpectrum(cs, cpds), dir.resolve("lags.png"));
        wrote(dir.resolve("lags.png"));
        SpectralFeatures.QpoEstimate qpo = SpectralFeatures.findQpo(pds.array("freq"), pds.array("power"),
                QPO_SEARCH_MIN, QPO_SEARCH_MAX);
        double[] band = SpectralFeatures.qpoBand(qpo);
        SpectralFeatures.WeightedMean lag = SpectralFeatures.weightedMean(cpds.array("freq"), cpds.array("time_lag"),
                cpds.array("time_lag_err"), band[0], band[1]);
        main.out().println(SpectralFeatures.report(qpo, lag, truth));
        return 0;
    }

    /** The product with the context of what {@code pipeline} read last (mission, bands), as the commands'. */
    private static Product withContext(Product product, EmbeddedPipeline pipeline) {
        return pipeline.observation().map(o -> Products.withObservation(product, o)).orElse(product);
    }

    private void write(Product product, Path file) throws IOException {
        OutputFormat.JSON.writer().write(product, file);
        wrote(file);
    }

    /** Says that {@code file} was written, unless --quiet (the plots as the products: found, only the JSON was said). */
    private void wrote(Path file) {
        if (!quiet) {
            main.err().println("manta demo: wrote " + file);
        }
    }
}
