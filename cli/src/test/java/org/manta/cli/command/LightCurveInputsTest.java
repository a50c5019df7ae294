package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manta.cli.Main;
import org.manta.core.events.EventList;
import org.manta.core.events.ObservationInfo;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileWriter;
import org.manta.core.io.OgipLightCurves;

/**
 * The light-curve inputs of {@code lomb}, {@code multitaper}, {@code bispectrum} and {@code bicoherence}: an OGIP FITS
 * light curve reads as its JSON twin does, other tools' RATE-only files read to counts = rate × TIMEDEL, the products
 * carry the context of the observation the light curve was made from, and a light curve over two GTIs gives the
 * bispectrum of the zero-filled series (checked against a direct sum) with a warning, an error under --strict; NaN
 * and under-exposed bins (FRACEXP below 0.9) of a FITS light curve are left out, as Stingray leaves them out.
 */
class LightCurveInputsTest extends CommandRun {
    /** The same doubles through FITS and through JSON (both exact), relative to the largest value. */
    private static final double SAME = 1e-12;
    /** A direct O(n·L²) sum and O(L⁴) transform against the command's: the order of the additions differs. */
    private static final double DIRECT_SUM = 1e-10;
    /** A sum of the same counts in another order, relative. */
    private static final double SUM_ORDER = 1e-12;
    /** The context a product of a light curve takes from it, its MJDREF's parts exactly ({@code mjdrefi}, {@code mjdreff}). */
    private static final List<String> CONTEXT = List.of("telescope", "instrument", "object", "timesys", "mjdref",
            "mjdrefi", "mjdreff");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path monol;

    @BeforeEach
    void data() throws IOException {
        monol = copy("monol_testA.evt");
    }

    /** {@code manta lc monol_testA.evt --dt 1 [more] -o lc-NAME.EXT}. */
    private Path lightCurve(String name, String ext, String... more) {
        Path lc = dir.resolve("lc-" + name + "." + ext);
        List<String> args = new ArrayList<>(List.of("lc", monol.toString(), "--dt", "1", "--quiet", "-o", lc.toString()));
        args.addAll(List.of(more));
        assertEquals(0, run(args.toArray(String[]::new)), err);
        return lc;
    }

    @Test
    void lombAndMultitaperOfTheFitsLightCurveEqualThoseOfItsJsonTwin() throws IOException {
        Path fits = lightCurve("all", "fits");
        Path json = lightCurve("all", "json");
        for (String command : List.of("lomb", "multitaper")) {
            JsonNode fromFits = product(command + "-fits", command, fits.toString(), "--dt", "1");
            JsonNode fromJson = product(command + "-json", command, json.toString(), "--dt", "1");
            assertClose(fromJson.get("freq"), fromFits.get("freq"), SAME);
            assertClose(fromJson.get("power"), fromFits.get("power"), SAME);
            assertClose(fromJson.get("unnorm_power"), fromFits.get("unnorm_power"), SAME);
            assertEquals(fromJson.get("nphots").asDouble(), fromFits.get("nphots").asDouble(), 0.0, command);
            JsonNode fromEvents = product(command + "-events", command, monol.toString(), "--dt", "1");
            assertClose(fromEvents.get("power"), fromFits.get("power"), SAME);
        }
    }

    @Test
    void aRateOnlyOgipFileReadsToCountsRateTimesTimedel() throws IOException {
        double dt = 0.5;
        double[] rate = new double[16];
        for (int i = 0; i < rate.length; i++) {
            rate[i] = 2 * ((i * 7) % 5) + 2;      // counts 1..5 per bin of 0.5 s
        }
        // a name without .fits: recognised by its header
        Path file = OgipLightCurves.rateOnly(dir.resolve("swift.lc"), "s", dt, 1000.0, rate);
        JsonNode got = product("lomb-rate", "lomb", file.toString(), "--dt", "0.5", "--method", "slow");
        // GTIs [0, 4 dt] and [5 dt, 16 dt] after TIMEZERO: lomb takes the 15 bins inside them, bin 4 is out
        double inside = 0;
        for (int i = 0; i < rate.length; i++) {
            inside += i == 4 ? 0 : rate[i] * dt;
        }
        assertEquals(inside, got.get("nphots").asDouble(), 0.0, "photons = sum of RATE x TIMEDEL inside the GTIs");
        assertEquals(rate.length - 1, got.get("n").asInt());
        assertEquals("SWIFT", got.get("telescope").asText());
        assertEquals("XRT", got.get("instrument").asText());
        assertEquals("GX 339-4", got.get("object").asText());
        assertEquals("TT", got.get("timesys").asText());
        assertEquals(55000.25, got.get("mjdref").asDouble(), 0.0);
    }

