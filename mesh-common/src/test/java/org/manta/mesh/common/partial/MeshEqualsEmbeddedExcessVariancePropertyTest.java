package org.manta.mesh.common.partial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedVarEnergyPropertyTest.assertClose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.NoDataException;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.SyntheticEventFiles;
import org.manta.core.io.SyntheticEventFiles.Columns;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.RowIndex;
import org.manta.core.plan.UnitSizing;
import org.manta.core.plan.WorkUnit;
import org.manta.core.plan.WorkUnits;
import org.manta.core.spectrum.Normalization;
import org.manta.core.varenergy.EnergyBands;
import org.manta.core.varenergy.VarEnergyKind;
import org.manta.core.varenergy.VarEnergyPipeline;
import org.manta.core.varenergy.VarEnergyRequest;
import org.manta.core.varenergy.VarEnergySpectrum;
import org.manta.mesh.common.fold.TestUnits;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.mapping.VarEnergySpecs;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.ProductKind;

/**
 * The property of design.md §2.1 for the excess variance: a VARENERGY job of kind excvar run as the mesh runs it
 * (one work unit of the whole list, {@link WorkUnits#whole}, folded by fft-service's folder into an
 * {@link ExcessVariancePartial}, through the wire and the reduce tree) equals {@code manta varenergy --kind excvar}
 * ({@link VarEnergyPipeline}) on random event files (GTIs with gaps, random bands and bin times; the segment length
 * {@code manta varenergy} gives the plan without {@code --segment}, 2 dt).
 */
class MeshEqualsEmbeddedExcessVariancePropertyTest {
    private static final long BASE_SEED = Long.getLong("manta.property.seed", 20_261_209L);
    private static final int TRIALS = Integer.getInteger("manta.property.trials", 20);
    private static final String JOB = "job-excvar";
    private static final double[] DTS = {0.25, 0.5, 1, 2.5};

    @TempDir
    Path dir;

    @Test
    void meshExcessVarianceEqualsEmbeddedOverRandomJobs() {
        MeshEqualsEmbeddedVarEnergyPropertyTest.runTrials("excvar", TRIALS, BASE_SEED, dir,
                MeshEqualsEmbeddedExcessVariancePropertyTest::trial);
    }

    /** A unit of the excess variance that is not the whole list (a planner other than segment-service's) fails the job. */
    @Test
    void aUnitOtherThanTheWholeListFailsItsJob() throws IOException {
        Random rnd = new Random(BASE_SEED);
        Path data = Files.createDirectories(dir.resolve("cut").resolve("data"));
        GtiList gti = SyntheticEventFiles.randomGtis(rnd, 0, 20);
        variable(rnd, data.resolve("obs.evt"), gti, 1);
        VarEnergyRequest request = new VarEnergyRequest(VarEnergyKind.EXCESS_VARIANCE, Normalization.NONE, 1, 2,
                new EnergyBands(new double[] {1, 5, 10}, false), VarEnergyRequest.fullBand(false), 0,
                Double.POSITIVE_INFINITY, 1);
        Storage storage = new Storage(data, dir.resolve("cut").resolve("staging"));
        TestUnits.Job cut = TestUnits.plan(storage, JOB, TestUnits.spec(ProductKind.VARENERGY, 1, 2,
                Norm.NORM_UNSPECIFIED).setVarenergy(VarEnergySpecs.spec(request)), new UnitSizing(1000, 4, 4), "obs.evt");
        assertTrue(cut.units().size() > 1, "cut into several units: " + cut.units().size());
        TestUnits.UnitRecord first = cut.records().get(0);
        try (org.manta.mesh.common.fold.BatchFolder folder = new org.manta.mesh.common.fold.BatchFolder(storage)) {
            String reason = folder.fold(List.of(first.key()), List.of(first.value())).failedJobs().get(JOB);
            assertTrue(reason != null && reason.contains("the excess variance is one unit of the whole input"), "the job fails: " + reason);
        }
    }

