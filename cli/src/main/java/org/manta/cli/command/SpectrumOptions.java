package org.manta.cli.command;

import java.util.Optional;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Normalization;
import picocli.CommandLine.Option;

/** Options of the spectral commands (pds, cpds, dynps): segment length and normalisation. */
public final class SpectrumOptions {

    @Option(names = "--segment", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Segment length in seconds for averaging; cpds and dynps need it, pds without it computes one "
                    + "periodogram of the whole span (GTI gaps as zeros: a warning).")
    Double segment;

    @Option(names = "--norm", paramLabel = "leahy|frac|abs|none", defaultValue = "leahy", converter = Converters.Norm.class,
            description = "Normalisation (default: ${DEFAULT-VALUE}).")
    Normalization norm;

    public Optional<Double> segment() {
        return Optional.ofNullable(segment);
    }

    public Normalization norm() {
        return norm == null ? Normalization.LEAHY : norm;
    }

    /**
     * The segment length fixed to an integer number of bins (Stingray's
     * {@code fix_segment_size_to_integer_samples}), if --segment was given.
     *
     * @throws org.manta.core.InvalidParameterException if the segment holds fewer than 2 bins of {@code dt}
     */
    public Optional<SegmentSpec> segmentSpec(double dt) {
        return segment().map(t -> SegmentSpec.of(dt, t));
    }
}
