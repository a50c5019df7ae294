package org.manta.core.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.deadtime.FadAccumulator;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.core.deadtime.FadSpectrum;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventChunk;
import org.manta.core.io.EventFileReader;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.ObservationPlans;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.segment.SegmentBounds;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.spectrum.Accumulator;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.CrossAccumulator;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.PowerAccumulator;

/**
 * All stages in one JVM, no broker: a request is planned ({@link JobPlan}, the plan the mesh uses too),
 * its event files are streamed chunk by chunk (band selection while decoding), cut into the plan's
 * segments and processed by a {@link SegmentEngine} (a pool of CPU workers, {@link SpectralJobs}, or a GPU;
 * the per-segment rules are {@link SegmentKernel}'s), so memory does not grow with the file. Products are what Stingray's
 * {@code AveragedPowerspectrum/AveragedCrossspectrum/DynamicalPowerspectrum.from_events} give.
 */
public final class EmbeddedPipeline {
    private final PoolSettings pool;
    private final SegmentEngine engine;

    /** @param pool worker threads and queue depth */
    public EmbeddedPipeline(PoolSettings pool) {
        this(SegmentEngine.cpu(pool), pool);
    }

    /**
     * @param engine where the segments of PDS, CPDS and DYNPS are transformed and accumulated
     *               ({@link SegmentEngine#cpu}, or a GPU)
     * @param pool   the CPU workers of the products no other engine computes
     */
    public EmbeddedPipeline(SegmentEngine engine, PoolSettings pool) {
        this.engine = engine;
        this.pool = pool;
    }

    /**
     * The plan of a request on event files (their headers are read, not their events).
     *
     * @param files one file per input of the request
     */
    public static JobPlan plan(JobRequest request, List<Path> files) {
        return plan(request, files, (file, reader) -> { });
    }

    /**
     * As {@link #plan(JobRequest, List)}, showing each opened reader to {@code opened} first (to read more of
     * its headers, e.g. the observation's context, while they are open).
     */
    public static JobPlan plan(JobRequest request, List<Path> files, BiConsumer<Path, EventFileReader> opened) {
        List<InputHeader> headers = new ArrayList<>(files.size());
        for (Path f : files) {
            try (EventFileReader r = EventFileReader.open(f)) {
                opened.accept(f, r);
                headers.add(InputHeader.of(f.toString(), r));
            }
        }
        return JobPlan.of(request, headers);
    }

    /** One observation of a multi-file average: its plan and the files of the plan's inputs. */
    public record Observation(JobPlan plan, List<Path> files) {
    }

    /**
     * The plans of several observations of one request, each on its own file(s) (their headers are read,
     * not their events), by {@link ObservationPlans}' rule: each keeps its own GTIs and time filter, and all use the
     * bin time the first observation's plan fixed, so their spectra can be averaged.
     *
     * @param filesPerObservation per observation, its files (for a CPDS one, two bands of it, or two)
     * @param planner             makes one observation's plan ({@link #plan(JobRequest, List)}, or a caller's
     *                            that also reports what it read), given the request of its number of inputs
     */
    public static List<Observation> plans(JobRequest request, List<List<Path>> filesPerObservation,
                                          BiFunction<JobRequest, List<Path>, JobPlan> planner) {
        List<JobPlan> plans = ObservationPlans.of(request, filesPerObservation, planner);
        List<Observation> out = new ArrayList<>(plans.size());
        for (int k = 0; k < plans.size(); k++) {
            out.add(new Observation(plans.get(k), filesPerObservation.get(k)));
        }
        return out;
    }

    /** Averaged power spectrum of a PDS plan. */
    public AveragedPowerSpectrum powerSpectrum(JobPlan plan, List<Path> files, ProgressListener progress) {
        return powerSpectrum(List.of(new Observation(plan, files)), progress);
    }

