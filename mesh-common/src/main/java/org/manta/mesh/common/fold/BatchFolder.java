package org.manta.mesh.common.fold;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.manta.core.InvalidParameterException;
import org.manta.core.pipeline.SegmentKernel;
import org.manta.mesh.common.fold.FoldEngine.JobFold;
import org.manta.core.plan.JobPlan;
import org.manta.core.varenergy.VarEnergyLayout;
import org.manta.core.varenergy.VarEnergyPipeline;
import org.manta.core.varenergy.VarEnergyRequest;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.core.segment.SegmentSpec;
import org.manta.mesh.common.mapping.FadSpecs;
import org.manta.mesh.common.partial.FadPartial;
import org.manta.proto.v1.FadSpec;
import org.manta.core.plan.SpectrumKind;
import org.manta.core.plan.UnitReader;
import org.manta.core.plan.WorkUnit;
import org.manta.core.segment.SegmentSet;
import org.manta.core.segment.SegmentSlice;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.partial.PartialSize;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobPlanRecord;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/**
 * Folds one batch of {@code manta.units} record values into one partial accumulator per job (tree level 1,
 * design.md §2.1): each work unit's rows are read from the shared storage ({@link Storage}), cut into the
 * unit's segments by the core ({@link UnitReader}) and folded by a {@link FoldEngine}: on the CPU
 * ({@link SegmentKernel}, {@link MeshPartial#fold}: fft-service) or on a GPU (gpu-service), so a partial holds
 * exactly the segments of the batch's units of its job. A DYNPS partial that would outgrow a record (one row
 * per segment) is cut into several. fft-service and gpu-service share it (and {@link UnitWorker}).
 *
 * <p>A unit that cannot be processed (any exception or error, out of memory included) fails its job, never the
 * worker: its job's partial of this batch is
 * dropped and the job is reported with the reason, the other jobs go on. Reasons: an unparseable record;
 * a unit inconsistent with its plan (segments outside it, a row range per input missing, another plan
 * than the job's other units of its observation); an input file that is missing, has another size than when the job was
 * planned, or cannot be read (not FITS, unsorted times).
 *
 * <p>Between batches it keeps small, bounded caches: the plans of the last {@value #PLANS_KEPT} jobs
 * (a unit's plan record is the same for all units of a job), the open {@link UnitReader}s of the last
 * {@value #READERS_KEPT} jobs (closed when evicted, when their job fails and by {@link #close}) and what
 * its engine keeps (the CPU's: a {@link SegmentKernel} for each of the last two segment layouts). A worker's state is still only in Kafka: the caches hold nothing a unit record does not
 * determine. One per worker thread; not thread-safe.
 */
public final class BatchFolder implements AutoCloseable {
    /** Job plans kept between batches. */
    public static final int PLANS_KEPT = 16;
    /** Jobs whose input files stay open between batches. */
    public static final int READERS_KEPT = 4;
    /**
     * Default bound on the wire size of one DYNPS partial: half the largest record of {@code manta.partials} and
     * {@code manta.combined} ({@link PartialSize#DYNPS_CUT_BYTES}).
     */
    public static final long DEFAULT_MAX_PARTIAL_BYTES = PartialSize.DYNPS_CUT_BYTES;

    /**
     * What a batch produced: partials to publish, jobs to fail (job id → reason) and, over the jobs that
     * did not fail, what was done.
     *
     * @param badRecords   the records that could not be processed (index in the batch → reason): dead letters
     * @param units        work units folded
     * @param segments     segments folded (also those the averaging rules skip)
     * @param usedSegments segments that contributed to the sums
     * @param events       events that fell into the folded segments, all channels
     * @param rows         event table rows read, all channels (two bands of one file read its rows twice)
     * @param unitCounts   job id → the work units its plan was cut into ({@code JobPlanRecord.unit_count}; 0 unknown)
     */
    public record Result(List<PartialAccumulator> partials, Map<String, String> failedJobs,
                         Map<Integer, String> badRecords, long units, long segments,
                         long usedSegments, long events, long rows, Map<String, Long> unitCounts) {
    }

    private final Storage storage;
    private final long maxPartialBytes;
    private final FoldEngine engine;
    private final String service;
    private final Map<String, Planned> plans = lru(PLANS_KEPT, p -> { });
    private final Map<String, UnitReader> readers = lru(READERS_KEPT, UnitReader::close);

