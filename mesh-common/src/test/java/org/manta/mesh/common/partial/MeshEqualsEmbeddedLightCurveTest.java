package org.manta.mesh.common.partial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedMultitaperPropertyTest.doubles;
import static org.manta.mesh.common.partial.MeshEqualsEmbeddedVarEnergyPropertyTest.assertClose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.bispectrum.Bispectrum;
import org.manta.core.io.OgipLightCurves;
import org.manta.core.lightcurve.EventLightCurves;
import org.manta.core.lightcurve.LightCurve;
import org.manta.core.lightcurve.LightCurveFile;
import org.manta.core.lombscargle.FrequencyGrid;
import org.manta.core.lombscargle.LombScargleMethod;
import org.manta.core.lombscargle.LombScarglePowerSpectrum;
import org.manta.core.multitaper.MultitaperOptions;
import org.manta.core.multitaper.MultitaperSpectrum;
import org.manta.core.plan.JobPlan;
import org.manta.core.plan.WorkUnits;
import org.manta.core.spectrum.Normalization;
import org.manta.mesh.common.fold.TestUnits;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.mesh.common.mapping.Plans;
import org.manta.mesh.common.mapping.Protos;
import org.manta.mesh.common.storage.Storage;
import org.manta.proto.v1.BispectrumSpec;
import org.manta.proto.v1.InputFile;
import org.manta.proto.v1.JobSpec;
import org.manta.proto.v1.LombSpec;
import org.manta.proto.v1.MultitaperSpec;
import org.manta.proto.v1.Product;
import org.manta.proto.v1.ProductKind;

/**
 * The property of design.md §2.1 for a light curve (FITS, or JSON with uneven times) given to a whole-series job: the
 * job planned on the light curve as segment-service plans it ({@link LightCurveFile#header}, one unit of its bins) and
 * folded by fft-service's folder equals the core's computation on the light curve
 * {@code manta lomb|multitaper|bispectrum lc.fits|lc.json} reads ({@link LightCurveFile#read}): its own bins, not
 * events binned again; a dt other than its own fails the job.
 */
class MeshEqualsEmbeddedLightCurveTest {
    private static final String JOB = "job-lc";
    private static final double DT = 0.5;
    private static final double START = 1000;
    private static final int BINS = 64;

    @TempDir
    Path dir;
    private Storage storage;
    private final Random rnd = new Random(20_261_207L);

