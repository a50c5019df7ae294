package org.manta.mesh.common.fold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.mesh.common.fold.TestUnits.band;
import static org.manta.mesh.common.fold.TestUnits.spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.events.Mjdref;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileWriter;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.plan.UnitSizing;
import org.manta.core.plan.WorkUnits;
import org.manta.core.segment.SegmentSet;
import org.manta.mesh.common.fold.TestUnits.Job;
import org.manta.mesh.common.fold.TestUnits.UnitRecord;
import org.manta.mesh.common.kafka.Keys;
import org.manta.mesh.common.kafka.RecordCodec;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.partial.MeshPartial;
import org.manta.mesh.common.partial.PartialSize;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/**
 * Work units cut from the reference event files (core's test data) by the core's {@link WorkUnits}, in
 * random batches mixing jobs and in random order, fold to partials that merge to the embedded product
 * ({@link EmbeddedPipeline}, the same plan); each partial holds exactly the segments of its batch's units;
 * a bad record or input file fails only its job. On the CPU engine here; gpu-service runs the same tests on
 * its GPU engine ({@link #folder}).
 */
public class BatchFolderTest {
    /** Units of one or two segments: many units from the small reference files. */
    private static final UnitSizing SMALL_UNITS = new UnitSizing(200, 2, 1);

    @TempDir
    Path tmp;
    private Storage storage;
    private final Random rnd = new Random(20261206);

    /** The folder under test (one per worker): fft-service's CPU folder here. */
    protected BatchFolder folder(Storage storage, long maxPartialBytes) {
        return new BatchFolder(storage, maxPartialBytes);
    }

