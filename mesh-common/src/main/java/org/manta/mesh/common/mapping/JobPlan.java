package org.manta.mesh.common.mapping;

import java.util.Optional;
import org.manta.core.events.EnergyBand;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Normalization;
import org.manta.proto.v1.ProductKind;

/**
 * A validated {@code JobSpec} in core terms: what every service needs to process the job.
 *
 * @param kind          PDS, CPDS or DYNPS
 * @param segment       bin time and segment length, fixed to whole bins (science.md §2.7)
 * @param norm          the normalisation of the product
 * @param useCommonMean normalise with the mean of all segments (true), or per segment (PDS only)
 * @param band1         event selection of channel 1 (the subject); empty: all events
 * @param band2         event selection of channel 2 (CPDS reference); empty: all events
 * @param inputCount    event lists: 1, or 2 for a CPDS between two lists
 */
public record JobPlan(ProductKind kind, SegmentSpec segment, Normalization norm, boolean useCommonMean,
                      Optional<EnergyBand> band1, Optional<EnergyBand> band2, int inputCount) {

    /** Number of channels a segment carries: 2 for CPDS, else 1. */
    public int channels() {
        return kind == ProductKind.CPDS ? 2 : 1;
    }

    /** Which input feeds a channel (0-based): channel 2 of a two-list CPDS reads input 1, all else input 0. */
    public int inputOf(int channel) {
        return channel == 1 && inputCount == 2 ? 1 : 0;
    }

    /** The band of a channel (0-based). */
    public Optional<EnergyBand> bandOf(int channel) {
        return channel == 0 ? band1 : band2;
    }
}
