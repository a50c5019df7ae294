package org.manta.core.lightcurve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.Refs;
import org.manta.core.lombscargle.FrequencyGrid;
import org.manta.core.lombscargle.LombScargleCrossSpectrum;
import org.manta.core.lombscargle.LombScargleMethod;
import org.manta.core.lombscargle.LombScarglePowerSpectrum;
import org.manta.core.lombscargle.LombScargleTransform;
import org.manta.core.multitaper.MultitaperOptions;
import org.manta.core.multitaper.MultitaperSpectrum;
import org.manta.core.spectrum.Normalization;

/**
 * Spectra of light curves with Gaussian errors against Stingray ({@code lightcurve_err_dist.json}: two
 * background-subtracted light curves of 256 bins with their errors, stored in the file; Stingray's Lomb–Scargle
 * periodogram and cross spectrum (method fast) and multitaper spectrum with {@code err_dist} gauss and poisson), and
 * the errors of the OGIP light curve {@code lightcurve_gauss.lc} as Stingray's {@code Lightcurve.read(fmt="ogip")}
 * takes them.
 */
class ErrorDistributionReferenceTest {
    /**
     * The brief's bound, relative to the largest value of an array: the Lomb–Scargle fast method differs from Stingray
     * by the rounding of JTransforms' FFT against pocketfft (1e-15 measured, {@code LombScargleReferenceTest}), the
     * multitaper by the DPSS tapers' (1e-13); the variance adds one rounding.
     */
    static final double TOLERANCE = 1e-10;
    /**
     * Stingray's FITS reader keeps the times as long doubles (80-bit), so its fast Lomb–Scargle transform of the file
     * rounds the phases of times of 8e7 s differently: its periodogram of the file and of the same bins in doubles
     * differ by 3.6e-10 of the largest power. Manta reads doubles and matches the latter to 1e-13.
     */
    static final double LONG_DOUBLE_TIMES_TOLERANCE = 1e-9;
    /** The variance is numpy's mean squared: the same pairwise sum, bit for bit but for Stingray's FITS long doubles. */
    static final double VARIANCE_TOLERANCE = 1e-15;

    static final JsonNode REF = Refs.json("lightcurve_err_dist.json");

    @TempDir
    Path dir;

    static LightCurve lightCurve(String name) {
        JsonNode lc = REF.get(name);
        double[] t = Refs.doubles(lc.get("time"));
        double dt = lc.get("dt").asDouble();
        GtiList gti = GtiList.of(new Gti(t[0] - dt / 2, t[t.length - 1] + dt / 2));
        return new LightCurve(t, Refs.doubles(lc.get("counts")), Refs.doubles(lc.get("counts_err")), dt, gti,
                t[0] - dt / 2, t.length * dt);
    }

