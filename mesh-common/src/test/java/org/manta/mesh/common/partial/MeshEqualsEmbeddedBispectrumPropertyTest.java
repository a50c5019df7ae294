package org.manta.mesh.common.partial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedMultitaperPropertyTest.doubles;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedVarEnergyPropertyTest.assertClose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.bispectrum.Bispectrum;
import org.manta.core.bispectrum.LagWindow;
import org.manta.core.events.EnergyBand;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.SyntheticEventFiles;
import org.manta.core.io.SyntheticEventFiles.Columns;
import org.manta.core.lightcurve.EventLightCurves;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.plan.UnitSizing;
import org.manta.mesh.common.fold.TestUnits;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.BispectrumSpec;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;

/**
 * The property of design.md §2.1 for bispectra: a BISPECTRUM job run as the mesh runs it (one work unit of the whole
 * list, folded by fft-service's folder into a {@link WholeSeriesPartial}, through the wire and the reduce tree) equals
 * what {@code manta bispectrum} computes: the list binned at {@code dt}, the bins of its GTI or, over several, of the
 * whole span with the gaps as zeros ({@link EventLightCurves#whole}), {@link Bispectrum#of} with the largest lag (or
 * N/2), window and scaling. Random lists of one or two GTIs, bin times, selections, lags, windows and scalings; a lag
 * whose cumulant is too costly fails the job naming {@code maxlag}.
 */
class MeshEqualsEmbeddedBispectrumPropertyTest {
    private static final long BASE_SEED = Long.getLong("manta.property.seed", 20_261_210L);
    private static final int TRIALS = Integer.getInteger("manta.property.trials", 16);
    private static final String JOB = "job-bispectrum";
    private static final double[] DTS = {0.25, 0.5, 1};

    @TempDir
    Path dir;

    @Test
    void meshBispectrumEqualsEmbeddedOverRandomJobs() {
        MeshEqualsEmbeddedVarEnergyPropertyTest.runTrials("bispectrum", TRIALS, BASE_SEED, dir,
                MeshEqualsEmbeddedBispectrumPropertyTest::trial);
    }

    /** A largest lag beyond the light curve fails its job with the command's message naming maxlag. */
    @Test
    void aLagBeyondTheLightCurveFailsItsJob() throws IOException {
        Random rnd = new Random(BASE_SEED);
        Path data = Files.createDirectories(dir.resolve("lag").resolve("data"));
        SyntheticEventFiles.random(rnd, data.resolve("obs.evt"), Columns.ENERGY, 0, false,
                GtiList.of(new Gti(0, 100)), 10);
        Storage storage = new Storage(data, dir.resolve("lag").resolve("staging"));
        TestUnits.Job job = MeshEqualsEmbeddedMultitaperPropertyTest.whole(TestUnits.plan(storage, JOB,
                spec(1, BispectrumSpec.newBuilder().setMaxlag(500).build()), new UnitSizing(1000, 8, 4), "obs.evt"));
        String reason = MeshEqualsEmbeddedMultitaperPropertyTest.failure(storage, job, 0);
        assertTrue(reason != null && reason.contains("maxlag = 500"), "the job fails: " + reason);
    }

    /**
     * One GTI of {@code length} from {@code start}, or (half the time) the same span cut by a gap of a few bins into
     * two: the commands and the mesh then take the gap's bins as zeros.
     */
    static GtiList gtis(Random rnd, double start, double length, double dt) {
        if (rnd.nextBoolean() || length < 8 * dt) {
            return GtiList.of(new Gti(start, start + length));
        }
        double cut = start + length * (0.25 + 0.5 * rnd.nextDouble());
        double gap = dt * (1 + rnd.nextInt(6)) + dt * rnd.nextDouble();
        return GtiList.of(new Gti(start, cut), new Gti(cut + gap, start + length + gap));
    }

