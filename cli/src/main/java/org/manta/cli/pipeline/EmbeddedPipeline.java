package org.manta.cli.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.manta.cli.progress.ProgressBar;
import org.manta.core.MemoryLimit;
import org.manta.core.Numbers;
import org.manta.core.deadtime.FadAccumulator;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.core.deadtime.FadSpectrum;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.ObservationInfo;
import org.manta.core.events.Timing;
import org.manta.core.fourier.RealFft;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.core.lightcurve.EventLightCurves;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.pipeline.SegmentEngine;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.Observation;
import org.manta.core.plan.PlanWarnings;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.plan.TimeFilter;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.varenergy.VarEnergyPipeline;
import org.manta.core.varenergy.VarEnergyRequest;
import org.manta.core.varenergy.VarEnergySpectrum;

/**
 * The {@code manta} command's face of the core's {@link org.manta.core.pipeline.EmbeddedPipeline}: the
 * same plan ({@link JobPlan}) and the same streaming pipeline, with a progress bar per job. It says what it
 * changes or assumes ({@link PlanWarnings}, said through {@link Warnings}: the bin time moved to a multiple of
 * TIMEDEL, the segment fixed to whole bins, GTIs taken from the events, overlapping bands of one list, a single
 * periodogram over GTI gaps), and keeps the
 * {@link Observation} context of the inputs it read for the product ({@link #observation()}).
 */
public final class EmbeddedPipeline {
    /**
     * Bytes per segment bin of one worker besides its Fourier plan: the two channels' histograms and the
     * accumulator's sums (about two per bin).
     */
    private static final long BYTES_PER_SEGMENT_BIN = 4 * Double.BYTES;

    private final org.manta.core.pipeline.EmbeddedPipeline core;
    private final PoolSettings pool;
    private final boolean quiet;
    private final Warnings warnings;
    private Observation observation;
    private TimeFilter timeFilter = TimeFilter.none();

    /**
     * @param pool  worker threads and queue depth
     * @param quiet no progress bar
     */
    public EmbeddedPipeline(PoolSettings pool, boolean quiet) {
        this(SegmentEngine.cpu(pool), pool, quiet, Warnings.silent());
    }

    /**
     * @param engine   where the segments of pds, cpds and dynps are transformed ({@code --gpu}:
     *                 {@code SegmentEngine.named("cuda")})
     * @param pool     worker threads of everything else
     * @param quiet    no progress bar
     * @param warnings where changed or assumed values are reported
     */
    public EmbeddedPipeline(SegmentEngine engine, PoolSettings pool, boolean quiet, Warnings warnings) {
        this.core = new org.manta.core.pipeline.EmbeddedPipeline(engine, pool);
        this.pool = pool;
        this.quiet = quiet;
        this.warnings = warnings;
    }

    /** The context of the inputs the last analysis read (headers and bands); empty before any. */
    public Optional<Observation> observation() {
        return Optional.ofNullable(observation);
    }

    /**
     * Applies {@code filter} to the GTIs of every plan this pipeline makes from now on (spectral products and
     * light curves); returns this pipeline.
     */
    public EmbeddedPipeline withTimeFilter(TimeFilter filter) {
        this.timeFilter = filter;
        return this;
    }

    /** Averaged power spectrum of the events of {@code file} in {@code band} (all events when empty). */
    public AveragedPowerSpectrum powerSpectrum(Path file, Optional<EnergyBand> band, double dt, double segment,
                                               Normalization norm, boolean useCommonMean) {
        return powerSpectrum(List.of(file), band, dt, segment, norm, useCommonMean);
    }

