package org.manta.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.BadEventFileException;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;

/**
 * {@link LightCurveFiles} on OGIP light curves as another tool writes them ({@link OgipLightCurves#rateOnly}): RATE only,
 * times relative to TIMEZERO, TIMEPIXR = 0, MJDREFI/MJDREFF, the context in the primary header.
 */
class LightCurveFilesTest {
    private static final double DT = 0.5;
    private static final double TIMEZERO = 1000.0;
    private static final double[] RATE = {2, 4, 0, 6, 8, 2, 10, 4};
    /** Start of the first bin of the light curves written with {@link OgipLightCurves#withFracexp}, MET s. */
    private static final double START = 80000000.0;
    /** Relative error of a count computed in a different order of the same double operations. */
    private static final double ROUNDING = 1e-15;

    @TempDir
    Path dir;

    private static Path rateOnly(Path file, String timeunit, double[] rate) {
        return OgipLightCurves.rateOnly(file, timeunit, DT, TIMEZERO, rate);
    }

    @Test
    void rateOnlyFileReadsToCountsRateTimesTimedelOnBinCentresAfterTimezero() {
        Path file = rateOnly(dir.resolve("curve.lc"), "s", RATE);
        assertTrue(LightCurveFiles.isLightCurve(file), "recognised by its header, whatever the extension");
        LightCurveFiles.Contents c = LightCurveFiles.read(file);
        assertEquals(DT, c.dt());
        for (int i = 0; i < RATE.length; i++) {
            assertEquals(RATE[i] * DT, c.counts()[i], 0.0, "counts = RATE x TIMEDEL, bin " + i);
            assertEquals(TIMEZERO + i * DT + DT / 2, c.time()[i], 0.0, "TIME + TIMEZERO, centre of bin " + i);
        }
        assertEquals(GtiList.of(new double[] {TIMEZERO, TIMEZERO + 5 * DT}, new double[] {TIMEZERO + 4 * DT, TIMEZERO + 8 * DT}),
                c.gti());
        assertEquals("SWIFT", c.info().telescope());
        assertEquals("XRT", c.info().instrument());
        assertEquals("TT", c.info().timesys());
        assertEquals(55000, c.info().mjdref().days());
        assertEquals(0.25, c.info().mjdref().fraction(), 0.0);
        assertEquals("GX 339-4", c.object());
        assertTrue(c.band().isEmpty());
    }