    private static JobSpec.Builder spec(double dt, BispectrumSpec bispectrum) {
        return JobSpec.newBuilder().setKind(ProductKind.BISPECTRUM).setDt(dt).setBispectrum(bispectrum);
    }

    private static boolean trial(long seed, Path dir) {
        Random rnd = new Random(seed);
        Path data = MeshEqualsEmbeddedMultitaperPropertyTest.dataDir(dir);
        double dt = DTS[rnd.nextInt(DTS.length)];
        double start = 1000 * rnd.nextDouble();
        GtiList gti = gtis(rnd, start, dt * (16 + rnd.nextInt(240)) + dt * rnd.nextDouble(), dt);
        SyntheticEventFiles.random(rnd, data.resolve("obs.evt"), Columns.ENERGY, 0, false, gti, 8 * dt);
        OptionalInt maxlag = rnd.nextBoolean() ? OptionalInt.of(1 + rnd.nextInt(12)) : OptionalInt.empty();
        LagWindow[] windows = LagWindow.values();
        Optional<LagWindow> window = rnd.nextBoolean() ? Optional.of(windows[rnd.nextInt(windows.length)])
                : Optional.empty();
        boolean unbiased = rnd.nextBoolean();
        BispectrumSpec.Builder b = BispectrumSpec.newBuilder().setUnbiased(unbiased);
        maxlag.ifPresent(b::setMaxlag);
        window.ifPresent(w -> b.setWindow(w.label()));
        Optional<EnergyBand> band = rnd.nextBoolean() ? Optional.of(EnergyBand.energy(1, 5 + 8 * rnd.nextDouble()))
                : Optional.empty();
        JobSpec.Builder spec = spec(dt, b.build());
        band.ifPresent(x -> spec.setBand1(Protos.band(x)));
        String context = "seed " + seed + " [maxlag " + maxlag + ", window " + window + ", unbiased " + unbiased
                + ", dt " + dt + " s, band " + band + ", GTI " + gti + "]: ";

        // manta bispectrum: the list binned, over several GTIs the gaps as zeros (bins partly in a GTI kept)
        Optional<LightCurve> binned = MeshEqualsEmbeddedMultitaperPropertyTest.bins(data.resolve("obs.evt"), band, dt);
        if (binned.isEmpty()) {
            return false;
        }
        LightCurve lc = EventLightCurves.whole("obs.evt", EventLightCurves.read(data.resolve("obs.evt"), band, dt));
        Bispectrum expected = Bispectrum.of(lc.counts(), lc.dt(), maxlag.orElse(lc.size() / 2), window, unbiased);

        Product actual = MeshEqualsEmbeddedMultitaperPropertyTest.meshProduct(new Storage(data, dir.resolve("staging")), JOB, spec, rnd);

        assertEquals(ProductKind.BISPECTRUM, actual.getKind(), context + "kind");
        assertEquals(expected.maxlag(), actual.getBispectrum().getMaxlag(), context + "maxlag");
        assertEquals(window.map(LagWindow::label).orElse(""), actual.getBispectrum().getWindow(), context + "window");
        assertEquals(unbiased, actual.getBispectrum().getUnbiased(), context + "scale");
        assertEquals(expected.n(), actual.getN(), context + "bins");
        assertEquals(expected.dt(), actual.getDt(), 0.0, context + "dt");
        assertClose(expected.freq(), doubles(actual.getFreqList()), context + "freq");
        assertClose(expected.lags(), doubles(actual.getLagsList()), context + "lags");
        assertClose(flat(expected.cum3()), doubles(actual.getCum3List()), context + "cum3");
        assertClose(flat(expected.bispecRe()), doubles(actual.getBispec().getReList()), context + "bispec.re");
        assertClose(flat(expected.bispecIm()), doubles(actual.getBispec().getImList()), context + "bispec.im");
        return true;
    }

    /** A matrix row-major, as the product carries it. */
    private static double[] flat(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