    /**
     * Averaged power spectrum of several observations, one file each (HENDRICS {@code HENfspec}): all their
     * segments averaged together, i.e. the per-file accumulators merged before normalising.
     */
    public AveragedPowerSpectrum powerSpectrum(List<Path> observations, Optional<EnergyBand> band, double dt,
                                               double segment, Normalization norm, boolean useCommonMean) {
        JobRequest request = new JobRequest(SpectrumKind.PDS, dt, segment, norm, useCommonMean, band, Optional.empty(),
                1, timeFilter);
        List<org.manta.core.pipeline.EmbeddedPipeline.Observation> plans =
                plans(request, observations.stream().map(List::of).toList());
        long segments = plans.stream().mapToLong(o -> o.plan().segmentCount()).sum();
        try (ProgressBar bar = bar("pds", segments)) {
            return core.powerSpectrum(plans, listener(bar));
        }
    }

    /**
     * Averaged cross spectrum: channel 1 ({@code subject}) against channel 2 ({@code reference}); a
     * positive lag means the subject lags. {@code referenceFile} may equal {@code subjectFile} (two bands
     * of one observation).
     */
    public AveragedCrossSpectrum crossSpectrum(Path subjectFile, Optional<EnergyBand> subjectBand, Path referenceFile,
                                               Optional<EnergyBand> referenceBand, double dt, double segment,
                                               Normalization norm) {
        List<Path> files = subjectFile.equals(referenceFile) ? List.of(subjectFile) : List.of(subjectFile, referenceFile);
        return crossSpectrum(List.of(files), subjectBand, referenceBand, dt, segment, norm);
    }

    /**
     * Averaged cross spectrum of several observations (HENDRICS {@code HENfspec} with several pairs): per
     * observation the subject and the reference file, or one file whose two bands are the channels; all their
     * segments averaged together, i.e. the per-observation accumulators merged before normalising.
     */
    public AveragedCrossSpectrum crossSpectrum(List<List<Path>> observations, Optional<EnergyBand> subjectBand,
                                               Optional<EnergyBand> referenceBand, double dt, double segment,
                                               Normalization norm) {
        JobRequest request = new JobRequest(SpectrumKind.CPDS, dt, segment, norm, true, subjectBand, referenceBand,
                observations.get(0).size(), timeFilter);
        List<org.manta.core.pipeline.EmbeddedPipeline.Observation> plans = plans(request, observations);
        long segments = plans.stream().mapToLong(o -> o.plan().segmentCount()).sum();
        try (ProgressBar bar = bar("cpds", segments)) {
            return core.crossSpectrum(plans, listener(bar));
        }
    }

    /**
     * FAD dead-time corrected spectra of two detectors (Stingray {@code deadtime.fad.FAD}): planned as a
     * cross spectrum of two files (common GTIs, the same segments), {@code band} applied to both.
     *
     * @param smoothingLength σ of the smoothing in frequency bins; empty for Stingray's default (3 × segment in s)
     */
    public FadSpectrum fad(Path detector1, Path detector2, Optional<EnergyBand> band, double dt, double segment,
                           Normalization norm, FadSmoothing smoothing, OptionalDouble smoothingLength,
                           double tolerance) {
        List<Path> files = List.of(detector1, detector2);
        JobRequest request = new JobRequest(SpectrumKind.CPDS, dt, segment, norm, true, band, band, 2);
        JobPlan plan = plan(request, files);
        double sigma = smoothingLength.orElse(FadAccumulator.defaultSmoothingLength(plan.segment()));
        try (ProgressBar bar = bar("fad", plan.segmentCount())) {
            return core.fad(plan, files, smoothing, sigma, tolerance, listener(bar));
        }
    }

    /** A dynamical power spectrum, the GTIs it was cut from and the bin time used (s, after TIMEDEL). */
    public record Dynamical(DynamicalPowerSpectrum spectrum, GtiList gti, double binTime) {
    }

    /**
     * Dynamical power spectrum: one normalised periodogram per used segment.
     *
     * @param task what the progress bar names (the command: dynps, colors)
     */
    public Dynamical dynamicalPowerSpectrum(String task, Path file, Optional<EnergyBand> band, double dt, double segment,
                                           Normalization norm) {
        JobRequest request = new JobRequest(SpectrumKind.DYNPS, dt, segment, norm, true, band, Optional.empty(), 1,
                timeFilter);
        List<Path> files = List.of(file);
        JobPlan plan = plan(request, files);
        try (ProgressBar bar = bar(task, plan.segmentCount())) {
            return new Dynamical(core.dynamicalPowerSpectrum(plan, files, listener(bar)), plan.gti(), plan.segment().dt());
        }
    }

