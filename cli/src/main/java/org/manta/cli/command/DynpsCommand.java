package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Product;
import org.manta.cli.output.Provenance;
import org.manta.cli.pipeline.EmbeddedPipeline;
import org.manta.core.segment.SegmentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code manta dynps FILE --dt --segment}: dynamical power spectrum. */
@Command(name = "dynps", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Dynamical power spectrum: one periodogram per segment (--segment is required), laid out "
            + "[freq][time].",
            "--rebin DF|Nx averages each periodogram to DF Hz or N × df (Stingray rebin_frequency; m becomes N); "
                + "--rebin-log is refused. The product's dt is the time step of its columns (the segment, as "
                + "Stingray's); bin_time is --dt."},
        footer = {"", "Example:", "  manta dynps obs.evt --dt 1/16 --segment 64 -o dynps.fits --plot dynps.png"})
public final class DynpsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "Event file (FITS; .gz is fine).")
    Path file;

    @Mixin
    AnalysisOptions options;

    @Mixin
    SpectrumOptions spectrum;

    @Mixin
    TimeOptions time;

    @Override
    public Integer call() throws Exception {
        options.validate();
        SegmentSpec segment = spectrum.segmentSpec(options.dt())
                .orElseThrow(() -> SpectrumOptions.segmentRequired("dynps"));
        refuseRebinLog(spectrum);
        spectrum.validateRebin(Optional.of(segment));
        Inputs.requireReadable(List.of(file));
        Provenance provenance = main.provenance(List.of(file));
        Product product = compute(provenance, segment);
        ProductOutput.emit(product, options, main.out(), main.err());
        return 0;
    }

    /**
     * Refuses {@code --rebin-log} (and both rebin options), as {@code manta dynps} and {@code manta submit dynps} do
     * before any work: each column is rebinned linearly only.
     */
    public static void refuseRebinLog(SpectrumOptions spectrum) {
        spectrum.refuseRebin("dynps", true, "each segment's periodogram is rebinned linearly in frequency, as "
                + "Stingray's rebin_frequency");
    }

    /**
     * Dynamical power spectrum (Stingray {@code DynamicalPowerspectrum}): one periodogram per segment,
     * normalised with the common mean, laid out {@code dyn_ps[freq][time]}.
     */
    Product compute(Provenance provenance, SegmentSpec segment) {
        EmbeddedPipeline pipeline = options.pipeline().withTimeFilter(time.filter());
        EmbeddedPipeline.Dynamical dps = pipeline.dynamicalPowerSpectrum("dynps", file, options.selection(), options.dt(),
                spectrum.segment().orElseThrow(), spectrum.norm());
        return spectrum.dynamicalProduct(dps.spectrum(), dps.binTime(), dps.gti(), provenance);
    }
}