    @Test
    void nanAndUnderExposedBinsOfAFitsLightCurveAreLeftOutAsStingrayLeavesThemOut() throws IOException {
        double dt = 0.5;
        double[] rate = new double[16];
        double[] fracexp = new double[rate.length];
        for (int i = 0; i < rate.length; i++) {
            rate[i] = 2 * ((i * 7) % 5) + 2;
            fracexp[i] = 1.0;
        }
        rate[4] = Double.NaN;
        fracexp[2] = 0.95;
        fracexp[10] = 0.5;
        // no GTI extension: the GTIs are the runs of good bins (Stingray lcurve_from_fits, create_gti_from_condition)
        Path file = OgipLightCurves.withFracexp(dir.resolve("fracexp.lc"), dt, 2000.0, rate, fracexp, null);
        JsonNode got = product("lomb-fracexp", "lomb", file.toString(), "--dt", "0.5", "--method", "slow");
        double good = 0;
        for (int i = 0; i < rate.length; i++) {
            good += i == 4 || i == 10 ? 0 : rate[i] * dt / fracexp[i];
        }
        assertEquals(good, got.get("nphots").asDouble(), SUM_ORDER * good, "photons = sum of RATE x TIMEDEL / FRACEXP"
                + " over the good bins");
        assertEquals(rate.length - 2, got.get("n").asInt(), "the NaN bin and the bin exposed 50% are out of the GTIs");
    }

    @Test
    void productsOfALightCurveCarryTheContextOfItsEventFile() throws IOException {
        JsonNode fromEvents = product("lomb-events", "lomb", monol.toString(), "--dt", "1");
        for (String field : CONTEXT) {
            assertTrue(fromEvents.has(field) && !fromEvents.get(field).asText().isEmpty(), field + " of the event file");
        }
        for (String ext : List.of("json", "fits")) {
            Path lc = lightCurve("ctx", ext);
            JsonNode lomb = product("lomb-" + ext, "lomb", lc.toString(), "--dt", "1");
            JsonNode mt = product("mt-" + ext, "multitaper", lc.toString(), "--dt", "1");
            JsonNode bs = product("bs-" + ext, "bispectrum", lc.toString(), "--dt", "1", "--maxlag", "8");
            JsonNode b2 = product("b2-" + ext, "bicoherence", lc.toString(), "--dt", "1", "--segment", "64");
            for (JsonNode p : List.of(lomb, mt, bs, b2)) {
                for (String field : CONTEXT) {
                    assertEquals(fromEvents.get(field), p.get(field), field + " of " + p.get("product") + " from lc." + ext);
                }
            }
        }
        // the FITS product of a FITS light curve has them as standard keywords
        Path lcFits = dir.resolve("lc-ctx.fits");
        Path out = dir.resolve("lomb-of-fits.fits");
        assertEquals(0, run("lomb", lcFits.toString(), "--dt", "1", "--quiet", "-o", out.toString()), err);
        try (Fits f = new Fits(out.toFile())) {
            Header h = f.getHDU(0).getHeader();
            assertEquals(fromEvents.get("telescope").asText(), h.getStringValue("TELESCOP"));
            assertEquals(fromEvents.get("instrument").asText(), h.getStringValue("INSTRUME"));
            assertEquals(fromEvents.get("object").asText(), h.getStringValue("OBJECT"));
            assertEquals(fromEvents.get("mjdref").asDouble(), h.getDoubleValue("MJDREF"), 0.0);
            assertEquals(55197, h.getLongValue("MJDREFI"));
            assertEquals(7.6601852e-4, h.getDoubleValue("MJDREFF"), 0.0, "monol_testA.evt's MJDREFF exactly");
        }
        // the band of the light curve goes with it
        for (String ext : List.of("json", "fits")) {
            Path band = lightCurve("band", ext, "--energy", "3:10");
            JsonNode lomb = product("lomb-band-" + ext, "lomb", band.toString(), "--dt", "1");
            assertEquals(3.0, lomb.get("e_min").asDouble(), 0.0, ext);
            assertEquals(10.0, lomb.get("e_max").asDouble(), 0.0, ext);
        }
    }

