package org.manta.mesh.common.partial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedPropertyTest.reparse;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedPropertyTest.wire;

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
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Timing;
import org.manta.core.gti.GtiList;
import org.manta.core.gti.Gtis;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.SyntheticEventFiles;
import org.manta.core.io.SyntheticEventFiles.Columns;
import org.manta.core.pipeline.PoolSettings;
import org.manta.core.pipeline.ProgressListener;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.RowIndex;
import org.manta.core.plan.UnitReader;
import org.manta.core.plan.UnitSizing;
import org.manta.core.plan.WorkUnit;
import org.manta.core.plan.WorkUnits;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.spectrum.Normalization;
import org.manta.core.varenergy.EnergyBands;
import org.manta.core.varenergy.VarEnergyKernel;
import org.manta.core.varenergy.VarEnergyKind;
import org.manta.core.varenergy.VarEnergyPipeline;
import org.manta.core.varenergy.VarEnergyRequest;
import org.manta.core.varenergy.VarEnergySpectrum;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.mapping.VarEnergySpecs;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobPlanRecord;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Norm;
import org.manta.proto.v1.PartialAccumulator;
import org.manta.proto.v1.ProductKind;

/**
 * The property of design.md §2.1 for variability versus energy: a VARENERGY job run as the mesh runs it equals
 * {@code manta varenergy}'s spectrum ({@link VarEnergyPipeline}). Each trial makes random event files (one, or two
 * when the second list gives the reference; random GTIs, TIMEDEL grids, ENERGY or PI columns) and a random request
 * (kind, bands on energy or PI, reference band or the default, frequency window, norm, dt that TIMEDEL changes,
 * segments that are not whole numbers of dt). The mesh side: the client's JobSpec validated
 * ({@link JobSpecs#varEnergy}), planned on the headers and cut into work units by random sizing, widened to cover
 * every row ({@link WorkUnits#coverAllRows}), plan and units through their records, units read with values
 * ({@link UnitReader#withValues}) and folded in random batches ({@link VarEnergyPartial#fold}), partials through
 * the wire, shuffled and merged in a random two-level tree, finalised once.
 */
class MeshEqualsEmbeddedVarEnergyPropertyTest {
    private static final long BASE_SEED = Long.getLong("manta.property.seed", 20_261_207L);
    /** Trials per run ({@code -Dmanta.property.trials} for a longer search). */
    private static final int TRIALS = Integer.getInteger("manta.property.trials", 40);
    /** The same per-segment terms in another summation order: a few ulp of the largest value. */
    private static final double SUMMATION_ORDER_TOL = 1e-12;
    private static final String JOB = "job-varenergy";
    private static final double[] DTS = {1.0 / 128, 1.0 / 512, 0.01, 0.003, 0.0117};
    private static final double[] TIMEDELS = {0, 0, 0x1p-20, 1e-4, 1.0 / 256};
    private static final VarEnergyKind[] KINDS = {VarEnergyKind.RMS, VarEnergyKind.LAG, VarEnergyKind.COVARIANCE,
        VarEnergyKind.COMPLEX_COVARIANCE, VarEnergyKind.COUNT};

    @TempDir
    Path dir;

    @Test
    void meshVarEnergyEqualsEmbeddedOverRandomJobs() {
        runTrials("varenergy", TRIALS, BASE_SEED, dir, MeshEqualsEmbeddedVarEnergyPropertyTest::trial);
    }

    /** A random trial of a sibling property test: whether it compared (false: no data in both paths). */
    interface Trial {
        boolean run(long seed, Path dir);
    }

