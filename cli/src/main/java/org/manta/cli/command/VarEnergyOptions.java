package org.manta.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.manta.core.InvalidParameterException;
import org.manta.core.Numbers;
import org.manta.core.events.EnergyBand;
import org.manta.core.spectrum.Normalization;
import org.manta.core.varenergy.EnergyBands;
import org.manta.core.varenergy.VarEnergyKind;
import org.manta.core.varenergy.VarEnergyRequest;
import picocli.CommandLine.Option;

/**
 * The options of a variability-versus-energy spectrum ({@code --kind --freq --bands --ref --segment --norm
 * --events2}) and the request they make: {@code manta varenergy} and {@code manta submit varenergy} share them.
 */
public final class VarEnergyOptions {
    /**
     * Bins of the segment planned for count and excvar without --segment: they do not use segments (counts of
     * the whole list, the light curve of the whole span), but the plan needs one, with at least one Fourier
     * frequency below Nyquist (4 bins).
     */
    private static final int UNUSED_SEGMENT_BINS = 4;

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
    public Path events2;

    /**
     * The validated request; every rejection names the option. Options the kind does not use are warned of
     * ({@link #unusedOptions}), and a frequency interval that passes the Nyquist frequency of {@code --dt} is cut
     * there ({@link #belowNyquist}); both through {@link AnalysisOptions#warnings()} (errors under --strict).
     */
    public VarEnergyRequest request(AnalysisOptions options) {
        VarEnergyKind k = VarEnergyKind.parse(kind);
        boolean fourier = k != VarEnergyKind.COUNT && k != VarEnergyKind.EXCESS_VARIANCE;
        unusedOptions(k).ifPresent(options.warnings()::warn);
        double[] f = {0, Double.POSITIVE_INFINITY};
        if (freq != null && fourier) {
            EnergyBand interval = EnergyBand.parse(freq, false);
            f = belowNyquist(interval.lo(), interval.hi(), options.dt(), options.warnings()::warn);
        } else if (fourier) {
            throw new InvalidParameterException("freq", "(none)", "a frequency interval LO:HI in Hz for the "
                    + k.label() + " spectrum, e.g. --freq 0.1:3");
        }
        if (segment == null && fourier) {
            throw new InvalidParameterException("segment", "(none)", "a segment length in seconds for the "
                    + k.label() + " spectrum (it is averaged over segments)");
        }
        double seg = segment != null ? segment : options.dt() * UNUSED_SEGMENT_BINS;
        if (events2 != null && k == VarEnergyKind.EXCESS_VARIANCE) {
            throw new InvalidParameterException("events2", events2, "no second list for the excess variance");
        }
        Normalization n = norm != null ? norm : k.defaultNorm();
        return new VarEnergyRequest(k, n, options.dt(), seg, parseEdges(bands),
                ref != null ? ref : VarEnergyRequest.fullBand(false), f[0], f[1], events2 != null ? 2 : 1);
    }

    /**
     * The options given that the kind does not use, in one line: {@code --freq}, {@code --segment} and {@code --ref}
     * for count and excvar (counts of the whole list; the light curve of the whole span), {@code --norm} for all
     * but rms and the covariances (a lag, a count and F_var have no normalisation).
     */
    Optional<String> unusedOptions(VarEnergyKind k) {
        boolean fourier = k != VarEnergyKind.COUNT && k != VarEnergyKind.EXCESS_VARIANCE;
        boolean normed = k == VarEnergyKind.RMS || k == VarEnergyKind.COVARIANCE
                || k == VarEnergyKind.COMPLEX_COVARIANCE;
        List<String> unused = new ArrayList<>();
        if (!fourier && freq != null) {
            unused.add("--freq " + freq);
        }
        if (!fourier && segment != null) {
            unused.add("--segment " + Numbers.compact(segment));
        }
        if (!fourier && ref != null) {
            unused.add("--ref " + ref.lo() + ":" + ref.hi());
        }
        if (!normed && norm != null) {
            unused.add("--norm " + norm.label());
        }
        if (unused.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", unused) + (unused.size() == 1 ? " has" : " have") + " no effect on the "
                + k.label() + " spectrum (" + switch (k) {
                    case COUNT -> "events per band in the whole list";
                    case EXCESS_VARIANCE -> "F_var of each band's light curve binned with --dt over the whole span";
                    default -> "a time lag is not normalised";
                } + "): ignored");
    }

    /**
     * The frequency interval {@code [lo, hi)} within the Fourier frequencies of bin time {@code dt}, which stop below
     * the Nyquist frequency {@code 0.5/dt}: one that passes it is cut there, which {@code warn} is told (the spectrum is
     * the same: no frequency lies between); one wholly above it is refused.
     *
     * @return {@code {lo, min(hi, 0.5/dt)}}
     * @throws InvalidParameterException for {@code lo >= 0.5/dt}
     */
    static double[] belowNyquist(double lo, double hi, double dt, Consumer<String> warn) {
        double nyquist = 0.5 / dt;
        if (lo >= nyquist) {
            throw new InvalidParameterException("freq", lo + ":" + hi, "an interval "
                    + "below the Nyquist frequency " + Numbers.compact(nyquist) + " Hz of --dt " + Numbers.compact(dt)
                    + " s (or a shorter --dt)");
        }
        if (hi > nyquist) {
            warn.accept("--freq " + Numbers.compact(lo) + ":" + Numbers.compact(hi) + " passes the Nyquist frequency "
                    + Numbers.compact(nyquist) + " Hz of dt = " + Numbers.compact(dt) + " s: using " + Numbers.compact(lo)
                    + ":" + Numbers.compact(nyquist) + " Hz");
            return new double[] {lo, nyquist};
        }
        return new double[] {lo, hi};
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