    @Test
    void bispectrumOverTwoGtisIsThatOfTheZeroFilledSeriesWithAWarning() throws IOException {
        double dt = 1;
        int maxlag = 4;
        double[] times = twoGtiTimes();
        Path gapped = write(times);
        double[] counts = new double[250];      // bins of 1 s from the start of the first GTI to the end of the last
        for (double t : times) {
            counts[(int) Math.floor(t / dt)]++;
        }
        Path o = dir.resolve("bs.json");
        assertEquals(0, run("bispectrum", gapped.toString(), "--dt", "1", "--maxlag", "4", "--quiet", "-o",
                o.toString()), err);
        assertEquals(List.of("manta: warning: " + gapped + ": one bispectrum of the whole span (250 s) over 2 GTIs: the"
                + " gaps between them (1 gap, 50 s) are zeros in the light curve; give a light curve of one GTI (e.g. lc"
                + " --tstart/--tstop) to leave them out"), err.lines().toList());
        JsonNode got = JSON.readTree(o.toFile());
        assertEquals(counts.length, got.get("n").asInt(), "the whole span, gap included");
        double[][] cum3 = cumulant(counts, maxlag);
        double[][] magnitude = shiftedDftMagnitude(cum3);
        for (int i = 0; i < cum3.length; i++) {
            assertClose(cum3[i], got.get("cum3").get(i), DIRECT_SUM, max(cum3));
            assertClose(magnitude[i], got.get("bispec_mag").get(i), DIRECT_SUM, max(magnitude));
        }
        JsonNode b2 = product("b2-gaps", "bicoherence", gapped.toString(), "--dt", "1", "--segment", "50");
        assertEquals(5, b2.get("m").asInt(), "segments of 50 s in the whole 250 s span");
        assertTrue(err.contains("one bicoherence of the whole span (250 s) over 2 GTIs"), err);

        Path strict = dir.resolve("strict.json");
        for (String[] command : List.of(new String[] {"bispectrum", "--maxlag", "4"},
                new String[] {"bicoherence", "--segment", "50"})) {
            assertEquals(Main.EXIT_USAGE, run(command[0], gapped.toString(), "--dt", "1", command[1], command[2],
                    "--strict", "--quiet", "-o", strict.toString()));
            assertEquals(1, err.strip().lines().count(), err);
            assertTrue(err.contains("over 2 GTIs") && err.contains("(an error under --strict)"), err);
            assertFalse(Files.exists(strict), "nothing written");
        }
    }

