package org.manta.core.bispectrum;

import java.util.Optional;
import java.util.function.LongConsumer;
import org.manta.core.InvalidParameterException;

/**
 * What a squared bicoherence is asked with ({@code manta bicoherence}, a BICOHERENCE job of the mesh): the segment
 * length in bins and the data window. The command and the mesh's worker compute it of the same contiguous bins
 * through {@link #of}.
 *
 * @param segmentBins bins per segment, at least 4
 * @param window      the data window, or empty for none
 */
public record BicoherenceRequest(int segmentBins, Optional<LagWindow> window) {
    public BicoherenceRequest {
        if (segmentBins < 4) {
            throw new InvalidParameterException("segment bins", segmentBins, "at least 4 bins per segment");
        }
    }

    /**
     * The request of a segment length in seconds: {@code round(segment/dt)} bins.
     *
     * @throws InvalidParameterException naming {@code segment} if that is fewer than 4 bins (or more than an int)
     */
    public static BicoherenceRequest of(double segment, double dt, Optional<LagWindow> window) {
        long bins = Math.round(segment / dt);
        if (bins < 4 || bins > Integer.MAX_VALUE) {
            throw new InvalidParameterException("segment", segment, "at least 4 bins of dt = " + dt + " s");
        }
        return new BicoherenceRequest((int) bins, window);
    }

    /** The bicoherence of contiguous bins ({@link Bicoherence#of}). */
    public Bicoherence of(double[] counts, double dt) {
        return Bicoherence.of(counts, dt, segmentBins, window);
    }

    /** {@link #of(double[], double)}, telling {@code progress} each segment done ({@link #segments} in all). */
    public Bicoherence of(double[] counts, double dt, LongConsumer progress) {
        return Bicoherence.of(counts, dt, segmentBins, window, progress);
    }

    /** The segments averaged over a light curve of {@code bins} bins: whole segments only. */
    public int segments(int bins) {
        return bins / segmentBins;
    }
}
