package org.manta.gpu;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import org.manta.core.InvalidParameterException;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.spectrum.CrossAccumulator;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.core.spectrum.PowerAccumulator;
import org.manta.core.spectrum.Spectra;

/**
 * Folds segments into one core accumulator on a {@link SpectralDevice}, many segments per launch: the host
 * packs segments into a lane's pinned buffers; a full batch is uploaded, histogrammed, transformed (one
 * batched cuFFT D2Z) and accumulated on the device while the host packs the next batch into the other lane.
 * Only the small per-row event counts (and, for DYNPS, the batch's rows) come back per batch; the sums come
 * back once, in {@link #power()}/{@link #cross()}, as the core accumulators' {@code State}, so a GPU partial
 * is a core accumulator like any other (the reducer and the embedded pipeline cannot tell).
 *
 * <p>The per-segment rules are {@code SegmentKernel}'s: a segment with fewer than
 * {@value Spectra#MIN_EVENTS_PER_SEGMENT} events in a channel never goes to the device; one whose binned
 * count is 0 in a channel adds nothing (the kernels skip it) and is not used. Each lane keeps its own sums,
 * combined at the end as two CPU workers' partials are, so the product differs from the CPU's only by
 * summation order and the FFT's rounding. One per job (or batch of work units); not thread-safe; the
 * buffers are freed by {@link #close}.
 */
public final class BatchAccumulator implements AutoCloseable {
    private final SpectralDevice device;
    private final boolean perSegmentSums;
    private final ProgressListener progress;
    private final long totalSegments;
    private final Lane[] lanes = new Lane[BatchLayout.LANES];
    private final DynamicalPowerAccumulator dynamical;
    private BatchLayout layout;
    private int current;
    private long done;
    private boolean closed;

