package org.manta.mesh.common.partial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedMultitaperPropertyTest.doubles;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedVarEnergyPropertyTest.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.io.Refs;
import org.manta.core.lightcurve.ErrorDistribution;
import org.manta.core.lightcurve.EventLightCurves;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.lightcurve.LightCurveFile;
import org.manta.core.lombscargle.FrequencyGrid;
import org.manta.core.lombscargle.LombScargleCrossSpectrum;
import org.manta.core.lombscargle.LombScargleMethod;
import org.manta.core.lombscargle.LombScarglePowerSpectrum;
import org.manta.core.lombscargle.LombScargleRequest;
import org.manta.core.multitaper.MultitaperOptions;
import org.manta.core.multitaper.MultitaperSpectrum;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.RowIndex;
import org.manta.core.plan.WorkUnits;
import org.manta.core.spectrum.Normalization;
import org.manta.mesh.common.fold.TestUnits;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.LombSpec;
import org.manta.proto.v1.MultitaperSpec;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;

/**
 * The property of design.md §2.1 for the error distribution of a whole series ({@code JobSpec.lomb.err_dist},
 * {@code multitaper.err_dist}; {@code --err-dist}): LOMB and MULTITAPER jobs of light curves with errors, planned as
 * segment-service plans a light curve and folded by fft-service's folder, equal what {@code manta lomb|multitaper
 * --err-dist D} computes of the same files ({@link LightCurveFile#read}, then {@link LombScargleRequest} or
 * {@link MultitaperSpectrum} with the distribution), within the sibling tests' 1e-12 of the largest value (the same
 * code on the same bins: only a summation order could differ): random JSON light
 * curves with Gaussian errors (uneven times for Lomb–Scargle, a second one for the cross spectrum), methods, grids,
 * tapers, norms and {@code err_dist} gauss, poisson or unset. Core's {@code lightcurve_gauss.lc} gives Stingray's
 * spectra with gauss ({@code reference/lightcurve_err_dist.json}) and Poisson's without.
 */
class MeshEqualsEmbeddedErrDistPropertyTest {
    private static final long BASE_SEED = Long.getLong("manta.property.seed", 20_261_209L);
    private static final int TRIALS = Integer.getInteger("manta.property.trials", 16);
    private static final String JOB = "job-err-dist";
    /** Stingray's values, as the command's test takes them (Lomb–Scargle 1e-14, multitaper 4e-14 measured). */
    private static final double STINGRAY = 1e-10;
    private static final double[] DTS = {0.25, 0.5, 1, 2};
    private static final Normalization[] NORMS = {Normalization.LEAHY, Normalization.FRAC, Normalization.ABS,
        Normalization.NONE};
    private static final String[] ERR_DISTS = {"gauss", "gauss", "poisson", ""};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void meshErrDistEqualsEmbeddedOverRandomJobs() {
        MeshEqualsEmbeddedVarEnergyPropertyTest.runTrials("err_dist", TRIALS, BASE_SEED, dir,
                MeshEqualsEmbeddedErrDistPropertyTest::trial);
    }

    /**
     * {@code lightcurve_gauss.lc} (background-subtracted counts with an ERROR column): gauss gives Stingray's Leahy
     * periodogram and multitaper spectrum of a {@code Lightcurve(err_dist="gauss")} and records {@code err_dist}
     * gauss; unset gives Stingray's Poisson ones and records poisson.
     */
    @Test
    void gaussOfAFitsLightCurveWithErrorsIsStingraysAndUnsetIsPoisson() throws IOException {
        JsonNode ref = Refs.json("lightcurve_err_dist.json");
        Path data = Files.createDirectories(dir.resolve("fits").resolve("data"));
        Files.copy(Refs.data("lightcurve_gauss.lc"), data.resolve("gauss.lc"));
        Storage storage = new Storage(data, dir.resolve("fits").resolve("staging"));
        double dt = LightCurveFile.read(data.resolve("gauss.lc"), Optional.empty()).lc().dt();
        for (String errDist : new String[] {"gauss", ""}) {
            JobSpec.Builder lomb = JobSpec.newBuilder().setKind(ProductKind.LOMB).setDt(dt)
                    .setNorm(Protos.norm(Normalization.LEAHY)).setLomb(LombSpec.newBuilder().setErrDist(errDist));
            Product ls = mesh(storage, lomb, "gauss.lc");
            String label = errDist.isEmpty() ? "poisson" : errDist;
            assertEquals(label, ls.getLomb().getErrDist(), "the product's err_dist, resolved");
            assertStingray(ref.get("ls_power_leahy_" + label).get("power").get("re"), doubles(ls.getPower().getReList()),
                    "Lomb–Scargle, " + label);

            JobSpec.Builder mt = JobSpec.newBuilder().setKind(ProductKind.MULTITAPER).setDt(dt)
                    .setNorm(Protos.norm(Normalization.LEAHY)).setMultitaper(MultitaperSpec.newBuilder()
                            .setErrDist(errDist));
            Product taper = mesh(storage, mt, "gauss.lc");
            assertEquals(label, taper.getMultitaper().getErrDist(), "the product's err_dist, resolved");
            assertStingray(ref.get("mt_leahy_" + label).get("power"), doubles(taper.getPower().getReList()),
                    "multitaper, " + label);
        }
    }

