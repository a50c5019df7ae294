package org.manta.cli.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.manta.cli.progress.ProgressBar;
import org.manta.core.NoDataException;
import org.manta.core.deadtime.FadAccumulator;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.core.deadtime.FadSpectrum;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.plan.TimeFilter;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Spectra;

/**
 * The {@code manta} command's face of the core's {@link org.manta.core.pipeline.EmbeddedPipeline}: the
 * same plan ({@link JobPlan}) and the same streaming pipeline, with a progress bar per job.
 */
public final class EmbeddedPipeline {
    private final org.manta.core.pipeline.EmbeddedPipeline core;
    private final boolean quiet;
    private final TimeFilter timeFilter;

    /**
     * @param pool  worker threads and queue depth
     * @param quiet no progress bar
     */
    public EmbeddedPipeline(PoolSettings pool, boolean quiet) {
        this(new org.manta.core.pipeline.EmbeddedPipeline(pool), quiet, TimeFilter.none());
    }

    private EmbeddedPipeline(org.manta.core.pipeline.EmbeddedPipeline core, boolean quiet, TimeFilter timeFilter) {
        this.core = core;
        this.quiet = quiet;
        this.timeFilter = timeFilter;
    }

    /** This pipeline with {@code filter} applied to the GTIs of every plan it makes (spectral products). */
    public EmbeddedPipeline withTimeFilter(TimeFilter filter) {
        return new EmbeddedPipeline(core, quiet, filter);
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
                org.manta.core.pipeline.EmbeddedPipeline.plans(request, observations.stream().map(List::of).toList());
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
        JobRequest request = new JobRequest(SpectrumKind.CPDS, dt, segment, norm, true, subjectBand, referenceBand,
                files.size(), timeFilter);
        JobPlan plan = org.manta.core.pipeline.EmbeddedPipeline.plan(request, files);
        try (ProgressBar bar = bar("cpds", plan.segmentCount())) {
            return core.crossSpectrum(plan, files, listener(bar));
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
        JobPlan plan = org.manta.core.pipeline.EmbeddedPipeline.plan(request, files);
        double sigma = smoothingLength.orElse(FadAccumulator.defaultSmoothingLength(plan.segment()));
        try (ProgressBar bar = bar("fad", plan.segmentCount())) {
            return core.fad(plan, files, smoothing, sigma, tolerance, listener(bar));
        }
    }

    /** A dynamical power spectrum and the GTIs it was cut from. */
    public record Dynamical(DynamicalPowerSpectrum spectrum, GtiList gti) {
    }

    /** Dynamical power spectrum: one normalised periodogram per used segment. */
    public Dynamical dynamicalPowerSpectrum(Path file, Optional<EnergyBand> band, double dt, double segment,
                                           Normalization norm) {
        JobRequest request = new JobRequest(SpectrumKind.DYNPS, dt, segment, norm, true, band, Optional.empty(), 1,
                timeFilter);
        List<Path> files = List.of(file);
        JobPlan plan = org.manta.core.pipeline.EmbeddedPipeline.plan(request, files);
        try (ProgressBar bar = bar("dynps", plan.segmentCount())) {
            return new Dynamical(core.dynamicalPowerSpectrum(plan, files, listener(bar)), plan.gti());
        }
    }

    /**
     * The periodogram of the whole light curve as one segment (Stingray {@code Powerspectrum(ev.to_lc(dt))}):
     * the light curve spans the GTIs, so this holds all (selected) events in memory.
     */
    public AveragedPowerSpectrum periodogram(Path file, Optional<EnergyBand> band, double dt, Normalization norm) {
        LightCurve lc = lightCurve(file, band, dt);
        if (lc.counts().length < 2) {
            throw new NoDataException(file + ": the light curve has " + lc.counts().length
                    + " bin(s) of dt = " + lc.dt() + " s; a periodogram needs at least 2");
        }
        return Spectra.periodogram(lc.counts(), lc.dt(), norm).withGti(lc.gti());
    }

    /**
     * Light curve of the (selected) events over the file's GTIs (Stingray {@code EventList.to_lc}), restricted
     * by the time filter: the light curve spans the kept GTIs.
     */
    public LightCurve lightCurve(Path file, Optional<EnergyBand> band, double dt) {
        try (EventFileReader reader = EventFileReader.open(file)) {
            var events = reader.readAll(band.orElse(null));
            if (events.size() == 0) {
                throw new NoDataException(file + ": no events" + band.map(b -> " in " + b).orElse(""));
            }
            if (!timeFilter.isNone()) {
                GtiList kept = timeFilter.apply(events.gti());
                if (kept.isEmpty()) {
                    throw new NoDataException(file + ": no good time left after the time filter ("
                            + timeFilter.describe() + ") of its GTIs " + events.gti());
                }
                events = new EventList(events.time(), events.energy(), events.pi(), kept, events.info());
            }
            return LightCurve.fromEvents(events, dt);
        }
    }

    private ProgressBar bar(String label, long segments) {
        return ProgressBar.start(label, "segments", segments, quiet);
    }

    private static ProgressListener listener(ProgressBar bar) {
        return (done, total) -> bar.advance(1);
    }
}
