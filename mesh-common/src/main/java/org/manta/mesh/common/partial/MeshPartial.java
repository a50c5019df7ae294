package org.manta.mesh.common.partial;

import java.util.List;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;
import org.manta.core.segment.Histogram;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.CrossAccumulator;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.core.spectrum.PowerAccumulator;
import org.manta.core.spectrum.Spectra;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.Segment;
import org.manta.proto.v1.SegmentChannel;
import org.manta.proto.v1.SegmentRow;

/**
 * The mesh's partial accumulator of one job (design.md §2 "Partial"): a core accumulator
 * ({@link PowerAccumulator}, {@link CrossAccumulator} or {@link DynamicalPowerAccumulator}, by
 * product kind) plus the set of <em>processed</em> segment indices, which also holds the segments the
 * averaging rules skip (fewer than {@value Spectra#MIN_EVENTS_PER_SEGMENT} events, or no counts) and
 * which therefore add nothing to the sums. Workers {@link #fold} segments into one (tree level 1); the
 * reducer {@link #merge}s partials (higher levels) and finalises when the processed set is every
 * segment of the job. It maps to and from {@code manta.v1.PartialAccumulator} (records.proto).
 *
 * <p>A folded segment goes through exactly the core calls of the embedded pipeline
 * ({@code org.manta.core.pipeline.SpectralJobs}): {@link Histogram#countSegment} then the
 * accumulator's {@code add}, so mesh and embedded products differ only by summation order.
 *
 * <p>A DYNPS partial may be <em>row-less</em>: the reducer keeps each segment's row in a store of its
 * own and merges only the index sets; {@link #usedCount()} then exceeds the columns held.
 */
public final class MeshPartial {
    private final String jobId;
    private final ProductKind kind;
    private final SegmentSpec spec;
    private final SegmentRanges processed;
    private final SegmentRanges used;
    private final PowerAccumulator power;
    private final CrossAccumulator cross;
    private final DynamicalPowerAccumulator dynamical;

    private MeshPartial(String jobId, ProductKind kind, SegmentSpec spec, SegmentRanges processed, SegmentRanges used,
                        PowerAccumulator power, CrossAccumulator cross, DynamicalPowerAccumulator dynamical) {
        this.jobId = jobId;
        this.kind = kind;
        this.spec = spec;
        this.processed = processed;
        this.used = used;
        this.power = power;
        this.cross = cross;
        this.dynamical = dynamical;
    }

    /** An empty partial that keeps every sum (PDS: also those for per-segment normalisation). */
    public static MeshPartial empty(String jobId, ProductKind kind, SegmentSpec spec) {
        return empty(jobId, kind, spec, true);
    }

    /**
     * An empty partial.
     *
     * @param perSegmentSums PDS: also keep the sums for per-segment normalisation ({@code use_common_mean =
     *                       false}); without them the partial is a third of the size ({@link PowerAccumulator#commonMeanOnly})
     * @throws InvalidParameterException for a kind the mesh does not accumulate
     */
    public static MeshPartial empty(String jobId, ProductKind kind, SegmentSpec spec, boolean perSegmentSums) {
        return switch (kind) {
            case PDS -> new MeshPartial(jobId, kind, spec, SegmentRanges.empty(), SegmentRanges.empty(),
                    perSegmentSums ? new PowerAccumulator(spec) : PowerAccumulator.commonMeanOnly(spec), null, null);
            case CPDS -> new MeshPartial(jobId, kind, spec, SegmentRanges.empty(), SegmentRanges.empty(),
                    null, new CrossAccumulator(spec), null);
            case DYNPS -> new MeshPartial(jobId, kind, spec, SegmentRanges.empty(), SegmentRanges.empty(),
                    null, null, new DynamicalPowerAccumulator(spec));
            default -> throw new InvalidParameterException("kind", kind, "PDS, CPDS or DYNPS");
        };
    }

