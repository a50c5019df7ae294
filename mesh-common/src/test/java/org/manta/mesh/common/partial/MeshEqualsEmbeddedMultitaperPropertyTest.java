package org.manta.mesh.common.partial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedVarEnergyPropertyTest.assertClose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.SyntheticEventFiles;
import org.manta.core.io.SyntheticEventFiles.Columns;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.multitaper.MultitaperOptions;
import org.manta.core.multitaper.MultitaperSpectrum;
import org.manta.core.plan.RowIndex;
import org.manta.core.plan.UnitSizing;
import org.manta.core.plan.WorkUnit;
import org.manta.core.plan.WorkUnits;
import org.manta.core.spectrum.Normalization;
import org.manta.mesh.common.fold.BatchFolder;
import org.manta.mesh.common.fold.TestUnits;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.MultitaperSpec;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;

/**
 * The property of design.md §2.1 for multitaper spectra: a MULTITAPER job run as the mesh runs it (one work unit of
 * the whole list, folded by fft-service's folder into a {@link WholeSeriesPartial}, through the wire and the reduce
 * tree) equals what {@code manta multitaper} computes: the list binned at {@code dt} over its GTI, the bins inside
 * it, {@link MultitaperSpectrum#of} with the options, or with {@code --lombscargle} the Lomb–Scargle multitaper of
 * those bins. Random one-GTI lists, bin times, selections, NW, weights, jackknife, low-bias, Lomb–Scargle (a third)
 * and norms; a list of two GTIs fails the job as the command refuses it.
 */
class MeshEqualsEmbeddedMultitaperPropertyTest {
    private static final long BASE_SEED = Long.getLong("manta.property.seed", 20_261_208L);
    private static final int TRIALS = Integer.getInteger("manta.property.trials", 16);
    private static final String JOB = "job-multitaper";
    private static final double[] DTS = {0.125, 0.25, 0.5, 1};
    private static final Normalization[] NORMS = {Normalization.LEAHY, Normalization.FRAC, Normalization.ABS,
        Normalization.NONE};

    @TempDir
    Path dir;

    @Test
    void meshMultitaperEqualsEmbeddedOverRandomJobs() {
        MeshEqualsEmbeddedVarEnergyPropertyTest.runTrials("multitaper", TRIALS, BASE_SEED, dir,
                MeshEqualsEmbeddedMultitaperPropertyTest::trial);
    }

    /** A list of two GTIs fails its job with the command's message (the multitaper needs contiguous bins). */
    @Test
    void aListOfTwoGtisFailsItsJob() throws IOException {
        Random rnd = new Random(BASE_SEED);
        Path data = Files.createDirectories(dir.resolve("gaps").resolve("data"));
        SyntheticEventFiles.random(rnd, data.resolve("obs.evt"), Columns.ENERGY, 0, false,
                GtiList.of(new Gti(0, 100), new Gti(150, 300)), 10);
        Storage storage = new Storage(data, dir.resolve("gaps").resolve("staging"));
        TestUnits.Job job = whole(TestUnits.plan(storage, JOB, spec(1, MultitaperSpec.getDefaultInstance(),
                Normalization.LEAHY), new UnitSizing(1000, 8, 4), "obs.evt"));
        String reason = failure(storage, job, 0);
        assertTrue(reason != null && reason.contains("a single good time interval"), "the job fails: " + reason);
    }

    /** Why fft-service's folder fails a job given its unit {@code unit} alone (null if it does not). */
    static String failure(Storage storage, TestUnits.Job job, int unit) {
        TestUnits.UnitRecord record = job.records().get(unit);
        try (BatchFolder folder = new BatchFolder(storage)) {
            return folder.fold(List.of(record.key()), List.of(record.value())).failedJobs().get(job.id());
        }
    }

    /**
     * What the commands bin: the selected events of {@code file} at {@code dt} over its GTI, the bins inside it; empty
     * when no event is selected.
     */
    static Optional<LightCurve> bins(Path file, Optional<EnergyBand> band, double dt) {
        try (EventFileReader r = EventFileReader.open(file)) {
            EventList events = r.readAll(band.orElse(null));
            return events.size() == 0 ? Optional.empty() : Optional.of(LightCurve.fromEvents(events, dt).applyGtis());
        }
    }

    /** The product of a whole-series job of one list, {@code obs.evt}, as the mesh makes it. */
    static Product meshProduct(Storage storage, String jobId, JobSpec.Builder spec, Random rnd) {
        TestUnits.Job job = whole(TestUnits.plan(storage, jobId, spec, new UnitSizing(1000, 8, 4), "obs.evt"));
        return ((WholeSeriesPartial) MeshEqualsEmbeddedFadPropertyTest.mesh(job, storage, rnd)).product();
    }

