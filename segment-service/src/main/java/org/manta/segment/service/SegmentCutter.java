package org.manta.segment.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.manta.core.MantaException;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;
import org.manta.core.segment.Histogram;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;
import org.manta.core.spectrum.Spectra;
import org.manta.mesh.common.mapping.JobPlan;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.BinnedCounts;
import org.manta.proto.v1.EventChunk;
import org.manta.proto.v1.EventTimes;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.Segment;
import org.manta.proto.v1.SegmentChannel;
import org.manta.proto.v1.SegmenterInput;
import org.manta.proto.v1.SegmenterPhase;
import org.manta.proto.v1.SegmenterState;

/**
 * Cuts a job's ordered event chunks into the events of GTI-aligned segments: the streaming form of
 * Stingray's {@code get_flux_iterable_from_segments} for events (science.md §2.4–2.5, §3.1), the same
 * rules as the core's {@code SegmentEventStream}: segment {@code k} starts at
 * {@code Segments.starts(gti, spec)[k]} and holds the events {@code start <= t < start + T}; every
 * index {@code 0..total-1} is published exactly once and in order, also when it holds no events (the
 * worker skips it then); events outside every segment are dropped. A channel with more events than
 * bins travels as its counts per bin (see {@link #channel}).
 *
 * <p>The state of each job between chunks is a {@link SegmenterState} (a state-store value): the spec,
 * per input the next chunk seq and the latest time seen, the GTIs, the next segment and the events
 * not yet published. A segment is published once every channel is complete up to its end: that
 * channel's input has shown an event at or after the end, or has ended. When every input has ended
 * and every segment is out, the {@link ExpectedCount} is published: completion is known, not guessed.
 * For a job that wants a running product, a preliminary one (spec, GTIs, total, no input totals) goes
 * out as soon as the segments are known, so the reducer can normalise while data still flows.
 *
 * <p>Channels: channel 1 is input 0 in band1; channel 2 (CPDS) is input 1 (two lists) or input 0 again,
 * in band2. Bad input (a chunk out of sequence, times going backwards, a band on a column the file
 * does not have, no GTI long enough for a segment) aborts the job with a message, never the service.
 *
 * <p>Pure and single-threaded (one instance per stream task); a small cache keeps each job's plan and segment
 * starts, which are recomputed from the stored spec and GTIs after a restart.
 */
public final class SegmentCutter {
    private static final int CACHED_JOBS = 64;

    /** The job could not be cut; the message is the job's FAILED message. */
    static final class JobAbort extends MantaException {
        JobAbort(String message) {
            super(message);
        }
    }