    /** The segment layout a {@code Segment} record carries (the one {@code SegmentSpec.of} made upstream). */
    public static SegmentSpec specOf(Segment segment) {
        return new SegmentSpec(segment.getDt(), segment.getNbin(), segment.getSegmentSize());
    }

    /**
     * Folds one segment: histogram (events) or counts as given, real FFT, accumulate. A segment with
     * fewer than 2 events in a channel, or all-zero counts, is only marked processed.
     *
     * @return whether the segment contributed to the sums
     * @throws InvalidParameterException if the segment belongs to another job or layout, lacks a
     *                                   channel, or was folded already
     */
    public boolean fold(Segment segment, Workspace ws) {
        if (!segment.getJobId().equals(jobId)) {
            throw new InvalidParameterException("segment.job_id", segment.getJobId(), "job " + jobId);
        }
        if (!specOf(segment).equals(spec)) {
            throw new InvalidParameterException("segment", "dt = " + segment.getDt() + " s, nbin = " + segment.getNbin(),
                    "the job's layout dt = " + spec.dt() + " s, nbin = " + spec.nbin());
        }
        long index = segment.getSegmentIndex();
        if (processed.contains(index)) {
            throw new InvalidParameterException("segment_index", index, "a segment not folded yet into this partial");
        }
        ws.prepare(spec.nbin());
        boolean contributed = switch (kind) {
            case PDS -> foldPower(segment, index, ws);
            case DYNPS -> counts(segment.getChannel1(), segment, ws.counts1())
                    && dynamical.add(index, segment.getStart(), ws.counts1(), ws.fft());
            case CPDS -> {
                if (!segment.hasChannel2()) {
                    throw new InvalidParameterException("segment.channel2", "unset", "both channels for CPDS");
                }
                yield counts(segment.getChannel1(), segment, ws.counts1())
                        && counts(segment.getChannel2(), segment, ws.counts2())
                        && cross.add(index, ws.counts1(), ws.counts2(), ws.fft());
            }
            default -> throw new IllegalStateException("kind " + kind);
        };
        processed.add(index);
        if (contributed) {
            used.add(index);
        }
        return contributed;
    }

    /**
     * PDS: events go the streaming pipeline's hot path (histogram, then FFT in place,
     * {@link PowerAccumulator#addHistogram}, bit for bit {@code add}); counts go through {@code add}.
     */
    private boolean foldPower(Segment segment, long index, Workspace ws) {
        SegmentChannel channel = segment.getChannel1();
        if (channel.hasCounts()) {
            return counts(channel, segment, ws.counts1()) && power.add(index, ws.counts1(), ws.fft());
        }
        int count = channel.getEvents().getTimeCount();
        if (count < Spectra.MIN_EVENTS_PER_SEGMENT) {
            return false;
        }
        double[] times = Protos.doubles(channel.getEvents().getTimeList());
        int events = Histogram.countSegment(times, 0, times.length, segment.getStart(), spec, ws.counts1());
        return power.addHistogram(index, ws.counts1(), events, ws.fft());
    }

    /**
     * Fills {@code out} with a channel's counts per bin. For events, false when the channel holds fewer
     * than {@value Spectra#MIN_EVENTS_PER_SEGMENT} events (Stingray yields nothing for them, science.md §3.1).
     */
    private boolean counts(SegmentChannel channel, Segment segment, double[] out) {
        int n = spec.nbin();
        if (channel.hasCounts()) {
            if (channel.getCounts().getCountsCount() != n) {
                throw new InvalidParameterException("segment.counts", channel.getCounts().getCountsCount() + " values",
                        "nbin = " + n + " values");
            }
            for (int i = 0; i < n; i++) {
                out[i] = channel.getCounts().getCounts(i);
            }
            return true;
        }
        int count = channel.getEvents().getTimeCount();
        if (count < Spectra.MIN_EVENTS_PER_SEGMENT) {
            return false;
        }
        double[] times = Protos.doubles(channel.getEvents().getTimeList());
        Histogram.countSegment(times, 0, times.length, segment.getStart(), spec, out);
        return true;
    }

