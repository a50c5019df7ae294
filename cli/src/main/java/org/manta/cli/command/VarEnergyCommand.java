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
import org.manta.core.events.EnergyBand;
import org.manta.core.spectrum.Normalization;
import org.manta.core.varenergy.EnergyBands;
import org.manta.core.varenergy.VarEnergyKind;
import org.manta.core.varenergy.VarEnergyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

    @Option(names = "--kind", required = true, paramLabel = "rms|lag|covariance|complexcov|count|excvar",
            description = "Which spectrum.")
    String kind;

    @Option(names = "--freq", paramLabel = "LO:HI", description = "Frequency interval LO <= f < HI, Hz "
            + "(rms, lag, covariance, complexcov).")
    String freq;

    @Option(names = "--bands", required = true, paramLabel = "E0,E1,...,En",
            description = "Band edges, keV, ascending: the bands are [E0,E1), [E1,E2), ...")
    String bands;

    @Option(names = "--ref", paramLabel = "LO:HI", converter = Converters.EnergyRange.class,
            description = "Reference band, keV (default: all energies, as Stingray).")
    EnergyBand ref;

    @Option(names = "--segment", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Segment length in seconds (required except for count and excvar).")
    Double segment;

    @Option(names = "--norm", paramLabel = "frac|abs", converter = Converters.Norm.class,
            description = "Normalisation of rms and covariances (default as Stingray: frac for rms and complexcov, "
                    + "abs for covariance).")
    Normalization norm;

    @Option(names = "--events2", paramLabel = "FILE2",
            description = "Second event list (e.g. another detector): the reference band, and for rms a second copy of "
                    + "each band, come from it; GTIs are intersected.")
    Path events2;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() throws Exception {
        options.validate();
        if (options.selection().isPresent()) {
            throw new InvalidParameterException("energy/pi", options.selection().get(),
                    "no --energy/--pi selection for varenergy: the bands are given by --bands");
        }
        VarEnergyRequest request = request();
        List<Path> files = new ArrayList<>(List.of(file));
        if (events2 != null) {
            files.add(events2);
        }
        Inputs.requireReadable(files);
        Provenance provenance = Provenance.of(main.commandLine(), files);
        EmbeddedPipeline.VarEnergy result = options.pipeline().varEnergy(request, files);
        ProductOutput.emit(Products.varEnergySpectrum(result.spectrum(), result.gti(), provenance), options, main.out(),
                main.err());
        return 0;
    }

    /** The validated request; every rejection names the option. */
    VarEnergyRequest request() {
        VarEnergyKind k = VarEnergyKind.parse(kind);
        boolean fourier = k != VarEnergyKind.COUNT && k != VarEnergyKind.EXCESS_VARIANCE;
        double[] f = {0, Double.POSITIVE_INFINITY};
        if (freq != null) {
            EnergyBand interval = EnergyBand.parse(freq, false);
            f = new double[] {interval.lo(), interval.hi()};
        } else if (fourier) {
            throw new InvalidParameterException("freq", "(none)", "a frequency interval LO:HI in Hz for the "
                    + k.label() + " spectrum, e.g. --freq 0.1:3");
        }
        if (segment == null && fourier) {
            throw new InvalidParameterException("segment", "(none)", "a segment length in seconds for the "
                    + k.label() + " spectrum (it is averaged over segments)");
        }
        double seg = segment != null ? segment : options.dt() * 2;
        if (events2 != null && k == VarEnergyKind.EXCESS_VARIANCE) {
            throw new InvalidParameterException("events2", events2, "no second list for the excess variance");
        }
        Normalization n = norm != null ? norm : (k == VarEnergyKind.COVARIANCE ? Normalization.ABS : Normalization.FRAC);
        return new VarEnergyRequest(k, n, options.dt(), seg, parseEdges(bands),
                ref != null ? ref : VarEnergyRequest.fullBand(false), f[0], f[1], events2 != null ? 2 : 1);
    }

    /** {@code E0,E1,…,En} → edges. */
    static EnergyBands parseEdges(String text) {
        String[] parts = text.split(",");
        double[] edges = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                edges[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("bands", text, "comma-separated band edges in keV, e.g. 0.5,1,2,4 ('"
                        + parts[i].trim() + "' is not a number)");
            }
        }
        return EnergyBands.energy(edges);
    }
}
