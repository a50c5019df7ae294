package org.manta.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.BadEventFileException;
import org.manta.core.gti.GtiList;

/**
 * {@link LightCurveFiles} on OGIP light curves as another tool writes them ({@link OgipLightCurves#rateOnly}): RATE only,
 * times relative to TIMEZERO, TIMEPIXR = 0, MJDREFI/MJDREFF, the context in the primary header.
 */
class LightCurveFilesTest {
    private static final double DT = 0.5;
    private static final double TIMEZERO = 1000.0;
    private static final double[] RATE = {2, 4, 0, 6, 8, 2, 10, 4};

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
                c.gti().orElseThrow());
        assertEquals("SWIFT", c.info().telescope());
        assertEquals("XRT", c.info().instrument());
        assertEquals("TT", c.info().timesys());
        assertEquals(55000, c.info().mjdref().days());
        assertEquals(0.25, c.info().mjdref().fraction(), 0.0);
        assertEquals("GX 339-4", c.object());
        assertTrue(c.band().isEmpty());
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
    void daysAndNonFiniteRatesAreRefusedNamingThem() {
        Path days = rateOnly(dir.resolve("days.lc"), "d", RATE);
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> LightCurveFiles.read(days));
        assertTrue(e.getMessage().contains("TIMEUNIT = 'd'") && e.getMessage().contains("expected s"), e.getMessage());
        double[] nan = RATE.clone();
        nan[3] = Double.NaN;
        Path bad = rateOnly(dir.resolve("nan.lc"), "s", nan);
        e = assertThrows(BadEventFileException.class, () -> LightCurveFiles.read(bad));
        assertTrue(e.getMessage().contains("row 4") && e.getMessage().contains("NaN"), e.getMessage());
    }
}