    @BeforeEach
    void storage() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        storage = new Storage(data, tmp.resolve("staging"));
        for (String f : List.of("monol_testA.evt", "monol_testA_calib.evt")) {
            Files.copy(TestUnits.resource(f), data.resolve(f));
        }
        // uploads (and decompressed inputs) live in the staging store
        Path upload = storage.stagingDirectory("upload-job");
        Files.copy(TestUnits.resource("monol_testA.evt"), upload.resolve("input0.evt"));
        Files.copy(TestUnits.resource("monol_testA_calib.evt"), upload.resolve("input1.evt"));
    }

    @Test
    void unitsInRandomBatchesMergeToTheEmbeddedProducts() {
        List<Job> jobs = List.of(
                job("pds", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "monol_testA.evt"),
                job("pds-local-mean", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.LEAHY).setUseCommonMean(false),
                        SMALL_UNITS, "monol_testA.evt"),
                job("cpds-bands", spec(ProductKind.CPDS, 1.0 / 128, 64, Norm.FRAC).setBand1(band(0, 10))
                        .setBand2(band(10, 100)), SMALL_UNITS, "monol_testA.evt"),
                job("cpds-files", spec(ProductKind.CPDS, 1.0 / 16, 32, Norm.LEAHY), SMALL_UNITS, "monol_testA.evt",
                        "monol_testA_calib.evt"),
                job("cpds-staged", spec(ProductKind.CPDS, 1.0 / 16, 32, Norm.ABS), new UnitSizing(1 << 20, 3, 1),
                        "staging:upload-job/input0.evt", "staging:upload-job/input1.evt"),
                job("dynps", spec(ProductKind.DYNPS, 1.0 / 16, 64, Norm.FRAC), SMALL_UNITS, "monol_testA.evt"));
        List<UnitRecord> records = new ArrayList<>();
        for (Job j : jobs) {
            assertTrue(j.units().size() >= 3, j.id() + " is cut into several units: " + j.units().size());
            records.addAll(j.records());
        }
        Collections.shuffle(records, rnd);

        // two workers take turns: each keeps its own caches; six jobs interleaved exceed the open readers kept
        try (BatchFolder one = folder(storage, BatchFolder.DEFAULT_MAX_PARTIAL_BYTES); BatchFolder two = folder(storage, BatchFolder.DEFAULT_MAX_PARTIAL_BYTES)) {
            Map<String, List<PartialAccumulator>> partials = foldInRandomBatches(records, List.of(one, two));
            for (Job j : jobs) {
                MeshPartial merged = merge(j, partials.get(j.id()));
                assertTrue(merged.processed().coversExactly(j.plan().segmentCount()), j.id() + ": " + merged.processed());
                TestUnits.assertEqualsEmbedded(j, merged);
                // the edge's estimate of a partial (PartialSize) bounds what the worker puts on the wire
                boolean perSegment = j.plan().kind() == org.manta.core.plan.SpectrumKind.PDS && !j.plan().request().useCommonMean();
                for (PartialAccumulator p : partials.get(j.id())) {
                    long estimate = PartialSize.estimate(p.getKind(), j.plan().segment(), perSegment, p.getRowsCount());
                    assertTrue(p.getSerializedSize() <= estimate, j.id() + ": " + p.getSerializedSize() + " bytes, estimated " + estimate);
                    assertTrue(p.getSerializedSize() > estimate / 2 - PartialSize.OVERHEAD_BYTES, j.id() + ": the sums are on the wire");
                }
            }
        }
    }

    /**
     * A job of two observations (each planned on its own file, cut with the segments of the second after the first's,
     * Plans.cut): units of both in mixed batches fold, each with its observation's plan, reader and partial, into
     * partials holding the job's segment indices, which merge to the embedded average of the two observations.
     */
    @Test
    void unitsOfTwoObservationsFoldWithTheirOwnPlansIntoTheJobsSegments() {
        JobSpec.Builder spec = spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC);
        Job first = job("obs", spec.clone(), SMALL_UNITS, "monol_testA.evt");
        Job second = job("obs", spec.clone(), SMALL_UNITS, "monol_testA_calib.evt");
        Plans.Cut cut = Plans.cut("obs", List.of(first.record(), second.record()), List.of(first.units(), second.units()));
        List<UnitRecord> records = new ArrayList<>();
        for (org.manta.proto.v1.WorkUnit u : cut.units()) {
            records.add(new UnitRecord(Keys.unit("obs", u.getUnitIndex()), u.toByteArray()));
        }
        Collections.shuffle(records, rnd);
        int total = first.plan().segmentCount() + second.plan().segmentCount();
        try (BatchFolder one = folder(storage, BatchFolder.DEFAULT_MAX_PARTIAL_BYTES)) {
            List<PartialAccumulator> partials = foldInRandomBatches(records, List.of(one)).get("obs");
            MeshPartial merged = merge(first, partials);
            assertTrue(merged.processed().coversExactly(total), "the job's segments: " + merged.processed());
            org.manta.core.spectrum.AveragedPowerSpectrum expected = new EmbeddedPipeline(
                    org.manta.core.pipeline.PoolSettings.ofThreads(1)).powerSpectrum(List.of(
                    new EmbeddedPipeline.Observation(first.plan(), first.files()),
                    new EmbeddedPipeline.Observation(second.plan(), second.files())),
                    org.manta.core.pipeline.ProgressListener.NONE);
            org.manta.core.spectrum.AveragedPowerSpectrum actual = ((org.manta.mesh.common.partial.PowerPartial) merged)
                    .power().result(org.manta.core.spectrum.Normalization.FRAC, true);
            assertEquals(expected.segments(), actual.segments(), "m: the used segments of both");
            assertTrue(actual.segments() > first.plan().segmentCount(), "more than the first observation's");
            double scale = Arrays.stream(expected.power()).map(Math::abs).max().orElseThrow();
            for (int j = 0; j < expected.power().length; j++) {
                assertEquals(expected.power()[j], actual.power()[j], TestUnits.REASSOCIATION_TOL * scale, "power " + j);
            }
        }
    }

    @Test
    void aDynamicalSpectrumThatWouldOutgrowARecordIsCutIntoSeveralPartials() {
        Job j = job("dynps", spec(ProductKind.DYNPS, 1.0 / 16, 64, Norm.LEAHY), new UnitSizing(1 << 20, 8, 1),
                "monol_testA.evt");
        long rowBytes = PartialSize.rowBytes(j.plan().segment().nFreq());
        try (BatchFolder folder = folder(storage, 3 * rowBytes)) {
            BatchFolder.Result r = folder.fold(keys(j.records()), values(j.records()));
            assertTrue(r.partials().size() > 1, "several partials: " + r.partials().size());
            for (PartialAccumulator p : r.partials()) {
                assertTrue(p.getM() <= 3, "at most 3 rows each: " + p.getM());
                // the estimate bounds the wire size, so a partial cut by it stays within the record it was cut for
                long estimate = PartialSize.estimate(ProductKind.DYNPS, j.plan().segment(), false, p.getRowsCount());
                assertTrue(p.getSerializedSize() <= estimate, p.getSerializedSize() + " bytes on the wire, estimated " + estimate);
                assertTrue(p.getSerializedSize() > estimate - PartialSize.OVERHEAD_BYTES - p.getRowsCount() * PartialSize.ROW_OVERHEAD_BYTES,
                        "the rows' powers are on the wire");
            }
            MeshPartial merged = merge(j, r.partials());
            assertTrue(merged.processed().coversExactly(j.plan().segmentCount()));
            TestUnits.assertEqualsEmbedded(j, merged);
        }
    }

    @Test
    void aChangedOrMissingFileFailsItsJobOnly() throws IOException {
        Path data = storage.dataRoot();
        Files.copy(data.resolve("monol_testA.evt"), data.resolve("grown.evt"));
        Files.copy(data.resolve("monol_testA.evt"), data.resolve("gone.evt"));
        Files.copy(data.resolve("monol_testA.evt"), data.resolve("zeros.evt"));
        Job good = job("good", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "monol_testA.evt");
        Job grown = job("grown", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "grown.evt");
        Job gone = job("gone", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "gone.evt");
        Job zeros = job("zeros", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "zeros.evt");
        long size = Files.size(data.resolve("grown.evt"));
        Files.write(data.resolve("grown.evt"), new byte[2880], StandardOpenOption.APPEND);
        Files.delete(data.resolve("gone.evt"));
        Files.write(data.resolve("zeros.evt"), new byte[(int) size]);   // same size, not FITS

        List<UnitRecord> records = new ArrayList<>();
        for (Job j : List.of(good, grown, gone, zeros)) {
            records.addAll(j.records());
        }
        Collections.shuffle(records, rnd);
        try (BatchFolder folder = folder(storage, BatchFolder.DEFAULT_MAX_PARTIAL_BYTES)) {
            BatchFolder.Result r = folder.fold(keys(records), values(records));
            assertEquals(3, r.failedJobs().size(), r.failedJobs().toString());
            String grew = r.failedJobs().get("grown");
            assertTrue(grew.contains("grown.evt") && grew.contains((size + 2880) + " bytes")
                    && grew.contains("the " + size + " bytes it had when the job was planned"), grew);
            String missing = r.failedJobs().get("gone");
            assertTrue(missing.contains("gone.evt") && missing.contains("missing")
                    && missing.contains("planned file of " + size + " bytes"), missing);
            String unreadable = r.failedJobs().get("zeros");
            assertTrue(unreadable.contains("zeros.evt"), unreadable);
            assertFalse(unreadable.contains(tmp.toString()), "names the file under its store, not the mount: " + unreadable);

            assertEquals(List.of("good"), jobsOf(r));
            TestUnits.assertEqualsEmbedded(good, merge(good, r.partials()));
            assertEquals(good.units().size(), r.units(), "counts are those of the jobs that did not fail");
            assertEquals(good.plan().segmentCount(), r.segments());
        }
    }

    @Test
    void unsortedRowsFailTheirJobWithTheReadersMessage() throws IOException {
        Path file = storage.dataRoot().resolve("swapped.evt");
        double[] times = new double[400];
        for (int i = 0; i < times.length; i++) {
            times[i] = 0.25 + i * 0.997;
        }
        try (EventFileWriter w = EventFileWriter.create(file, EventFileWriter.Options.of("SIMULATED", "SIMULATED",
                Mjdref.NONE, "TT", 0, false))) {
            w.write(times, new int[times.length], null, 0, times.length);
            w.finish(GtiList.of(new Gti(0, 400)));
        }
        Job swapped = job("swapped", spec(ProductKind.PDS, 1.0 / 4, 16, Norm.LEAHY), new UnitSizing(1 << 20, 4, 1),
                "swapped.evt");
        Job good = job("good", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "monol_testA.evt");
        swapRows(file, times[200], times[201]);    // same size, rows 200 and 201 out of order

        List<UnitRecord> records = new ArrayList<>(swapped.records());
        records.addAll(good.records());
        Collections.shuffle(records, rnd);
        try (BatchFolder folder = folder(storage, BatchFolder.DEFAULT_MAX_PARTIAL_BYTES)) {
            BatchFolder.Result r = folder.fold(keys(records), values(records));
            String reason = r.failedJobs().get("swapped");
            assertTrue(reason.contains("swapped.evt") && reason.contains("times not sorted"), reason);
            assertEquals(List.of("good"), jobsOf(r));
            TestUnits.assertEqualsEmbedded(good, merge(good, r.partials()));
        }
    }

    /**
     * An Error while folding a record (here out of memory, as a unit of absurd size would raise) fails that
     * record's job with the error's name, not the worker: the other job of the batch folds to the embedded
     * product, and the same folder serves the next batch.
     */
    @Test
    void anErrorWhileFoldingFailsItsJobOnlyAndTheFolderGoesOn() {
        Job poison = job("poison", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "monol_testA.evt");
        Job good = job("good", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "monol_testA.evt");
        Job next = job("next", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.LEAHY), SMALL_UNITS, "monol_testA.evt");
        FoldEngine cpu = FoldEngine.cpu();
        FoldEngine poisoned = (jobId, kind, layout, perSegmentSums) -> {
            if (jobId.equals("poison")) {
                throw new OutOfMemoryError("Requested array size exceeds VM limit");
            }
            return cpu.open(jobId, kind, layout, perSegmentSums);
        };
        List<UnitRecord> records = new ArrayList<>(poison.records());
        records.addAll(good.records());
        Collections.shuffle(records, rnd);
        try (BatchFolder folder = new BatchFolder(storage, BatchFolder.DEFAULT_MAX_PARTIAL_BYTES, poisoned, "fft-service")) {
            BatchFolder.Result r = folder.fold(keys(records), values(records));
            assertEquals(List.of("poison"), List.copyOf(r.failedJobs().keySet()));
            assertTrue(r.failedJobs().get("poison").startsWith("fft-service: cannot process work unit poison/")
                    && r.failedJobs().get("poison").endsWith("OutOfMemoryError: Requested array size exceeds VM limit"),
                    r.failedJobs().get("poison"));
            assertEquals(List.of("good"), jobsOf(r));
            TestUnits.assertEqualsEmbedded(good, merge(good, r.partials()));

            BatchFolder.Result after = folder.fold(keys(next.records()), values(next.records()));
            assertEquals(Map.of(), after.failedJobs());
            TestUnits.assertEqualsEmbedded(next, merge(next, after.partials()));
        }
    }

    @Test
    void aGarbageRecordOrAUnitInconsistentWithItsPlanFailsItsJobOnly() {
        Job good = job("good", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "monol_testA.evt");
        Job rowless = job("rowless", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "monol_testA.evt");
        Job beyond = job("beyond", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "monol_testA.evt");
        Job replanned = job("replanned", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "monol_testA.evt");
        List<UnitRecord> records = new ArrayList<>(good.records());
        records.add(new UnitRecord("garbage/0", new byte[] {9, 9, 9}));
        records.add(new UnitRecord(Keys.unit("rowless", 0), Plans.unit("rowless", rowless.units().get(0), rowless.record())
                .toBuilder().clearRows().build().toByteArray()));
        int n = beyond.plan().segmentCount();
        records.add(new UnitRecord(Keys.unit("beyond", 0), Plans.unit("beyond", beyond.units().get(0), beyond.record())
                .toBuilder().setSegmentFrom(n).setSegmentTo(n + 1).build().toByteArray()));
        records.add(replanned.records().get(0));
        records.add(new UnitRecord(Keys.unit("replanned", 1), Plans.unit("replanned", replanned.units().get(1),
                replanned.record().toBuilder().setNbin(replanned.record().getNbin() / 2).build()).toByteArray()));
        records.add(new UnitRecord(Keys.unit("other", 0), good.records().get(0).value()));   // the key's job is not the unit's

        try (BatchFolder folder = folder(storage, BatchFolder.DEFAULT_MAX_PARTIAL_BYTES)) {
            BatchFolder.Result r = folder.fold(keys(records), values(records));
            assertEquals(List.of("garbage", "rowless", "beyond", "replanned", "other"),
                    List.copyOf(r.failedJobs().keySet()));
            assertTrue(r.failedJobs().get("garbage").contains("garbage/0")
                    && r.failedJobs().get("garbage").contains("cannot parse"), r.failedJobs().get("garbage"));
            assertTrue(r.failedJobs().get("rowless").contains("unit.rows = 0 row range(s)"), r.failedJobs().get("rowless"));
            assertTrue(r.failedJobs().get("beyond").contains("unit.segment_to = " + (n + 1)), r.failedJobs().get("beyond"));
            assertTrue(r.failedJobs().get("replanned").contains("unit.plan"), r.failedJobs().get("replanned"));
            assertTrue(r.failedJobs().get("other").contains("unit.job_id = good"), r.failedJobs().get("other"));
            // the records that threw are the dead letters, each with its job's reason; the replanned job's first unit
            // (fine on its own, folded before its second) is not one
            List<Integer> bad = List.copyOf(r.badRecords().keySet());
            assertEquals(List.of("garbage/0", Keys.unit("rowless", 0), Keys.unit("beyond", 0), Keys.unit("replanned", 1),
                    Keys.unit("other", 0)), bad.stream().map(i -> records.get(i).key()).toList());
            for (int i : bad) {
                assertEquals(r.failedJobs().get(Keys.jobOf(records.get(i).key())), r.badRecords().get(i));
            }
            assertEquals(List.of("good"), jobsOf(r));
            TestUnits.assertEqualsEmbedded(good, merge(good, r.partials()));
        }
    }

    @Test
    void aUnitTwiceInOneBatchIsFoldedOnce() {
        Job j = job("twice", spec(ProductKind.PDS, 1.0 / 128, 64, Norm.FRAC), SMALL_UNITS, "monol_testA.evt");
        List<UnitRecord> records = new ArrayList<>(j.records());
        records.add(records.get(1));
        try (BatchFolder folder = folder(storage, BatchFolder.DEFAULT_MAX_PARTIAL_BYTES)) {
            BatchFolder.Result r = folder.fold(keys(records), values(records));
            assertTrue(r.failedJobs().isEmpty(), r.failedJobs().toString());
            assertEquals(j.units().size(), r.units());
            TestUnits.assertEqualsEmbedded(j, merge(j, r.partials()));
        }
    }

    /**
     * Folds the records in batches of 1 to 7, each by one of the folders, and checks that each batch's
     * partials of a job hold exactly the segments of that batch's units of the job.
     */
    private Map<String, List<PartialAccumulator>> foldInRandomBatches(List<UnitRecord> records, List<BatchFolder> folders) {
        Map<String, List<PartialAccumulator>> partials = new HashMap<>();
        for (int from = 0; from < records.size(); ) {
            int to = Math.min(records.size(), from + 1 + rnd.nextInt(7));
            List<UnitRecord> batch = records.subList(from, to);
            BatchFolder.Result r = folders.get(rnd.nextInt(folders.size())).fold(keys(batch), values(batch));
            assertTrue(r.failedJobs().isEmpty(), r.failedJobs().toString());
            assertEquals(batch.size(), r.units());
            Map<String, SegmentSet> expected = new LinkedHashMap<>();
            for (UnitRecord rec : batch) {
                org.manta.proto.v1.WorkUnit u = rec.unit();
                expected.computeIfAbsent(u.getJobId(), k -> SegmentSet.empty())
                        .addAll(SegmentSet.range(u.getSegmentFrom(), u.getSegmentTo()));
            }
            Map<String, SegmentSet> actual = new LinkedHashMap<>();
            for (PartialAccumulator p : r.partials()) {
                SegmentSet processed = MeshPartial.fromProto(p).processed();
                SegmentSet held = actual.computeIfAbsent(p.getJobId(), k -> SegmentSet.empty());
                assertFalse(held.intersects(processed), "partials of one batch are disjoint");
                held.addAll(processed);
                partials.computeIfAbsent(p.getJobId(), k -> new ArrayList<>()).add(p);
            }
            assertEquals(expected, actual, "the segments of the batch's units, per job");
            from = to;
        }
        return partials;
    }

    /** Merges partials, each through its wire bytes, in random order. */
    private MeshPartial merge(Job j, List<PartialAccumulator> partials) {
        List<PartialAccumulator> shuffled = new ArrayList<>(partials);
        Collections.shuffle(shuffled, rnd);
        MeshPartial merged = j.emptyPartial();
        for (PartialAccumulator p : shuffled) {
            assertEquals(j.id(), p.getJobId());
            merged.merge(MeshPartial.fromProto(RecordCodec.partial(p.toByteArray())));
        }
        return merged;
    }

    private Job job(String id, JobSpec.Builder spec, UnitSizing sizing, String... inputs) {
        return TestUnits.plan(storage, id, spec, sizing, inputs);
    }

    private static List<String> keys(List<UnitRecord> records) {
        return records.stream().map(UnitRecord::key).toList();
    }

    private static List<byte[]> values(List<UnitRecord> records) {
        return records.stream().map(UnitRecord::value).toList();
    }

    private static List<String> jobsOf(BatchFolder.Result r) {
        return r.partials().stream().map(PartialAccumulator::getJobId).distinct().toList();
    }

    /** Swaps two adjacent TIME values in place (big-endian doubles, as FITS stores them). */
    private static void swapRows(Path file, double first, double second) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int a = indexOf(bytes, first);
        int b = indexOf(bytes, second);
        byte[] ta = Arrays.copyOfRange(bytes, a, a + 8);
        System.arraycopy(bytes, b, bytes, a, 8);
        System.arraycopy(ta, 0, bytes, b, 8);
        Files.write(file, bytes);
    }

    private static int indexOf(byte[] bytes, double value) {
        byte[] pattern = ByteBuffer.allocate(8).putDouble(value).array();
        outer:
        for (int i = 0; i + 8 <= bytes.length; i++) {
            for (int k = 0; k < 8; k++) {
                if (bytes[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("time " + value + " not found in the file");
    }
}