    private static boolean trial(long seed, Path dir) {
        Random rnd = new Random(seed);
        Path data = MeshEqualsEmbeddedMultitaperPropertyTest.dataDir(dir);
        Storage storage = new Storage(data, dir.resolve("staging"));
        double dt = DTS[rnd.nextInt(DTS.length)];
        Normalization norm = NORMS[rnd.nextInt(NORMS.length)];
        String errDist = ERR_DISTS[rnd.nextInt(ERR_DISTS.length)];
        ErrorDistribution used = errDist.isEmpty() ? ErrorDistribution.POISSON : ErrorDistribution.parse(errDist);
        String context = "seed " + seed + " [" + norm + ", dt " + dt + " s, err_dist '" + errDist + "'";
        if (rnd.nextBoolean()) {
            return lombTrial(rnd, storage, dt, norm, errDist, used, context);
        }
        return multitaperTrial(rnd, storage, dt, norm, errDist, used, context);
    }

    /** {@code manta lomb X [--events2 Y] --err-dist D}: its periodogram or cross spectrum of the files' own times. */
    private static boolean lombTrial(Random rnd, Storage storage, double dt, Normalization norm, String errDist,
                                     ErrorDistribution used, String context) {
        int n = 64 + rnd.nextInt(400);
        double start = 1000 * rnd.nextDouble();
        boolean uneven = rnd.nextBoolean();
        List<String> names = new ArrayList<>(List.of("a.json"));
        write(storage.dataRoot().resolve("a.json"), rnd, start, n, dt, uneven);
        if (rnd.nextBoolean()) {
            names.add("b.json");
            write(storage.dataRoot().resolve("b.json"), rnd, start, n, dt, uneven);
        }
        LombScargleMethod method = rnd.nextInt(3) == 0 ? LombScargleMethod.SLOW : LombScargleMethod.FAST;
        int oversampling = 1 + rnd.nextInt(6);
        OptionalDouble maxFreq = rnd.nextBoolean() ? OptionalDouble.of((0.1 + 0.4 * rnd.nextDouble()) / dt)
                : OptionalDouble.empty();
        LombSpec.Builder lomb = LombSpec.newBuilder().setMethod(method.label()).setOversampling(oversampling)
                .setErrDist(errDist);
        maxFreq.ifPresent(lomb::setMaxFreq);
        context += ", " + names + (uneven ? " uneven" : "") + ", " + method + ", oversampling " + oversampling
                + ", max-freq " + maxFreq + "]: ";

        // manta lomb: each light curve as it is, the request with the distribution asked for
        LombScargleRequest request = new LombScargleRequest(new FrequencyGrid(OptionalDouble.empty(), maxFreq,
                OptionalDouble.empty(), 1), method, oversampling, norm, used);
        List<LightCurve> curves = names.stream().map(name -> embedded(storage, name, dt)).toList();
        Product actual = mesh(storage, JobSpec.newBuilder().setKind(ProductKind.LOMB).setDt(dt)
                .setNorm(Protos.norm(norm)).setLomb(lomb), names.toArray(String[]::new));

        assertEquals(used.label(), actual.getLomb().getErrDist(), context + "err_dist");
        double[] freq = doubles(actual.getFreqList());
        if (curves.size() == 1) {
            LombScarglePowerSpectrum expected = request.power(curves.get(0));
            assertEquals(expected.n(), actual.getN(), context + "points");
            assertClose(expected.freq(), freq, context + "freq");
            assertClose(expected.power(), doubles(actual.getPower().getReList()), context + "power");
            assertClose(expected.unnormPower(), doubles(actual.getUnnormPower().getReList()), context + "unnorm_power");
        } else {
            LombScargleCrossSpectrum expected = request.cross(curves.get(0), curves.get(1));
            assertClose(expected.freq(), freq, context + "freq");
            assertClose(expected.power().re(), doubles(actual.getPower().getReList()), context + "power.re");
            assertClose(expected.power().im(), doubles(actual.getPower().getImList()), context + "power.im");
        }
        return true;
    }