    @ParameterizedTest
    @CsvSource({"leahy,gauss", "frac,gauss", "leahy,poisson", "frac,poisson"})
    void lombScarglePowerSpectrumMatchesStingray(String norm, String dist) {
        JsonNode r = REF.get("ls_power_" + norm + "_" + dist);
        ErrorDistribution d = ErrorDistribution.parse(dist);
        LombScarglePowerSpectrum ps = LombScarglePowerSpectrum.of(lightCurve("lc1"), FrequencyGrid.automatic(),
                LombScargleMethod.FAST, LombScargleTransform.DEFAULT_OVERSAMPLING, Normalization.parse(norm), d);
        assertEquals(dist, r.get("err_dist").asText());
        assertClose("freq", Refs.doubles(r.get("freq")), ps.freq());
        assertClose("power", Refs.doubles(r.get("power").get("re")), ps.power());
        assertEquals(d, ps.errDist());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gauss", "poisson"})
    void lombScargleCrossSpectrumMatchesStingray(String dist) {
        JsonNode r = REF.get("ls_cross_leahy_" + dist);
        LombScargleCrossSpectrum cs = LombScargleCrossSpectrum.of(lightCurve("lc1"), lightCurve("lc2"),
                FrequencyGrid.automatic(), LombScargleMethod.FAST, LombScargleTransform.DEFAULT_OVERSAMPLING,
                Normalization.LEAHY, ErrorDistribution.parse(dist));
        assertClose("power.re", Refs.doubles(r.get("power").get("re")), cs.power().re());
        assertClose("power.im", Refs.doubles(r.get("power").get("im")), cs.power().im());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gauss", "poisson"})
    void multitaperMatchesStingray(String dist) {
        JsonNode r = REF.get("mt_leahy_" + dist);
        MultitaperSpectrum mt = MultitaperSpectrum.of(lightCurve("lc1"), new MultitaperOptions(4, false, true, true),
                Normalization.LEAHY, ErrorDistribution.parse(dist));
        assertClose("freq", Refs.doubles(r.get("freq")), mt.freq());
        assertClose("power", Refs.doubles(r.get("power")), mt.power());
        assertClose("unnorm_power", Refs.doubles(r.get("unnorm_power")), mt.unnormPower());
    }

    @Test
    void gaussVarianceIsTheSquaredMeanErrorAsStingrays() {
        assertEquals(Refs.number(REF.get("ls_cross_leahy_gauss").get("variance1")),
                ErrorDistribution.GAUSS.variance(lightCurve("lc1")).orElseThrow(), VARIANCE_TOLERANCE * 30);
        assertEquals(Refs.number(REF.get("ls_cross_leahy_gauss").get("variance2")),
                ErrorDistribution.GAUSS.variance(lightCurve("lc2")).orElseThrow(), VARIANCE_TOLERANCE * 30);
        assertTrue(ErrorDistribution.POISSON.variance(lightCurve("lc1")).isEmpty(), "Poisson: Leahy from the photons");
        double frac = Refs.doubles(REF.get("ls_power_frac_gauss").get("power").get("re"))[3];
        assertEquals(frac, Refs.doubles(REF.get("ls_power_frac_poisson").get("power").get("re"))[3], 0.0,
                "Stingray's frac does not depend on err_dist");
    }

    @Test
    void fitsLightCurveErrorsAreStingraysOgipReading() {
        JsonNode f = REF.get("fits");
        LightCurveFile file = LightCurveFile.read(Refs.data(f.get("file").asText()), Optional.empty());
        assertTrue(file.hasErrors(), "ERROR column read");
        assertEquals("gauss", f.get("err_dist").asText(), "Stingray's Lightcurve.read default");
        assertArrayEquals(Refs.doubles(f.get("counts")), file.lc().counts(), 0.0, "counts = RATE x TIMEDEL");
        assertArrayEquals(Refs.doubles(f.get("counts_err")), file.lc().countsErr(), 0.0, "counts_err = ERROR x TIMEDEL");
        assertArrayEquals(Refs.doubles(f.get("time")), file.lc().time(), 0.0, "time");
        LombScarglePowerSpectrum ps = LombScarglePowerSpectrum.of(file.lc(), FrequencyGrid.automatic(),
                LombScargleMethod.FAST, LombScargleTransform.DEFAULT_OVERSAMPLING, Normalization.LEAHY,
                ErrorDistribution.GAUSS);
        assertClose("power (from the FITS file)", Refs.doubles(REF.get("ls_power_leahy_gauss").get("power").get("re")),
                ps.power(), TOLERANCE);
        assertClose("power (Stingray's of the FITS file)",
                Refs.doubles(REF.get("fits_ls_power_leahy").get("power").get("re")), ps.power(),
                LONG_DOUBLE_TIMES_TOLERANCE);
        assertFalse(ErrorDistribution.looksPoisson(file.lc()), "background-subtracted errors are not Poisson");
    }

    @Test
    void jsonLightCurveReadsCountsErrWhenGiven() throws IOException {
        LightCurve lc = lightCurve("lc1");
        Path with = dir.resolve("with.json");
        new ObjectMapper().writeValue(with.toFile(), Map.of("time", lc.time(), "counts", lc.counts(),
                "counts_err", lc.countsErr(), "dt", lc.dt()));
        LightCurveFile read = LightCurveFile.read(with, Optional.empty());
        assertTrue(read.hasErrors());
        assertArrayEquals(lc.countsErr(), read.lc().countsErr(), 0.0);
        read.requireErrors(ErrorDistribution.GAUSS, "with.json");

        Path without = dir.resolve("without.json");
        new ObjectMapper().writeValue(without.toFile(), Map.of("time", lc.time(), "counts", lc.counts(), "dt", 0.5));
        LightCurveFile bare = LightCurveFile.read(without, Optional.empty());
        assertFalse(bare.hasErrors());
        bare.requireErrors(ErrorDistribution.POISSON, "without.json");
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> bare.requireErrors(ErrorDistribution.GAUSS, "without.json"));
        assertEquals("err-dist", e.parameter());
        assertTrue(e.getMessage().contains("without.json") && e.getMessage().contains("counts_err"), e.getMessage());

        Path shorter = dir.resolve("shorter.json");
        new ObjectMapper().writeValue(shorter.toFile(), Map.of("time", lc.time(), "counts", lc.counts(),
                "counts_err", new double[] {1, 2}, "dt", 0.5));
        assertThrows(BadEventFileException.class, () -> LightCurveFile.read(shorter, Optional.empty()));
    }

    @Test
    void poissonErrorsLookPoisson() {
        double[] times = new double[4000];
        java.util.Random rng = new java.util.Random(7);
        for (int i = 0; i < times.length; i++) {
            times[i] = rng.nextDouble() * 1000;
        }
        LightCurve low = LightCurve.make(times, 0.25, 0, 1000, null);   // about 1 count per bin, Garwood errors
        assertTrue(ErrorDistribution.looksPoisson(low), "manta lc's Garwood errors");
        double[] sqrt = new double[low.size()];
        double[] counts = new double[low.size()];
        for (int i = 0; i < sqrt.length; i++) {
            counts[i] = 100 + (i % 7);
            sqrt[i] = Math.sqrt(counts[i]);
        }
        LightCurve high = new LightCurve(low.time(), counts, sqrt, low.dt(), low.gti(), low.tstart(), low.tseg());
        assertTrue(ErrorDistribution.looksPoisson(high), "sqrt(n) errors of 100 counts a bin");
    }

    @Test
    void parseNamesTheValue() {
        assertEquals(ErrorDistribution.GAUSS, ErrorDistribution.parse("Gauss"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ErrorDistribution.parse("normal"));
        assertEquals("err-dist = normal: expected poisson or gauss", e.getMessage());
    }

    /** {@code |a − e| ≤ tolerance·max|e|} element by element; prints the worst error as a REFERR line. */
    static void assertClose(String what, double[] expected, double[] actual) {
        assertClose(what, expected, actual, TOLERANCE);
    }

    static void assertClose(String what, double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        double worst = 0;
        int at = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            double err = Math.abs(actual[i] - expected[i]);
            if (err > worst || Double.isNaN(err)) {
                worst = err;
                at = i;
            }
        }
        System.out.printf("REFERR err_dist %s: %.3g of max %.6g at %d%n", what, worst / scale, scale, at);
        assertTrue(worst <= tolerance * scale, String.format("%s[%d]: expected %s, got %s (error %.3g of max %.6g)",
                what, at, expected[at], actual[at], worst / scale, scale));
    }
}
