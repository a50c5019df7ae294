package org.manta.mesh.common.partial;

import java.util.List;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.InvalidParameterException;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSlice;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.CrossAccumulator;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.core.spectrum.PowerAccumulator;
import org.manta.core.spectrum.Spectra;
import org.manta.mesh.common.mapping.Protos;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;
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
 * ({@link SegmentKernel}), so mesh and embedded products differ only by summation order.
 *
 * <p>A DYNPS partial may be <em>row-less</em>: the reducer keeps each segment's row in a store of its
 * own and merges only the index sets; {@link #usedCount()} then exceeds the columns held.
 */
public final class MeshPartial {
    private final String jobId;
    private final ProductKind kind;
    private final SegmentSpec spec;
    private final SegmentSet processed;
    private final SegmentSet used;
    private final PowerAccumulator power;
    private final CrossAccumulator cross;
    private final DynamicalPowerAccumulator dynamical;
    private long events1;
    private long events2;

    private MeshPartial(String jobId, ProductKind kind, SegmentSpec spec, SegmentSet processed, SegmentSet used,
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
            case PDS -> new MeshPartial(jobId, kind, spec, SegmentSet.empty(), SegmentSet.empty(),
                    perSegmentSums ? new PowerAccumulator(spec) : PowerAccumulator.commonMeanOnly(spec), null, null);
            case CPDS -> new MeshPartial(jobId, kind, spec, SegmentSet.empty(), SegmentSet.empty(),
                    null, new CrossAccumulator(spec), null);
            case DYNPS -> new MeshPartial(jobId, kind, spec, SegmentSet.empty(), SegmentSet.empty(),
                    null, null, new DynamicalPowerAccumulator(spec));
            default -> throw new InvalidParameterException("kind", kind, "PDS, CPDS or DYNPS");
        };
    }

    /**
     * Folds one segment of a work unit, all channels aligned ({@code UnitReader#forEachSegment}):
     * through the kernel's per-segment rules, the same calls as the embedded pipeline. A segment with
     * fewer than 2 events in a channel is only marked processed.
     *
     * @return whether the segment contributed to the sums
     * @throws InvalidParameterException if the kernel's layout is not the partial's, a channel is missing,
     *                                   or the segment was folded already
     */
    public boolean fold(SegmentSlice[] channels, SegmentKernel kernel) {
        if (!kernel.spec().equals(spec)) {
            throw new InvalidParameterException("kernel", "dt = " + kernel.spec().dt() + " s, nbin = "
                    + kernel.spec().nbin(), "the job's layout dt = " + spec.dt() + " s, nbin = " + spec.nbin());
        }
        int needed = kind == ProductKind.CPDS ? 2 : 1;
        if (channels.length < needed) {
            throw new InvalidParameterException("channels", channels.length, needed + " for " + kind);
        }
        long index = channels[0].index;
        if (processed.contains(index)) {
            throw new InvalidParameterException("segment index", index, "a segment not folded yet into this partial");
        }
        boolean contributed = switch (kind) {
            case PDS -> kernel.add(power, channels[0]);
            case DYNPS -> kernel.add(dynamical, channels[0]);
            case CPDS -> kernel.add(cross, channels[0], channels[1]);
            default -> throw new IllegalStateException("kind " + kind);
        };
        processed.add(index);
        events1 += channels[0].count;
        if (kind == ProductKind.CPDS) {
            events2 += channels[1].count;
        }
        if (contributed) {
            used.add(index);
        }
        return contributed;
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
        events1 += other.events1;
        events2 += other.events2;
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
        SegmentSet processed = SegmentSet.decode(p.getSegmentRangesList());
        SegmentSet used = SegmentSet.decode(p.getUsedRangesList());
        if (used.count() != p.getM() || !processed.containsAll(used)) {
            throw new InvalidParameterException("partial.used_ranges", used + " (m = " + p.getM() + ")",
                    "m used segments, all among segment_ranges " + processed);
        }
        MeshPartial out = switch (p.getKind()) {
            case PDS -> new MeshPartial(p.getJobId(), p.getKind(), spec, processed, used,
                    PowerAccumulator.fromState(spec, new PowerAccumulator.State(used,
                            Protos.doubles(p.getPowerSumList()), Protos.doubles(p.getPowerOverNphSumList()),
                            Protos.doubles(p.getPowerOverNph2SumList()), p.getNphots1Sum())), null, null);
            case CPDS -> new MeshPartial(p.getJobId(), p.getKind(), spec, processed, used, null,
                    CrossAccumulator.fromState(spec, new CrossAccumulator.State(used,
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
        out.events1 = p.getEvents1();
        out.events2 = p.getEvents2();
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
                .setM(used.count()).setNbin(spec.nbin()).setDt(spec.dt()).setEvents1(events1).setEvents2(events2);
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
    public SegmentSet processed() {
        return processed.copy();
    }

    /** Events that fell into the processed segments: channel 1. */
    public long events1() {
        return events1;
    }

    /** Events that fell into the processed segments: channel 2 (CPDS). */
    public long events2() {
        return events2;
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
    public SegmentSet used() {
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
