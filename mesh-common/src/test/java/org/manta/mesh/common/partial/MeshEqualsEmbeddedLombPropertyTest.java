package org.manta.mesh.common.partial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedVarEnergyPropertyTest.assertClose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.SyntheticEventFiles;
import org.manta.core.io.SyntheticEventFiles.Columns;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.lombscargle.FrequencyGrid;
import org.manta.core.lombscargle.LombScargleCrossSpectrum;
import org.manta.core.lombscargle.LombScargleMethod;
import org.manta.core.lombscargle.LombScarglePowerSpectrum;
import org.manta.core.plan.UnitSizing;
import org.manta.core.plan.WorkUnits;
import org.manta.core.spectrum.Normalization;
import org.manta.mesh.common.fold.TestUnits;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.LombSpec;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;

/**
 * The property of design.md §2.1 for Lomb–Scargle spectra: a LOMB job run as the mesh runs it (one work unit of the
 * whole lists, {@link WorkUnits#whole}, folded by fft-service's folder into a {@link WholeSeriesPartial}, through the
 * wire and the reduce tree) equals what {@code manta lomb} computes: each list read whole, binned at {@code dt} over
 * its own GTIs ({@link LightCurve#fromEvents}), and {@link LombScarglePowerSpectrum#of} or
 * {@link LombScargleCrossSpectrum#of} with the options. Random event files (GTIs with gaps; a second list on
 * perturbed GTIs, which the cross spectrum does not intersect), bin times, selections, methods, norms and grids.
 */
class MeshEqualsEmbeddedLombPropertyTest {
    private static final long BASE_SEED = Long.getLong("manta.property.seed", 20_261_207L);
    private static final int TRIALS = Integer.getInteger("manta.property.trials", 24);
    private static final String JOB = "job-lomb";
    private static final double[] DTS = {0.25, 0.5, 1};
    private static final Normalization[] NORMS = {Normalization.LEAHY, Normalization.FRAC, Normalization.ABS,
        Normalization.NONE};

    @TempDir
    Path dir;

    @Test
    void meshLombEqualsEmbeddedOverRandomJobs() {
        MeshEqualsEmbeddedVarEnergyPropertyTest.runTrials("lomb", TRIALS, BASE_SEED, dir,
                MeshEqualsEmbeddedLombPropertyTest::trial);
    }

    /** A unit of a LOMB job that is not the whole input (a planner other than segment-service's) fails the job. */
    @Test
    void aUnitOtherThanTheWholeInputFailsItsJob() throws IOException {
        Random rnd = new Random(BASE_SEED);
        Path data = Files.createDirectories(dir.resolve("cut").resolve("data"));
        GtiList gti = SyntheticEventFiles.randomGtis(rnd, 0, 20);
        SyntheticEventFiles.random(rnd, data.resolve("obs.evt"), Columns.ENERGY, 0, false, gti, 20);
        Storage storage = new Storage(data, dir.resolve("cut").resolve("staging"));
        TestUnits.Job cut = TestUnits.plan(storage, JOB, spec(1, LombSpec.newBuilder().setMethod("fast").build(),
                Normalization.LEAHY), new UnitSizing(1000, 4, 4), "obs.evt");
        assertTrue(cut.units().size() > 1, "cut into several units: " + cut.units().size());
        String reason = MeshEqualsEmbeddedMultitaperPropertyTest.failure(storage, cut, 0);
        assertTrue(reason != null && reason.contains("one unit of the whole input"), "the job fails: " + reason);
    }

    private static JobSpec.Builder spec(double dt, LombSpec lomb, Normalization norm) {
        return JobSpec.newBuilder().setKind(ProductKind.LOMB).setDt(dt).setNorm(Protos.norm(norm)).setLomb(lomb);
    }