    /** The data directory of a trial, made. */
    static Path dataDir(Path trialDir) {
        try {
            return Files.createDirectories(trialDir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JobSpec.Builder spec(double dt, MultitaperSpec multitaper, Normalization norm) {
        return JobSpec.newBuilder().setKind(ProductKind.MULTITAPER).setDt(dt).setNorm(Protos.norm(norm))
                .setMultitaper(multitaper);
    }

    /** The job as segment-service plans it: one unit of the whole input (also the other whole-series tests'). */
    static TestUnits.Job whole(TestUnits.Job cut) {
        List<RowIndex> index = cut.files().stream().map(f -> {
            try (EventFileReader reader = EventFileReader.open(f)) {
                return RowIndex.of(reader);
            }
        }).toList();
        WorkUnit unit = WorkUnits.whole(cut.plan(), index);
        return new TestUnits.Job(cut.id(), cut.plan(), Plans.record(cut.record().getSpec(), cut.plan(),
                cut.record().getInputsList(), 1), List.of(unit), cut.files());
    }

    private static boolean trial(long seed, Path dir) {
        Random rnd = new Random(seed);
        Path data = dataDir(dir);
        double dt = DTS[rnd.nextInt(DTS.length)];
        double start = 1000 * rnd.nextDouble();
        GtiList gti = GtiList.of(new Gti(start, start + dt * (64 + rnd.nextInt(1500)) + dt * rnd.nextDouble()));
        SyntheticEventFiles.random(rnd, data.resolve("obs.evt"), Columns.ENERGY, 0, false, gti, 8 * dt);
        boolean lombScargle = rnd.nextInt(3) == 0;      // --lombscargle: eigenvalue weights, no jackknife
        MultitaperOptions asked = new MultitaperOptions(0.5 + 5.5 * rnd.nextDouble(), !lombScargle && rnd.nextBoolean(),
                rnd.nextBoolean(), rnd.nextBoolean());
        MultitaperOptions options = lombScargle ? MultitaperSpectrum.lombScargleOptions(asked) : asked;
        MultitaperSpec.Builder mt = MultitaperSpec.newBuilder().setAdaptive(asked.adaptive())
                .setNoJackknife(!asked.jackknife()).setNoLowBias(!asked.lowBias()).setLombscargle(lombScargle);
        if (rnd.nextInt(4) > 0 || options.nw() != MultitaperOptions.DEFAULT_NW) {
            mt.setNw(options.nw());
        }
        Normalization norm = NORMS[rnd.nextInt(NORMS.length)];
        Optional<EnergyBand> band = rnd.nextBoolean() ? Optional.of(EnergyBand.energy(1, 5 + 8 * rnd.nextDouble()))
                : Optional.empty();
        JobSpec.Builder spec = spec(dt, mt.build(), norm);
        band.ifPresent(b -> spec.setBand1(Protos.band(b)));
        String context = "seed " + seed + " [" + options + (lombScargle ? " Lomb-Scargle" : "") + ", " + norm + ", dt " + dt + " s, band " + band + ", GTI "
                + gti + "]: ";

        // manta multitaper: the list binned over its GTI, the bins inside it, tseg = last - first + dt
        Optional<LightCurve> binned = bins(data.resolve("obs.evt"), band, dt);
        if (binned.isEmpty()) {
            return false;
        }
        LightCurve lc = binned.get();
        double tseg = lc.time()[lc.size() - 1] - lc.time()[0] + lc.dt();
        MultitaperSpectrum expected = lombScargle
                ? MultitaperSpectrum.lombScargle(lc.time(), lc.counts(), lc.dt(), tseg, options.nw(), options.lowBias(), norm)
                : MultitaperSpectrum.of(lc.counts(), lc.dt(), tseg, options, norm);

        Product actual = meshProduct(new Storage(data, dir.resolve("staging")), JOB, spec, rnd);

        assertEquals(ProductKind.MULTITAPER, actual.getKind(), context + "kind");
        assertEquals(options.nw(), actual.getMultitaper().getNw(), 0.0, context + "nw");
        assertEquals(Protos.norm(norm), actual.getNorm(), context + "norm");
        assertEquals(expected.n(), actual.getN(), context + "bins");
        assertEquals(expected.df(), actual.getDf(), 0.0, context + "df");
        assertEquals(expected.nphots(), actual.getNphots(), 0.0, context + "nphots");
        assertClose(expected.freq(), doubles(actual.getFreqList()), context + "freq");
        assertClose(expected.power(), doubles(actual.getPower().getReList()), context + "power");
        assertClose(expected.unnormPower(), doubles(actual.getUnnormPower().getReList()), context + "unnorm_power");
        assertClose(expected.multitaperNormPower(), doubles(actual.getMultitaperNormPowerList()),
                context + "multitaper_norm_power");
        assertEquals(options.jackknife(), !actual.getMultitaper().getNoJackknife(), context + "jackknife");
        assertEquals(options.adaptive(), actual.getMultitaper().getAdaptive(), context + "adaptive");
        if (expected.jkVarDegFreedom() == null) {
            assertEquals(0, actual.getJkVarDegFreedomCount(), context + "no jk_var_deg_freedom");
        } else {
            assertClose(expected.jkVarDegFreedom(), doubles(actual.getJkVarDegFreedomList()),
                    context + "jk_var_deg_freedom");
        }
        assertClose(expected.eigvals(), doubles(actual.getEigvalsList()), context + "eigvals");
        return true;
    }

    static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
