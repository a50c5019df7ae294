package org.manta.mesh.common.partial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedPropertyTest.combine;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedPropertyTest.wire;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedVarEnergyPropertyTest.assertClose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.NoDataException;
import org.manta.core.deadtime.FadSmoothing;
import org.manta.core.deadtime.FadSpectrum;
import org.manta.core.events.Timing;
import org.manta.core.fourier.ComplexArray;
import org.manta.core.gti.GtiList;
import org.manta.core.io.SyntheticEventFiles;
import org.manta.core.io.SyntheticEventFiles.Columns;
import org.manta.core.pipeline.EmbeddedPipeline;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.UnitSizing;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Normalization;
import org.manta.mesh.common.fold.BatchFolder;
import org.manta.mesh.common.fold.TestUnits;
import org.manta.mesh.common.mapping.FadSpecs;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.FadSpec;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/**
 * The property of design.md §2.1 for the FAD correction: a FAD job run as the mesh runs it equals {@code manta fad}'s
 * spectra (the core {@link EmbeddedPipeline#fad}). Each trial makes two random event files (perturbed GTIs, TIMEDEL
 * grids, sometimes an energy selection on both) and random options (norm, smoothing length or Stingray's default,
 * tolerance or the default, dt that TIMEDEL changes, segments that are not whole numbers of dt). The mesh side: the
 * JobSpec planned and cut into work units by random sizing (the fold test units of segment-service), the units
 * folded by fft-service's {@link BatchFolder} in random shuffled batches, the partials through the wire, combined in
 * random groups and merged as the reducer does, finalised once as {@link FadPartial#result}.
 */
class MeshEqualsEmbeddedFadPropertyTest {
    private static final long BASE_SEED = Long.getLong("manta.property.seed", 20_261_208L);
    /** Trials per run ({@code -Dmanta.property.trials} for a longer search). */
    private static final int TRIALS = Integer.getInteger("manta.property.trials", 30);
    private static final String JOB = "job-fad";
    private static final double[] DTS = {1.0 / 128, 1.0 / 512, 0.01, 0.003, 0.0117};
    private static final double[] TIMEDELS = {0, 0, 0x1p-20, 1e-4, 1.0 / 256};
    private static final Norm[] NORMS = {Norm.NORM_UNSPECIFIED, Norm.LEAHY, Norm.FRAC, Norm.ABS, Norm.NONE};

    @TempDir
    Path dir;

    @Test
    void meshFadEqualsEmbeddedOverRandomJobs() {
        MeshEqualsEmbeddedVarEnergyPropertyTest.runTrials("FAD", TRIALS, BASE_SEED, dir,
                MeshEqualsEmbeddedFadPropertyTest::trial);
    }

    /** One random trial; false when both paths found no data. */
    static boolean trial(long seed, Path dir) {
        Random rnd = new Random(seed);
        Path data = dir.resolve("data");
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double dt = DTS[rnd.nextInt(DTS.length)];
        double timedel = TIMEDELS[rnd.nextInt(TIMEDELS.length)];
        boolean onGrid = timedel > 0 && rnd.nextBoolean();
        int nbin = 16 + rnd.nextInt(300);
        double segmentSize = (nbin + (rnd.nextInt(3) == 0 ? 0 : 0.02 + 0.96 * rnd.nextDouble())) * dt;
        SegmentSpec planned = SegmentSpec.of(Timing.compatibleDt(dt, timedel), segmentSize);
        GtiList gti1 = SyntheticEventFiles.randomGtis(rnd, 1000 * rnd.nextDouble(), planned.segmentSize());
        GtiList gti2 = SyntheticEventFiles.perturbed(rnd, gti1, planned.segmentSize());
        GtiList cross = org.manta.core.gti.Gtis.intersect(gti1, gti2);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            files.add(SyntheticEventFiles.random(rnd, data.resolve("det-" + i + ".evt"), Columns.ENERGY, timedel, onGrid,
                    i == 0 ? gti1 : gti2, planned.segmentSize(), cross));
        }
        Norm wireNorm = NORMS[rnd.nextInt(NORMS.length)];
        Normalization norm = Protos.normalization(wireNorm);
        double smoothingLength = rnd.nextBoolean() ? 0 : 0.5 + 10 * rnd.nextDouble();
        double tolerance = rnd.nextBoolean() ? 0 : 0.01 + rnd.nextDouble();
        FadSpec options = FadSpec.newBuilder().setSmoothing(rnd.nextBoolean() ? "" : "gauss")
                .setSmoothingLength(smoothingLength).setTolerance(tolerance).build();
        JobSpec.Builder spec = TestUnits.spec(ProductKind.FAD, dt, segmentSize, wireNorm).setFad(options);
        boolean band = rnd.nextInt(3) == 0;
        if (band) {
            spec.setBand1(TestUnits.band(1 + 3 * rnd.nextDouble(), 6 + 6 * rnd.nextDouble()));
        }
        UnitSizing sizing = new UnitSizing(1 + rnd.nextInt(3000), 1 + rnd.nextInt(6), 1 + rnd.nextInt(8));
        String context = "seed " + seed + " [norm " + norm + ", smoothing length " + smoothingLength + ", tolerance "
                + tolerance + (band ? ", band " + spec.getBand1().getLo() + ":" + spec.getBand1().getHi() : "")
                + ", dt " + dt + " s, segment " + segmentSize + " s, TIMEDEL " + timedel + ", " + sizing + "]: ";