    /**
     * @param layout         the batch layout (kind, segment spec, slots, event capacity)
     * @param perSegmentSums PDS: also the sums of the per-segment normalisation
     * @param progress       told once per segment, when its batch is back (or when it is skipped)
     * @param totalSegments  what the progress counts up to
     */
    public BatchAccumulator(SpectralDevice device, BatchLayout layout, boolean perSegmentSums, ProgressListener progress,
                            long totalSegments) {
        this.device = device;
        this.layout = layout;
        this.perSegmentSums = perSegmentSums;
        this.progress = progress;
        this.totalSegments = totalSegments;
        this.dynamical = layout.kind() == SpectrumKind.DYNPS ? new DynamicalPowerAccumulator(layout.spec()) : null;
        try {
            for (int l = 0; l < lanes.length; l++) {
                lanes[l] = new Lane(l);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public BatchLayout layout() {
        return layout;
    }

    /**
     * Adds one segment, all channels aligned (valid only during the call: its events are copied).
     *
     * @return whether it goes to the device (false: fewer than 2 events in a channel, never used)
     */
    public boolean add(SegmentSlice[] channels) {
        int nch = layout.channels();
        if (channels.length < nch) {
            throw new InvalidParameterException("channels", channels.length, nch + " for " + layout.kind());
        }
        for (int c = 0; c < nch; c++) {
            if (channels[c].count < Spectra.MIN_EVENTS_PER_SEGMENT) {
                progress.progress(++done, totalSegments);
                return false;
            }
        }
        long events = 0;
        for (int c = 0; c < nch; c++) {
            events += channels[c].count;
        }
        Lane lane = lanes[current];
        if (lane.filled == layout.slots() || lane.events + events > layout.eventCapacity()) {
            launchAndSwitch();
            lane = lanes[current];
        }
        if (events > layout.eventCapacity()) {
            grow(events);
            lane = lanes[current];
        }
        lane.put(channels);
        return true;
    }

    /** Everything added, as a power accumulator (PDS layouts). */
    public PowerAccumulator power() {
        require(SpectrumKind.PDS);
        drain();
        PowerAccumulator out = null;
        for (Lane lane : lanes) {
            double[][] sums = lane.sums(layout.sums(perSegmentSums));
            PowerAccumulator acc = PowerAccumulator.fromState(layout.spec(), new PowerAccumulator.State(lane.used,
                    sums[0], perSegmentSums ? sums[1] : new double[0], perSegmentSums ? sums[2] : new double[0],
                    lane.sumNph1));
            out = out == null ? acc : out.combine(acc);
        }
        return out;
    }

    /** Everything added, as a cross accumulator (CPDS layouts). */
    public CrossAccumulator cross() {
        require(SpectrumKind.CPDS);
        drain();
        CrossAccumulator out = null;
        for (Lane lane : lanes) {
            double[][] s = lane.sums(4);
            CrossAccumulator acc = CrossAccumulator.fromState(layout.spec(), new CrossAccumulator.State(lane.used,
                    s[0], s[1], s[2], s[3], lane.sumNph1, lane.sumNph2));
            out = out == null ? acc : out.combine(acc);
        }
        return out;
    }

    /** Everything added, as a dynamical accumulator (DYNPS layouts). */
    public DynamicalPowerAccumulator dynamical() {
        require(SpectrumKind.DYNPS);
        drain();
        return dynamical;
    }

    /** Frees the device and pinned buffers. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Lane lane : lanes) {
            if (lane != null) {
                lane.free();
            }
        }
    }

    private void require(SpectrumKind kind) {
        if (layout.kind() != kind) {
            throw new IllegalStateException("a " + layout.kind() + " batch has no " + kind + " result");
        }
    }

    /** Launches the current lane's batch (if any) and makes the other lane current, harvesting its last batch. */
    private void launchAndSwitch() {
        lanes[current].launch();
        current = (current + 1) % lanes.length;
        lanes[current].harvest();
    }

    /** Launches what is pending and waits for every lane's last batch. */
    private void drain() {
        lanes[current].launch();
        for (Lane lane : lanes) {
            lane.harvest();
        }
    }

    /** Room for a segment of {@code events} events: every lane is drained and gets larger event buffers. */
    private void grow(long events) {
        drain();
        layout = layout.withEventCapacity(Math.max(events, 2 * layout.eventCapacity()));
        for (Lane lane : lanes) {
            lane.growEvents();
        }
    }

    /** One stream's buffers, the batch being filled or in flight, and the lane's share of the result. */
    private final class Lane {
        final int id;
        MemorySegment hostEvents;
        MemorySegment devEvents;
        final MemorySegment hostTable;
        final MemorySegment devTable;
        final MemorySegment spectra;
        final MemorySegment sums;
        final MemorySegment hostRows;
        final MemorySegment devRows;
        final long[] index;
        final double[] start;
        int filled;
        long events;
        int maxEvents;
        boolean inFlight;
        final SegmentSet used = SegmentSet.empty();
        double sumNph1;
        double sumNph2;

        Lane(int id) {
            this.id = id;
            hostEvents = device.pinned(layout.eventBytes());
            devEvents = device.alloc(layout.eventBytes());
            hostTable = device.pinned(layout.rowTableBytes());
            devTable = device.alloc(layout.rowTableBytes());
            spectra = device.alloc(layout.spectraBytes());
            sums = device.alloc(layout.sumsBytes());
            device.zero(id, sums, layout.sumsBytes());
            boolean dyn = layout.kind() == SpectrumKind.DYNPS;
            hostRows = dyn ? device.pinned(layout.dynamicalBytes()) : null;
            devRows = dyn ? device.alloc(layout.dynamicalBytes()) : null;
            index = new long[layout.slots()];
            start = new double[layout.slots()];
            clearTable();
        }

        void clearTable() {
            hostTable.asSlice(0, layout.rowTableBytes()).fill((byte) 0);
            filled = 0;
            events = 0;
            maxEvents = 0;
        }

        void put(SegmentSlice[] channels) {
            int s = filled;
            for (int c = 0; c < layout.channels(); c++) {
                SegmentSlice slice = channels[c];
                int r = c * layout.slots() + s;
                MemorySegment.copy(slice.times, 0, hostEvents, JAVA_DOUBLE, events * Double.BYTES, slice.count);
                hostTable.setAtIndex(JAVA_LONG, r, events);
                hostTable.set(JAVA_DOUBLE, layout.startOffset() + (long) r * Double.BYTES, slice.start);
                hostTable.set(JAVA_INT, layout.countOffset() + (long) r * Integer.BYTES, slice.count);
                events += slice.count;
                maxEvents = Math.max(maxEvents, slice.count);
            }
            index[s] = channels[0].index;
            start[s] = channels[0].start;
            filled++;
        }

        /** Queues the batch on the lane's stream: upload, histogram, FFT, accumulate, copy the counts back. */
        void launch() {
            if (filled == 0 || inFlight) {
                return;
            }
            device.upload(id, hostEvents, devEvents, events * Double.BYTES);
            device.upload(id, hostTable, devTable, layout.rowTableUploadBytes());
            device.zero(id, device.offset(devTable, layout.binnedOffset()), (long) layout.rows() * Integer.BYTES);
            device.zero(id, spectra, layout.spectraBytes());
            device.histogram(id, layout, devEvents, devTable, maxEvents, spectra);
            device.transform(id, layout, spectra);
            switch (layout.kind()) {
                case PDS -> device.power(id, layout, spectra, devTable, perSegmentSums, sums);
                case CPDS -> device.cross(id, layout, spectra, devTable, sums);
                case DYNPS -> {
                    device.dynamical(id, layout, spectra, devRows);
                    device.download(id, devRows, hostRows, (long) filled * layout.spec().nFreq() * Double.BYTES);
                }
                default -> throw new IllegalStateException("no GPU kernel for " + layout.kind());
            }
            device.download(id, device.offset(devTable, layout.binnedOffset()),
                    hostTable.asSlice(layout.binnedOffset()), (long) layout.rows() * Integer.BYTES);
            inFlight = true;
        }

        /** Waits for the batch in flight and books its segments: used ones, photons, DYNPS columns. */
        void harvest() {
            if (!inFlight) {
                return;
            }
            device.synchronize(id);
            inFlight = false;
            int nFreq = layout.spec().nFreq();
            for (int s = 0; s < filled; s++) {
                int b1 = binned(s);
                int b2 = layout.channels() > 1 ? binned(layout.slots() + s) : 1;
                if (b1 > 0 && b2 > 0) {
                    if (dynamical != null) {
                        double[] row = hostRows.asSlice((long) s * nFreq * Double.BYTES, (long) nFreq * Double.BYTES)
                                .toArray(JAVA_DOUBLE);
                        dynamical.addColumn(new DynamicalPowerAccumulator.SegmentPower(index[s], start[s], b1, row));
                    } else {
                        if (!used.add(index[s])) {
                            throw new InvalidParameterException("segmentIndex", index[s], "an index not yet added");
                        }
                        sumNph1 += b1;
                        sumNph2 += layout.channels() > 1 ? b2 : 0;
                    }
                }
                progress.progress(++done, totalSegments);
            }
            clearTable();
        }

        int binned(int row) {
            return hostTable.get(JAVA_INT, layout.binnedOffset() + (long) row * Integer.BYTES);
        }

        /** The lane's device sums ({@code k} arrays of nFreq), copied back. */
        double[][] sums(int k) {
            int nFreq = layout.spec().nFreq();
            MemorySegment host = device.pinned((long) Math.max(1, k) * nFreq * Double.BYTES);
            try {
                if (k > 0) {
                    device.download(id, sums, host, (long) k * nFreq * Double.BYTES);
                }
                device.synchronize(id);
                double[][] out = new double[k][];
                for (int i = 0; i < k; i++) {
                    out[i] = host.asSlice((long) i * nFreq * Double.BYTES, (long) nFreq * Double.BYTES)
                            .toArray(JAVA_DOUBLE);
                }
                return out;
            } finally {
                device.freePinned(host);
            }
        }

        void growEvents() {
            device.freePinned(hostEvents);
            device.free(devEvents);
            hostEvents = device.pinned(layout.eventBytes());
            devEvents = device.alloc(layout.eventBytes());
        }

        void free() {
            try {
                device.synchronize(id);
            } finally {
                release(hostEvents, true);
                release(hostTable, true);
                release(hostRows, true);
                release(devEvents, false);
                release(devTable, false);
                release(spectra, false);
                release(sums, false);
                release(devRows, false);
            }
        }

        private void release(MemorySegment m, boolean pinned) {
            if (m == null) {
                return;
            }
            if (pinned) {
                device.freePinned(m);
            } else {
                device.free(m);
            }
        }
    }
}