    private static boolean trial(long seed, Path dir) {
        Random rnd = new Random(seed);
        Path data = MeshEqualsEmbeddedMultitaperPropertyTest.dataDir(dir);
        double dt = DTS[rnd.nextInt(DTS.length)];
        GtiList gti = SyntheticEventFiles.randomGtis(rnd, 1000 * rnd.nextDouble(), 16 * dt);
        List<String> names = new ArrayList<>(List.of("a.evt"));
        SyntheticEventFiles.random(rnd, data.resolve("a.evt"), Columns.ENERGY, 0, false, gti, 16 * dt);
        if (rnd.nextBoolean()) {
            names.add("b.evt");
            SyntheticEventFiles.random(rnd, data.resolve("b.evt"), Columns.ENERGY, 0, false,
                    SyntheticEventFiles.perturbed(rnd, gti, 16 * dt), 16 * dt);
        }
        LombScargleMethod method = rnd.nextInt(3) == 0 ? LombScargleMethod.SLOW : LombScargleMethod.FAST;
        Normalization norm = NORMS[rnd.nextInt(NORMS.length)];
        LombSpec.Builder lomb = LombSpec.newBuilder().setMethod(method.label());
        int oversampling = 5;
        if (rnd.nextBoolean()) {
            oversampling = 1 + rnd.nextInt(8);
            lomb.setOversampling(oversampling);
        }
        OptionalDouble maxFreq = rnd.nextBoolean() ? OptionalDouble.of((0.1 + 0.4 * rnd.nextDouble()) / dt)
                : OptionalDouble.empty();
        maxFreq.ifPresent(lomb::setMaxFreq);
        OptionalDouble df = rnd.nextInt(3) == 0 ? OptionalDouble.of(0.002 + 0.01 * rnd.nextDouble()) : OptionalDouble.empty();
        df.ifPresent(lomb::setDf);
        Optional<EnergyBand> band = rnd.nextBoolean() ? Optional.of(EnergyBand.energy(1, 6 + 6 * rnd.nextDouble()))
                : Optional.empty();
        JobSpec.Builder spec = spec(dt, lomb.build(), norm);
        band.ifPresent(b -> spec.setBand1(Protos.band(b)));
        String context = "seed " + seed + " [" + names.size() + " list(s), " + method + ", " + norm + ", dt " + dt
                + " s, band " + band + ", max-freq " + maxFreq + ", df " + df + ", GTIs " + gti + "]: ";

        // manta lomb: each list binned over its own GTIs, the grid of the options
        FrequencyGrid grid = new FrequencyGrid(OptionalDouble.empty(), maxFreq, df, 1);
        List<LightCurve> curves = new ArrayList<>();
        for (String name : names) {
            try (EventFileReader r = EventFileReader.open(data.resolve(name))) {
                org.manta.core.events.EventList events = r.readAll(band.orElse(null));
                if (events.size() == 0) {
                    return false;
                }
                curves.add(LightCurve.fromEvents(events, dt));
            }
        }

        Storage storage = new Storage(data, dir.resolve("staging"));
        TestUnits.Job cut = TestUnits.plan(storage, JOB, spec, new UnitSizing(1000, 8, 4), names.toArray(String[]::new));
        TestUnits.Job job = MeshEqualsEmbeddedMultitaperPropertyTest.whole(cut);
        Product actual = ((WholeSeriesPartial) MeshEqualsEmbeddedFadPropertyTest.mesh(job, storage, rnd)).product();

        assertEquals(ProductKind.LOMB, actual.getKind(), context + "kind");
        assertEquals(method.label(), actual.getLomb().getMethod(), context + "method");
        assertEquals(oversampling, actual.getLomb().getOversampling(), context + "oversampling");
        assertEquals(Protos.norm(norm), actual.getNorm(), context + "norm");
        double[] freq = actual.getFreqList().stream().mapToDouble(Double::doubleValue).toArray();
        if (curves.size() == 1) {
            LombScarglePowerSpectrum expected = LombScarglePowerSpectrum.of(curves.get(0), grid, method, oversampling,
                    norm);
            assertEquals(expected.n(), actual.getN(), context + "points");
            assertEquals(expected.nphots(), actual.getNphots(), 0.0, context + "nphots");
            assertClose(expected.freq(), freq, context + "freq");
            assertClose(expected.power(), re(actual.getPower()), context + "power");
            assertClose(expected.unnormPower(), re(actual.getUnnormPower()), context + "unnorm_power");
            assertEquals(0, actual.getPower().getImCount(), context + "a real periodogram");
        } else {
            LombScargleCrossSpectrum expected = LombScargleCrossSpectrum.of(curves.get(0), curves.get(1), grid, method,
                    oversampling, norm);
            assertEquals(expected.n(), actual.getN(), context + "points of the first list on its own GTIs");
            assertEquals(expected.nphots1(), actual.getNphots1(), 0.0, context + "nphots1");
            assertEquals(expected.nphots2(), actual.getNphots2(), 0.0, context + "nphots2");
            assertClose(expected.freq(), freq, context + "freq");
            assertClose(expected.power().re(), re(actual.getPower()), context + "power.re");
            assertClose(expected.power().im(), im(actual.getPower()), context + "power.im");
            assertClose(expected.unnormPower().re(), re(actual.getUnnormPower()), context + "unnorm_power.re");
            assertClose(expected.unnormPower().im(), im(actual.getUnnormPower()), context + "unnorm_power.im");
        }
        return true;
    }

    private static double[] re(org.manta.proto.v1.ComplexArray a) {
        return a.getReList().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] im(org.manta.proto.v1.ComplexArray a) {
        return a.getImList().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
