package org.manta.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.manta.cli.Main;
import org.manta.cli.output.Provenance;
import org.manta.core.deadtime.FadSpectrum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code manta fad DET1 DET2 --dt --segment}: FAD dead-time corrected spectra of two detectors. */
@Command(name = "fad", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Dead-time corrected spectra of two independent detectors by the Fourier Amplitude Difference "
            + "(Bachetti & Huppenkothen 2018; Stingray deadtime.fad.FAD).",
            "The two event files must be simultaneous recordings of the same source by detectors with independent "
                + "dead time (e.g. NuSTAR FPMA and FPMB). Output: the corrected power spectra of each detector "
                + "(pds1, pds2) and of their sum (ptot), the corrected cross spectrum (cs), the uncorrected ptot and "
                + "the corrected amplitude difference (fad)."},
        footer = {"", "Examples:",
            "  manta fad fpma.evt fpmb.evt --dt 1/512 --segment 8 -o fad.json --plot fad.png",
            "  manta fad fpma.evt fpmb.evt --dt 1/512 --segment 8 --deadtime 2.5e-3 --plot fad.png"})
public final class FadCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "DET1", description = "Event file of detector 1.")
    Path file1;

    @Parameters(index = "1", paramLabel = "DET2", description = "Event file of detector 2 (simultaneous, independent).")
    Path file2;

    @Mixin
    AnalysisOptions options;

    @Mixin
    SpectrumOptions spectrum;

    @Mixin
    FadOptions fad;

    @Override
    public Integer call() throws Exception {
        options.validate();
        if (spectrum.segment().isEmpty()) {
            throw SpectrumOptions.segmentRequired("fad");
        }
        spectrum.segmentSpec(options.dt());
        fad.refuseRebin(spectrum);
        fad.validate();
        List<Path> files = List.of(file1, file2);
        Inputs.requireReadable(files);
        Provenance provenance = main.provenance(files);
        FadSpectrum corrected = options.pipeline().fad(file1, file2, options.selection(), options.dt(),
                spectrum.segment().orElseThrow(), spectrum.norm(), fad.smoothing, fad.smoothingLength(), fad.tolerance);
        ProductOutput.emit(fad.product(corrected, provenance, main.err()), options, main.out(),
                main.err());
        return 0;
    }
}