    /** A CPU folder (fft-service). @param storage where the inputs' locations are resolved */
    public BatchFolder(Storage storage) {
        this(storage, DEFAULT_MAX_PARTIAL_BYTES);
    }

    /**
     * A CPU folder (fft-service).
     *
     * @param storage         where the inputs' locations are resolved
     * @param maxPartialBytes a DYNPS partial is published and a new one started once its rows reach this size
     */
    public BatchFolder(Storage storage, long maxPartialBytes) {
        this(storage, maxPartialBytes, FoldEngine.cpu(), "fft-service");
    }

    /**
     * @param storage         where the inputs' locations are resolved
     * @param maxPartialBytes a DYNPS partial is published and a new one started once its rows reach this size
     * @param engine          where segments are folded
     * @param service         the service named in a failed job's reason
     */
    public BatchFolder(Storage storage, long maxPartialBytes, FoldEngine engine, String service) {
        this.storage = storage;
        this.maxPartialBytes = maxPartialBytes;
        this.engine = engine;
        this.service = service;
    }

    /** The service it folds for (fft-service, gpu-service): named in failed jobs' reasons and dead letters. */
    public String service() {
        return service;
    }

    /**
     * @param keys   record keys ({@code "<job id>/<unit index>"}), parallel to {@code values}
     * @param values record values (serialised {@code WorkUnit}s)
     */
    public Result fold(List<String> keys, List<byte[]> values) {
        Map<String, JobBatch> jobs = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        Map<Integer, String> bad = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String key = keys.get(i) == null ? "" : keys.get(i);
            String jobId = Keys.jobOf(key);
            if (failed.containsKey(jobId)) {
                continue;
            }
            try {
                org.manta.proto.v1.WorkUnit record = RecordCodec.unit(values.get(i));
                if (!record.getJobId().equals(jobId)) {
                    throw new InvalidParameterException("unit.job_id", record.getJobId(), "the job of its key " + key);
                }
                String planKey = planKey(jobId, record.getPlan());
                JobBatch job = jobs.get(planKey);
                if (job == null) {
                    Planned planned = planned(planKey, record.getPlan());
                    checkInputs(planned);    // once per job and batch: cheap, and just before reading
                    job = new JobBatch(jobId, planKey, planned);
                    jobs.put(planKey, job);
                } else if (!job.planned.record.equals(record.getPlan())) {
                    throw differentPlan();
                }
                job.fold(unit(record, job.planned));
            } catch (RuntimeException | Error e) {      // any error of a record (even out of memory) is its job's
                jobs.values().removeIf(dropped -> {
                    if (dropped.jobId.equals(jobId)) {
                        dropped.fold.close();
                        return true;
                    }
                    return false;
                });
                forget(jobId);
                failed.put(jobId, service + ": cannot process work unit " + key + ": " + reason(e));
                bad.put(i, failed.get(jobId));
            }
        }
        List<PartialAccumulator> out = new ArrayList<>();
        long units = 0;
        long segments = 0;
        long used = 0;
        long events = 0;
        long rows = 0;
        Map<String, Long> unitCounts = new LinkedHashMap<>();
        for (JobBatch job : jobs.values()) {
            try {
                job.publish();
            } catch (RuntimeException | Error e) {
                failed.put(job.jobId, service + ": cannot publish the partial of job " + job.jobId + ": " + reason(e));
                forget(job.jobId);
                continue;
            } finally {
                job.fold.close();
            }
            out.addAll(job.done);
            unitCounts.put(job.jobId, job.planned.record.getUnitCount());   // the job's, in each observation's plan
            units += job.units;
            segments += job.segments;
            used += job.used;
            events += job.events;
            rows += job.rows;
        }
        return new Result(out, failed, bad, units, segments, used, events, rows, unitCounts);
    }

    /** Drops the cached plans and open readers of a failed job (of each of its observations). */
    private void forget(String jobId) {
        plans.keySet().removeIf(key -> Keys.jobOf(key).equals(jobId));
        readers.entrySet().removeIf(e -> {
            if (Keys.jobOf(e.getKey()).equals(jobId)) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    /**
     * What plans, readers and partials are kept by: the job, and for the later observations of a job of several
     * ({@code JobPlanRecord.segment_offset}) the job and the offset, {@code "<job>/@<offset>"}: each observation has
     * its own plan, files and reader, and its own partial per batch (the reduce tree merges them as any others).
     */
    private static String planKey(String jobId, JobPlanRecord plan) {
        return plan.getSegmentOffset() == 0 ? jobId : jobId + "/@" + plan.getSegmentOffset();
    }

    /** Closes the open input files. */
    @Override
    public void close() {
        readers.values().forEach(UnitReader::close);
        readers.clear();
    }

    /** A job's plan, its inputs' files and what its partials hold. */
    private record Planned(JobPlanRecord record, JobPlan plan, List<Path> files, ProductKind kind, boolean perSegmentSums,
                           VarEnergyLayout varEnergy, VarEnergyRequest excessVariance) {
    }

    /**
     * The plan of a unit's job, or of its observation in a job of several (cached by {@link #planKey}; every unit of
     * an observation carries the same record).
     */
    private Planned planned(String key, JobPlanRecord record) {
        Planned p = plans.get(key);
        if (p != null) {
            if (!p.record.equals(record)) {
                throw differentPlan();
            }
            return p;
        }
        JobPlan plan = Plans.plan(record);
        List<Path> files = new ArrayList<>(record.getInputsCount());
        for (int i = 0; i < record.getInputsCount(); i++) {
            InputFile in = record.getInputs(i);
            if (in.getLocation().isEmpty()) {
                throw new InvalidParameterException("plan.inputs[" + i + "].location", "\"\"",
                        "the location of " + name(in) + " (\"data:<path>\" or \"staging:<path>\")");
            }
            files.add(storage.resolve(in.getLocation()));
        }
        VarEnergyRequest varEnergy = record.getSpec().getKind() == ProductKind.VARENERGY
                ? JobSpecs.varEnergy(record.getSpec(), record.getSpec().getInputsCount() == 0) : null;
        boolean whole = varEnergy != null && !varEnergy.kind().fourier();
        p = new Planned(record, plan, List.copyOf(files), record.getSpec().getKind(),
                plan.kind() == SpectrumKind.PDS && !plan.request().useCommonMean(),
                varEnergy != null && !whole ? VarEnergyPipeline.layout(varEnergy, plan) : null,
                whole ? varEnergy : null);
        plans.put(key, p);
        return p;
    }

    private static InvalidParameterException differentPlan() {
        return new InvalidParameterException("unit.plan", "a plan other than that of the job's earlier units",
                "the one plan of the job (every unit of a job, or of one of its observations, carries the same plan)");
    }

    /** Checks that each input is the file that was planned: it exists and has the planned size. */
    private static void checkInputs(Planned p) {
        for (int i = 0; i < p.files.size(); i++) {
            Storage.requirePlanned(p.record.getInputs(i), p.files.get(i), "it had when the job was planned");
        }
    }

    private static String name(InputFile in) {
        return in.getPath().isEmpty() ? in.getLocation() : in.getPath();
    }

    /** The core unit of a record, checked against its plan. */
    private static WorkUnit unit(org.manta.proto.v1.WorkUnit record, Planned p) {
        if (record.getRowsCount() != p.plan.request().inputs()) {
            throw new InvalidParameterException("unit.rows", record.getRowsCount() + " row range(s)",
                    "one per input of the plan (" + p.plan.request().inputs() + ")");
        }
        if (p.record.getUnitCount() > 0 && record.getUnitIndex() >= p.record.getUnitCount()) {
            throw new InvalidParameterException("unit.unit_index", record.getUnitIndex(),
                    "less than the plan's " + p.record.getUnitCount() + " units");
        }
        return Plans.unit(record, p.plan);
    }

    private UnitReader reader(String key, Planned p) {
        UnitReader r = readers.get(key);
        if (r == null) {
            r = new UnitReader(p.plan, p.files, Math.toIntExact(p.record.getSegmentOffset()));
            readers.put(key, r);
        }
        return r;
    }

    /** Messages name files relative to the storage roots: users know their inputs, not the workers' mounts. */
    /** The message of a checked failure; the class too for anything else (an Error's message alone says little). */
    private String reason(Throwable e) {
        String message = withoutRoots(e.getMessage());
        return e instanceof org.manta.core.MantaException ? message : e.getClass().getSimpleName() + ": " + message;
    }

    private String withoutRoots(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.replace(storage.stagingRoot() + java.io.File.separator, "")
                .replace(storage.dataRoot() + java.io.File.separator, "");
    }

    /** The partials of one job in one batch and the segments its units held. */
    private final class JobBatch implements Consumer<SegmentSlice[]> {
        final String jobId;
        final String key;
        final Planned planned;
        final JobFold fold;
        final long maxRows;
        final SegmentSet folded = SegmentSet.empty();
        final List<PartialAccumulator> done = new ArrayList<>(1);
        long units;
        long segments;
        long used;
        long events;
        long rows;

        JobBatch(String jobId, String key, Planned planned) {
            this.jobId = jobId;
            this.key = key;
            this.planned = planned;
            this.maxRows = PartialSize.rowsWithin(planned.plan.segment().nFreq(), maxPartialBytes);
            this.fold = open(jobId, planned);
        }

        void fold(WorkUnit unit) {
            SegmentSet range = SegmentSet.range(unit.segmentFrom(), unit.segmentTo());
            if (folded.containsAll(range)) {
                return;     // the same unit twice in one batch (a redelivery): folded once
            }
            if (folded.intersects(range)) {
                throw new InvalidParameterException("unit.segments", "[" + unit.segmentFrom() + ", " + unit.segmentTo()
                        + ")", "segments no other unit of the job holds (this batch has " + folded + ")");
            }
            if (fold instanceof WholeInputFold whole) {
                whole.foldWhole(unit, planned.files);
                folded.addAll(range);
                units++;
                for (int i = 0; i < planned.files.size(); i++) {
                    rows += unit.rowTo(i) - unit.rowFrom(i);
                }
                return;
            }
            // the reader is looked up per unit: a batch of many jobs may have evicted (closed) this job's
            UnitReader reader = reader(key, planned);
            if (fold instanceof VarEnergyFold v) {
                reader.withValues(v::countRows);     // the rows of the unit count into this batch's partial
            }
            long[] perChannel = reader.forEachSegment(unit, this);
            folded.addAll(range);
            units++;
            for (int c = 0; c < perChannel.length; c++) {
                events += perChannel[c];
                int input = planned.plan.inputOf(c);
                rows += unit.rowTo(input) - unit.rowFrom(input);
            }
        }

        @Override
        public void accept(SegmentSlice[] slices) {
            fold.fold(slices);
            segments++;
            if (planned.kind == ProductKind.DYNPS && fold.rows() >= maxRows) {
                publish();
            }
        }

        /**
         * The fold of a job's kind: variability versus energy and FAD on the CPU whatever the engine (the embedded
         * passes' kernels), the excess variance, Lomb–Scargle and multitaper spectra from the whole input, the spectra on the engine.
         */
        private JobFold open(String jobId, Planned planned) {
            SegmentSpec spec = planned.plan.segment();
            if (planned.varEnergy != null) {
                return new VarEnergyFold(jobId, planned.varEnergy);
            }
            if (planned.excessVariance != null) {
                return new ExcessVarianceFold(jobId, planned.plan, planned.excessVariance);
            }
            if (JobSpecs.wholeSeries(planned.record.getSpec())) {
                return new WholeSeriesFold(jobId, planned.plan, planned.record.getSpec());
            }
            if (planned.kind == ProductKind.FAD) {
                FadSpec f = planned.record.getSpec().getFad();
                FadSmoothing smoothing = FadSpecs.smoothing(f);
                double sigma = FadSpecs.smoothingLength(f, spec);
                return new KernelFold(() -> FadPartial.empty(jobId, spec, smoothing, sigma), new SegmentKernel(spec));
            }
            return engine.open(jobId, planned.kind, spec, planned.perSegmentSums);
        }

        /** Moves the partial being folded to {@link #done} (if it holds any segment) and starts another. */
        void publish() {
            if (fold.processed() > 0) {
                MeshPartial partial = fold.take();
                used += partial.usedCount();
                done.add(partial.toProto(true));
            }
        }
    }

    private static <K, V> Map<K, V> lru(int capacity, Consumer<V> onEviction) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                if (size() > capacity) {
                    onEviction.accept(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }
}
