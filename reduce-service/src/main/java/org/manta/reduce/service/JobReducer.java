package org.manta.reduce.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.manta.core.IncompatibleSpectraException;
import org.manta.core.MantaException;
import org.manta.core.NoDataException;
import org.manta.core.gti.GtiList;
import org.manta.core.spectrum.DynamicalPowerAccumulator;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.JobRequest;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.varenergy.VarEnergyRequest;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.mesh.common.mapping.Observations;
import org.manta.mesh.common.mapping.Plans;
import org.manta.proto.v1.InputFile;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.ProductMapper;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.partial.CrossPartial;
import org.manta.mesh.common.partial.DynamicalPartial;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.partial.PowerPartial;
import org.manta.mesh.common.partial.VarEnergyPartial;
import org.manta.mesh.common.partial.ExcessVariancePartial;
import org.manta.mesh.common.partial.FadPartial;
import org.manta.mesh.common.partial.WholeSeriesPartial;
import org.manta.mesh.common.mapping.FadSpecs;
import org.manta.proto.ProductPieces;
import org.manta.proto.RecordFormat;
import org.manta.proto.v1.ExpectedCount;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductRecord;
import org.manta.proto.v1.Provenance;
import org.manta.proto.v1.ReducerPhase;
import org.manta.proto.v1.ReducerState;
import org.manta.proto.v1.RunningProduct;
import org.manta.proto.v1.SegmentRow;

/**
 * The reducer of one job (design.md §2–3): merges the job's partial accumulators (tree levels above
 * the workers' folds), drops a partial whose segments were all merged already (a redelivery), rejects
 * one that overlaps the merged segments only partly (exactly-once was broken upstream), and finalises
 * once the expected count is known and the merged set is exactly {@code [0, total)}: normalises once
 * ({@code result(norm)}), maps the product, cuts it into {@code manta.products} pieces and reports the
 * job SUCCEEDED. Every decision depends only on the stored {@link ReducerState}, so a restarted
 * reducer continues where its changelog left it. DYNPS rows are kept in a {@link RowStore} apart from
 * the state, so that a merge rewrites only the index sets.
 *
 * <p>Running products (design.md §3 "Progress is observable"): for a job whose spec, known from the
 * preliminary expected count, asks for one, a merge that leaves the job unfinished also normalises
 * the segments merged so far, with exactly the calls of the final product ({@code result(norm)} does
 * not change the accumulator), at most once per {@code runningProductInterval}; once the job is final
 * its running product is deleted (a tombstone).
 *
 * <p>No Kafka; the records of one job come from one thread (tasks of several stream threads may share
 * the instance: its cache of decoded states is synchronised).
 */
public final class JobReducer {
    /**
     * Largest running product published, bytes: below gRPC's default 4 MiB message limit, so that a
     * Watch client with default settings receives it ({@code manta.running} accepts 4 MiB records).
     */
    public static final int MAX_RUNNING_PRODUCT_BYTES = 3 << 20;
    private static final int CACHED_STATES = 16;