    private static boolean trial(long seed, Path dir) {
        Random rnd = new Random(seed);
        Path data;
        try {
            data = Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double dt = DTS[rnd.nextInt(DTS.length)];
        GtiList gti = SyntheticEventFiles.randomGtis(rnd, 1000 * rnd.nextDouble(), 20 * dt);
        Path file = variable(rnd, data.resolve("obs.evt"), gti, dt);
        int count = 1 + rnd.nextInt(5);
        double[] edges = new double[count + 1];
        edges[0] = 0.3 + 2 * rnd.nextDouble();
        for (int b = 1; b <= count; b++) {
            edges[b] = edges[b - 1] + 0.5 + 3 * rnd.nextDouble();
        }
        EnergyBand reference = rnd.nextBoolean() ? VarEnergyRequest.fullBand(false) : EnergyBand.energy(1, 8);
        VarEnergyRequest request = new VarEnergyRequest(VarEnergyKind.EXCESS_VARIANCE, VarEnergyKind.EXCESS_VARIANCE
                .defaultNorm(), dt, 2 * dt, new EnergyBands(edges, false), reference, 0, Double.POSITIVE_INFINITY, 1);
        String context = "seed " + seed + " [bands " + request.bands() + ", dt " + dt + " s, GTIs " + gti + "]: ";
        VarEnergySpectrum expected;
        try {
            expected = new VarEnergyPipeline(PoolSettings.ofThreads(2)).spectrum(request, List.of(file),
                    ProgressListener.NONE);
        } catch (NoDataException e) {
            return false;
        }
        JobSpec.Builder spec = TestUnits.spec(ProductKind.VARENERGY, dt, 2 * dt, Norm.NORM_UNSPECIFIED)
                .setVarenergy(VarEnergySpecs.spec(request));
        assertEquals(request, JobSpecs.varEnergy(spec.clone().addInputs("obs.evt").build(), false),
                context + "the request through the JobSpec");
        Storage storage = new Storage(data, dir.resolve("staging"));
        TestUnits.Job cut = TestUnits.plan(storage, JOB, spec, new UnitSizing(1000, 8, 4), "obs.evt");
        WorkUnit whole;
        try (EventFileReader reader = EventFileReader.open(file)) {
            whole = WorkUnits.whole(cut.plan(), List.of(RowIndex.of(reader)));
        }
        assertEquals(cut.plan().segmentCount(), whole.segments(), context + "the one unit holds every segment");
        TestUnits.Job job = new TestUnits.Job(JOB, cut.plan(), Plans.record(cut.record().getSpec(), cut.plan(),
                cut.record().getInputsList(), 1), List.of(whole), cut.files());
        ExcessVariancePartial merged = (ExcessVariancePartial) MeshEqualsEmbeddedFadPropertyTest.mesh(job, storage, rnd);
        VarEnergySpectrum actual = merged.result();
        assertEquals(expected.kind(), actual.kind(), context + "kind");
        assertEquals(Normalization.NONE, actual.norm(), context + "norm");
        assertEquals(expected.segments(), actual.segments(), context + "light-curve bins");
        assertEquals(expected.dt(), actual.dt(), 0.0, context + "dt");
        assertEquals(expected.reference(), actual.reference(), context + "reference");
        assertArrayEquals(expected.energy(), actual.energy(), 0.0, context + "energy");
        assertTrue(java.util.Arrays.stream(expected.spectrum().re()).anyMatch(Double::isFinite),
                context + "a variable source has a positive excess variance in some band");
        assertClose(expected.spectrum().re(), actual.spectrum().re(), context + "F_var");
        assertClose(expected.spectrumError().re(), actual.spectrumError().re(), context + "F_var error");
        return true;
    }

    /**
     * Events of a source whose rate swings by a random fraction (50–90 %, 200–400 ct/s at the peak) with a period of 10–60 bins, over the GTIs
     * and half a segment beyond, energies uniform over 0.3–15 keV: a positive excess variance in the bands.
     */
    private static Path variable(Random rnd, Path file, GtiList gti, double dt) {
        double lo = gti.start() - dt;
        double hi = gti.stop() + dt;
        double peak = 200 + 200 * rnd.nextDouble();
        double depth = 0.5 + 0.4 * rnd.nextDouble();
        double period = (10 + 50 * rnd.nextDouble()) * dt;
        int n = (int) Math.round(peak * (hi - lo));
        double[] t = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            double x = lo + (hi - lo) * rnd.nextDouble();
            if (rnd.nextDouble() < 1 - depth * (0.5 + 0.5 * Math.sin(2 * Math.PI * x / period))) {
                t[kept++] = x;
            }
        }
        t = java.util.Arrays.copyOf(t, kept);
        java.util.Arrays.sort(t);
        double[] energy = new double[kept];
        int[] pi = new int[kept];
        for (int i = 0; i < kept; i++) {
            energy[i] = 0.3 + 14.7 * rnd.nextDouble();
            pi[i] = (int) Math.round((energy[i] - 1.6) / 0.04);
        }
        return SyntheticEventFiles.write(file, Columns.ENERGY, 0, gti, t, pi, energy);
    }
}
