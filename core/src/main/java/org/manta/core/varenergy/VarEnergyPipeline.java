package org.manta.core.varenergy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.manta.core.InvalidParameterException;
import org.manta.core.NoDataException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventChunk;
import org.manta.core.io.EventFileReader;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.pipeline.SegmentPipeline;
import org.manta.core.pipeline.SegmentWorker;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.PlanWarnings;
import org.manta.core.segment.SegmentBounds;
import org.manta.core.segment.SegmentEventStream;
import org.manta.core.segment.SegmentSlice;

/**
 * Variability-versus-energy spectra in one JVM (the embedded counterpart of the other products'
 * {@link org.manta.core.pipeline.EmbeddedPipeline}): the request is planned by {@link JobPlan}, each event file
 * is streamed once, chunk by chunk, its events cut into the plan's segments carrying their energies, and a pool
 * of workers folds every segment into per-thread {@link VarEnergyAccumulator}s (all bands and the reference at
 * once, {@link VarEnergyKernel}) that are combined at the end. The same pass counts each band's events in the
 * whole list. The excess variance, a light-curve product, reads the list once more.
 */
public final class VarEnergyPipeline {
    private final PoolSettings pool;

    /** @param pool worker threads and queue depth */
    public VarEnergyPipeline(PoolSettings pool) {
        this.pool = pool;
    }

    /** The plan of a request on its files (headers only); checks that the bands' column exists. */
    public static JobPlan plan(VarEnergyRequest request, List<Path> files) {
        return plan(request, files, (file, reader) -> { });
    }

    /**
     * As {@link #plan(VarEnergyRequest, List)}, showing each opened reader to {@code opened} first (as
     * {@link EmbeddedPipeline#plan(org.manta.core.plan.JobRequest, List, BiConsumer)}).
     */
    public static JobPlan plan(VarEnergyRequest request, List<Path> files, BiConsumer<Path, EventFileReader> opened) {
        return EmbeddedPipeline.plan(request.segmentRequest(), files, (file, reader) -> {
            opened.accept(file, reader);
            requireBandColumn(request, file, reader);
        });
    }

    /** Checks that an opened event list has the column the request's bands select on (the mesh's planner too). */
    public static void requireBandColumn(VarEnergyRequest request, Object file, EventFileReader reader) {
        boolean have = request.bands().onPi() ? reader.hasPi() : reader.hasEnergy();
        if (!have) {
            throw new InvalidParameterException("bands", request.bands(), "a selection on a column " + file
                    + " has: it has no " + (request.bands().onPi() ? "PI column"
                    : "ENERGY column and no known PI calibration"));
        }
    }

    /** The layout of a planned request. */
    public static VarEnergyLayout layout(VarEnergyRequest request, JobPlan plan) {
        return new VarEnergyLayout(plan.segment(), request.bands(), request.reference(), request.fLo(), request.fHi(),
                request.segmentSize(), request.inputs() == 2);
    }

    /** The spectrum the request asks for. */
    public VarEnergySpectrum spectrum(VarEnergyRequest request, List<Path> files, ProgressListener progress) {
        return spectrum(request, plan(request, files), files, progress);
    }

    /**
     * The spectrum the request asks for, on its plan ({@link #plan}); {@code progress} is told the plan's segments
     * done, or for the excess variance, which does not use them, the bands done ({@link #progressUnits}).
     */
    public VarEnergySpectrum spectrum(VarEnergyRequest request, JobPlan plan, List<Path> files,
                                      ProgressListener progress) {
        if (request.kind() == VarEnergyKind.EXCESS_VARIANCE) {
            return excessVariance(request, plan.gti(), files.get(0), progress).result(request.reference());
        }
        return accumulate(layout(request, plan), plan, files, progress).result(request.kind(), request.norm());
    }

    /**
     * One pass over the files into an accumulator from which every Fourier kind follows
     * ({@link VarEnergyAccumulator#result}).
     *
     * @throws NoDataException if the (first) list has no event in any band
     */
    public VarEnergyAccumulator accumulate(VarEnergyLayout layout, JobPlan plan, List<Path> files,
                                           ProgressListener progress) {
        int bands = layout.bands().count();
        long[] listEvents = new long[bands];
        long[] refListEvents = new long[1];
        List<EventFileReader> readers = new ArrayList<>();
        try {
            List<SegmentEventStream> streams = new ArrayList<>();
            // the plan's segment bounds (where each segment's events begin and end), as the other products cut
            SegmentBounds bounds = plan.bounds(0, plan.segmentCount());
            for (int input = 0; input < files.size(); input++) {
                EventFileReader reader = EventFileReader.open(files.get(input));
                readers.add(reader);
                boolean countBands = input == 0;
                boolean countReference = input == files.size() - 1;
                EventChunk chunk = reader.newChunk();
                streams.add(new SegmentEventStream(ck -> {
                    boolean more = reader.next(ck, null);
                    countEvents(ck, layout, countBands ? listEvents : null, countReference ? refListEvents : null);
                    return more;
                }, chunk, bounds).withValues());
            }
            VarEnergyAccumulator acc = SegmentPipeline.run(streams, () -> new SegmentWorker<VarEnergyAccumulator>() {
                final VarEnergyKernel kernel = new VarEnergyKernel(layout);
                final VarEnergyAccumulator partial = new VarEnergyAccumulator(layout);

                @Override
                public void accept(SegmentSlice[] channels) {
                    kernel.add(partial, channels[0], channels.length > 1 ? channels[1] : null);
                }

                @Override
                public VarEnergyAccumulator partial() {
                    return partial;
                }
            }, VarEnergyAccumulator::combine, pool, progress);
            // the segment streams stop after the last segment: the rest of each list still counts (Stingray sizes)
            for (int input = 0; input < readers.size(); input++) {
                EventChunk rest = readers.get(input).newChunk();
                while (readers.get(input).next(rest, null)) {
                    countEvents(rest, layout, input == 0 ? listEvents : null,
                            input == files.size() - 1 ? refListEvents : null);
                }
            }
            acc.addListEvents(listEvents, refListEvents[0]);
            acc.requireEventsInBands(files.get(0).toString());
            return acc;
        } finally {
            for (EventFileReader r : readers) {
                r.close();
            }
        }
    }