    @Test
    void aLightCurveNeedsNoDtButAnEventFileDoes() throws IOException {
        for (String ext : List.of("json", "fits")) {
            Path lc = lightCurve("own-dt", ext);
            for (String[] command : new String[][] {{"lomb"}, {"multitaper"}, {"bispectrum", "--maxlag", "8"},
                {"bicoherence", "--segment", "64"}}) {
                List<String> options = List.of(command).subList(1, command.length);
                JsonNode given = product(command[0] + "-dt-" + ext, concat(command[0], lc.toString(), options, "--dt", "1"));
                JsonNode own = product(command[0] + "-own-" + ext, concat(command[0], lc.toString(), options));
                given.fieldNames().forEachRemaining(f -> {
                    if (!f.equals("provenance")) {
                        assertEquals(given.get(f), own.get(f), command[0] + " of lc." + ext + ": " + f);
                    }
                });
            }
            assertEquals(Main.EXIT_USAGE, run("lomb", lc.toString(), "--dt", "2", "--quiet"), ext);
            assertTrue(err.contains("dt = 2.0: expected the light curve's own dt = 1.0"), err);
        }
        assertEquals(Main.EXIT_USAGE, run("lomb", monol.toString(), "--quiet"));
        assertEquals("manta: dt = (none): expected --dt SECONDS to bin an event file (a light curve input has its own bin"
                + " time)", err.strip());
        assertEquals(Main.EXIT_USAGE, run("pds", monol.toString(), "--segment", "16", "--quiet"));
        assertEquals("manta: Missing required option: '--dt=SECONDS' (see 'manta pds --help')", err.strip());
    }

    /** A CSV light curve ({@code manta lc -o lc.csv}) is refused as CSV before --dt is asked for, by every reader. */
    @Test
    void aCsvLightCurveIsNotAnInputFormat() {
        Path csv = lightCurve("csv", "csv");
        for (String command : List.of("lomb", "multitaper", "bispectrum")) {
            assertEquals(Main.EXIT_USAGE, run(command, csv.toString(), "--quiet"), command);
            assertEquals("manta: " + csv + ": CSV is not an input format: expected a light curve in FITS or JSON "
                    + "(manta lc -o lc.fits|lc.json) or an event file (FITS)", err.strip(), command);
        }
    }

    /**
     * A gzip-compressed JSON light curve ({@code lc.json.gz}) is a JSON light curve: lomb, multitaper, bispectrum and
     * bicoherence give the products of the plain one (every field but the provenance equal), {@code manta info}
     * describes it, and an event command refuses it as a JSON light curve, not as a broken gzip FITS file.
     */
    @Test
    void aGzipCompressedJsonLightCurveGivesTheProductsOfThePlainOne() throws IOException {
        Path json = lightCurve("plain", "json");
        Path gz = dir.resolve("lc-plain.json.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(json));
        }
        for (String[] command : new String[][] {{"lomb"}, {"multitaper"}, {"bispectrum", "--maxlag", "8"},
            {"bicoherence", "--segment", "64"}}) {
            List<String> options = List.of(command).subList(1, command.length);
            JsonNode plain = product(command[0] + "-plain", concat(command[0], json.toString(), options, "--dt", "1"));
            JsonNode fromGz = product(command[0] + "-gz", concat(command[0], gz.toString(), options, "--dt", "1"));
            assertTrue(plain.has("freq") && plain.get("freq").size() > 1, command[0]);
            plain.fieldNames().forEachRemaining(f -> {
                if (!f.equals("provenance")) {
                    assertEquals(plain.get(f), fromGz.get(f), command[0] + " of lc.json.gz: " + f);
                }
            });
            assertEquals(plain.size(), fromGz.size(), command[0] + ": the same fields");
        }
        assertEquals(0, run("info", gz.toString()), err);
        assertTrue(out.contains("light curve:  JSON") && out.contains("bins:         1025 of 1.00000000 s"), out);

        for (String[] command : new String[][] {{"pds", "--segment", "64"}, {"lc"}}) {
            assertEquals(Main.EXIT_USAGE, run(concat(command[0], gz.toString(), List.of(command).subList(1,
                    command.length), "--dt", "1", "--quiet")), command[0]);
            assertEquals("manta: " + gz + ": not a FITS file but JSON (a JSON light curve?): an event file is FITS; lomb,"
                    + " multitaper, bispectrum and bicoherence also read a JSON light curve", err.strip(), command[0]);
        }
    }