    /**
     * Runs {@code trials} trials from {@code baseSeed}, each in a directory of its own, and fails with every trial
     * that differs (its message names the seed and the parameters); most trials must have data.
     */
    static void runTrials(String what, int trials, long baseSeed, Path dir, Trial trial) {
        List<String> failures = new ArrayList<>();
        int[] outcomes = new int[2];   // compared, no data in both
        for (int i = 0; i < trials; i++) {
            long seed = baseSeed + i;
            try {
                outcomes[trial.run(seed, dir.resolve("trial-" + seed)) ? 0 : 1]++;
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            } catch (RuntimeException e) {
                failures.add("seed " + seed + ": " + e);
            }
        }
        System.out.printf("mesh == embedded %s, %d trials from seed %d: %d equal, %d without data in both, "
                + "%d differ%n", what, trials, baseSeed, outcomes[0], outcomes[1], failures.size());
        assertTrue(failures.isEmpty(), failures.size() + " of " + trials + " trials differ:\n" + String.join("\n", failures));
        assertTrue(outcomes[0] >= trials / 2, "most trials have data: " + outcomes[0] + " of " + trials);
    }

    /** One random trial; false when both paths found no data. */
    static boolean trial(long seed, Path dir) {
        Random rnd = new Random(seed);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VarEnergyKind kind = KINDS[rnd.nextInt(KINDS.length)];
        int inputs = rnd.nextBoolean() ? 2 : 1;
        double dt = DTS[rnd.nextInt(DTS.length)];
        double timedel = TIMEDELS[rnd.nextInt(TIMEDELS.length)];
        boolean onGrid = timedel > 0 && rnd.nextBoolean();
        int nbin = 16 + rnd.nextInt(300);
        double segmentSize = (nbin + (rnd.nextInt(3) == 0 ? 0 : 0.02 + 0.96 * rnd.nextDouble())) * dt;
        SegmentSpec planned = SegmentSpec.of(Timing.compatibleDt(dt, timedel), segmentSize);
        GtiList gti1 = SyntheticEventFiles.randomGtis(rnd, 1000 * rnd.nextDouble(), planned.segmentSize());
        GtiList gti2 = inputs == 2 ? SyntheticEventFiles.perturbed(rnd, gti1, planned.segmentSize()) : gti1;
        GtiList cross = Gtis.intersect(gti1, gti2);
        Columns c1 = Columns.values()[rnd.nextInt(Columns.values().length)];
        Columns c2 = rnd.nextBoolean() ? c1 : Columns.values()[rnd.nextInt(Columns.values().length)];
        boolean onPi = c1.hasPi() && (inputs == 1 || c2.hasPi()) && (!c1.hasEnergy() || rnd.nextBoolean());
        if (!onPi && inputs == 2 && !c2.hasEnergy() || !onPi && !c1.hasEnergy()) {
            c2 = c1;
            onPi = !c1.hasEnergy();
        }
        List<Path> files = new ArrayList<>();
        files.add(SyntheticEventFiles.random(rnd, dir.resolve("events-0.evt"), c1, timedel, onGrid, gti1,
                planned.segmentSize(), cross));
        if (inputs == 2) {
            files.add(SyntheticEventFiles.random(rnd, dir.resolve("events-1.evt"), c2, timedel, onGrid, gti2,
                    planned.segmentSize(), cross));
        }
        EnergyBands bands = bands(rnd, onPi, c1 == Columns.NUSTAR_PI || c2 == Columns.NUSTAR_PI);
        EnergyBand reference = rnd.nextInt(3) == 0 ? VarEnergyRequest.fullBand(onPi) : onPi
                ? EnergyBand.pi(rnd.nextInt(50), 150 + rnd.nextInt(250)) : EnergyBand.energy(0.3 + rnd.nextDouble(),
                4 + 10 * rnd.nextDouble());
        double df = 1 / planned.segmentSize();
        double[] window = kind == VarEnergyKind.COUNT ? new double[] {0, Double.POSITIVE_INFINITY}
                : new double[] {df * (0.5 + rnd.nextInt(nbin / 4)), 0};
        if (kind != VarEnergyKind.COUNT) {
            window[1] = window[0] + df * (1 + rnd.nextInt(nbin / 4));
        }
        boolean normed = kind != VarEnergyKind.LAG && kind != VarEnergyKind.COUNT;
        Norm wireNorm = normed && rnd.nextBoolean() ? (rnd.nextBoolean() ? Norm.FRAC : Norm.ABS) : Norm.NORM_UNSPECIFIED;
        Normalization norm = wireNorm == Norm.NORM_UNSPECIFIED ? kind.defaultNorm() : Protos.normalization(wireNorm);
        VarEnergyRequest request = new VarEnergyRequest(kind, norm, dt, segmentSize, bands, reference, window[0],
                window[1], inputs);
        JobSpec.Builder spec = JobSpec.newBuilder().setKind(ProductKind.VARENERGY).setDt(dt).setSegmentSize(segmentSize)
                .setNorm(wireNorm).setVarenergy(VarEnergySpecs.spec(request));
        files.forEach(f -> spec.addInputs("obs/" + f.getFileName()));
        UnitSizing sizing = new UnitSizing(1 + rnd.nextInt(3000), 1 + rnd.nextInt(6), 1 + rnd.nextInt(8));
        String context = "seed " + seed + " [" + kind.label() + ", " + inputs + " list(s) " + c1
                + (inputs == 2 ? "/" + c2 : "") + ", bands " + bands + ", ref " + reference + ", freq " + window[0] + ":"
                + window[1] + ", norm " + norm + ", dt " + dt + " s, segment " + segmentSize + " s, TIMEDEL " + timedel
                + ", " + sizing + "]: ";

        VarEnergySpectrum expected;
        try {
            expected = new VarEnergyPipeline(PoolSettings.ofThreads(2)).spectrum(request, files, ProgressListener.NONE);
        } catch (NoDataException e) {
            VarEnergyPartial merged;
            try {
                merged = mesh(spec.build(), files, sizing, rnd);
            } catch (NoDataException meshToo) {
                return false;     // no segment in the GTIs: the plan fails in both paths
            }
            long inBands = 0;
            for (long n : merged.accumulator().state().listEvents()) {
                inBands += n;
            }
            assertEquals(0, inBands, context + "embedded: no data (" + e.getMessage() + "), mesh: events in the bands");
            return false;
        }
        VarEnergyPartial merged = mesh(spec.build(), files, sizing, rnd);
        VarEnergyRequest meshRequest = JobSpecs.varEnergy(spec.build(), false);
        assertEquals(request, meshRequest, context + "the request through the JobSpec");
        VarEnergySpectrum actual = merged.accumulator().result(meshRequest.kind(), meshRequest.norm());
        assertSpectrumEquals(expected, actual, context);
        return true;
    }

