package org.manta.core.plan;

import java.util.Objects;
import java.util.Optional;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Normalization;

/**
 * What a user asked for, before the event files are looked at: the product, the requested bin time and
 * segment length, the normalisation, the bands and the number of event lists. Validated on
 * construction; every rejection names the parameter, its value and what was expected.
 *
 * @param kind          the product
 * @param dt            requested bin time, s; the plan makes it compatible with the instrument's TIMEDEL
 * @param segmentSize   segment length, s
 * @param norm          normalisation of the product
 * @param useCommonMean normalise with the mean of all segments (true, Stingray's default) or per segment (PDS only)
 * @param band1         selection of channel 1 (the subject); empty: all events
 * @param band2         selection of channel 2 (the CPDS reference); empty: all events
 * @param inputs        event lists: 1, or 2 for a CPDS between two lists (input 1 is the reference)
 * @param timeFilter    user GTIs, time range and shortest GTI, applied to the inputs' GTIs by the plan
 * @param fixedSegment  the segment layout a plan takes as it is, its inputs' TIMEDEL not applied (a later observation
 *                      of several averaged: the first one's, {@link ObservationPlans}); empty: the plan makes it
 */
public record JobRequest(SpectrumKind kind, double dt, double segmentSize, Normalization norm, boolean useCommonMean,
                         Optional<EnergyBand> band1, Optional<EnergyBand> band2, int inputs, TimeFilter timeFilter,
                         Optional<SegmentSpec> fixedSegment) {
    public JobRequest {
        Objects.requireNonNull(timeFilter, "timeFilter");
        Objects.requireNonNull(fixedSegment, "fixedSegment");
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new InvalidParameterException("dt", dt, "a positive, finite bin time in seconds");
        }
        SegmentSpec.of(dt, segmentSize);    // checks the segment length against dt
        if (!useCommonMean && kind != SpectrumKind.PDS) {
            throw new InvalidParameterException("use_common_mean", false,
                    "true for " + kind + " (per-segment means are implemented for PDS only)");
        }
        if (band2.isPresent() && kind != SpectrumKind.CPDS) {
            throw new InvalidParameterException("band2", band2.get(), "unset for " + kind + " (one channel: use band1)");
        }
        if (kind == SpectrumKind.CPDS) {
            if (inputs != 1 && inputs != 2) {
                throw new InvalidParameterException("inputs", inputs, "one or two event lists for CPDS");
            }
            if (inputs == 1 && (band1.isEmpty() || band2.isEmpty())) {
                throw new InvalidParameterException("band1/band2", band1.isEmpty() ? "band1 unset" : "band2 unset",
                        "both bands for a CPDS of one event list (or a second event list)");
            }
        } else if (inputs != 1) {
            throw new InvalidParameterException("inputs", inputs, "exactly one event list for " + kind);
        }
    }

    /** A request whose plan makes its segment layout. */
    public JobRequest(SpectrumKind kind, double dt, double segmentSize, Normalization norm, boolean useCommonMean,
                      Optional<EnergyBand> band1, Optional<EnergyBand> band2, int inputs, TimeFilter timeFilter) {
        this(kind, dt, segmentSize, norm, useCommonMean, band1, band2, inputs, timeFilter, Optional.empty());
    }

    /** A request without a time filter. */
    public JobRequest(SpectrumKind kind, double dt, double segmentSize, Normalization norm, boolean useCommonMean,
                      Optional<EnergyBand> band1, Optional<EnergyBand> band2, int inputs) {
        this(kind, dt, segmentSize, norm, useCommonMean, band1, band2, inputs, TimeFilter.none());
    }

    /** This request with another bin time (e.g. a whole-series job's on its inputs). */
    public JobRequest withDt(double newDt) {
        return new JobRequest(kind, newDt, segmentSize, norm, useCommonMean, band1, band2, inputs, timeFilter,
                fixedSegment);
    }

    /**
     * This request planned on {@code layout} as it is, whatever its inputs' TIMEDEL (a later observation of several:
     * the first one's layout, so that their segments merge); its bin time is the layout's.
     */
    public JobRequest withFixedSegment(SegmentSpec layout) {
        return new JobRequest(kind, layout.dt(), segmentSize, norm, useCommonMean, band1, band2, inputs, timeFilter,
                Optional.of(layout));
    }

    /** This request with another segment length (e.g. a whole-series job's segments on the plan's bin time). */
    public JobRequest withSegmentSize(double newSegmentSize) {
        return new JobRequest(kind, dt, newSegmentSize, norm, useCommonMean, band1, band2, inputs, timeFilter,
                fixedSegment);
    }

    /** This request of another number of event lists (e.g. one observation's of several: two bands of one list, or two). */
    public JobRequest withInputs(int newInputs) {
        return new JobRequest(kind, dt, segmentSize, norm, useCommonMean, band1, band2, newInputs, timeFilter,
                fixedSegment);
    }

    /** This request with {@code filter} applied to the inputs' GTIs. */
    public JobRequest withTimeFilter(TimeFilter filter) {
        return new JobRequest(kind, dt, segmentSize, norm, useCommonMean, band1, band2, inputs, filter, fixedSegment);
    }

    /** A power spectrum request (common mean) of one list. */
    public static JobRequest power(double dt, double segmentSize, Normalization norm, Optional<EnergyBand> band) {
        return new JobRequest(SpectrumKind.PDS, dt, segmentSize, norm, true, band, Optional.empty(), 1);
    }

    /** The band of a channel (0-based). */
    public Optional<EnergyBand> bandOf(int channel) {
        return channel == 0 ? band1 : band2;
    }

    /** Which input feeds a channel (0-based): channel 2 of a two-list CPDS reads input 1, all else input 0. */
    public int inputOf(int channel) {
        return channel == 1 && inputs == 2 ? 1 : 0;
    }

    /** Channels a segment carries. */
    public int channels() {
        return kind.channels();
    }
}