        Storage storage = new Storage(data, dir.resolve("staging"));
        TestUnits.Job job;
        try {
            job = TestUnits.plan(storage, JOB, spec, sizing, "det-0.evt", "det-1.evt");
        } catch (NoDataException e) {
            return false;      // no common segment: the plan fails for both (the embedded command plans alike)
        }
        FadSpectrum expected;
        try {
            double sigma = FadSpecs.smoothingLength(options, job.plan().segment());
            expected = new EmbeddedPipeline(PoolSettings.ofThreads(2)).fad(job.plan(), files, FadSmoothing.GAUSS, sigma,
                    FadSpecs.tolerance(options), ProgressListener.NONE);
        } catch (NoDataException e) {
            return false;      // no segment with 2 events in both detectors: the reducer fails such a job
        }
        FadPartial merged = (FadPartial) mesh(job, storage, rnd);
        FadSpectrum actual = merged.result(job.plan().segment(), norm, FadSpecs.tolerance(options))
                .withGti(job.plan().gti());
        assertFadEquals(expected, actual, context);
        return true;
    }

    /**
     * fft-service's folder on the job's unit records in shuffled batches, then the reduce tree (combiners in random
     * groups, the final merge); checks that the merged partial covers exactly the plan's segments.
     */
    static MeshPartial mesh(TestUnits.Job job, Storage storage, Random rnd) {
        List<TestUnits.UnitRecord> records = new ArrayList<>(job.records());
        Collections.shuffle(records, rnd);
        List<PartialAccumulator> partials = new ArrayList<>();
        try (BatchFolder folder = new BatchFolder(storage)) {
            for (int next = 0; next < records.size(); ) {
                List<String> keys = new ArrayList<>();
                List<byte[]> values = new ArrayList<>();
                for (int b = 1 + rnd.nextInt(4); b > 0 && next < records.size(); b--) {
                    keys.add(records.get(next).key());
                    values.add(records.get(next++).value());
                }
                BatchFolder.Result r = folder.fold(keys, values);
                assertEquals(java.util.Map.of(), r.failedJobs(), "no job fails");
                r.partials().forEach(p -> partials.add(wire(p)));
            }
        }
        MeshPartial merged = null;
        for (PartialAccumulator c : combine(partials, rnd)) {
            MeshPartial in = MeshPartial.fromProto(c);
            merged = merged == null ? in : merged.merge(in);
            if (rnd.nextBoolean()) {
                merged = MeshPartial.fromProto(wire(merged.toProto(false)));     // the reducer's stored state
            }
        }
        assertTrue(merged.processed().coversExactly(job.plan().segmentCount()),
                "processed segments " + merged.processed() + " are [0, " + job.plan().segmentCount() + ")");
        return merged;
    }

    private static void assertFadEquals(FadSpectrum e, FadSpectrum a, String context) {
        assertEquals(e.segments(), a.segments(), context + "M");
        assertEquals(e.n(), a.n(), context + "n");
        assertEquals(e.df(), a.df(), 0.0, context + "df");
        assertEquals(e.dt(), a.dt(), 0.0, context + "dt");
        assertEquals(e.segmentSize(), a.segmentSize(), 0.0, context + "segment size");
        assertEquals(e.norm(), a.norm(), context + "norm");
        assertEquals(e.smoothing(), a.smoothing(), context + "smoothing");
        assertEquals(e.smoothingLength(), a.smoothingLength(), 0.0, context + "smoothing length");
        assertEquals(e.tolerance(), a.tolerance(), 0.0, context + "tolerance");
        assertEquals(e.gti(), a.gti(), context + "gti");
        assertClose(new double[] {e.nphots1()}, new double[] {a.nphots1()}, context + "nphots1");
        assertClose(new double[] {e.nphots2()}, new double[] {a.nphots2()}, context + "nphots2");
        assertClose(new double[] {e.nphots()}, new double[] {a.nphots()}, context + "nphots");
        assertClose(new double[] {e.fadDelta()}, new double[] {a.fadDelta()}, context + "fad_delta");
        assertClose(e.freq(), a.freq(), context + "freq");
        assertClose(e.pds1(), a.pds1(), context + "pds1");
        assertClose(e.pds2(), a.pds2(), context + "pds2");
        assertClose(e.ptot(), a.ptot(), context + "ptot");
        assertClose(e.pds1Unnorm(), a.pds1Unnorm(), context + "pds1_unnorm");
        assertClose(e.pds2Unnorm(), a.pds2Unnorm(), context + "pds2_unnorm");
        assertClose(e.ptotUnnorm(), a.ptotUnnorm(), context + "ptot_unnorm");
        assertClose(e.ptotUncorrected(), a.ptotUncorrected(), context + "ptot_uncorrected");
        assertComplexClose(e.cs(), a.cs(), context + "cs");
        assertComplexClose(e.csUnnorm(), a.csUnnorm(), context + "cs_unnorm");
        assertComplexClose(e.fad(), a.fad(), context + "fad");
    }

    private static void assertComplexClose(ComplexArray e, ComplexArray a, String what) {
        assertClose(e.re(), a.re(), what + " (re)");
        assertClose(e.im(), a.im(), what + " (im)");
    }
}
