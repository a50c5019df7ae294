package org.manta.mesh.common.partial;

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
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/**
 * The mesh's partial accumulator of one job (design.md §2 "Partial"): a core accumulator, one subclass
 * per product kind ({@link PowerPartial}: {@link PowerAccumulator}, {@link CrossPartial}:
 * {@link CrossAccumulator}, {@link DynamicalPartial}: {@link DynamicalPowerAccumulator}), plus the set
 * of <em>processed</em> segment indices, which also holds the segments the averaging rules skip (fewer
 * than {@value Spectra#MIN_EVENTS_PER_SEGMENT} events, or no counts) and which therefore add nothing to
 * the sums. Workers {@link #fold} segments into one (tree level 1); the reducer {@link #merge}s
 * partials (higher levels) and finalises when the processed set is every segment of the job. It maps
 * to and from {@code manta.v1.PartialAccumulator} (records.proto); {@link #empty} and {@link #fromProto}
 * are the only places that choose the subclass by kind.
 *
 * <p>A folded segment goes through exactly the core calls of the embedded pipeline
 * ({@link SegmentKernel}), so mesh and embedded products differ only by summation order.
 */
public abstract sealed class MeshPartial permits PowerPartial, CrossPartial, DynamicalPartial,
        VarEnergyPartial, FadPartial, ExcessVariancePartial, WholeSeriesPartial {
    private final String jobId;
    private final SegmentSpec spec;
    private final SegmentSet processed;
    private final SegmentSet used;
    private long events1;
    private long events2;

    MeshPartial(String jobId, SegmentSpec spec, SegmentSet processed, SegmentSet used) {
        this.jobId = jobId;
        this.spec = spec;
        this.processed = processed;
        this.used = used;
    }

    /** An empty partial that keeps every sum (PDS: also those for per-segment normalisation). */
    public static MeshPartial empty(String jobId, ProductKind kind, SegmentSpec spec) {
        return empty(jobId, kind, spec, true);
    }

    /**
     * An empty partial of the kind's subclass.
     *
     * @param perSegmentSums PDS: also keep the sums for per-segment normalisation ({@code use_common_mean =
     *                       false}); without them the partial is a third of the size ({@link PowerAccumulator#commonMeanOnly})
     * @throws InvalidParameterException for a kind the mesh does not accumulate
     */
    public static MeshPartial empty(String jobId, ProductKind kind, SegmentSpec spec, boolean perSegmentSums) {
        return switch (kind) {
            case PDS -> PowerPartial.empty(jobId, spec, perSegmentSums);
            case CPDS -> CrossPartial.empty(jobId, spec);
            case DYNPS -> DynamicalPartial.empty(jobId, spec);
            default -> throw new InvalidParameterException("kind", kind, "PDS, CPDS or DYNPS");
        };
    }

    /**
     * Reads a partial of the wire's kind (rows of a DYNPS partial become its columns).
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
            case PDS -> p.hasWholeSeries() ? WholeSeriesPartial.fromProto(p, spec, processed, used)   // a periodogram
                    : PowerPartial.fromProto(p, spec, processed, used);
            case CPDS -> CrossPartial.fromProto(p, spec, processed, used);
            case DYNPS -> DynamicalPartial.fromProto(p, spec, processed, used);
            case VARENERGY -> p.hasExcvar() ? ExcessVariancePartial.fromProto(p, spec, processed, used)
                    : VarEnergyPartial.fromProto(p, processed, used);
            case FAD -> FadPartial.fromProto(p, spec, processed, used);
            case LC, LOMB, MULTITAPER, BISPECTRUM, BICOHERENCE -> WholeSeriesPartial.fromProto(p, spec, processed, used);
            default -> throw new InvalidParameterException("partial.kind", p.getKind(),
                    "PDS, CPDS, DYNPS, LC, VARENERGY, FAD, LOMB, MULTITAPER, BISPECTRUM or BICOHERENCE");
        };
        out.events1 = p.getEvents1();
        out.events2 = p.getEvents2();
        return out;
    }

    /**
     * A PDS partial of segments folded elsewhere into a core accumulator (the GPU engine, docs/gpu.md):
     * {@code processed} holds every folded segment, the accumulator's segments are the used ones.
     *
     * @throws InvalidParameterException if a used segment is not among the processed ones
     */
    public static MeshPartial of(String jobId, SegmentSet processed, long events, PowerAccumulator power) {
        return withEvents(new PowerPartial(jobId, power.spec(), processed.copy(), checkUsed(processed, power.segments()),
                power), events, 0);
    }

    /** A CPDS partial of segments folded elsewhere (see {@link #of(String, SegmentSet, long, PowerAccumulator)}). */
    public static MeshPartial of(String jobId, SegmentSet processed, long events1, long events2,
                                 CrossAccumulator cross) {
        return withEvents(new CrossPartial(jobId, cross.spec(), processed.copy(), checkUsed(processed, cross.segments()),
                cross), events1, events2);
    }

    /** A DYNPS partial of segments folded elsewhere (see {@link #of(String, SegmentSet, long, PowerAccumulator)}). */
    public static MeshPartial of(String jobId, SegmentSet processed, long events, DynamicalPowerAccumulator dynamical) {
        return withEvents(new DynamicalPartial(jobId, dynamical.spec(), processed.copy(),
                checkUsed(processed, dynamical.segments()), dynamical), events, 0);
    }

    private static SegmentSet checkUsed(SegmentSet processed, SegmentSet used) {
        if (!processed.containsAll(used)) {
            throw new InvalidParameterException("used segments", used, "segments among the processed " + processed);
        }
        return used;
    }

    private static MeshPartial withEvents(MeshPartial p, long events1, long events2) {
        p.events1 = events1;
        p.events2 = events2;
        return p;
    }

    /** The product kind on the wire. */
    public abstract ProductKind kind();

    /** Number of aligned channels a folded segment has (CPDS: 2). */
    abstract int channels();

    /** Adds one segment's channels to the core accumulator through the kernel; whether it contributed. */
    abstract boolean foldSums(SegmentSlice[] channels, SegmentKernel kernel);

    /** Combines the core accumulator of {@code other}, a partial of the same subclass. */
    abstract void mergeSums(MeshPartial other);

    /** Writes the core accumulator's state (and {@code nphots*_sum}) into the wire form. */
    abstract void writeSums(PartialAccumulator.Builder b, boolean withRows);

    /**
     * Folds one segment of a work unit, all channels aligned ({@code UnitReader#forEachSegment}):
     * through the kernel's per-segment rules, the same calls as the embedded pipeline. A segment with
     * fewer than 2 events in a channel is only marked processed.
     *
     * @return whether the segment contributed to the sums
     * @throws InvalidParameterException if the kernel's layout is not the partial's, a channel is missing,
     *                                   or the segment was folded already
     */
    public final boolean fold(SegmentSlice[] channels, SegmentKernel kernel) {
        if (!kernel.spec().equals(spec)) {
            throw new InvalidParameterException("kernel", "dt = " + kernel.spec().dt() + " s, nbin = "
                    + kernel.spec().nbin(), "the job's layout dt = " + spec.dt() + " s, nbin = " + spec.nbin());
        }
        return record(channels, () -> foldSums(channels, kernel));
    }

    /**
     * The bookkeeping of one folded segment around {@code sums}, which adds it to the core accumulator and says
     * whether it contributed: the segment is marked processed (and used), its events counted.
     */
    final boolean record(SegmentSlice[] channels, java.util.function.BooleanSupplier sums) {
        if (channels.length < channels()) {
            throw new InvalidParameterException("channels", channels.length, channels() + " for " + kind());
        }
        long index = channels[0].index;
        if (processed.contains(index)) {
            throw new InvalidParameterException("segment index", index, "a segment not folded yet into this partial");
        }
        boolean contributed = sums.getAsBoolean();
        processed.add(index);
        events1 += channels[0].count;
        if (channels() > 1) {
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
    public final MeshPartial merge(MeshPartial other) {
        if (!other.jobId.equals(jobId) || other.kind() != kind() || !other.spec.equals(spec)) {
            throw new IncompatibleSpectraException("cannot merge the " + other.kind() + " partial of job "
                    + other.jobId + " (nbin " + other.spec.nbin() + ", dt " + other.spec.dt() + " s) into the "
                    + kind() + " partial of job " + jobId + " (nbin " + spec.nbin() + ", dt " + spec.dt() + " s)");
        }
        if (processed.intersects(other.processed)) {
            throw new IncompatibleSpectraException("partial with segments " + other.processed
                    + " overlaps the merged segments " + processed + " of job " + jobId);
        }
        mergeSums(other);
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
     * The wire form.
     *
     * @param withRows for DYNPS: include the columns as {@code rows} (false for the reducer's row-less state)
     */
    public final PartialAccumulator toProto(boolean withRows) {
        PartialAccumulator.Builder b = PartialAccumulator.newBuilder()
                .setFormatVersion(RecordFormat.CURRENT).setJobId(jobId).setKind(kind())
                .addAllSegmentRanges(processed.encode()).addAllUsedRanges(used.encode())
                .setM(used.count()).setNbin(spec.nbin()).setDt(spec.dt()).setEvents1(events1).setEvents2(events2);
        writeSums(b, withRows);
        return b.build();
    }

    interface DoubleSink {
        Object add(double v);
    }

    static void addAll(double[] values, DoubleSink sink) {
        for (double v : values) {
            sink.add(v);
        }
    }

    public String jobId() {
        return jobId;
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
}