    /** A variability-versus-energy spectrum and the GTIs it was computed on. */
    public record VarEnergy(VarEnergySpectrum spectrum, GtiList gti) {
    }

    /**
     * Variability-versus-energy spectrum ({@link VarEnergyPipeline}): all bands from one pass over the segments; the
     * excess variance of light curves over the whole span, whose gaps between GTIs are reported as zeros.
     *
     * @param files the event file, and a second one when the request has two inputs
     */
    public VarEnergy varEnergy(VarEnergyRequest request, List<Path> files) {
        JobPlan plan = plan(request.segmentRequest(), files, opened -> VarEnergyPipeline.plan(request, files, opened));
        VarEnergyPipeline.gapWarning(request, files.get(0).toString(), plan.gti()).ifPresent(warnings::warn);
        try (ProgressBar bar = ProgressBar.start("varenergy", VarEnergyPipeline.progressUnits(request),
                VarEnergyPipeline.progressTotal(request, plan), quiet)) {
            return new VarEnergy(new VarEnergyPipeline(pool).spectrum(request, plan, files, listener(bar)), plan.gti());
        }
    }

    /**
     * The periodogram of the whole light curve as one segment (Stingray {@code Powerspectrum(ev.to_lc(dt))}):
     * the light curve spans the GTIs, so this holds all (selected) events in memory. Over more than one GTI
     * the gaps are bins of zero counts in it, which is reported.
     */
    public AveragedPowerSpectrum periodogram(Path file, Optional<EnergyBand> band, double dt, Normalization norm) {
        LightCurve lc = lightCurve(file, band, dt, header -> requireWholeSpanFits(header, dt));
        AveragedPowerSpectrum ps = EventLightCurves.periodogram(file, lc, norm);
        PlanWarnings.gapsAsZeros(file.toString(), "periodogram", lc.gti(), PlanWarnings.SEGMENT_ADVICE)
                .ifPresent(warnings::warn);
        return ps;
    }

    /**
     * The bins of one periodogram of the whole span, from the file's headers, against the memory left, before its
     * events are read (found: a --dt far too small read and binned every event for seconds, then was refused by the
     * Fourier transform, naming its n): its light curve and transform.
     */
    private void requireWholeSpanFits(InputHeader header, double dt) {
        GtiList kept = timeFilter.apply(header.gti());
        if (kept.isEmpty()) {
            return;     // said by the light curve, with the filter
        }
        double tseg = kept.stop() - kept.start();
        long bins = (long) Math.ceil(tseg / Timing.compatibleDt(dt, header.timedel()));
        MemoryLimit.require("dt", GtiList.seconds(dt), bins, LightCurve.BYTES_PER_BIN
                + RealFft.bytesPerSample((int) Math.min(bins, Integer.MAX_VALUE)), "bins of one periodogram of the "
                + "whole span, tseg = " + GtiList.seconds(tseg) + " s (its light curve and Fourier transform)",
                "a larger --dt, or a --segment to average shorter periodograms");
    }

    /**
     * Light curve of the (selected) events over the file's GTIs (Stingray {@code EventList.to_lc}), restricted
     * by the time filter: the light curve spans the kept GTIs.
     */
    public LightCurve lightCurve(Path file, Optional<EnergyBand> band, double dt) {
        return lightCurve(file, band, dt, header -> { });
    }

    /** {@link #lightCurve(Path, Optional, double)}, {@code check} shown the file's header before its events are read. */
    private LightCurve lightCurve(Path file, Optional<EnergyBand> band, double dt,
                                  java.util.function.Consumer<InputHeader> check) {
        try (EventFileReader reader = EventFileReader.open(file)) {
            InputHeader header = InputHeader.of(file.toString(), reader);
            opened(header);
            check.accept(header);
            observation = Observation.of(reader.info(), reader.object(), band);
            PlanWarnings.dtChanged(file.toString(), dt, reader.info().timedel()).ifPresent(warnings::warn);
            return EventLightCurves.of(reader, file, band, dt, timeFilter);
        }
    }