    /**
     * Averaged power spectrum of several observations (HENDRICS {@code HENfspec} with several files): the
     * segments of all of them averaged as one set (M = all used segments), i.e. each observation's accumulator
     * merged before normalising; the product's GTIs are the union of the observations' GTIs.
     */
    public AveragedPowerSpectrum powerSpectrum(List<Observation> observations, ProgressListener progress) {
        JobRequest request = observations.get(0).plan().request();
        PowerAccumulator total = merged(observations, SpectrumKind.PDS, (plan, ch) -> engine.power(
                ch.streams.get(0), plan.segment(), !plan.request().useCommonMean(), progress));
        return total.result(request.norm(), request.useCommonMean()).withGti(gtiOf(observations));
    }

    /** Averaged cross spectrum of a CPDS plan: channel 1 (subject) against channel 2 (reference). */
    public AveragedCrossSpectrum crossSpectrum(JobPlan plan, List<Path> files, ProgressListener progress) {
        return crossSpectrum(List.of(new Observation(plan, files)), progress);
    }

    /** Averaged cross spectrum of several observations, merged as {@link #powerSpectrum(List, ProgressListener)}. */
    public AveragedCrossSpectrum crossSpectrum(List<Observation> observations, ProgressListener progress) {
        CrossAccumulator total = merged(observations, SpectrumKind.CPDS, (plan, ch) -> engine.cross(
                ch.streams.get(0), ch.streams.get(1), plan.segment(), progress));
        return total.result(observations.get(0).plan().request().norm()).withGti(gtiOf(observations));
    }

    /**
     * Runs each observation's plan (segment indices numbered on across observations, so they stay distinct)
     * and merges the accumulators; every channel must read events in some observation (an observation without events
     * in a channel contributes no segment, as a segment without them: the mesh, which counts no events per
     * observation, averages the same), and some segment must be used.
     */
    private static <A extends Accumulator<A, ?>> A merged(List<Observation> observations, SpectrumKind kind,
                                                          BiFunction<JobPlan, Channels, A> run) {
        A total = null;
        long[] events = new long[observations.get(0).plan().channels()];
        int firstIndex = 0;
        for (Observation o : observations) {
            require(o.plan(), kind);
            try (Channels ch = new Channels(o.plan(), o.files(), firstIndex)) {
                A acc = run.apply(o.plan(), ch);
                for (int c = 0; c < events.length; c++) {
                    events[c] += ch.events.get(c).get();
                }
                total = total == null ? acc : total.combine(acc);
            }
            firstIndex += o.plan().segmentCount();
        }
        requireData(observations.get(0).plan(), observations.get(0).files(), events, observations.size(),
                total.segmentCount());
        return total;
    }

    /**
     * Fails as a job whose inputs leave nothing to average: {@code FILE: no events in band B} (with the band's hint)
     * when a channel read no event, else {@code FILE: no segment of T s has the 2 events a spectrum needs} when no
     * segment was used; nothing otherwise. The embedded pipeline counts each channel's events in its whole list, the
     * mesh's reducer those in the segments (its workers read only their rows), so both say the same of an empty band.
     *
     * @param plan         the (first) observation's plan: the channels' bands and inputs, the segment
     * @param inputs       its inputs' names, in input order
     * @param events       the events each channel read, all observations together
     * @param observations the observations averaged (more than one: "(and the other N observations)")
     * @param usedSegments the segments used, all observations together
     * @throws NoDataException as said
     */
    public static void requireData(JobPlan plan, List<?> inputs, long[] events, int observations, int usedSegments) {
        String others = observations > 1 ? " (and the other " + (observations - 1) + " observations)" : "";
        for (int c = 0; c < events.length; c++) {
            if (events[c] == 0) {
                Optional<EnergyBand> band = plan.bandOf(c);
                throw new NoDataException(inputs.get(plan.inputOf(c)) + others + ": no events"
                        + band.map(b -> " in band " + b + b.emptyHint()).orElse(""));
            }
        }
        if (usedSegments == 0) {
            throw new NoDataException(inputs.get(0) + others + ": no segment of " + plan.segment().segmentSize()
                    + " s has the 2 events a spectrum needs");
        }
    }