    /** {@code manta multitaper X [--lombscargle] --err-dist D}: the spectrum of the light curve's contiguous bins. */
    private static boolean multitaperTrial(Random rnd, Storage storage, double dt, Normalization norm, String errDist,
                                           ErrorDistribution used, String context) {
        int n = 64 + rnd.nextInt(700);
        write(storage.dataRoot().resolve("lc.json"), rnd, 1000 * rnd.nextDouble(), n, dt, false);
        boolean lombScargle = rnd.nextInt(3) == 0;
        MultitaperOptions asked = new MultitaperOptions(0.5 + 4.5 * rnd.nextDouble(), !lombScargle && rnd.nextBoolean(),
                rnd.nextBoolean(), rnd.nextBoolean());
        MultitaperOptions options = lombScargle ? MultitaperSpectrum.lombScargleOptions(asked) : asked;
        MultitaperSpec mt = MultitaperSpec.newBuilder().setNw(options.nw()).setAdaptive(asked.adaptive())
                .setNoJackknife(!asked.jackknife()).setNoLowBias(!asked.lowBias()).setLombscargle(lombScargle)
                .setErrDist(errDist).build();
        context += ", " + n + " bins, " + options + (lombScargle ? " Lomb-Scargle" : "") + "]: ";

        // manta multitaper: the light curve as it is, its contiguous bins (or its times with --lombscargle)
        LightCurve lc = embedded(storage, "lc.json", dt);
        MultitaperSpectrum expected = lombScargle
                ? MultitaperSpectrum.lombScargle("lc.json", lc, options, norm, used)
                : MultitaperSpectrum.of(EventLightCurves.contiguous("lc.json", lc), options, norm, used);
        Product actual = mesh(storage, JobSpec.newBuilder().setKind(ProductKind.MULTITAPER).setDt(dt)
                .setNorm(Protos.norm(norm)).setMultitaper(mt), "lc.json");

        assertEquals(used.label(), actual.getMultitaper().getErrDist(), context + "err_dist");
        assertEquals(expected.n(), actual.getN(), context + "bins");
        assertEquals(expected.nphots(), actual.getNphots(), 0.0, context + "nphots");
        assertClose(expected.freq(), doubles(actual.getFreqList()), context + "freq");
        assertClose(expected.power(), doubles(actual.getPower().getReList()), context + "power");
        assertClose(expected.unnormPower(), doubles(actual.getUnnormPower().getReList()), context + "unnorm_power");
        assertClose(expected.multitaperNormPower(), doubles(actual.getMultitaperNormPowerList()),
                context + "multitaper_norm_power");
        return true;
    }

    /**
     * A JSON light curve of {@code n} bins of {@code dt} from {@code start} (uneven: random times over the same
     * span) with Gaussian errors, as a background-subtracted one: counts {@code S − B/4} that may be negative, errors
     * {@code √(S + B/16)}, far from Poisson.
     */
    private static void write(Path file, Random rnd, double start, int n, double dt, boolean uneven) {
        double[] time = new double[n];
        double[] counts = new double[n];
        double[] err = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = uneven ? start + n * dt * rnd.nextDouble() : start + (i + 0.5) * dt;
            double source = Math.max(0, 20 * dt * (1 + 0.3 * Math.sin(0.37 * i)) + Math.sqrt(20 * dt) * rnd.nextGaussian());
            double background = Math.max(0, 120 * dt + Math.sqrt(120 * dt) * rnd.nextGaussian());
            counts[i] = source - background / 4;
            err[i] = Math.sqrt(source + background / 16);
        }
        java.util.Arrays.sort(time);
        try {
            JSON.writeValue(file.toFile(), Map.of("time", time, "counts", counts, "counts_err", err, "dt", dt));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the command reads of {@code name}: the light curve at its own dt. */
    private static LightCurve embedded(Storage storage, String name, double dt) {
        return LightCurveFile.read(storage.dataRoot().resolve(name), Optional.of(dt)).lc();
    }

    /**
     * The product of a whole-series job of light curves as the mesh makes it: planned as segment-service plans them
     * (their headers, one unit of their bins), folded by fft-service's folder, through the wire and the reduce tree.
     */
    private static Product mesh(Storage storage, JobSpec.Builder spec, String... names) {
        List<InputHeader> headers = new ArrayList<>();
        List<RowIndex> rows = new ArrayList<>();
        List<InputFile> inputs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            Path file = storage.dataRoot().resolve(name);
            spec.addInputs(name);
            LightCurveFile lc = LightCurveFile.read(file, Optional.of(spec.getDt()));
            headers.add(lc.header(name));
            rows.add(lc.rows());
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            inputs.add(InputFile.newBuilder().setPath(name).setSizeBytes(size).setLocation(storage.locationOf(file))
                    .setLocationSizeBytes(size).build());
            files.add(file);
        }
        JobSpec s = spec.build();
        JobPlan plan = JobPlan.of(JobSpecs.request(s, false), headers);
        TestUnits.Job job = new TestUnits.Job(JOB, plan, Plans.record(s, plan, inputs, 1),
                List.of(WorkUnits.whole(plan, rows)), files);
        return ((WholeSeriesPartial) MeshEqualsEmbeddedFadPropertyTest.mesh(job, storage, new Random(17))).product();
    }

    /** {@code |a − e| ≤ STINGRAY·max|e|} element by element. */
    private static void assertStingray(JsonNode expected, double[] actual, String what) {
        double[] e = Refs.doubles(expected);
        assertEquals(e.length, actual.length, what + ": length");
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], actual[i], STINGRAY * scale, what + ": element " + i);
        }
    }
}
