package org.manta.core.lightcurve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
 * dt check, the header a planner sees and the context.
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
}