    /**
     * Merges {@code other} into this partial ({@code other} is not modified).
     *
     * @throws IncompatibleSpectraException if the jobs, kinds or layouts differ, or the processed sets
     *         share a segment (callers drop exact duplicates before merging: see {@link #covers})
     */
    public MeshPartial merge(MeshPartial other) {
        if (!other.jobId.equals(jobId) || other.kind != kind || !other.spec.equals(spec)) {
            throw new IncompatibleSpectraException("cannot merge the " + other.kind + " partial of job " + other.jobId
                    + " (nbin " + other.spec.nbin() + ", dt " + other.spec.dt() + " s) into the " + kind
                    + " partial of job " + jobId + " (nbin " + spec.nbin() + ", dt " + spec.dt() + " s)");
        }
        if (processed.intersects(other.processed)) {
            throw new IncompatibleSpectraException("partial with segments " + other.processed
                    + " overlaps the merged segments " + processed + " of job " + jobId);
        }
        switch (kind) {
            case PDS -> power.combine(other.power);
            case CPDS -> cross.combine(other.cross);
            case DYNPS -> dynamical.combine(other.dynamical);
            default -> throw new IllegalStateException("kind " + kind);
        }
        processed.addAll(other.processed);
        used.addAll(other.used);
        return this;
    }

    /** Whether every segment {@code other} processed was processed here already (a redelivered duplicate). */
    public boolean covers(MeshPartial other) {
        return processed.containsAll(other.processed);
    }

    /** Whether the processed set shares segments with {@code other}'s. */
    public boolean overlaps(MeshPartial other) {
        return processed.intersects(other.processed);
    }

    /**
     * Reads a partial (rows of a DYNPS partial become its columns).
     *
     * @throws InvalidParameterException if it is inconsistent: unknown kind, bad ranges, arrays of the
     *         wrong length, m not the number of used segments
     */
    public static MeshPartial fromProto(PartialAccumulator p) {
        SegmentSpec spec = new SegmentSpec(p.getDt(), p.getNbin(), p.getNbin() * p.getDt());
        SegmentRanges processed = SegmentRanges.decode(p.getSegmentRangesList());
        SegmentRanges used = SegmentRanges.decode(p.getUsedRangesList());
        if (used.count() != p.getM() || !processed.containsAll(used)) {
            throw new InvalidParameterException("partial.used_ranges", used + " (m = " + p.getM() + ")",
                    "m used segments, all among segment_ranges " + processed);
        }
        MeshPartial out = switch (p.getKind()) {
            case PDS -> new MeshPartial(p.getJobId(), p.getKind(), spec, processed, used,
                    PowerAccumulator.fromState(spec, new PowerAccumulator.State(used.toSegmentSet(),
                            Protos.doubles(p.getPowerSumList()), Protos.doubles(p.getPowerOverNphSumList()),
                            Protos.doubles(p.getPowerOverNph2SumList()), p.getNphots1Sum())), null, null);
            case CPDS -> new MeshPartial(p.getJobId(), p.getKind(), spec, processed, used, null,
                    CrossAccumulator.fromState(spec, new CrossAccumulator.State(used.toSegmentSet(),
                            Protos.doubles(p.getCrossReSumList()), Protos.doubles(p.getCrossImSumList()),
                            Protos.doubles(p.getPds1SumList()), Protos.doubles(p.getPds2SumList()),
                            p.getNphots1Sum(), p.getNphots2Sum())), null);
            case DYNPS -> {
                DynamicalPowerAccumulator dyn = new DynamicalPowerAccumulator(spec);
                for (SegmentRow row : p.getRowsList()) {
                    if (!used.contains(row.getSegmentIndex())) {
                        throw new InvalidParameterException("partial.rows", row.getSegmentIndex(),
                                "rows of used segments only (" + used + ")");
                    }
                    dyn.addColumn(row(row));
                }
                yield new MeshPartial(p.getJobId(), p.getKind(), spec, processed, used, null, null, dyn);
            }
            default -> throw new InvalidParameterException("partial.kind", p.getKind(), "PDS, CPDS or DYNPS");
        };
        return out;
    }

