package org.manta.mesh.common.partial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedMultitaperPropertyTest.doubles;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedVarEnergyPropertyTest.assertClose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.bispectrum.Bicoherence;
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
import org.manta.proto.v1.BicoherenceSpec;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;

/**
 * The property of design.md §2.1 for the squared bicoherence: a BICOHERENCE job run as the mesh runs it (one work
 * unit of the whole list, folded by fft-service's folder into a {@link WholeSeriesPartial}, through the wire and the
 * reduce tree) equals what {@code manta bicoherence} computes: the list binned at {@code dt}, the bins of its GTI or,
 * over several, of the whole span with the gaps as zeros ({@code EventLightCurves.whole}), {@link Bicoherence#of}
 * over segments of {@code round(segment/dt)} bins with the window. Random lists of one or two GTIs, bin times,
 * selections, segment lengths and windows; too few bins for two segments fails the job.
 */
class MeshEqualsEmbeddedBicoherencePropertyTest {
    private static final long BASE_SEED = Long.getLong("manta.property.seed", 20_261_211L);
    private static final int TRIALS = Integer.getInteger("manta.property.trials", 16);
    private static final String JOB = "job-bicoherence";
    private static final double[] DTS = {0.125, 0.25, 0.5, 1};

    @TempDir
    Path dir;

    @Test
    void meshBicoherenceEqualsEmbeddedOverRandomJobs() {
        MeshEqualsEmbeddedVarEnergyPropertyTest.runTrials("bicoherence", TRIALS, BASE_SEED, dir,
                MeshEqualsEmbeddedBicoherencePropertyTest::trial);
    }

    /** Segments longer than half the light curve fail the job with the command's message (two segments needed). */
    @Test
    void fewerThanTwoSegmentsFailItsJob() throws IOException {
        Random rnd = new Random(BASE_SEED);
        Path data = Files.createDirectories(dir.resolve("long").resolve("data"));
        SyntheticEventFiles.random(rnd, data.resolve("obs.evt"), Columns.ENERGY, 0, false, GtiList.of(new Gti(0, 100)), 10);
        Storage storage = new Storage(data, dir.resolve("long").resolve("staging"));
        TestUnits.Job job = MeshEqualsEmbeddedMultitaperPropertyTest.whole(TestUnits.plan(storage, JOB,
                spec(1, BicoherenceSpec.newBuilder().setSegmentSize(64).build()), new UnitSizing(1000, 8, 4), "obs.evt"));
        String reason = MeshEqualsEmbeddedMultitaperPropertyTest.failure(storage, job, 0);
        assertTrue(reason != null && reason.contains("at least 2 segments"), "the job fails: " + reason);
    }

    private static JobSpec.Builder spec(double dt, BicoherenceSpec bicoherence) {
        return JobSpec.newBuilder().setKind(ProductKind.BICOHERENCE).setDt(dt).setBicoherence(bicoherence);
    }

    private static boolean trial(long seed, Path dir) {
        Random rnd = new Random(seed);
        Path data = MeshEqualsEmbeddedMultitaperPropertyTest.dataDir(dir);
        double dt = DTS[rnd.nextInt(DTS.length)];
        double start = 1000 * rnd.nextDouble();
        int bins = 4 + rnd.nextInt(29);
        GtiList gti = MeshEqualsEmbeddedBispectrumPropertyTest.gtis(rnd, start,
                dt * bins * (2 + rnd.nextInt(20)) + dt * rnd.nextDouble(), dt);
        SyntheticEventFiles.random(rnd, data.resolve("obs.evt"), Columns.ENERGY, 0, false, gti, 8 * dt);
        LagWindow[] windows = LagWindow.values();
        Optional<LagWindow> window = rnd.nextBoolean() ? Optional.of(windows[rnd.nextInt(windows.length)])
                : Optional.empty();
        BicoherenceSpec.Builder b = BicoherenceSpec.newBuilder().setSegmentSize(bins * dt);
        window.ifPresent(w -> b.setWindow(w.label()));
        Optional<EnergyBand> band = rnd.nextBoolean() ? Optional.of(EnergyBand.energy(1, 5 + 8 * rnd.nextDouble()))
                : Optional.empty();
        JobSpec.Builder spec = spec(dt, b.build());
        band.ifPresent(x -> spec.setBand1(Protos.band(x)));
        String context = "seed " + seed + " [" + bins + " bins per segment, window " + window + ", dt " + dt
                + " s, band " + band + ", GTI " + gti + "]: ";

        // manta bicoherence: the list binned, over several GTIs the gaps as zeros (bins partly in a GTI kept)
        Optional<LightCurve> binned = MeshEqualsEmbeddedMultitaperPropertyTest.bins(data.resolve("obs.evt"), band, dt);
        if (binned.isEmpty()) {
            return false;
        }
        LightCurve lc = EventLightCurves.whole("obs.evt", EventLightCurves.read(data.resolve("obs.evt"), band, dt));
        Bicoherence expected = Bicoherence.of(lc.counts(), lc.dt(), bins, window);

        Product actual = MeshEqualsEmbeddedMultitaperPropertyTest.meshProduct(new Storage(data, dir.resolve("staging")), JOB, spec, rnd);

        assertEquals(ProductKind.BICOHERENCE, actual.getKind(), context + "kind");
        assertEquals(expected.segments(), actual.getM(), context + "segments");
        assertEquals(bins, actual.getN(), context + "bins per segment");
        assertEquals(window.map(LagWindow::label).orElse(""), actual.getBicoherenceOptions().getWindow(), context + "window");
        assertClose(expected.freq(), doubles(actual.getFreqList()), context + "freq");
        assertClose(java.util.Arrays.stream(expected.bicoherence()).flatMapToDouble(java.util.Arrays::stream).toArray(),
                doubles(actual.getBicoherenceList()), context + "bicoherence");
        return true;
    }
}
