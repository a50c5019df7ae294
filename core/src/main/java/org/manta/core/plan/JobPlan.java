package org.manta.core.plan;

import java.util.List;
import java.util.Optional;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Timing;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;
import org.manta.core.segment.SegmentBounds;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;

/**
 * The one plan of a segment job (design.md §2.1), the same for the embedded pipeline and the mesh:
 * <ul>
 *   <li>the bin time made compatible with the first input's TIMEDEL (Stingray
 *       {@code suggest_compatible_dt}, science.md §1.1) and the segment layout {@code T = N·dt}, in extended
 *       precision when TIMEDEL changed the bin time ({@link Timing#segmentSpec});</li>
 *   <li>the GTIs, as Stingray's {@code from_events} takes them: a power or dynamical spectrum uses the
 *       list's own GTIs, a cross spectrum {@code cross_two_gtis(gti1, gti2)}, which first joins exactly
 *       touching intervals within each list, also when both channels come from one file (two bands);</li>
 *   <li>the request's {@link TimeFilter} (user GTIs, time range, shortest GTI) applied to those GTIs;</li>
 *   <li>the segments ({@link Segments#bounds}: computed from the exact GTIs and segment length as Stingray
 *       does in {@code longdouble}) and, per channel, its input and band.</li>
 * </ul>
 * Per-segment rules (histogram, the fewer-than-2-events rule) are {@code SegmentKernel}'s.
 */
public final class JobPlan {
    private final JobRequest request;
    private final SegmentSpec segment;
    private final GtiList gti;
    private final SegmentBounds bounds;

    private JobPlan(JobRequest request, SegmentSpec segment, GtiList gti) {
        this.request = request;
        this.segment = segment;
        this.gti = gti;
        this.bounds = Segments.bounds(gti, segment);
    }

    /**
     * Plans a request on its inputs' headers.
     *
     * @param inputs one header per event list of the request, in input order
     * @throws InvalidParameterException if the number of inputs is not the request's, or a band selects on
     *                                   a column its input lacks
     * @throws NoDataException           if two inputs share no good time, or no GTI holds a segment
     */
    public static JobPlan of(JobRequest request, List<InputHeader> inputs) {
        return of(request, inputs, PlanCheck.NONE);
    }

    /**
     * Plans a request on its inputs' headers, as {@link #of(JobRequest, List)}, after {@code check} has seen
     * the plan's size: its segment count ({@link Segments#count}, counted before any segment is made), segment
     * layout and channels. The mesh's edge refuses there what its topics and memory cannot carry.
     *
     * @throws RuntimeException whatever {@code check} throws, before the segments are materialised
     */
    public static JobPlan of(JobRequest request, List<InputHeader> inputs, PlanCheck check) {
        if (inputs.size() != request.inputs()) {
            throw new InvalidParameterException("inputs", inputs.size() + " event list(s)",
                    request.inputs() + " for this " + request.kind() + " request");
        }
        for (int c = 0; c < request.channels(); c++) {
            Optional<EnergyBand> band = request.bandOf(c);
            if (band.isPresent()) {
                requireColumn(c, band.get(), inputs.get(request.inputOf(c)));
            }
        }
        SegmentSpec segment = request.fixedSegment().orElseGet(() ->
                Timing.segmentSpec(request.dt(), inputs.get(0).timedel(), request.segmentSize()));
        GtiList gti;
        if (request.kind() == SpectrumKind.CPDS) {
            InputHeader reference = inputs.get(request.inputOf(1));
            gti = Gtis.common(inputs.get(0).name(), inputs.get(0).gti(), reference.name(), reference.gti());
        } else {
            gti = inputs.get(0).gti();
        }
        GtiList kept = request.timeFilter().apply(gti);
        if (kept.isEmpty()) {
            throw new NoDataException(inputs.get(0).name() + ": no good time left after the time filter ("
                    + request.timeFilter().describe() + ") of its GTIs " + gti.describe());
        }
        check.check(Segments.count(kept, segment), segment, request.channels());
        return new JobPlan(request, segment, kept);
    }

    /**
     * A plan made before, from what it fixed (e.g. carried in a mesh record): the request, the segment
     * layout and the GTIs; the segment starts follow from them.
     */
    public static JobPlan of(JobRequest request, SegmentSpec segment, GtiList gti) {
        return new JobPlan(request, segment, gti);
    }

    private static void requireColumn(int channel, EnergyBand band, InputHeader input) {
        boolean have = band.onPi() ? input.hasPi() : input.hasEnergy();
        if (!have) {
            throw new InvalidParameterException("band" + (channel + 1), band,
                    "a selection on a column " + input.name() + " has: it has no "
                            + (band.onPi() ? "PI column" : "ENERGY column and no PI → energy calibration")
                            + (band.onPi() && input.hasEnergy() ? " (use an energy band)" : "")
                            + (!band.onPi() && input.hasPi() ? " (use --pi to select by PI channel)" : ""));
        }
    }

    public JobRequest request() {
        return request;
    }

    /** Bin time (compatible with TIMEDEL), bins per segment and segment length. */
    public SegmentSpec segment() {
        return segment;
    }

    /** The GTIs the segments are cut from: the product's {@code gti}. */
    public GtiList gti() {
        return gti;
    }

    public SpectrumKind kind() {
        return request.kind();
    }

    /** Number of segments (never 0). */
    public int segmentCount() {
        return bounds.count();
    }

    /** Start time of segment {@code k}: its first possible event time ({@link SegmentBounds#from}), MET s. */
    public double start(int k) {
        return bounds.from(k);
    }

    /** The segment origins (starts rounded to double, what the histograms subtract) {@code [from, to)}, a copy. */
    public double[] starts(int from, int to) {
        return bounds.origins(from, to);
    }

    /** The segments {@code [from, to)}. */
    public SegmentBounds bounds(int from, int to) {
        return bounds.slice(from, to);
    }

    /** End of segment {@code k}: its events are {@code eventsFrom(k) <= t < end(k)} (the same bound as the cutter's). */
    public double end(int k) {
        return bounds.to(k);
    }

    /**
     * Where the events of segment {@code k} begin in the cut of a whole file ({@link
     * org.manta.core.segment.SegmentEventStream}, which moves only forward): its start, or the end of segment
     * {@code k - 1} when that lies after it. Consecutive segments overlap where a GTI's last segment ends after
     * the GTI (Stingray's 1e-5 s length tolerance) and the next GTI, touching or a few microseconds later,
     * starts inside it, and where {@code start + T} rounds one ulp above the next start; the cut gives the
     * events there to the earlier segment only, so a work unit that starts at segment {@code k} reads its rows
     * from here.
     */
    public double eventsFrom(int k) {
        return k == 0 ? start(0) : Math.max(start(k), end(k - 1));
    }

    /** Channels a segment carries (2 for CPDS). */
    public int channels() {
        return request.channels();
    }

    /** Which input feeds a channel. */
    public int inputOf(int channel) {
        return request.inputOf(channel);
    }

    /** The band of a channel; empty: all events. */
    public Optional<EnergyBand> bandOf(int channel) {
        return request.bandOf(channel);
    }
}