    /** Random increasing band edges on energy (keV) or PI. */
    private static EnergyBands bands(Random rnd, boolean onPi, boolean nustar) {
        int count = 1 + rnd.nextInt(5);
        double[] edges = new double[count + 1];
        edges[0] = onPi ? rnd.nextInt(nustar ? 60 : 150) : 0.3 + 2 * rnd.nextDouble();
        for (int i = 1; i <= count; i++) {
            edges[i] = edges[i - 1] + (onPi ? 10 + rnd.nextInt(nustar ? 60 : 200) : 0.5 + 3 * rnd.nextDouble());
        }
        return new EnergyBands(edges, onPi);
    }

    /** The job as the mesh runs it, merged: segment-service, fft workers in batches, a two-level reduce tree. */
    private static VarEnergyPartial mesh(JobSpec spec, List<Path> files, UnitSizing sizing, Random rnd) {
        JobPlanRecord record;
        List<org.manta.proto.v1.WorkUnit> unitRecords = new ArrayList<>();
        List<EventFileReader> readers = new ArrayList<>();
        try {
            List<InputHeader> headers = new ArrayList<>();
            List<InputFile> inputs = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                readers.add(EventFileReader.open(files.get(i)));
                headers.add(InputHeader.of(spec.getInputs(i), readers.get(i)));
                inputs.add(InputFile.newBuilder().setPath(spec.getInputs(i)).setLocation("data:"
                        + files.get(i).getFileName()).build());
            }
            JobPlan planned = JobPlan.of(JobSpecs.request(spec, false), headers);
            List<RowIndex> index = readers.stream().map(RowIndex::of).toList();
            List<WorkUnit> units = WorkUnits.coverAllRows(WorkUnits.cut(planned, index, sizing), index);
            record = reparse(Plans.record(spec, planned, inputs, units.size()).toByteArray(), JobPlanRecord::parseFrom);
            for (WorkUnit u : units) {
                unitRecords.add(reparse(Plans.unit(JOB, u, record).toByteArray(), org.manta.proto.v1.WorkUnit::parseFrom));
            }
        } finally {
            readers.forEach(EventFileReader::close);
        }

