package org.manta.core.lightcurve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.BadEventFileException;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.Mjdref;
import org.manta.core.gti.GtiList;
import org.manta.core.io.OgipLightCurves;
import org.manta.core.io.Refs;
import org.manta.core.plan.InputHeader;
import org.manta.core.plan.Observation;
import org.manta.core.plan.RowIndex;

/**
 * {@link LightCurveFile}, the light-curve input of {@code manta lomb|multitaper|bispectrum|bicoherence} and of the
 * mesh: the bins and GTIs Stingray's {@code io.lcurve_from_fits} reads ({@code reference/lcurve_from_fits.json}), the
 * dt check, the header a planner sees and the context; a JSON light curve reads as its FITS twin, an uneven one gets
 * its span as GTI and its times as rows, and bad JSON is refused naming the field.
 */
class LightCurveFileTest {
    /** Relative tolerance on counts: Stingray divides by FRACEXP in {@code longdouble}, Manta in double. */
    private static final double COUNTS_RTOL = 1e-15;
    private static final String NAN_GTI = "lcurve_nan_gti.lc";

    @TempDir
    Path dir;

    @Test
    void readsTheBinsAndGtisStingrayReadsAtTheLightCurvesOwnDt() {
        JsonNode ref = Refs.json("lcurve_from_fits.json").get("cases").get(NAN_GTI);
        LightCurve lc = LightCurveFile.readFits(Refs.data(NAN_GTI), Optional.empty()).lc();
        double[] time = Refs.doubles(ref.get("time"));
        double[] counts = Refs.doubles(ref.get("counts"));
        double dt = ref.get("dt").asDouble();
        assertEquals(dt, lc.dt(), 0.0);
        assertArrayEquals(time, lc.time(), 0.0);
        for (int i = 0; i < counts.length; i++) {
            assertEquals(counts[i], lc.counts()[i], COUNTS_RTOL * counts[i], "counts of bin " + i);
        }
        double[][] gti = Refs.pairs(ref.get("gti"));
        assertEquals(gti.length, lc.gti().size());
        for (int i = 0; i < gti.length; i++) {
            assertEquals(gti[i][0], lc.gti().intervals().get(i).start(), 0.0, "start of GTI " + i);
            assertEquals(gti[i][1], lc.gti().intervals().get(i).stop(), 0.0, "stop of GTI " + i);
        }
        assertEquals(time[0] - dt / 2, lc.tstart(), 0.0, "the light curve starts half a bin before its first centre");
        assertEquals(time[time.length - 1] - time[0] + dt, lc.tseg(), 0.0, "and spans its bins");

        LightCurve same = LightCurveFile.readFits(Refs.data(NAN_GTI), Optional.of(dt * (1 + 1e-9))).lc();
        assertArrayEquals(lc.counts(), same.counts(), 0.0, "a dt equal within the tolerance reads the same bins");
    }

