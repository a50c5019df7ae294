package org.manta.cli.pipeline;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.manta.cli.progress.ProgressBar;
import org.manta.core.NoDataException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Timing;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;
import org.manta.core.io.EventChunk;
import org.manta.core.io.EventFileReader;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.pipeline.SpectralJobs;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.segment.Segments;
import org.manta.core.spectrum.AveragedCrossSpectrum;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.CrossAccumulator;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.core.spectrum.DynamicalPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.PowerAccumulator;
import org.manta.core.spectrum.Spectra;

/**
 * All stages in one JVM, no broker: event files are streamed chunk by chunk (energy selection during
 * decoding), cut into GTI-aligned segments and processed by a pool of workers
 * ({@link SpectralJobs}), so memory does not grow with the file. Products are what Stingray's
 * {@code AveragedPowerspectrum/AveragedCrossspectrum/DynamicalPowerspectrum.from_events} give.
 *
 * <p>As in Stingray, {@code dt} is first made compatible with the instrument resolution TIMEDEL
 * ({@code suggest_compatible_dt}, of the first file for two-file products) and the GTIs of two files
 * are intersected.
 */
public final class EmbeddedPipeline {
    private final PoolSettings pool;
    private final boolean quiet;

    /**
     * @param pool  worker threads and queue depth
     * @param quiet no progress bar
     */
    public EmbeddedPipeline(PoolSettings pool, boolean quiet) {
        this.pool = pool;
        this.quiet = quiet;
    }

    /** Averaged power spectrum of the events of {@code file} in {@code band} (all events when empty). */
    public AveragedPowerSpectrum powerSpectrum(Path file, Optional<EnergyBand> band, double dt, double segment,
                                               Normalization norm, boolean useCommonMean) {
        try (EventFileReader reader = EventFileReader.open(file)) {
            SegmentSpec spec = SegmentSpec.of(Timing.compatibleDt(dt, reader.info().timedel()), segment);
            GtiList gti = reader.gti();
            double[] starts = Segments.starts(gti, spec);
            Channel channel = new Channel(reader, band, starts, spec);
            PowerAccumulator acc;
            try (ProgressBar bar = bar("pds", starts.length)) {
                acc = SpectralJobs.power(channel.stream, spec, !useCommonMean, pool, listener(bar));
            }
            channel.requireEvents(file);
            requireSegments(acc.segmentCount(), file, spec);
            return acc.result(norm, useCommonMean).withGti(gti);
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
        try (EventFileReader r1 = EventFileReader.open(subjectFile);
             EventFileReader r2 = EventFileReader.open(referenceFile)) {
            SegmentSpec spec = SegmentSpec.of(Timing.compatibleDt(dt, r1.info().timedel()), segment);
            GtiList gti = subjectFile.equals(referenceFile) ? r1.gti() : Gtis.intersect(r1.gti(), r2.gti());
            if (gti.isEmpty()) {
                throw new NoDataException(subjectFile + " and " + referenceFile + " have no common good time");
            }
            double[] starts = Segments.starts(gti, spec);
            Channel c1 = new Channel(r1, subjectBand, starts, spec);
            Channel c2 = new Channel(r2, referenceBand, starts, spec);
            CrossAccumulator acc;
            try (ProgressBar bar = bar("cpds", starts.length)) {
                acc = SpectralJobs.cross(c1.stream, c2.stream, spec, pool, listener(bar));
            }
            c1.requireEvents(subjectFile);
            c2.requireEvents(referenceFile);
            requireSegments(acc.segmentCount(), subjectFile, spec);
            return acc.result(norm).withGti(gti);
        }
    }

    /** A dynamical power spectrum and the GTIs it was cut from. */
    public record Dynamical(DynamicalPowerSpectrum spectrum, GtiList gti) {
    }

    /** Dynamical power spectrum: one normalised periodogram per used segment. */
    public Dynamical dynamicalPowerSpectrum(Path file, Optional<EnergyBand> band, double dt, double segment,
                                           Normalization norm) {
        try (EventFileReader reader = EventFileReader.open(file)) {
            SegmentSpec spec = SegmentSpec.of(Timing.compatibleDt(dt, reader.info().timedel()), segment);
            GtiList gti = reader.gti();
            double[] starts = Segments.starts(gti, spec);
            Channel channel = new Channel(reader, band, starts, spec);
            DynamicalPowerAccumulator acc;
            try (ProgressBar bar = bar("dynps", starts.length)) {
                acc = SpectralJobs.dynamical(channel.stream, spec, pool, listener(bar));
            }
            channel.requireEvents(file);
            requireSegments(acc.segmentCount(), file, spec);
            return new Dynamical(acc.result(norm), gti);
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

    /** Light curve of the (selected) events over the file's GTIs (Stingray {@code EventList.to_lc}). */
    public LightCurve lightCurve(Path file, Optional<EnergyBand> band, double dt) {
        try (EventFileReader reader = EventFileReader.open(file)) {
            var events = reader.readAll(band.orElse(null));
            if (events.size() == 0) {
                throw new NoDataException(file + ": no events" + band.map(b -> " in " + b).orElse(""));
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

    private static void requireSegments(int used, Path file, SegmentSpec spec) {
        if (used == 0) {
            throw new NoDataException(file + ": no segment of " + spec.segmentSize()
                    + " s has the 2 events a spectrum needs");
        }
    }

    /** One input channel: a reader, its selection, and the segment stream over it; counts what it read. */
    private static final class Channel {
        final SegmentEventStream stream;
        final AtomicLong events = new AtomicLong();
        final Optional<EnergyBand> band;

        Channel(EventFileReader reader, Optional<EnergyBand> band, double[] starts, SegmentSpec spec) {
            this.band = band;
            EnergyBand selection = band.orElse(null);
            EventChunk chunk = reader.newChunk();
            this.stream = new SegmentEventStream(c -> {
                boolean more = reader.nextTimes(c, selection);
                events.addAndGet(c.size);
                return more;
            }, chunk, starts, spec.segmentSize());
        }

        void requireEvents(Path file) {
            if (events.get() == 0) {
                throw new NoDataException(file + ": no events" + band.map(b -> " in band " + b).orElse(""));
            }
        }
    }
}