        JobPlan plan = Plans.plan(unitRecords.get(0).getPlan());
        VarEnergyRequest request = JobSpecs.varEnergy(unitRecords.get(0).getPlan().getSpec(), false);
        var layout = VarEnergyPipeline.layout(request, plan);
        VarEnergyKernel kernel = new VarEnergyKernel(layout);
        Collections.shuffle(unitRecords, rnd);
        List<PartialAccumulator> partials = new ArrayList<>();
        VarEnergyPartial[] partial = {VarEnergyPartial.empty(JOB, layout)};
        try (UnitReader reader = new UnitReader(plan, files).withValues((chunk, c) -> partial[0].countRows(chunk, c))) {
            for (int next = 0; next < unitRecords.size(); ) {
                for (int b = 1 + rnd.nextInt(4); b > 0 && next < unitRecords.size(); b--) {
                    reader.forEachSegment(Plans.unit(unitRecords.get(next++), plan), s -> partial[0].fold(s, kernel));
                }
                partials.add(wire(partial[0].toProto(true)));
                partial[0] = VarEnergyPartial.empty(JOB, layout);
            }
        }
        MeshPartial merged = null;
        for (PartialAccumulator c : MeshEqualsEmbeddedPropertyTest.combine(partials, rnd)) {
            MeshPartial in = MeshPartial.fromProto(c);
            merged = merged == null ? in : merged.merge(in);
        }
        assertTrue(merged.processed().coversExactly(plan.segmentCount()),
                "processed segments " + merged.processed() + " are [0, " + plan.segmentCount() + ")");
        return (VarEnergyPartial) merged;
    }

    private static void assertSpectrumEquals(VarEnergySpectrum e, VarEnergySpectrum a, String context) {
        assertEquals(e.kind(), a.kind(), context + "kind");
        assertEquals(e.norm(), a.norm(), context + "norm");
        assertEquals(e.segments(), a.segments(), context + "segments");
        assertEquals(e.frequencies(), a.frequencies(), context + "frequencies averaged");
        assertEquals(e.segmentSize(), a.segmentSize(), 0.0, context + "segment size");
        assertEquals(e.dt(), a.dt(), 0.0, context + "dt");
        assertEquals(e.reference(), a.reference(), context + "reference");
        assertArrayEquals(e.energy(), a.energy(), 0.0, context + "energy");
        assertClose(e.spectrum().re(), a.spectrum().re(), context + "spectrum (re)");
        assertClose(e.spectrum().im(), a.spectrum().im(), context + "spectrum (im)");
        assertClose(e.spectrumError().re(), a.spectrumError().re(), context + "error (re)");
        assertClose(e.spectrumError().im(), a.spectrumError().im(), context + "error (im)");
    }

    /** Each value within {@link #SUMMATION_ORDER_TOL} of the largest |value|; NaN or ±∞ where the embedded value is. */
    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (double v : expected) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int j = 0; j < expected.length; j++) {
            boolean same = !Double.isFinite(expected[j]) ? Double.compare(expected[j], actual[j]) == 0
                    : Math.abs(expected[j] - actual[j]) <= SUMMATION_ORDER_TOL * scale;
            if (!same) {
                fail(what + "[" + j + "]: embedded " + expected[j] + ", mesh " + actual[j] + " (largest |value| " + scale + ")");
            }
        }
    }
}