    /** The union of the observations' GTIs (one observation: its GTIs). */
    private static GtiList gtiOf(List<Observation> observations) {
        return ObservationPlans.gti(observations.stream().map(Observation::plan).toList());
    }

    /**
     * FAD-corrected spectra (Stingray {@code deadtime.fad.FAD}) of the two event lists of a two-file CPDS
     * plan (its common GTIs and segments are FAD's): channel 1 is detector 1, channel 2 detector 2.
     *
     * @param smoothing       smoothing algorithm
     * @param smoothingLength σ in frequency bins (e.g. {@link FadAccumulator#defaultSmoothingLength})
     * @param tolerance       accepted relative error of the compliance check
     */
    public FadSpectrum fad(JobPlan plan, List<Path> files, FadSmoothing smoothing, double smoothingLength,
                           double tolerance, ProgressListener progress) {
        require(plan, SpectrumKind.CPDS);
        if (plan.request().inputs() != 2) {
            throw new InvalidParameterException("inputs", plan.request().inputs(),
                    "two event lists, one per detector, for the FAD correction");
        }
        try (Channels ch = new Channels(plan, files)) {
            FadAccumulator acc = SpectralJobs.fad(ch.streams.get(0), ch.streams.get(1),
                    () -> new FadAccumulator(plan.segment(), smoothing, smoothingLength), pool, progress);
            ch.requireData(acc.segmentCount());
            return acc.result(plan.request().norm(), tolerance).withGti(plan.gti());
        }
    }

    /** Dynamical power spectrum of a DYNPS plan: one normalised periodogram per used segment. */
    public DynamicalPowerSpectrum dynamicalPowerSpectrum(JobPlan plan, List<Path> files, ProgressListener progress) {
        require(plan, SpectrumKind.DYNPS);
        try (Channels ch = new Channels(plan, files)) {
            DynamicalPowerAccumulator acc = engine.dynamical(ch.streams.get(0), plan.segment(), progress);
            ch.requireData(acc.segmentCount());
            return acc.result(plan.request().norm());
        }
    }

    private static void require(JobPlan plan, SpectrumKind kind) {
        if (plan.kind() != kind) {
            throw new IllegalArgumentException("a " + kind + " plan is needed, not " + plan.kind());
        }
    }

    /** One reader and segment stream per channel of the plan; counts what each read. */
    private static final class Channels implements AutoCloseable {
        final List<EventFileReader> readers = new ArrayList<>();
        final List<SegmentEventStream> streams = new ArrayList<>();
        final List<AtomicLong> events = new ArrayList<>();
        final JobPlan plan;
        final List<Path> files;

        Channels(JobPlan plan, List<Path> files) {
            this(plan, files, 0);
        }

        /** @param firstIndex index of the plan's first segment (segments of several observations stay distinct) */
        Channels(JobPlan plan, List<Path> files, int firstIndex) {
            this.plan = plan;
            this.files = files;
            SegmentBounds bounds = plan.bounds(0, plan.segmentCount());
            try {
                for (int c = 0; c < plan.channels(); c++) {
                    EventFileReader reader = EventFileReader.open(files.get(plan.inputOf(c)));
                    readers.add(reader);
                    EnergyBand selection = plan.bandOf(c).orElse(null);
                    AtomicLong count = new AtomicLong();
                    events.add(count);
                    EventChunk chunk = reader.newChunk();
                    streams.add(new SegmentEventStream(ck -> {
                        boolean more = reader.nextTimes(ck, selection);
                        count.addAndGet(ck.size);
                        return more;
                    }, chunk, bounds, firstIndex));
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Fails with a clear message when a channel read no event, or no segment had enough of them. */
        void requireData(int usedSegments) {
            EmbeddedPipeline.requireData(plan, files, events.stream().mapToLong(AtomicLong::get).toArray(), 1,
                    usedSegments);
        }

        @Override
        public void close() {
            for (EventFileReader r : readers) {
                r.close();
            }
        }
    }
}