    /**
     * The plans of several observations ({@link org.manta.core.pipeline.EmbeddedPipeline#plans}), each with its
     * warnings; the context kept is theirs averaged ({@link Observation#averaged}), with a warning when their telescopes
     * or time references differ ({@link PlanWarnings#observationsDiffer}).
     */
    private List<org.manta.core.pipeline.EmbeddedPipeline.Observation> plans(JobRequest request,
                                                                             List<List<Path>> observations) {
        List<Observation> contexts = new ArrayList<>();
        List<org.manta.core.pipeline.EmbeddedPipeline.Observation> plans =
                org.manta.core.pipeline.EmbeddedPipeline.plans(request, observations, (r, files) -> {
                    JobPlan plan = plan(r, files);
                    contexts.add(observation);
                    return plan;
                });
        observation = Observation.averaged(contexts);
        PlanWarnings.observationsDiffer(observations.stream().map(files -> files.get(0).toString()).toList(), contexts)
                .ifPresent(warnings::warn);
        PlanWarnings.repeatedInputs(observations.stream().map(files -> files.stream().map(Path::toString).toList())
                .toList(), observations.stream().map(files -> files.stream().map(EmbeddedPipeline::identity).toList())
                .toList()).forEach(warnings::warn);
        return plans;
    }

    /** What makes two inputs one file: its real path (links and relative names resolved). */
    private static String identity(Path file) {
        try {
            return file.toRealPath().toString();
        } catch (java.io.IOException e) {
            return file.toAbsolutePath().normalize().toString();
        }
    }

    /** The plan (headers read once), with its warnings, and the observation's context kept. */
    private JobPlan plan(JobRequest request, List<Path> files) {
        return plan(request, files, opened -> org.manta.core.pipeline.EmbeddedPipeline.plan(request, files, opened));
    }

    /** As {@link #plan(JobRequest, List)} with another planner of the same request (shown each opened reader). */
    private JobPlan plan(JobRequest request, List<Path> files,
                         Function<BiConsumer<Path, EventFileReader>, JobPlan> planner) {
        List<ObservationInfo> infos = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        List<InputHeader> headers = new ArrayList<>();
        JobPlan plan = planner.apply((file, reader) -> {
            InputHeader header = InputHeader.of(file.toString(), reader);
            opened(header);
            headers.add(header);
            infos.add(reader.info());
            objects.add(reader.object());
        });
        observation = Observation.of(plan, infos, objects);
        PlanWarnings.ofInputs(request, headers).forEach(warnings::warn);
        SegmentSpec fixed = plan.segment();
        MemoryLimit.require("segment", Numbers.compact(request.segmentSize()), (long) fixed.nbin() * pool.threads(),
                BYTES_PER_SEGMENT_BIN + RealFft.bytesPerSample(fixed.nbin()), "segment bins (" + fixed.nbin()
                        + " per segment of dt = " + Numbers.compact(fixed.dt()) + " s, on each of " + pool.threads()
                        + " workers)", "a larger --dt, a shorter --segment or fewer --threads");
        PlanWarnings.segmentFixed(request.segmentSize(), fixed).ifPresent(warnings::warn);
        return plan;
    }

    /**
     * What is said about an input as soon as its headers are read (before a plan that may then fail): its GTIs taken
     * from the events. {@link PlanWarnings#ofInputs} says it again after the plan, which {@link Warnings} drops.
     */
    private void opened(InputHeader input) {
        PlanWarnings.gtiFromEvents(input).ifPresent(warnings::warn);
    }

    private ProgressBar bar(String label, long segments) {
        return ProgressBar.start(label, "segments", segments, quiet);
    }

    private static ProgressListener listener(ProgressBar bar) {
        return (done, total) -> bar.advance(1);
    }
}