    @BeforeEach
    void lightCurves() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        storage = new Storage(data, dir.resolve("staging"));
        double[] rate = new double[BINS];
        for (int i = 0; i < BINS; i++) {
            rate[i] = (20 + 10 * Math.sin(2 * Math.PI * i / 8.0) + rnd.nextInt(7)) / DT;
        }
        // two GTIs with a gap of 3 bins whose rates are NaN (left out), one GTI over all the bins
        double[] gapped = rate.clone();
        Arrays.fill(gapped, 30, 33, Double.NaN);
        OgipLightCurves.withFracexp(data.resolve("gapped.lc"), DT, START, gapped, null,
                new double[][] {{START, START + 30 * DT}, {START + 33 * DT, START + BINS * DT}});
        OgipLightCurves.withFracexp(data.resolve("one.lc"), DT, START, rate, null, null);
        // uneven times over the same span, as a JSON light curve (Lomb–Scargle)
        double[] time = new double[BINS];
        double[] counts = new double[BINS];
        for (int i = 0; i < BINS; i++) {
            time[i] = START + BINS * DT * rnd.nextDouble();
            counts[i] = 10 + rnd.nextInt(20);
        }
        Arrays.sort(time);
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(data.resolve("uneven.json").toFile(),
                java.util.Map.of("time", time, "counts", counts, "dt", DT));
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(
                Files.newOutputStream(data.resolve("uneven.json.gz")))) {
            out.write(Files.readAllBytes(data.resolve("uneven.json")));
        }
    }

    /**
     * An uneven JSON light curve: its Lomb–Scargle periodogram and its Lomb–Scargle multitaper spectrum are of its own
     * times.
     */
    @Test
    void theLombScargleSpectraOfAnUnevenJsonLightCurveAreOfItsOwnTimes() {
        LightCurve lc = embedded("uneven.json");
        LombScarglePowerSpectrum expected = LombScarglePowerSpectrum.of(lc, new FrequencyGrid(OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), 1), LombScargleMethod.SLOW, 5, Normalization.FRAC);
        Product lomb = mesh(JobSpec.newBuilder().setKind(ProductKind.LOMB).setDt(DT)
                .setNorm(Protos.norm(Normalization.FRAC)).setLomb(LombSpec.newBuilder().setMethod("slow")), "uneven.json");
        assertEquals(BINS, lomb.getN(), "its times");
        assertEquals(Arrays.stream(lc.counts()).sum(), lomb.getNphots(), 0.0, "its counts");
        assertClose(expected.freq(), doubles(lomb.getFreqList()), "freq");
        assertClose(expected.power(), doubles(lomb.getPower().getReList()), "power");

        MultitaperOptions options = MultitaperSpectrum.lombScargleOptions(new MultitaperOptions(2.5, false, true,
                false));
        MultitaperSpectrum taper = MultitaperSpectrum.lombScargle("uneven.json", lc, options, Normalization.FRAC);
        Product multitaper = mesh(JobSpec.newBuilder().setKind(ProductKind.MULTITAPER).setDt(DT)
                .setNorm(Protos.norm(Normalization.FRAC)).setMultitaper(MultitaperSpec.newBuilder().setNw(2.5)
                        .setNoLowBias(true).setLombscargle(true)), "uneven.json");
        assertEquals(BINS, multitaper.getN(), "its times");
        assertClose(taper.freq(), doubles(multitaper.getFreqList()), "freq");
        assertClose(taper.power(), doubles(multitaper.getPower().getReList()), "power");
    }

    /**
     * The same light curve gzip-compressed ({@code uneven.json.gz}, located where it lies as ingest locates it): the
     * Lomb–Scargle periodogram and multitaper spectrum of the plain one, numbers equal.
     */
    @Test
    void aGzipCompressedJsonLightCurveGivesTheProductsOfThePlainOne() {
        for (JobSpec.Builder spec : List.of(JobSpec.newBuilder().setKind(ProductKind.LOMB).setDt(DT)
                .setNorm(Protos.norm(Normalization.FRAC)).setLomb(LombSpec.newBuilder().setMethod("slow")),
                JobSpec.newBuilder().setKind(ProductKind.MULTITAPER).setDt(DT).setNorm(Protos.norm(Normalization.FRAC))
                        .setMultitaper(MultitaperSpec.newBuilder().setNw(2.5).setLombscargle(true)))) {
            Product plain = mesh(spec.clone(), "uneven.json");
            Product gz = mesh(spec.clone(), "uneven.json.gz");
            assertEquals(BINS, gz.getN(), "its times");
            assertEquals(plain.getNphots(), gz.getNphots(), 0.0, "its counts");
            assertEquals(plain.getFreqList(), gz.getFreqList(), spec.getKind() + " freq");
            assertEquals(plain.getPower(), gz.getPower(), spec.getKind() + " power");
            assertEquals(plain.getUnnormPower(), gz.getUnnormPower(), spec.getKind() + " unnorm_power");
        }
    }

    @Test
    void aLombScarglePeriodogramOfALightCurveIsOfItsOwnBins() {
        JobSpec.Builder spec = JobSpec.newBuilder().setKind(ProductKind.LOMB).setDt(DT)
                .setNorm(Protos.norm(Normalization.LEAHY)).setLomb(LombSpec.newBuilder().setMethod("fast"));
        LightCurve lc = embedded("gapped.lc");
        LombScarglePowerSpectrum expected = LombScarglePowerSpectrum.of(lc, new FrequencyGrid(OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), 1), LombScargleMethod.FAST, 5, Normalization.LEAHY);

        Product actual = mesh(spec, "gapped.lc");

        assertEquals(expected.n(), actual.getN(), "points");
        assertEquals(BINS - 3, actual.getN(), "the file's bins inside its GTIs, not the gap's");
        assertEquals(expected.nphots(), actual.getNphots(), 0.0, "nphots");
        assertEquals(Arrays.stream(lc.counts()).sum(), actual.getNphots(), 1e-9, "the file's counts");
        assertClose(expected.freq(), doubles(actual.getFreqList()), "freq");
        assertClose(expected.power(), doubles(actual.getPower().getReList()), "power");
    }

    @Test
    void aBispectrumOfALightCurveOverTwoGtisTakesTheGapAsZerosAndAMultitaperSpectrumItsOneGti() {
        LightCurve whole = EventLightCurves.whole("gapped.lc", embedded("gapped.lc"));
        Bispectrum expected = Bispectrum.of(whole.counts(), whole.dt(), 6, Optional.empty(), false);
        Product bispectrum = mesh(JobSpec.newBuilder().setKind(ProductKind.BISPECTRUM).setDt(DT)
                .setBispectrum(BispectrumSpec.newBuilder().setMaxlag(6)), "gapped.lc");
        assertEquals(BINS, bispectrum.getN(), "bins");
        assertClose(flat(expected.cum3()), doubles(bispectrum.getCum3List()), "cum3");
        assertClose(flat(expected.bispecRe()), doubles(bispectrum.getBispec().getReList()), "bispec.re");

        LightCurve one = EventLightCurves.contiguous("one.lc", embedded("one.lc"));
        MultitaperOptions options = new MultitaperOptions(MultitaperOptions.DEFAULT_NW, false, false, true);
        MultitaperSpectrum taper = MultitaperSpectrum.of(one.counts(), one.dt(), EventLightCurves.span(one), options,
                Normalization.FRAC);
        Product multitaper = mesh(JobSpec.newBuilder().setKind(ProductKind.MULTITAPER).setDt(DT)
                .setNorm(Protos.norm(Normalization.FRAC)).setMultitaper(MultitaperSpec.newBuilder()
                        .setNw(MultitaperOptions.DEFAULT_NW).setNoJackknife(true)), "one.lc");
        assertEquals(BINS, multitaper.getN(), "bins");
        assertEquals(taper.nphots(), multitaper.getNphots(), 0.0, "nphots");
        assertClose(taper.power(), doubles(multitaper.getPower().getReList()), "power");
    }

    @Test
    void aDtOtherThanTheLightCurvesOwnFailsTheJobWithTheCommandsMessage() {
        JobSpec.Builder spec = JobSpec.newBuilder().setKind(ProductKind.BISPECTRUM).setDt(DT)
                .setBispectrum(BispectrumSpec.newBuilder().setMaxlag(6));
        TestUnits.Job job = job(spec, "one.lc");
        TestUnits.Job other = new TestUnits.Job(job.id(), job.plan(), job.record().toBuilder()
                .setSpec(job.record().getSpec().toBuilder().setDt(2 * DT)).build(), job.units(), job.files());
        String reason = MeshEqualsEmbeddedMultitaperPropertyTest.failure(storage, other, 0);
        assertTrue(reason != null && reason.contains("the light curve's own dt = 0.5"), "the job fails: " + reason);
    }

    /** What the command reads of {@code name}: the light curve at its own dt. */
    private LightCurve embedded(String name) {
        return LightCurveFile.read(storage.dataRoot().resolve(name), Optional.of(DT)).lc();
    }

    private Product mesh(JobSpec.Builder spec, String name) {
        return ((WholeSeriesPartial) MeshEqualsEmbeddedFadPropertyTest.mesh(job(spec, name), storage, rnd)).product();
    }

    /** The job as segment-service plans a light curve: its header, one unit of its bins. */
    private TestUnits.Job job(JobSpec.Builder spec, String name) {
        Path file = storage.dataRoot().resolve(name);
        JobSpec s = spec.addInputs(name).build();
        LightCurveFile lc = LightCurveFile.read(file, Optional.of(s.getDt()));
        JobPlan plan = JobPlan.of(JobSpecs.request(s, false), List.of(lc.header(name)));
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        InputFile input = InputFile.newBuilder().setPath(name).setSizeBytes(size).setLocation(storage.locationOf(file))
                .setLocationSizeBytes(size).build();
        return new TestUnits.Job(JOB, plan, Plans.record(s, plan, List.of(input), 1),
                List.of(WorkUnits.whole(plan, List.of(lc.rows()))), List.of(file));
    }

    private static double[] flat(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
    }
}