    private final String softwareVersion;
    private final int maxValuesPerPiece;
    private final Duration runningProductInterval;
    /**
     * The decoded merged states of the jobs merged last (a few, for the jobs in flight), so a merge decodes
     * only the incoming partial; it still writes the whole state to the store (once per combined partial,
     * which the combiners have made few). Rebuilt from the store after a restart.
     */
    private final Map<String, Decoded> decoded = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Decoded> eldest) {
                    return size() > CACHED_STATES;
                }
            });

    /**
     * What one input record produced.
     *
     * @param state      the job's new state (null: unchanged)
     * @param products   the finished product's records, in piece order (empty unless finished now)
     * @param jobRecords job records to publish (progress, SUCCEEDED, FAILED)
     * @param merged     segments merged by this record (0 for a dropped duplicate)
     * @param duplicate  true when the record was dropped as a duplicate or a straggler
     * @param running    a running product to publish on {@code manta.running}
     * @param dropRunning true when the job is final now and its running product is to be deleted (a tombstone)
     */
    public record Output(ReducerState state, List<ProductRecord> products, List<JobRecord> jobRecords, long merged,
                         boolean duplicate, Optional<RunningProduct> running, boolean dropRunning) {
        /** An output without running-product records. */
        public Output(ReducerState state, List<ProductRecord> products, List<JobRecord> jobRecords, long merged,
                      boolean duplicate) {
            this(state, products, jobRecords, merged, duplicate, Optional.empty(), false);
        }
    }

    /**
     * @param maxValuesPerPiece      most array values per piece of a product on {@code manta.products}
     * @param runningProductInterval least time between two running products of one job
     */
    public JobReducer(String softwareVersion, int maxValuesPerPiece, Duration runningProductInterval) {
        this.softwareVersion = softwareVersion;
        this.maxValuesPerPiece = maxValuesPerPiece;
        this.runningProductInterval = runningProductInterval;
    }

    /**
     * The merged state of a job, decoded: the copy kept from the last merge when it is of the stored state
     * (same number of partials merged), else decoded from the state. Taken out of the cache, so that a
     * merge that fails half-way leaves nothing stale behind.
     */
    private MeshPartial takeDecoded(ReducerState state) {
        Decoded d = decoded.remove(state.getJobId());
        if (d != null && d.partialsMerged() == state.getPartialsMerged()) {
            return d.merged();
        }
        return MeshPartial.fromProto(state.getMerged());
    }

    private void remember(String jobId, long partialsMerged, MeshPartial merged) {
        decoded.put(jobId, new Decoded(partialsMerged, merged));
    }

    /** A job's merged state as decoded after the merge of its {@code partialsMerged}-th partial. */
    private record Decoded(long partialsMerged, MeshPartial merged) {
    }

    /** Merges one partial of the job. */
    public Output onPartial(ReducerState state, PartialAccumulator partial, RowStore rows, Instant now) {
        String jobId = partial.getJobId();
        if (state != null && state.getPhase() != ReducerPhase.MERGING) {
            return new Output(null, List.of(), List.of(), 0, true);
        }
        MeshPartial incoming;
        try {
            incoming = MeshPartial.fromProto(partial);
        } catch (MantaException e) {
            return reject(state, jobId, "reduce-service: unusable partial accumulator: " + e.getMessage(), rows, now);
        }
        ReducerState.Builder s = state == null ? ReducerState.newBuilder().setFormatVersion(RecordFormat.CURRENT)
                .setJobId(jobId).setPhase(ReducerPhase.MERGING) : state.toBuilder();
        MeshPartial merged;
        if (state == null || !state.hasMerged()) {
            merged = rowless(incoming, partial);
        } else {
            merged = takeDecoded(state);
            if (merged.covers(incoming)) {
                remember(jobId, state.getPartialsMerged(), merged);
                return new Output(s.setDuplicatesDropped(s.getDuplicatesDropped() + 1).build(), List.of(), List.of(), 0,
                        true);
            }
            try {
                merged.merge(rowless(incoming, partial));
            } catch (IncompatibleSpectraException e) {
                return reject(state, jobId, "reduce-service: " + e.getMessage()
                        + " (a segment would count twice: exactly-once delivery was broken upstream)", rows, now);
            }
        }
        if (s.getExpectedKnown() && incoming.processed().last() >= s.getExpected().getTotalSegments()) {
            return reject(state, jobId, "reduce-service: partial with segments " + incoming.processed()
                    + " beyond the expected " + s.getExpected().getTotalSegments() + " segments", rows, now);
        }
        if (incoming.kind() == ProductKind.DYNPS) {
            for (SegmentRow row : partial.getRowsList()) {
                rows.put(jobId, row);
            }
        }
        s.setPartialsMerged(s.getPartialsMerged() + 1);
        if (!(s.getExpectedKnown() && merged.processed().coversExactly(s.getExpected().getTotalSegments()))) {
            s.setMerged(merged.toProto(false));    // not when this merge completes the job: its state is dropped
        }
        Output out = finishIfComplete(s, merged, incoming.processedCount(), rows, now);
        if (out.state() != null && out.state().getPhase() == ReducerPhase.MERGING) {
            remember(jobId, out.state().getPartialsMerged(), merged);
        }
        return out;
    }

    /**
     * Records the expected count of the job (published once by segment-service), or keeps the spec and
     * GTIs of a preliminary one for running products (it never completes a job).
     */
    public Output onExpected(ReducerState state, ExpectedCount expected, RowStore rows, Instant now) {
        String jobId = expected.getJobId();
        if (state != null && state.getPhase() != ReducerPhase.MERGING) {
            return new Output(null, List.of(), List.of(), 0, true);
        }
        ReducerState.Builder s = state == null ? ReducerState.newBuilder().setFormatVersion(RecordFormat.CURRENT)
                .setJobId(jobId).setPhase(ReducerPhase.MERGING) : state.toBuilder();
        if (expected.getPreliminary()) {
            return s.getExpectedKnown() ? new Output(null, List.of(), List.of(), 0, true)
                    : new Output(s.setExpected(expected).build(), List.of(), List.of(), 0, false);
        }
        s.setExpected(expected).setExpectedKnown(true);
        MeshPartial merged = s.hasMerged() ? MeshPartial.fromProto(s.getMerged()) : null;
        if (merged != null && merged.processed().last() >= expected.getTotalSegments()) {
            return reject(s.build(), jobId, "reduce-service: merged segments " + merged.processed()
                    + " go beyond the expected " + expected.getTotalSegments() + " segments", rows, now);
        }
        return finishIfComplete(s, merged, 0, rows, now);
    }

    private Output finishIfComplete(ReducerState.Builder s, MeshPartial merged, long mergedNow, RowStore rows,
                                    Instant now) {
        String jobId = s.getJobId();
        long done = merged == null ? 0 : merged.processedCount();
        OptionalLong total = s.getExpectedKnown() ? OptionalLong.of(s.getExpected().getTotalSegments()) : OptionalLong.empty();
        if (total.isEmpty() || merged == null || !merged.processed().coversExactly(total.getAsLong())) {
            // a running product only when this record merged segments
            Optional<RunningProduct> running = mergedNow > 0 ? running(s, merged, rows, now) : Optional.empty();
            return new Output(s.build(), List.of(), List.of(JobRecords.progress(jobId, done, total, now)), mergedNow,
                    false, running, false);
        }
        Product product;
        try {
            product = product(s, merged, rows, now);
        } catch (NoDataException e) {    // nothing to average: said as the embedded command says it
            return reject(s.build(), jobId, e.getMessage(), rows, now);
        } catch (MantaException | IllegalArgumentException e) {
            return reject(s.build(), jobId, "reduce-service: cannot finalise the product: " + e.getMessage(), rows, now);
        }
        List<ProductPiece> pieces = ProductPieces.split(product, maxValuesPerPiece);
        List<ProductRecord> records = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            records.add(ProductRecord.newBuilder().setFormatVersion(RecordFormat.CURRENT).setJobId(jobId)
                    .setPieceIndex(i).setPieceCount(pieces.size()).setPiece(pieces.get(i)).build());
        }
        rows.deleteAll(jobId);
        boolean hadRunning = s.hasRunningPublished();
        ReducerState finished = s.clearMerged().setPhase(ReducerPhase.FINISHED).setMessage("product published").build();
        JobRecord succeeded = JobRecords.succeeded(jobId, total.getAsLong(),
                "product published: all " + total.getAsLong() + " segments of the plan merged", now);
        return new Output(finished, records, List.of(succeeded), mergedNow, false, Optional.empty(), hadRunning);
    }

    /**
     * The running product of the segments merged so far, when the job asked for one (the spec of the
     * preliminary or final expected count), some segment was used, and the last one is at least
     * {@code runningProductInterval} old; records its time in the state. A product that cannot be made
     * or is too large for a Watch message becomes a record that says why.
     */
    private Optional<RunningProduct> running(ReducerState.Builder s, MeshPartial merged, RowStore rows, Instant now) {
        if (!s.getExpected().getSpec().getWantRunningProduct() || merged.usedCount() == 0) {
            return Optional.empty();
        }
        if (s.hasRunningPublished()) {
            Duration since = Duration.between(Protos.instant(s.getRunningPublished()), now);
            if (!since.isNegative() && since.compareTo(runningProductInterval) < 0) {
                return Optional.empty();
            }
        }
        s.setRunningPublished(Protos.timestamp(now));
        RunningProduct.Builder r = RunningProduct.newBuilder().setFormatVersion(RecordFormat.CURRENT)
                .setJobId(s.getJobId()).setSegmentsDone(merged.processedCount());
        try {
            Product product = product(s, merged, rows, now);
            if (product.getSerializedSize() > MAX_RUNNING_PRODUCT_BYTES) {
                r.setOmitted("the running product of " + product.getM() + " segments (" + product.getSerializedSize()
                        + " bytes) is larger than the " + MAX_RUNNING_PRODUCT_BYTES
                        + " bytes a Watch message carries; ProductService.Get serves the final product");
            } else {
                r.setProduct(product);
            }
        } catch (MantaException | IllegalArgumentException e) {
            r.setOmitted("cannot normalise the segments merged so far: " + e.getMessage());
        }
        return Optional.of(r.build());
    }

    /**
     * Normalises and maps the product of the segments merged (science.md §5–7, §14): once at the end,
     * and for each running product. Provenance lists the inputs once the final expected count is known.
     */
    private Product product(ReducerState.Builder s, MeshPartial merged, RowStore rows, Instant now) {
        ExpectedCount e = s.getExpected();
        if (!e.hasSpec()) {
            throw new IllegalArgumentException("the expected count carries no job spec");
        }
        JobPlan plan = plan(e);
        JobRequest request = plan.request();
        if (e.getSpec().getKind() != merged.kind() || !plan.segment().sameBinning(merged.spec())) {
            throw new IllegalArgumentException("the partials (" + merged.kind() + ", nbin " + merged.spec().nbin()
                    + ") do not match the job's plan (" + plan.kind() + ", nbin " + plan.segment().nbin() + ")");
        }
        if (merged.usedCount() == 0 && e.getInputsCount() > 0 && (merged instanceof PowerPartial
                || merged instanceof CrossPartial || merged instanceof DynamicalPartial || merged instanceof FadPartial)) {
            // nothing to average: the embedded command's refusal, naming the first observation's input (an empty band)
            List<List<InputFile>> observations = Observations.split(e.getSpec(), e.getInputsList());
            long[] events = plan.channels() > 1 ? new long[] {merged.events1(), merged.events2()}
                    : new long[] {merged.events1()};
            EmbeddedPipeline.requireData(plan, observations.get(0).stream().map(InputFile::getPath).toList(), events,
                    observations.size(), 0);
        }
        GtiList gti = Protos.gtiList(e.getGtiList());
        Product.Builder p = switch (merged) {
            case PowerPartial pds -> ProductMapper.pds(
                    pds.power().result(request.norm(), request.useCommonMean()).withGti(gti), s.getJobId());
            case CrossPartial cpds -> ProductMapper.cpds(cpds.cross().result(request.norm()).withGti(gti), s.getJobId());
            case DynamicalPartial dynps -> {
                DynamicalPowerAccumulator acc = new DynamicalPowerAccumulator(plan.segment());
                for (SegmentRow row : rows.rows(s.getJobId())) {
                    acc.addColumn(DynamicalPartial.row(row));
                }
                if (acc.segmentCount() != dynps.usedCount()) {
                    throw new IllegalArgumentException(acc.segmentCount() + " DYNPS rows stored for "
                            + dynps.usedCount() + " used segments");
                }
                yield ProductMapper.dynps(acc.result(request.norm()), plan.segment(), s.getJobId());
            }
            case ExcessVariancePartial x -> ProductMapper.varEnergy(x.result(), s.getJobId());
            case WholeSeriesPartial w -> w.product().toBuilder().setJobId(s.getJobId());
            case FadPartial f -> ProductMapper.fad(f.result(plan.segment(), request.norm(),
                    FadSpecs.tolerance(e.getSpec().getFad())).withGti(gti), s.getJobId());
            case VarEnergyPartial v -> {
                VarEnergyRequest ve = JobSpecs.varEnergy(e.getSpec(), e.getSpec().getInputsCount() == 0);
                v.accumulator().requireEventsInBands(e.getInputs(0).getPath());   // as `manta varenergy` refuses it
                yield ProductMapper.varEnergy(v.accumulator().result(ve.kind(), ve.norm()), s.getJobId());
            }
        };
        List<InputFile> inputs = new ArrayList<>();
        for (InputFile f : e.getInputsList()) {
            inputs.add(f.toBuilder().clearLocation().clearLocationSizeBytes().build());   // where it was read is not provenance
        }
        if (e.getPlan().hasObservation()) {   // the context the embedded command writes (plans of older writers: none)
            p.setObservation(e.getPlan().getObservation());
        }
        return p.addAllGti(e.getGtiList())
                .setProvenance(Provenance.newBuilder().setSoftwareVersion(softwareVersion).addAllInputs(inputs)
                        .setParameters(e.getSpec()).setCreated(Protos.timestamp(now)))
                .build();
    }

    /**
     * The job's plan: the one segment-service made (the expected count carries it), or for a count of an
     * older writer the spec's bin time as given.
     */
    private static JobPlan plan(ExpectedCount e) {
        if (e.hasPlan()) {
            return Plans.plan(e.getPlan());
        }
        JobRequest request = JobSpecs.request(e.getSpec(), e.getSpec().getInputsCount() == 0);
        return JobPlan.of(request, SegmentSpec.of(request.dt(), request.segmentSize()), Protos.gtiList(e.getGtiList()));
    }
    /**
     * The job became final elsewhere ({@code how}, e.g. CANCELLED from an ingest replica, or FAILED by another
     * stage, on {@code manta.jobs}): drops its merged state, its decoded copy and its DYNPS rows and keeps a
     * small {@code ABANDONED} state, so that its later partials are dropped as stragglers (until the state TTL
     * frees it); its running product goes (a tombstone). No product, no job record. Nothing (a null state) for
     * a job final here already.
     */
    public Output abandon(ReducerState state, String jobId, JobState how, RowStore rows) {
        if (state != null && state.getPhase() != ReducerPhase.MERGING) {
            return new Output(null, List.of(), List.of(), 0, true);
        }
        evict(jobId);
        rows.deleteAll(jobId);
        ReducerState.Builder s = state == null ? ReducerState.newBuilder().setFormatVersion(RecordFormat.CURRENT)
                .setJobId(jobId) : state.toBuilder();
        ReducerState abandoned = s.clearMerged().setPhase(ReducerPhase.ABANDONED)
                .setMessage("the job is " + how + " on manta.jobs").build();
        return new Output(abandoned, List.of(), List.of(), 0, false, Optional.empty(), abandoned.hasRunningPublished());
    }

    /** Forgets the decoded copy of a job's state (its state is gone from the store). */
    public void evict(String jobId) {
        decoded.remove(jobId);
    }

    /**
     * Fails the job with {@code message} (e.g. a record that cannot be read); nothing for a job that is
     * final already.
     */
    public Output fail(ReducerState state, String jobId, String message, RowStore rows, Instant now) {
        if (state != null && state.getPhase() != ReducerPhase.MERGING) {
            return new Output(null, List.of(), List.of(), 0, true);
        }
        return reject(state, jobId, message, rows, now);
    }

    private Output reject(ReducerState state, String jobId, String message, RowStore rows, Instant now) {
        rows.deleteAll(jobId);
        ReducerState.Builder s = state == null ? ReducerState.newBuilder().setFormatVersion(RecordFormat.CURRENT)
                .setJobId(jobId) : state.toBuilder();
        ReducerState rejected = s.clearMerged().setPhase(ReducerPhase.REJECTED).setMessage(message).build();
        return new Output(rejected, List.of(), List.of(JobRecords.failed(jobId, message, now)), 0, false,
                Optional.empty(), rejected.hasRunningPublished());
    }

    /** For the merged state: a DYNPS partial's rows live in the row store. */
    private static MeshPartial rowless(MeshPartial incoming, PartialAccumulator wire) {
        return incoming.kind() == ProductKind.DYNPS ? MeshPartial.fromProto(wire.toBuilder().clearRows().build()) : incoming;
    }
}