    /** A DYNPS row as a core column. */
    public static DynamicalPowerAccumulator.SegmentPower row(SegmentRow row) {
        return new DynamicalPowerAccumulator.SegmentPower(row.getSegmentIndex(), row.getStart(), row.getNphots(),
                Protos.doubles(row.getPowerList()));
    }

    /**
     * The wire form.
     *
     * @param withRows for DYNPS: include the columns as {@code rows} (false for the reducer's row-less state)
     */
    public PartialAccumulator toProto(boolean withRows) {
        PartialAccumulator.Builder b = PartialAccumulator.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(jobId).setKind(kind)
                .addAllSegmentRanges(processed.encode()).addAllUsedRanges(used.encode())
                .setM(used.count()).setNbin(spec.nbin()).setDt(spec.dt());
        switch (kind) {
            case PDS -> {
                PowerAccumulator.State s = power.state();
                addAll(s.sumPower(), b::addPowerSum);
                addAll(s.sumPowerOverNph(), b::addPowerOverNphSum);
                addAll(s.sumPowerOverNph2(), b::addPowerOverNph2Sum);
                b.setNphots1Sum(s.sumNph());
            }
            case CPDS -> {
                CrossAccumulator.State s = cross.state();
                addAll(s.sumRe(), b::addCrossReSum);
                addAll(s.sumIm(), b::addCrossImSum);
                addAll(s.sumPower1(), b::addPds1Sum);
                addAll(s.sumPower2(), b::addPds2Sum);
                b.setNphots1Sum(s.sumNph1()).setNphots2Sum(s.sumNph2());
            }
            case DYNPS -> {
                double nph = 0;
                for (DynamicalPowerAccumulator.SegmentPower c : dynamical.columns()) {
                    nph += c.nph();
                    if (withRows) {
                        SegmentRow.Builder row = SegmentRow.newBuilder()
                                .setSegmentIndex(c.index()).setStart(c.start()).setNphots(c.nph());
                        addAll(c.unnormPower(), row::addPower);
                        b.addRows(row);
                    }
                }
                b.setNphots1Sum(nph);
            }
            default -> throw new IllegalStateException("kind " + kind);
        }
        return b.build();
    }

    private interface DoubleSink {
        Object add(double v);
    }

    private static void addAll(double[] values, DoubleSink sink) {
        for (double v : values) {
            sink.add(v);
        }
    }

    public String jobId() {
        return jobId;
    }

    public ProductKind kind() {
        return kind;
    }

    public SegmentSpec spec() {
        return spec;
    }

    /** The processed segment indices (a copy). */
    public SegmentRanges processed() {
        return processed.copy();
    }

    /** Number of processed segments. */
    public long processedCount() {
        return processed.count();
    }

    /** Number of segments that contributed to the sums (the product's m). */
    public long usedCount() {
        return used.count();
    }

    /** The used segment indices (a copy). */
    public SegmentRanges used() {
        return used.copy();
    }

    /** PDS: the power accumulator (live, not a copy). */
    public PowerAccumulator power() {
        return power;
    }

    /** CPDS: the cross accumulator (live, not a copy). */
    public CrossAccumulator cross() {
        return cross;
    }

    /** DYNPS: the columns held (live, not a copy; row-less partials hold fewer than {@link #usedCount()}). */
    public DynamicalPowerAccumulator dynamical() {
        return dynamical;
    }

    /** Columns of a DYNPS partial, for storing them apart from a row-less state. */
    public List<DynamicalPowerAccumulator.SegmentPower> rows() {
        return dynamical == null ? List.of() : dynamical.columns();
    }
}
