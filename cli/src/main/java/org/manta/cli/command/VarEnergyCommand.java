package org.manta.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.cli.pipeline.EmbeddedPipeline;
import org.manta.core.InvalidParameterException;
import org.manta.core.varenergy.VarEnergyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code manta varenergy FILE --kind … --freq LO:HI --bands E0,…,En [--ref LO:HI]}: a variability-versus-energy
 * spectrum (Stingray {@code varenergyspectrum.py}, science.md §13) from one pass over the events.
 */
@Command(name = "varenergy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Variability-versus-energy spectrum: one value per energy band, all bands from one pass.",
            "rms: rms in the frequency interval (frac or abs); lag: time lag of each band against the reference band "
                + "(positive: the band lags); covariance / complexcov: covariance with the reference band (modulus / "
                + "complex); count: events per band; excvar: fractional excess variance F_var of each band's light "
                + "curve binned with --dt (Vaughan et al. 2003; Stingray's ExcessVarianceSpectrum as it intends, "
                + "see docs/cli.md)."},
        footer = {"", "Examples:",
            "  manta varenergy obs.evt --kind lag --freq 0.1:3 --bands 0.5,1,2,4,8,12 --ref 0.5:12 \\",
            "      --dt 1/64 --segment 32 -o lags.json --plot lags.png",
            "  manta varenergy obs.evt --kind rms --norm frac --freq 0.1:3 --bands 0.5,1,2,4,8 --dt 1/64 --segment 32",
            "  manta varenergy obs.evt --kind excvar --bands 0.5,1,2,4,8 --dt 1"})
public final class VarEnergyCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "Event file (subject bands; also the reference "
            + "unless --events2).")
    Path file;

    @Mixin
    VarEnergyOptions varEnergy;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() throws Exception {
        options.validate();
        if (options.selection().isPresent()) {
            throw new InvalidParameterException("energy/pi", options.selection().get(),
                    "no --energy/--pi selection for varenergy: the bands are given by --bands");
        }
        VarEnergyRequest request = varEnergy.request(options);
        List<Path> files = new ArrayList<>(List.of(file));
        if (varEnergy.events2 != null) {
            files.add(varEnergy.events2);
        }
        Inputs.requireReadable(files);
        Provenance provenance = main.provenance(files);
        EmbeddedPipeline.VarEnergy result = options.pipeline().varEnergy(request, files);
        ProductOutput.emit(Products.varEnergySpectrum(result.spectrum(), result.gti(), provenance), options, main.out(),
                main.err());
        return 0;
    }
}