    /** Series years apart have no cross spectrum: refused as the mesh's plan refuses it (no grid of their span). */
    @Test
    void aLombCrossSpectrumOfSeriesWithoutCommonTimeIsRefused() throws IOException {
        Path early = dir.resolve("early.json");
        Path late = dir.resolve("late.json");
        Files.writeString(early, "{\"time\": [0.5, 1.5, 2.5, 3.5], \"counts\": [1, 3, 2, 4], \"dt\": 1}");
        Files.writeString(late, "{\"time\": [3e8, 3e8 + 1, 3e8 + 2, 3e8 + 3], \"counts\": [2, 2, 5, 1], \"dt\": 1}"
                .replace("3e8 + 1", "300000001").replace("3e8 + 2", "300000002").replace("3e8 + 3", "300000003"));
        assertEquals(Main.EXIT_USAGE, run("lomb", early.toString(), "--events2", late.toString(), "--quiet"));
        assertEquals("manta: " + early + " and " + late + " have no common good time", err.strip());
    }

    private static String[] concat(String command, String file, List<String> options, String... more) {
        List<String> all = new ArrayList<>(List.of(command, file));
        all.addAll(options);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** 3000 event times, uniform in the GTIs [0, 100) and [150, 250) s (none in the gap), sorted. */
    private static double[] twoGtiTimes() {
        Random rnd = new Random(13);
        double[] times = new double[3000];
        for (int i = 0; i < times.length; i++) {
            double u = rnd.nextDouble() * 200;
            times[i] = u < 100 ? u : u + 50;
        }
        Arrays.sort(times);
        return times;
    }

    /** An event file of {@code times} with the GTIs [0, 100] and [150, 250] s. */
    private Path write(double[] times) {
        Path file = dir.resolve("two-gtis.evt");
        GtiList gti = GtiList.of(new double[] {0, 150}, new double[] {100, 250});
        EventFileWriter.write(new EventList(times, new double[0], new int[0], gti, ObservationInfo.simulated(0, 250)),
                file);
        return file;
    }

    /** C(k, l) = Σ_n x_n x_{n+k} x_{n+l} / N over the valid n, x = counts − mean (the biased cumulant). */
    private static double[][] cumulant(double[] counts, int maxlag) {
        int n = counts.length;
        double mean = Arrays.stream(counts).sum() / n;
        double[][] c = new double[2 * maxlag + 1][2 * maxlag + 1];
        for (int k = -maxlag; k <= maxlag; k++) {
            for (int l = -maxlag; l <= maxlag; l++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    if (i + k >= 0 && i + k < n && i + l >= 0 && i + l < n) {
                        s += (counts[i] - mean) * (counts[i + k] - mean) * (counts[i + l] - mean);
                    }
                }
                c[k + maxlag][l + maxlag] = s / n;
            }
        }
        return c;
    }

    /** |B(p, q)| = |Σ_k Σ_l C(k, l) exp(−2πi (p k + q l)/(2L + 1))| for p, q = −L … L. */
    private static double[][] shiftedDftMagnitude(double[][] c) {
        int size = c.length;
        int lag = size / 2;
        double[][] m = new double[size][size];
        for (int p = 0; p < size; p++) {
            for (int q = 0; q < size; q++) {
                double re = 0;
                double im = 0;
                for (int k = 0; k < size; k++) {
                    for (int l = 0; l < size; l++) {
                        double phase = -2 * Math.PI * ((p - lag) * (k - lag) + (q - lag) * (l - lag)) / size;
                        re += c[k][l] * Math.cos(phase);
                        im += c[k][l] * Math.sin(phase);
                    }
                }
                m[p][q] = Math.hypot(re, im);
            }
        }
        return m;
    }

    private static double max(double[][] a) {
        return Arrays.stream(a).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(0);
    }

    private static void assertClose(double[] expected, JsonNode actual, double rtol, double scale) {
        assertEquals(expected.length, actual.size(), "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.get(i).asDouble(), rtol * scale, "[" + i + "]");
        }
    }

    /** Element by element within {@code rtol} of the largest |expected|. */
    private static void assertClose(JsonNode expected, JsonNode actual, double rtol) {
        double[] e = new double[expected.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected.get(i).asDouble();
        }
        assertClose(e, actual, rtol, Arrays.stream(e).map(Math::abs).max().orElse(0));
    }
}