    /**
     * Puts each event's selection value into {@code chunk.energy} (PI for PI bands) and counts the events of
     * every band and of the reference band (either may be null: not counted). The mesh's workers call it on
     * the rows of their units ({@code UnitReader#withValues}).
     */
    public static void countEvents(EventChunk chunk, VarEnergyLayout layout, long[] perBand, long[] reference) {
        EnergyBands bands = layout.bands();
        EnergyBand ref = layout.reference();
        for (int i = 0; i < chunk.size; i++) {
            if (bands.onPi()) {
                chunk.energy[i] = chunk.pi[i];
            }
            double v = chunk.energy[i];
            if (perBand != null) {
                int b = bands.indexOf(v);
                if (b >= 0) {
                    perBand[b]++;
                }
            }
            if (reference != null && ref.contains(v)) {
                reference[0]++;
            }
        }
    }

    /**
     * The excess-variance sums of every band: the band's light curve with the request's bin time over the whole
     * span of the GTIs (what Stingray's {@code ExcessVarianceSpectrum} computes, {@link ExcessVarianceAccumulator}).
     */
    public static ExcessVarianceAccumulator excessVariance(VarEnergyRequest request, GtiList gti, Path file) {
        return excessVariance(request, gti, file, ProgressListener.NONE);
    }

    /**
     * For the excess variance over several GTIs: its light curves span them, gaps as zeros, as Stingray's
     * {@code ExcessVarianceSpectrum} makes them ({@link PlanWarnings#gapsAsZeros}); the embedded command and the mesh's
     * planner say it alike. Nothing for the other kinds (their segments lie inside the GTIs).
     *
     * @param input the event list's name, as the user gave it
     */
    public static Optional<String> gapWarning(VarEnergyRequest request, String input, GtiList gti) {
        if (request.kind() != VarEnergyKind.EXCESS_VARIANCE) {
            return Optional.empty();
        }
        return PlanWarnings.gapsAsZeros(input, "light curve per band (excvar)", gti, PlanWarnings.EXCESS_VARIANCE_ADVICE);
    }

    /**
     * What {@link #spectrum} reports progress in: {@code bands} for the excess variance (one light curve per band),
     * {@code segments} (the plan's) otherwise.
     */
    public static String progressUnits(VarEnergyRequest request) {
        return request.kind() == VarEnergyKind.EXCESS_VARIANCE ? "bands" : "segments";
    }

    /** How many {@link #progressUnits} {@link #spectrum} reports in all. */
    public static long progressTotal(VarEnergyRequest request, JobPlan plan) {
        return request.kind() == VarEnergyKind.EXCESS_VARIANCE ? request.bands().count() : plan.segmentCount();
    }

    /** {@link #excessVariance(VarEnergyRequest, GtiList, Path)}, telling {@code progress} each band done. */
    public static ExcessVarianceAccumulator excessVariance(VarEnergyRequest request, GtiList gti, Path file,
                                                           ProgressListener progress) {
        EventList events;
        try (EventFileReader r = EventFileReader.open(file)) {
            events = r.readAll(null);
        }
        EnergyBands bands = request.bands();
        ExcessVarianceAccumulator acc = new ExcessVarianceAccumulator(bands, request.dt());
        double tstart = gti.start();
        for (int b = 0; b < bands.count(); b++) {
            EnergyBand band = bands.band(b);
            double[] times = select(events, band);
            LightCurve lc = LightCurve.make(times, request.dt(), tstart, gti.stop() - tstart, gti);
            acc.addBins(b, lc.counts(), lc.countsErr());
            progress.progress(b + 1, bands.count());
        }
        return acc;
    }

    private static double[] select(EventList events, EnergyBand band) {
        double[] t = events.time();
        double[] out = new double[t.length];
        int n = 0;
        for (int i = 0; i < t.length; i++) {
            double v = band.onPi() ? events.pi()[i] : events.energy()[i];
            if (band.contains(v)) {
                out[n++] = t[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