    @Test
    void aDtOtherThanTheLightCurvesOwnIsRefusedNamingBoth() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> LightCurveFile.readFits(Refs.data(NAN_GTI), Optional.of(0.25)));
        assertEquals("dt", e.parameter());
        assertTrue(e.getMessage().contains("0.25") && e.getMessage().contains("the light curve's own dt = 0.5"),
                e.getMessage());
    }

    @Test
    void thePlannersHeaderIsTheOwnDtAndGtisWithoutEnergiesAndTheContextIsTheFilesHeaders() {
        double dt = 2.0;
        Path file = OgipLightCurves.rateOnly(dir.resolve("rate.lc"), "s", dt, 1000.0, new double[] {3, 1, 4, 1, 5, 9, 2});
        LightCurveFile in = LightCurveFile.readFits(file, Optional.of(dt));
        InputHeader h = in.header("rate.lc");
        assertEquals("rate.lc", h.name());
        assertEquals(dt, h.timedel(), 0.0, "the plan's dt is the light curve's own");
        assertEquals(GtiList.of(new double[] {1000, 1010}, new double[] {1008, 1014}), h.gti());
        assertEquals(in.lc().gti(), h.gti());
        assertFalse(h.hasEnergy() || h.hasPi() || h.gtiFromEvents());
        Observation o = in.observation();
        assertEquals(List.of("SWIFT", "XRT", "GX 339-4", "TT"), List.of(o.telescope(), o.instrument(), o.object(),
                o.timesys()));
        assertEquals(Mjdref.of(55000.25).value(), o.mjdref().value(), 0.0);
        assertEquals(List.of(Optional.empty()), o.bands());

        RowIndex rows = in.rows();
        assertEquals(0, rows.firstRowAtOrAfter(Double.NEGATIVE_INFINITY));
        assertEquals(in.lc().size(), rows.firstRowAtOrAfter(Double.POSITIVE_INFINITY), "the whole unit: every bin");
        assertEquals(2, rows.firstRowAtOrAfter(in.lc().time()[2]), "a bin's own centre");
        assertEquals(3, rows.firstRowAtOrAfter(in.lc().time()[2] + 0.1), "the next bin");
    }

    @Test
    void checkedTakesTheSpanOfTheBinsWithoutGtisAndRefusesTimesThatDoNotIncrease() {
        Path file = Path.of("lc.json");
        LightCurve lc = LightCurveFile.checked(file, new double[] {10, 11, 12}, new double[] {1, 2, 3}, 1.0,
                Optional.empty(), Optional.empty());
        assertEquals(GtiList.of(new double[] {9.5}, new double[] {12.5}), lc.gti());
        BadEventFileException back = assertThrows(BadEventFileException.class, () -> LightCurveFile.checked(file,
                new double[] {10, 12, 11}, new double[] {1, 2, 3}, 1.0, Optional.empty(), Optional.empty()));
        assertTrue(back.getMessage().contains("time[2] = 11.0 does not follow time[1] = 12.0"), back.getMessage());
        BadEventFileException lengths = assertThrows(BadEventFileException.class, () -> LightCurveFile.checked(file,
                new double[] {10, 11}, new double[] {1}, 1.0, Optional.empty(), Optional.empty()));
        assertTrue(lengths.getMessage().contains("time has 2 values and counts 1"), lengths.getMessage());
        InvalidParameterException band = assertThrows(InvalidParameterException.class,
                () -> LightCurveFile.requireNoBand(file, Optional.of(EnergyBand.energy(0.3, 3))));
        assertTrue(band.getMessage().contains("a light curve has no energies"), band.getMessage());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes {@code fields} as a JSON object to {@code dir/name}. */
    private Path json(String name, Map<String, ?> fields) throws IOException {
        Path p = dir.resolve(name);
        JSON.writeValue(p.toFile(), fields);
        return p;
    }

    /** Writes {@code text} to {@code dir/name}. */
    private Path text(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /**
     * The JSON twin of a FITS light curve (what {@code manta lc -o lc.json} writes of the same bins: centres, counts,
     * dt, GTIs, context) reads to the same light curve, context and planner's header: the FITS one of
     * {@link OgipLightCurves#rateOnly} (RATE × TIMEDEL, TIMEPIXR 0 moved to the centres, MJDREFI + MJDREFF) exactly,
     * and
     * {@code lcurve_nan_gti.lc} within Stingray's FRACEXP division, its JSON made of what Stingray read of it.
     */
    @Test
    void aJsonLightCurveReadsAsItsFitsTwin() throws IOException {
        double dt = 2.0;
        double[] rate = {3, 1, 4, 1, 5, 9, 2, 6};
        Path fits = OgipLightCurves.rateOnly(dir.resolve("rate.lc"), "s", dt, 1000.0, rate);
        double[] time = new double[rate.length];
        double[] counts = new double[rate.length];
        for (int i = 0; i < rate.length; i++) {
            time[i] = 1000.0 + (i + 0.5) * dt;
            counts[i] = rate[i] * dt;
        }
        Path json = json("rate.json", Map.of("time", time, "counts", counts, "dt", dt,
                "gti", new double[][] {{1000, 1008}, {1010, 1016}}, "telescope", "SWIFT", "instrument", "XRT",
                "object", "GX 339-4", "timesys", "TT", "mjdref", 55000.25));
        assertSameLightCurve(LightCurveFile.read(fits, Optional.of(dt)), LightCurveFile.read(json, Optional.of(dt)),
                0.0);
        assertEquals(LightCurveFile.read(fits, Optional.empty()).header("x"),
                LightCurveFile.read(json, Optional.empty()).header("x"), "the planner's header");

        JsonNode ref = Refs.json("lcurve_from_fits.json").get("cases").get(NAN_GTI);
        Path nanGti = json("nan_gti.json", Map.of("time", Refs.doubles(ref.get("time")), "counts",
                Refs.doubles(ref.get("counts")), "dt", ref.get("dt").asDouble(), "gti", Refs.pairs(ref.get("gti"))));
        LightCurveFile fromFits = LightCurveFile.read(Refs.data(NAN_GTI), Optional.empty());
        LightCurveFile fromJson = LightCurveFile.read(nanGti, Optional.empty());
        assertSameLightCurve(new LightCurveFile(fromFits.lc(), fromJson.observation(), fromFits.hasErrors()), fromJson,
                COUNTS_RTOL);
    }

    private static void assertSameLightCurve(LightCurveFile expected, LightCurveFile actual, double countsRtol) {
        LightCurve e = expected.lc();
        LightCurve a = actual.lc();
        assertArrayEquals(e.time(), a.time(), 0.0, "time");
        for (int i = 0; i < e.size(); i++) {
            assertEquals(e.counts()[i], a.counts()[i], countsRtol * Math.abs(e.counts()[i]), "counts of bin " + i);
        }
        assertEquals(e.dt(), a.dt(), 0.0, "dt");
        assertEquals(e.gti(), a.gti(), "gti");
        assertEquals(e.tstart(), a.tstart(), 0.0, "tstart");
        assertEquals(e.tseg(), a.tseg(), 0.0, "tseg");
        assertEquals(expected.observation(), actual.observation(), "context");
    }

    /**
     * An unevenly sampled JSON light curve (the 600 times of {@code reference/lombscargle_sim.json}) is read as it is:
     * its times and counts, its GTI the span {@code [t0 − dt/2, t_last + dt/2]}, its rows its times (the planner's
     * bisection), the planner's header its dt and that GTI; its band is its context's.
     */
    @Test
    void anUnevenJsonLightCurveKeepsItsTimesAndSpansThemWithItsGti() throws IOException {
        JsonNode ref = Refs.json("lombscargle_sim.json");
        double[] time = Refs.doubles(ref.get("time"));
        double[] counts = Refs.doubles(ref.get("counts"));
        Path file = json("uneven.JSON", Map.of("time", time, "counts", counts, "dt", 1.0, "e_min", 0.5, "e_max", 10.0));
        assertTrue(LightCurveFile.isJson(file) && LightCurveFile.isLightCurve(file), "*.json, any case");
        LightCurveFile in = LightCurveFile.read(file, Optional.of(1.0));
        assertArrayEquals(time, in.lc().time(), 0.0);
        assertArrayEquals(counts, in.lc().counts(), 0.0);
        GtiList span = GtiList.of(new double[] {time[0] - 0.5}, new double[] {time[time.length - 1] + 0.5});
        assertEquals(span, in.lc().gti());
        assertEquals(new InputHeader("uneven.JSON", 1.0, span, false, false), in.header("uneven.JSON"));
        RowIndex rows = in.rows();
        assertEquals(0, rows.firstRowAtOrAfter(span.start()));
        assertEquals(time.length, rows.firstRowAtOrAfter(span.stop()), "the whole unit: every time");
        assertEquals(300, rows.firstRowAtOrAfter(0.5 * (time[299] + time[300])), "between two uneven times");
        assertEquals(List.of(Optional.of(EnergyBand.energy(0.5, 10))), in.observation().bands());
        assertEquals(Mjdref.NONE, in.observation().mjdref(), "no mjdref: none");
        assertEquals("", in.observation().telescope());
    }

    /**
     * The MJDREF of a JSON light curve: {@code mjdrefi} + {@code mjdreff} as they are, winning over {@code mjdref}
     * (whose one double is ~0.3 µs off NuSTAR's {@code 55197 + 7.6601852e-4}); {@code mjdref} alone is split.
     */
    @Test
    void aJsonLightCurveKeepsMjdrefiAndMjdreffExactly() throws IOException {
        Mjdref nustar = new Mjdref(55197, 7.6601852e-4);
        Map<String, Object> bins = Map.of("time", new double[] {0.5, 1.5, 2.5}, "counts", new double[] {1, 2, 3},
                "dt", 1.0);
        Map<String, Object> both = new java.util.HashMap<>(bins);
        both.putAll(Map.of("mjdref", nustar.value(), "mjdrefi", 55197, "mjdreff", 7.6601852e-4));
        Mjdref read = LightCurveFile.read(json("both.json", both), Optional.empty()).observation().mjdref();
        assertEquals(55197, read.days());
        assertEquals(7.6601852e-4, read.fraction(), 0.0, "the fraction exactly");
        assertTrue(Mjdref.of(nustar.value()).fraction() != nustar.fraction(), "the double alone is not exact");

        Map<String, Object> single = new java.util.HashMap<>(bins);
        single.putAll(Map.of("mjdref", 55000.25, "mjdreff", 0.5));      // a fraction without its days: mjdref
        assertEquals(new Mjdref(55000, 0.25), LightCurveFile.read(json("single.json", single), Optional.empty())
                .observation().mjdref());
    }

    /**
     * A gzip-compressed JSON light curve ({@code .json.gz}, any case) is a JSON light curve and reads as the plain one:
     * the same bins and context.
     */
    @Test
    void aGzipCompressedJsonLightCurveReadsAsThePlainOne() throws IOException {
        Path plain = json("lc.json", Map.of("time", new double[] {10.5, 11.5, 13.5}, "counts", new double[] {4, 0, 2},
                "dt", 1.0, "telescope", "NuSTAR", "mjdrefi", 55197, "mjdreff", 7.6601852e-4, "e_min", 3.0,
                "e_max", 10.0));
        Path gz = dir.resolve("lc.JSON.GZ");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(plain));
        }
        assertTrue(LightCurveFile.isJson(gz) && LightCurveFile.isLightCurve(gz), "*.json.gz, any case");
        assertFalse(LightCurveFile.isJson(Path.of("events.evt.gz")));
        assertSameLightCurve(LightCurveFile.read(plain, Optional.empty()), LightCurveFile.read(gz, Optional.empty()),
                0.0);
        assertEquals(new Mjdref(55197, 7.6601852e-4), LightCurveFile.read(gz, Optional.of(1.0)).observation().mjdref());
    }

    /**
     * A JSON light curve without {@code dt} takes the one asked for and is refused without one; a dt asked for that
     * is not its own is refused naming both.
     */
    @Test
    void aJsonLightCurveWithoutDtTakesTheOneAskedForAndIsRefusedWithoutOne() throws IOException {
        Path file = json("nodt.json", Map.of("time", new double[] {0.5, 1.5, 2.5}, "counts", new double[] {1, 2, 3}));
        assertEquals(1.0, LightCurveFile.read(file, Optional.of(1.0)).lc().dt(), 0.0);
        InvalidParameterException none = assertThrows(InvalidParameterException.class,
                () -> LightCurveFile.read(file, Optional.empty()));
        assertEquals("dt = (none): expected --dt SECONDS: the light curve " + file + " has no dt", none.getMessage());
        assertEquals(LightCurveFile.noDt(file).getMessage(), none.getMessage());
        Path own = json("dt.json", Map.of("time", new double[] {0.5, 1.5, 2.5}, "counts", new double[] {1, 2, 3},
                "dt", 1.0));
        InvalidParameterException other = assertThrows(InvalidParameterException.class,
                () -> LightCurveFile.read(own, Optional.of(0.5)));
        assertEquals("dt = 0.5: expected the light curve's own dt = 1.0", other.getMessage());
    }

    /** Bad JSON is refused naming the file, the field (and index) and what was expected. */
    @Test
    void badJsonIsRefusedNamingTheField() throws IOException {
        String lc = "\"time\": [0.5, 1.5, 2.5], \"counts\": [1, 2, 3], \"dt\": 1";
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("{\"time\": [0.5, 1.5", "not a readable JSON light curve (");
        expected.put("[1, 2, 3]", "not a JSON light curve: expected an object with time and counts");
        expected.put("{\"time\": [0.5, 1.5], \"dt\": 1}", "no 'counts' array: expected a light curve with time and "
                + "counts");
        expected.put("{\"time\": [0.5, \"x\", 2.5], \"counts\": [1, 2, 3], \"dt\": 1}",
                "time[1] = \"x\": expected a number");
        expected.put("{\"time\": [0.5, 1.5, 2.5], \"counts\": [1, 2, true], \"dt\": 1}",
                "counts[2] = true: expected a number");
        expected.put("{\"time\": [0.5, 1.5, 2.5], \"counts\": [1, 2, 3], \"dt\": \"1\"}",
                "dt = \"1\": expected a number");
        expected.put("{\"time\": [0.5, 1.5, 2.5], \"counts\": [1, 2, 3], \"dt\": -1}",
                "dt = -1.0: expected a positive bin width in s");
        expected.put("{" + lc + ", \"gti\": [[0, 3], [4]]}", "gti[1] = [4]: expected [start, stop] in s");
        expected.put("{" + lc + ", \"gti\": 5}", "gti = 5: expected [[start, stop], …] in s");
        expected.put("{" + lc + ", \"telescope\": 5}", "telescope = 5: expected a string");
        expected.put("{" + lc + ", \"mjdref\": \"55000\"}", "mjdref = \"55000\": expected a number");
        expected.put("{" + lc + ", \"e_min\": 0.5, \"e_max\": \"10\"}", "e_max = \"10\": expected a number");
        expected.put("{\"time\": [0.5, 2.5, 1.5], \"counts\": [1, 2, 3], \"dt\": 1}",
                "time[2] = 1.5 does not follow time[1] = 2.5: expected increasing times");
        int i = 0;
        for (Map.Entry<String, String> c : expected.entrySet()) {
            Path file = text("bad-" + i++ + ".json", c.getKey());
            BadEventFileException e = assertThrows(BadEventFileException.class,
                    () -> LightCurveFile.read(file, Optional.empty()), c.getKey());
            assertTrue(e.getMessage().startsWith(file + ": " + c.getValue()), c.getKey() + " -> " + e.getMessage());
        }
        InvalidParameterException gti = assertThrows(InvalidParameterException.class, () -> LightCurveFile.read(
                text("bad-gti.json", "{" + lc + ", \"gti\": [[0, 3], [2, 4]]}"), Optional.empty()));
        assertEquals("gti", gti.parameter(), gti.getMessage());
    }
}
