package org.manta.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.knowm.xchart.internal.chartpart.Chart;
import org.manta.cli.output.Product;
import org.manta.cli.output.Products;
import org.manta.cli.output.Provenance;
import org.manta.cli.plot.Plots;
import org.manta.core.InvalidParameterException;
import org.manta.core.gti.GtiList;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.FrequencyRange;
import org.manta.core.spectrum.PowerColors;
import org.manta.core.spectrum.Rms;
import picocli.CommandLine.Option;

/**
 * The options of power colours ({@code --segment --freq-edges --exclude --poisson}) and the colours they make of a
 * fractional-rms dynamical power spectrum: {@code manta colors} (the embedded one) and {@code manta submit colors}
 * (the mesh's DYNPS job) share them, so both write the same product.
 */
public final class ColorsOptions {
    @Option(names = "--segment", required = true, paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Segment length in seconds: one pair of colours per segment; at least 128 s for the "
                    + "default lowest edge of 1/256 Hz.")
    public double segment;

    // a String, converted in edges(): picocli would convert an array option's values one by one
    @Option(names = "--freq-edges", paramLabel = "F0,F1,F2,F3,F4",
            description = "The five frequency edges, Hz (default: Heil et al. 2015, 1/256,1/32,0.25,2,16).")
    String freqEdges;

    @Option(names = "--exclude", paramLabel = "LO:HI", converter = Converters.Frequencies.class,
            description = "A frequency range (Hz) to bridge, e.g. a QPO: the powers inside it are replaced by the mean "
                    + "of the powers at its ends (Stingray freqs_to_exclude). Repeatable.")
    List<FrequencyRange> exclude = new ArrayList<>();

    @Option(names = "--poisson", paramLabel = "theory|LEVEL", defaultValue = "theory",
            description = "Poisson noise level subtracted, in (rms/mean)^2/Hz: 'theory' = 2/mean rate (default), "
                    + "or a number (0 = none; e.g. a dead-time corrected level).")
    String poisson;

    /**
     * Checks, before any work, the segment against the bin time, the frequency edges (the default ones in the words
     * of --segment and --dt) and the excluded ranges against the spectrum of such segments, and the Poisson level
     * (the others are checked by their converters).
     */
    public void validate(double dt) {
        SegmentSpec spec = SegmentSpec.of(dt, segment);
        if (freqEdges == null) {
            PowerColors.requireHeilEdges(spec);
        } else {
            PowerColors.requireEdges(edges(), spec);
        }
        PowerColors.requireExcluded(exclude, spec);
        givenPoissonLevel();
    }

    private double[] edges() {
        if (freqEdges == null) {
            return PowerColors.heilEdges();
        }
        try {
            return new Converters.FrequencyEdges().convert(freqEdges);
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new InvalidParameterException("freq-edges", freqEdges,
                    "5 ascending positive frequencies in Hz, e.g. 1/256,1/32,0.25,2,16");
        }
    }

    /**
     * Colours of every segment of the fractional-rms dynamical power spectrum (Stingray {@code power_colors}) and
     * the fractional rms between the outer edges, with the Poisson level asked for subtracted.
     *
     * @param dt  the bin time asked for, s
     * @param gti the GTIs the segments were cut from
     */
    public Product product(DynamicalPowerSpectrum dps, double dt, GtiList gti, Provenance provenance) {
        double[] edges = edges();
        double level = poissonLevel(dps);
        PowerColors.PowerColor[] colors = dps.powerColors(edges, level, exclude);
        Rms[] rms = dps.computeRms(edges[0], edges[4], level);
        return Products.powerColors(dps, dt, colors, rms, edges, exclude, level, gti, provenance);
    }

    /** The colour–colour diagram with hue and error bars, its notes (file, band, dt, segment, m) from the product. */
    public Function<Product, Chart<?, ?>> chart() {
        return Plots::powerColors;
    }

    private double poissonLevel(DynamicalPowerSpectrum dps) {
        return givenPoissonLevel().orElseGet(dps::poissonLevel);
    }

    /** The level of --poisson LEVEL; empty for 'theory' (the spectrum's own, 2/mean rate). */
    private OptionalDouble givenPoissonLevel() {
        String text = poisson.trim();
        if (text.equalsIgnoreCase("theory")) {
            return OptionalDouble.empty();
        }
        double level = Converters.parseSeconds(text);
        if (!(level >= 0) || Double.isInfinite(level)) {
            throw new InvalidParameterException("poisson", poisson,
                    "'theory' or a noise level >= 0 in (rms/mean)^2/Hz, e.g. 0.02");
        }
        return OptionalDouble.of(level);
    }
}