    /**
     * What one chunk produced.
     *
     * @param state       the job's new state (null: leave the store unchanged, e.g. a duplicate chunk)
     * @param preliminary the preliminary expected count ({@code preliminary = true}), once the segments are
     *                    known, for a job with {@code want_running_product}; publish it before the segments
     * @param segments    segments to publish, in index order
     * @param expected    the expected count, once the job's input is exhausted
     * @param failure     the reason, when the job failed on this chunk
     */
    public record Output(SegmenterState state, Optional<ExpectedCount> preliminary, List<Segment> segments,
                         Optional<ExpectedCount> expected, Optional<String> failure) {
        static Output unchanged() {
            return new Output(null, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        }
    }

    /** What is derived from a job's stored state once: its plan and, once the GTIs are known, its segment starts. */
    private record Derived(JobPlan plan, double[] starts) {
    }

    private final Map<String, Derived> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Derived> eldest) {
            return size() > CACHED_JOBS;
        }
    };

    /**
     * Processes one chunk of a job.
     *
     * @param state the job's state so far, or null for its first chunk
     * @param chunk the next chunk (records of one job arrive in order on one partition)
     */
    public Output cut(SegmenterState state, EventChunk chunk) {
        if (state != null && state.getPhase() != SegmenterPhase.CUTTING) {
            return Output.unchanged();          // finished or aborted: a straggler
        }
        try {
            return cutOrAbort(state, chunk);
        } catch (MantaException | IllegalArgumentException e) {
            String message = e.getMessage();
            cache.remove(chunk.getJobId());
            SegmenterState aborted = (state == null ? SegmenterState.newBuilder().setFormatVersion(RecordFormat.CURRENT)
                    .setJobId(chunk.getJobId()) : state.toBuilder())
                    .clearPending1().clearPending2().setPhase(SegmenterPhase.ABORTED).setMessage(message).build();
            return new Output(aborted, Optional.empty(), List.of(), Optional.empty(), Optional.of(message));
        }
    }

    private Output cutOrAbort(SegmenterState previous, EventChunk chunk) {
        SegmenterState.Builder s;
        if (previous == null) {
            if (chunk.getInput() != 0 || chunk.getSeq() != 0 || !chunk.hasSpec()) {
                throw new JobAbort("segment-service: the first chunk of the job is input " + chunk.getInput() + " seq "
                        + chunk.getSeq() + (chunk.hasSpec() ? "" : " without the job spec")
                        + "; expected input 0 seq 0 carrying the spec");
            }
            int inputs = Math.max(1, chunk.getInputCount());
            s = SegmenterState.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(chunk.getJobId())
                    .setSpec(chunk.getSpec()).setInputCount(inputs).setPhase(SegmenterPhase.CUTTING);
            for (int i = 0; i < inputs; i++) {
                s.addInputs(SegmenterInput.getDefaultInstance());
            }
        } else {
            s = previous.toBuilder();
        }
        JobPlan plan = plan(s);
        if (plan.inputCount() != s.getInputCount()) {
            throw new JobAbort("segment-service: the job spec needs " + plan.inputCount() + " input(s), the chunks announce "
                    + s.getInputCount());
        }
        int input = chunk.getInput();
        if (input >= s.getInputCount()) {
            throw new JobAbort("chunk of input " + input + ": the job has " + s.getInputCount() + " input(s)");
        }
        SegmenterInput.Builder in = s.getInputs(input).toBuilder();
        if (chunk.getSeq() < in.getNextSeq()) {
            return Output.unchanged();           // a chunk seen already (redelivered)
        }
        if (chunk.getSeq() > in.getNextSeq() || in.getDone()) {
            throw new JobAbort("input " + input + ": chunk seq " + chunk.getSeq() + " arrived, expected seq "
                    + in.getNextSeq() + (in.getDone() ? " (after the last chunk)" : " (a chunk is missing)"));
        }
        if (chunk.getSeq() == 0) {
            if (chunk.getGtiCount() == 0) {
                throw new JobAbort("input " + input + " has no good time intervals (empty GTI list)");
            }
            Protos.gtiList(chunk.getGtiList());   // checks order and overlap
            in.addAllGti(chunk.getGtiList());
        }
        double last = checkTimes(chunk, in);
        if (chunk.getTimeCount() > 0) {
            in.setLastTime(last);
        }
        in.setNextSeq(in.getNextSeq() + 1);
        if (chunk.getLast()) {
            in.setDone(true).setSource(chunk.getSource());
        }
        s.setInputs(input, in);

        boolean gtiKnownBefore = s.getGtiKnown();
        double[] starts = startsIfKnown(s, plan);
        double firstWanted = starts == null ? Double.NEGATIVE_INFINITY : starts[(int) Math.min(s.getNextSegment(), starts.length - 1)];
        double[][] pending = {Protos.doubles(s.getPending1List()), Protos.doubles(s.getPending2List())};
        for (int c = 0; c < plan.channels(); c++) {
            if (plan.inputOf(c) == input) {
                pending[c] = append(pending[c], select(chunk, plan.bandOf(c), c, firstWanted));
            }
        }
        List<Segment> out = new ArrayList<>();
        Optional<ExpectedCount> preliminary = Optional.empty();
        Optional<ExpectedCount> expected = Optional.empty();
        if (starts != null) {
            publish(s, plan, starts, pending, out);
            boolean allDone = s.getInputsList().stream().allMatch(SegmenterInput::getDone);
            if (s.getNextSegment() >= starts.length) {
                pending[0] = new double[0];
                pending[1] = new double[0];
                if (allDone) {
                    expected = Optional.of(expectedCount(s).build());
                    s.setPhase(SegmenterPhase.DONE);
                    cache.remove(s.getJobId());
                }
            }
            if (!gtiKnownBefore && expected.isEmpty() && s.getSpec().getWantRunningProduct()) {
                preliminary = Optional.of(expectedCount(s).clearInputs().clearTotalEvents1().clearTotalEvents2()
                        .setPreliminary(true).build());
            }
        } else if (s.getInputsList().stream().allMatch(SegmenterInput::getDone)) {
            throw new JobAbort("segment-service: every input ended before the GTIs of all inputs were known");
        }
        s.clearPending1().clearPending2();
        addAll(pending[0], s::addPending1);
        addAll(pending[1], s::addPending2);
        return new Output(s.build(), preliminary, out, expected, Optional.empty());
    }

    /** Checks that times ascend within the chunk and continue the input's earlier chunks; returns the last time. */
    private static double checkTimes(EventChunk chunk, SegmenterInput.Builder in) {
        int n = chunk.getTimeCount();
        if (chunk.getEnergyCount() != 0 && chunk.getEnergyCount() != n) {
            throw new JobAbort("input " + chunk.getInput() + " chunk seq " + chunk.getSeq() + ": " + chunk.getEnergyCount()
                    + " energies for " + n + " events (expected none or one per event)");
        }
        if (chunk.getPiCount() != 0 && chunk.getPiCount() != n) {
            throw new JobAbort("input " + chunk.getInput() + " chunk seq " + chunk.getSeq() + ": " + chunk.getPiCount()
                    + " PI values for " + n + " events (expected none or one per event)");
        }
        double previous = in.hasLastTime() ? in.getLastTime() : Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double t = chunk.getTime(i);
            if (!(t >= previous)) {
                throw new JobAbort("input " + chunk.getInput() + ": event times are not sorted (event "
                        + (chunk.getFirstEvent() + i) + " at t = " + t + " s follows t = " + previous + " s)");
            }
            previous = t;
        }
        return previous;
    }

    /** The channel's events of the chunk: in its band, not before {@code from}. */
    private static double[] select(EventChunk chunk, Optional<EnergyBand> band, int channel, double from) {
        int n = chunk.getTimeCount();
        double[] out = new double[n];
        int k = 0;
        EnergyBand b = band.orElse(null);
        if (b != null) {
            boolean have = b.onPi() ? chunk.getPiCount() == n : chunk.getEnergyCount() == n;
            if (!have && n > 0) {
                throw new JobAbort("band" + (channel + 1) + " " + b + " selects on " + (b.onPi() ? "PI" : "energy")
                        + ", but input " + chunk.getInput() + " has no " + (b.onPi() ? "PI" : "energy") + " column");
            }
        }
        for (int i = 0; i < n; i++) {
            double t = chunk.getTime(i);
            if (t < from) {
                continue;
            }
            if (b != null && !b.contains(b.onPi() ? chunk.getPi(i) : chunk.getEnergy(i))) {
                continue;
            }
            out[k++] = t;
        }
        return Arrays.copyOf(out, k);
    }

    /** The job's validated plan (made once, then cached). */
    private JobPlan plan(SegmenterState.Builder s) {
        Derived d = cache.get(s.getJobId());
        if (d != null) {
            return d.plan();
        }
        JobPlan plan = JobSpecs.plan(s.getSpec(), s.getSpec().getInputsCount() == 0);
        cache.put(s.getJobId(), new Derived(plan, null));
        return plan;
    }

    /** The segment starts, once the GTIs of every input are known (computed once, then cached). */
    private double[] startsIfKnown(SegmenterState.Builder s, JobPlan plan) {
        Derived d = cache.get(s.getJobId());
        if (d != null && d.starts() != null && s.getGtiKnown()) {
            return d.starts();
        }
        if (!s.getGtiKnown()) {
            if (!s.getInputsList().stream().allMatch(i -> i.getNextSeq() > 0)) {
                return null;
            }
            List<GtiList> lists = new ArrayList<>();
            for (SegmenterInput i : s.getInputsList()) {
                lists.add(Protos.gtiList(i.getGtiList()));
            }
            GtiList gti = lists.size() == 1 ? lists.get(0) : Gtis.intersect(lists);
            if (gti.isEmpty()) {
                throw new JobAbort("the GTIs of the two inputs do not overlap");
            }
            s.addAllGti(Protos.gtis(gti)).setGtiKnown(true);
        }
        double[] starts = Segments.starts(Protos.gtiList(s.getGtiList()), plan.segment());
        s.setTotalSegments(starts.length);
        cache.put(s.getJobId(), new Derived(plan, starts));
        return starts;
    }

    /** Publishes every segment whose channels are complete. */
    private static void publish(SegmenterState.Builder s, JobPlan plan, double[] starts, double[][] pending,
                                List<Segment> out) {
        SegmentSpec spec = plan.segment();
        double length = spec.segmentSize();
        int channels = plan.channels();
        int[] position = new int[2];
        while (s.getNextSegment() < starts.length) {
            int k = (int) s.getNextSegment();
            double start = starts[k];
            double end = start + length;
            for (int c = 0; c < channels; c++) {
                SegmenterInput in = s.getInputs(plan.inputOf(c));
                if (!in.getDone() && !(in.hasLastTime() && in.getLastTime() >= end)) {
                    compact(pending, position);
                    return;
                }
            }
            Segment.Builder seg = Segment.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(s.getJobId())
                    .setSegmentIndex(k).setStart(start).setSegmentSize(length).setNbin(spec.nbin()).setDt(spec.dt())
                    .setKind(plan.kind()).setPerSegmentSums(plan.kind() == ProductKind.PDS && !plan.useCommonMean());
            for (int c = 0; c < channels; c++) {
                double[] p = pending[c];
                int i = position[c];
                while (i < p.length && p[i] < start) {
                    i++;
                }
                int from = i;
                while (i < p.length && p[i] < end) {
                    i++;
                }
                position[c] = i;
                SegmentChannel channel = channel(p, from, i, start, spec);
                if (c == 0) {
                    seg.setChannel1(channel);
                    s.setEvents1(s.getEvents1() + (i - from));
                } else {
                    seg.setChannel2(channel);
                    s.setEvents2(s.getEvents2() + (i - from));
                }
            }
            out.add(seg.build());
            s.setNextSegment(k + 1);
        }
        compact(pending, position);
    }

    /**
     * A channel's data for the worker: its event times, or, when it holds more events than the segment
     * has bins (and at least {@value Spectra#MIN_EVENTS_PER_SEGMENT}, so the worker uses it), the counts
     * per bin made by the same {@link Histogram#countSegment} the worker would call: fewer bytes on
     * {@code manta.segments}, identical counts.
     */
    static SegmentChannel channel(double[] times, int from, int to, double start, SegmentSpec spec) {
        int n = to - from;
        if (n > spec.nbin() && n >= Spectra.MIN_EVENTS_PER_SEGMENT) {
            double[] counts = new double[spec.nbin()];
            Histogram.countSegment(times, from, to, start, spec, counts);
            BinnedCounts.Builder b = BinnedCounts.newBuilder();
            for (double v : counts) {
                b.addCounts(v);
            }
            return SegmentChannel.newBuilder().setCounts(b).build();
        }
        EventTimes.Builder e = EventTimes.newBuilder();
        for (int i = from; i < to; i++) {
            e.addTime(times[i]);
        }
        return SegmentChannel.newBuilder().setEvents(e).build();
    }

    private static void compact(double[][] pending, int[] position) {
        for (int c = 0; c < 2; c++) {
            if (position[c] > 0) {
                pending[c] = Arrays.copyOfRange(pending[c], position[c], pending[c].length);
                position[c] = 0;
            }
        }
    }

    /** The expected count as far as the state knows it (final once every input ended). */
    private static ExpectedCount.Builder expectedCount(SegmenterState.Builder s) {
        ExpectedCount.Builder e = ExpectedCount.newBuilder().setFormatVersion(RecordFormat.CURRENT)
                .setJobId(s.getJobId()).setTotalSegments(s.getTotalSegments()).addAllGti(s.getGtiList())
                .setTotalEvents1(s.getEvents1()).setTotalEvents2(s.getEvents2()).setSpec(s.getSpec());
        for (SegmenterInput in : s.getInputsList()) {
            e.addInputs(in.getSource());
        }
        return e;
    }

    private static double[] append(double[] a, double[] b) {
        if (a.length == 0) {
            return b;
        }
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private interface DoubleSink {
        Object add(double v);
    }

    private static void addAll(double[] values, DoubleSink sink) {
        for (double v : values) {
            sink.add(v);
        }
    }
}
