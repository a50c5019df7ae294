package org.manta.mesh.common.partial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedMultitaperPropertyTest.dataDir;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedMultitaperPropertyTest.doubles;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedVarEnergyPropertyTest.assertClose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
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
import org.manta.core.plan.TimeFilter;
import org.manta.core.plan.UnitSizing;
import org.manta.core.spectrum.AveragedPowerSpectrum;
import org.manta.core.spectrum.Normalization;
import org.manta.core.spectrum.Spectra;
import org.manta.mesh.common.fold.TestUnits;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;
import org.manta.proto.v1.TimeFilterSpec;

/**
 * The property of design.md §2.1 for the light curve of the whole span ({@code manta lc}) and its one periodogram
 * ({@code manta pds} without {@code --segment}): an LC job and a PDS job without a segment size run as the mesh runs
 * them (one work unit of the whole list, folded by fft-service's folder into a {@link WholeSeriesPartial}, through the
 * wire and the reduce tree) equal Stingray's {@code ev.to_lc(dt)} and {@code Powerspectrum(ev.to_lc(dt))} as the
 * commands compute them: the selected events, their GTIs cut by the time filter, binned at {@code dt} over the whole
 * span (gaps as zeros), and one periodogram of those bins. Random lists of one to three GTIs, bin times, selections,
 * norms and {@code --tstart}.
 */
class MeshEqualsEmbeddedWholeSpanPropertyTest {
    private static final long BASE_SEED = Long.getLong("manta.property.seed", 20_261_207L);
    private static final int TRIALS = Integer.getInteger("manta.property.trials", 24);
    private static final String JOB = "job-periodogram";
    private static final String LC_JOB = "job-lc";
    private static final double[] DTS = {0.0625, 0.125, 0.5, 1};
    private static final Normalization[] NORMS = {Normalization.LEAHY, Normalization.FRAC, Normalization.ABS,
        Normalization.NONE};

    @TempDir
    Path dir;

    @Test
    void meshLightCurveAndPeriodogramEqualEmbeddedOverRandomJobs() {
        MeshEqualsEmbeddedVarEnergyPropertyTest.runTrials("light curve and periodogram", TRIALS, BASE_SEED, dir,
                MeshEqualsEmbeddedWholeSpanPropertyTest::trial);
    }

    private static boolean trial(long seed, Path dir) {
        Random rnd = new Random(seed);
        Path data = dataDir(dir);
        double dt = DTS[rnd.nextInt(DTS.length)];
        List<Gti> intervals = new ArrayList<>();
        double t = 1000 * rnd.nextDouble();
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
            double stop = t + dt * (32 + rnd.nextInt(600)) + dt * rnd.nextDouble();
            intervals.add(new Gti(t, stop));
            t = stop + dt * rnd.nextInt(200);
        }
        GtiList gti = GtiList.of(intervals);
        SyntheticEventFiles.random(rnd, data.resolve("obs.evt"), Columns.ENERGY, 0, false, gti, 8 * dt);
        Normalization norm = NORMS[rnd.nextInt(NORMS.length)];
        Optional<EnergyBand> band = rnd.nextBoolean() ? Optional.of(EnergyBand.energy(1, 5 + 8 * rnd.nextDouble()))
                : Optional.empty();
        OptionalDouble tstart = rnd.nextInt(3) == 0
                ? OptionalDouble.of(gti.start() + 0.3 * (gti.intervals().get(0).stop() - gti.start()))
                : OptionalDouble.empty();
        JobSpec.Builder spec = JobSpec.newBuilder().setKind(ProductKind.PDS).setDt(dt).setNorm(Protos.norm(norm));
        band.ifPresent(b -> spec.setBand1(Protos.band(b)));
        tstart.ifPresent(s -> spec.setTimeFilter(TimeFilterSpec.newBuilder().setTstart(s)));
        String context = "seed " + seed + " [" + norm + ", dt " + dt + " s, band " + band + ", GTI " + gti
                + ", tstart " + tstart + "]: ";

        // manta pds without --segment: the selected events over the filtered GTIs, binned over the whole span
        EventList events;
        try (EventFileReader r = EventFileReader.open(data.resolve("obs.evt"))) {
            events = r.readAll(band.orElse(null));
        }
        if (events.size() == 0) {
            return false;
        }
        GtiList kept = new TimeFilter(Optional.empty(), tstart, OptionalDouble.empty(), 0).apply(events.gti());
        LightCurve lc = LightCurve.fromEvents(new EventList(events.time(), events.energy(), events.pi(), kept,
                events.info()), dt);
        AveragedPowerSpectrum expected = Spectra.periodogram(lc.counts(), lc.dt(), norm);

        Product actual = MeshEqualsEmbeddedMultitaperPropertyTest.meshProduct(
                new Storage(data, dir.resolve("staging")), JOB, spec, rnd);

        assertEquals(ProductKind.PDS, actual.getKind(), context + "kind");
        assertEquals(1, actual.getM(), context + "m");
        assertTrue(expected.n() > 1 && expected.n() == actual.getN(), context + "bins " + actual.getN());
        assertEquals(Protos.norm(norm), actual.getNorm(), context + "norm");
        assertEquals(expected.df(), actual.getDf(), 0.0, context + "df");
        assertEquals(expected.segmentSize(), actual.getSegmentSize(), 0.0, context + "segment_size");
        assertEquals(expected.nphots(), actual.getNphots(), 0.0, context + "nphots");
        assertEquals(expected.mean(), actual.getMean(), 0.0, context + "mean");
        assertClose(expected.freq(), doubles(actual.getFreqList()), context + "freq");
        assertClose(expected.power(), doubles(actual.getPower().getReList()), context + "power");
        assertClose(expected.powerErr(), doubles(actual.getPowerErr().getReList()), context + "power_err");
        assertClose(expected.unnormPower(), doubles(actual.getUnnormPower().getReList()), context + "unnorm_power");

        // manta lc: those bins themselves
        JobSpec.Builder lcSpec = spec.clone().setKind(ProductKind.LC).clearNorm().clearInputs();
        Product curve = MeshEqualsEmbeddedMultitaperPropertyTest.meshProduct(
                new Storage(data, dir.resolve("staging")), LC_JOB, lcSpec, rnd);
        assertEquals(ProductKind.LC, curve.getKind(), context + "LC kind");
        assertEquals(lc.dt(), curve.getDt(), 0.0, context + "LC dt");
        assertEquals(lc.tstart(), curve.getTstart(), 0.0, context + "LC tstart");
        assertEquals(lc.tseg(), curve.getTseg(), 0.0, context + "LC tseg");
        assertTrue(java.util.Arrays.equals(lc.time(), doubles(curve.getTimeList())), context + "LC time");
        assertTrue(java.util.Arrays.equals(lc.counts(), doubles(curve.getCountsList())), context + "LC counts");
        assertTrue(java.util.Arrays.equals(lc.countsErr(), doubles(curve.getCountsErrList())), context + "LC errors");
        return true;
    }
}