    /** Refused as events, a light curve is named by the column its counts would be read from (RATE1 too). */
    @Test
    void anEventReaderRefusesALightCurveNamingItsCountsColumn() {
        for (String[] fileAndColumn : new String[][] {{"lcurve_rate1.lc", "RATE1"}, {"lcurve_fracexp.lc", "RATE"}}) {
            Path file = Refs.data(fileAndColumn[0]);
            BadEventFileException e = assertThrows(BadEventFileException.class, () -> EventFileReader.open(file));
            assertTrue(e.getMessage().contains("is a binned light curve (HDU 'RATE' (HDU 1) has TIME and "
                    + fileAndColumn[1] + " columns, no EVENTS extension)"), e.getMessage());
        }
        Path curve = rateOnly(dir.resolve("curve.lc"), "s", RATE);
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> EventFileReader.open(curve));
        assertTrue(e.getMessage().contains("has TIME and RATE columns"), e.getMessage());
    }

    @Test
    void eventFilesAreNotLightCurves() throws IOException {
        Path evt = dir.resolve("monol_testA.evt");
        try (InputStream in = Refs.class.getResourceAsStream("/data/monol_testA.evt")) {
            Files.copy(in, evt);
        }
        assertFalse(LightCurveFiles.isLightCurve(evt));
        assertFalse(LightCurveFiles.isLightCurve(dir.resolve("missing.fits")));
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> LightCurveFiles.read(evt));
        assertTrue(e.getMessage().contains("not a FITS light curve"), e.getMessage());
    }

    @Test
    void daysAndInfiniteRatesAreRefusedNamingThem() {
        Path days = rateOnly(dir.resolve("days.lc"), "d", RATE);
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> LightCurveFiles.read(days));
        assertTrue(e.getMessage().contains("TIMEUNIT = 'd'") && e.getMessage().contains("expected s"), e.getMessage());
        double[] inf = RATE.clone();
        inf[3] = Double.POSITIVE_INFINITY;
        Path bad = rateOnly(dir.resolve("inf.lc"), "s", inf);
        e = assertThrows(BadEventFileException.class, () -> LightCurveFiles.read(bad));
        assertTrue(e.getMessage().contains("row 4") && e.getMessage().contains("Infinity counts"), e.getMessage());
    }

    // Stingray io.lcurve_from_fits: good = (rate == rate) & (fracexp >= fracexp_limit = 0.9);
    // counts[good] /= fracexp[good]; counts[~good] = 0

    @Test
    void fracexpDividesTheCountsOfBinsExposedAtLeastNinetyPercentAndZeroesTheOthers() {
        double[] fracexp = {1.0, 0.95, 0.5, 1.0, LightCurveFiles.FRACEXP_LIMIT, 0.89, 1.0, 0.95};
        double[] full = {START, START + RATE.length * DT};
        Path file = OgipLightCurves.withFracexp(dir.resolve("fracexp.lc"), DT, START, RATE, fracexp,
                new double[][] {full});
        LightCurveFiles.Contents c = LightCurveFiles.read(file);
        for (int i = 0; i < RATE.length; i++) {
            double expected = fracexp[i] >= 0.9 ? RATE[i] * DT / fracexp[i] : 0.0;
            assertEquals(expected, c.counts()[i], ROUNDING * RATE[i] * DT, "bin " + i + ", FRACEXP " + fracexp[i]);
        }
        assertEquals(4 * DT / 0.95, c.counts()[1], ROUNDING, "RATE x TIMEDEL / 0.95");
        assertEquals(0.0, c.counts()[2], 0.0, "FRACEXP 0.5: left out");
        assertEquals(GtiList.of(new Gti(full[0], full[1])), c.gti());
    }

    @Test
    void nanRateBinsHaveNoCountsAndWithoutAGtiExtensionTheGtisAreTheRunsOfGoodBins() {
        double[] rate = {Double.NaN, 2, 4, Double.NaN, 6, 8, Double.NaN, Double.NaN, 10, 4};
        double[] fracexp = {1, 1, 1, 1, 1, 0.5, 1, 1, 1, 1};
        LightCurveFiles.Contents c = LightCurveFiles.read(
                OgipLightCurves.withFracexp(dir.resolve("nan.lc"), DT, START, rate, fracexp, null));
        for (int i = 0; i < rate.length; i++) {
            boolean good = !Double.isNaN(rate[i]) && fracexp[i] >= 0.9;
            assertEquals(good ? rate[i] * DT : 0.0, c.counts()[i], 0.0, "bin " + i);
            assertEquals(START + (i + 0.5) * DT, c.time()[i], 0.0, "centre of bin " + i);
        }
        // Stingray gti.create_gti_from_condition(time, good): one GTI per run of consecutive good bins (utils.
        // contiguous_regions), [time[first] - h, time[last] + h] with h = (time[1] - time[0]) / 2 = DT / 2.
        // Good bins: 1-2, 4 (5 has FRACEXP 0.5), 8-9.
        GtiList expected = GtiList.of(new double[] {START + 1 * DT, START + 4 * DT, START + 8 * DT},
                new double[] {START + 3 * DT, START + 5 * DT, START + 10 * DT});
        assertEquals(expected, c.gti());
    }

    @Test
    void aGtiExtensionWinsOverTheGoodBins() {
        double[] rate = {Double.NaN, 2, 4, Double.NaN, 6, 8};
        double[][] gti = {{START, START + 2 * DT}, {START + 3 * DT, START + 6 * DT}};
        LightCurveFiles.Contents c = LightCurveFiles.read(
                OgipLightCurves.withFracexp(dir.resolve("gti.lc"), DT, START, rate, null, gti));
        assertEquals(GtiList.of(new double[] {gti[0][0], gti[1][0]}, new double[] {gti[0][1], gti[1][1]}), c.gti(),
                "as written, though it holds NaN bins 0 and 3");
        assertArrayEquals(new double[] {0, 2 * DT, 4 * DT, 0, 6 * DT, 8 * DT}, c.counts(), 0.0);
    }

    @Test
    void infinitiesInGoodBinsAndFilesWithoutGoodTimeAreRefusedNamingThem() {
        double[] rate = {2, Double.POSITIVE_INFINITY, 4, 6};
        LightCurveFiles.Contents c = LightCurveFiles.read(OgipLightCurves.withFracexp(dir.resolve("left-out.lc"), DT,
                START, rate, new double[] {1, 0.5, 1, 1}, null));
        assertEquals(0.0, c.counts()[1], 0.0, "an infinite rate in a bin left out is 0, as Stingray's");
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> LightCurveFiles.read(
                OgipLightCurves.withFracexp(dir.resolve("fracexp-inf.lc"), DT, START, RATE, new double[] {1, 1,
                        Double.POSITIVE_INFINITY, 1, 1, 1, 1, 1}, null)));
        assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("FRACEXP = Infinity"), e.getMessage());
        double[] nan = new double[4];
        Arrays.fill(nan, Double.NaN);
        e = assertThrows(BadEventFileException.class, () -> LightCurveFiles.read(
                OgipLightCurves.withFracexp(dir.resolve("all-nan.lc"), DT, START, nan, null, null)));
        assertTrue(e.getMessage().contains("no good bin") && e.getMessage().contains("all 4"), e.getMessage());
    }

    @Test
    void aRate1ColumnIsReadWhenThereIsNoCountsOrRateColumnAsStingrayReadsIt() {
        TestFits.Table table = new TestFits.Table("LIGHTCURVE").column("TIME", "1D").column("RATE1", "1D")
                .card(TestFits.num("TIMEDEL", DT));
        for (int i = 0; i < RATE.length; i++) {
            table.row(START + (i + 0.5) * DT, RATE[i]);
        }
        Path file = dir.resolve("rate1.lc");
        new TestFits().primary().table(table).write(file);
        assertTrue(LightCurveFiles.isLightCurve(file), "a RATE1 column makes a table binned");
        LightCurveFiles.Contents c = LightCurveFiles.read(file);
        for (int i = 0; i < RATE.length; i++) {
            assertEquals(RATE[i] * DT, c.counts()[i], 0.0, "RATE1 x TIMEDEL, bin " + i);
        }
        assertEquals(GtiList.of(new Gti(START, START + RATE.length * DT)), c.gti(), "every bin good");
    }
    /**
     * The errors of the counts as Stingray's {@code lcurve_from_fits} reads them: the ERROR of a RATE table is a rate
     * error (× TIMEDEL), that of a COUNTS-only table a counts error; a good bin's is divided by its FRACEXP, a left-out
     * bin's kept; none without the column.
     */
    @Test
    void errorsAreReadAsStingrayReadsThem() throws IOException {
        Path counts = dir.resolve("counts.lc");
        new TestFits().primary().table(new TestFits.Table("RATE").column("TIME", "1D").column("COUNTS", "1D")
                .column("ERROR", "1D").column("FRACEXP", "1D").card(TestFits.str("HDUCLAS1", "LIGHTCURVE"))
                .card(TestFits.num("TIMEDEL", 2.0)).card(TestFits.num("TIMEPIXR", 0.5))
                .card(TestFits.str("TIMEUNIT", "s"))
                .row(1.0, 4.0, 2.5, 1.0).row(3.0, 9.0, 3.5, 0.5).row(5.0, 16.0, 4.5, 0.95)).write(counts);
        LightCurveFiles.Contents c = LightCurveFiles.read(counts);
        assertArrayEquals(new double[] {2.5, 3.5, 4.5 / 0.95}, c.countsErr().orElseThrow(), 0.0, "counts errors");

        double[] rate = {2, 4, 6, 8, 10, 12};
        LightCurveFiles.Contents r = LightCurveFiles.read(OgipLightCurves.rateOnly(dir.resolve("rate.lc"), "s", DT,
                100, rate));
        for (int i = 0; i < rate.length; i++) {
            assertEquals((float) (Math.sqrt(rate[i] * DT) / DT) * DT, r.countsErr().orElseThrow()[i], 0.0,
                    "ERROR x TIMEDEL of bin " + i);
        }
        assertTrue(LightCurveFiles.read(OgipLightCurves.withFracexp(dir.resolve("bare.lc"), DT, 100, rate, null,
                null)).countsErr().isEmpty(), "no ERROR column: no errors");
    }
}
