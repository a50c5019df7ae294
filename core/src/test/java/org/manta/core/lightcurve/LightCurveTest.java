package org.manta.core.lightcurve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.manta.core.events.EventList;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.io.EventFileReader;
import org.manta.core.io.Refs;

/** Light curves against lightcurve_monolA.json and lightcurve_xtegx_gaps.json (events read by EventFileReader). */
class LightCurveTest {
    /**
     * counts_err: scipy's gammaincinv/gammainccinv (used by astropy for the Garwood interval) are
     * themselves within ~2 ulp of the true quantiles, and Manta's independent inverse within ~2 ulp
     * too; for the small counts here that is at most a few ulp of the error.
     */
    private static final double COUNTS_ERR_RTOL = 2e-15;

    private static EventList monolA;
    private static EventList xteGx;

    @BeforeAll
    static void read() {
        try (EventFileReader r = EventFileReader.open(Refs.data("monol_testA.evt"))) {
            monolA = r.readAll(null);
        }
        try (EventFileReader r = EventFileReader.open(Refs.data("xte_gx_test.evt.gz"))) {
            xteGx = r.readAll(null);
        }
    }

    @Test
    void toLcMatchesStingray() {
        JsonNode ref = Refs.json("lightcurve_monolA.json").get("to_lc_dt1");
        LightCurve lc = LightCurve.fromEvents(monolA, 1.0);
        assertArrayEquals(Refs.doubles(ref.get("time")), lc.time());
        assertArrayEquals(Refs.doubles(ref.get("counts")), lc.counts());
        double[] err = Refs.doubles(ref.get("counts_err"));
        double worst = 0;
        int exact = 0;
        for (int i = 0; i < err.length; i++) {
            worst = Math.max(worst, Math.abs(lc.countsErr()[i] - err[i]) / err[i]);
            exact += lc.countsErr()[i] == err[i] ? 1 : 0;
        }
        System.out.println("to_lc counts_err worst rel " + worst + ", bit-identical " + exact + "/" + err.length);
        assertEquals(err.length, lc.countsErr().length);
        for (int i = 0; i < err.length; i++) {
            assertEquals(err[i], lc.countsErr()[i], COUNTS_ERR_RTOL * err[i], "counts_err[" + i + "]");
        }
        assertArrayEquals(Refs.pairs(ref.get("gti")), lc.gti().toArray());
        assertEquals(ref.get("tstart").doubleValue(), lc.tstart());
        assertEquals(ref.get("tseg").doubleValue(), lc.tseg());
        assertEquals(ref.get("dt").doubleValue(), lc.dt());
    }

    @Test
    void makeLightcurveMatchesStingray() {
        JsonNode ref = Refs.json("lightcurve_monolA.json").get("make_lightcurve_short");
        LightCurve lc = LightCurve.make(monolA.time(), 0.25, ref.get("tstart").doubleValue(),
                ref.get("tseg").doubleValue(), monolA.gti());
        assertArrayEquals(Refs.doubles(ref.get("time")), lc.time());
        assertArrayEquals(Refs.doubles(ref.get("counts")), lc.counts());
        assertArrayEquals(Refs.pairs(ref.get("gti")), lc.gti().toArray());
    }

    @Test
    void toLcListSummaryMatchesStingray() {
        JsonNode ref = Refs.json("lightcurve_monolA.json").get("to_lc_list");
        double segment = 100.0;
        double dt = 0.5;
        // segment starts of a single GTI [a, b]: a, a + T, ... while s + T <= b (independent of the segment package)
        GtiList gti = monolA.gti();
        List<LightCurve> lcs = new ArrayList<>();
        for (double start = gti.start(); start + segment <= gti.stop(); start += segment) {
            double s = start;
            double end = s + segment;
            double[] inSegment = Arrays.stream(monolA.time()).filter(t -> t >= s && t < end).toArray();
            lcs.add(LightCurve.makeHistogram(inSegment, dt, s, end - s, GtiList.of(new Gti(s, end))));
        }
        assertEquals(ref.get("n_lcs").asInt(), lcs.size());
        for (int i = 0; i < lcs.size(); i++) {
            LightCurve lc = lcs.get(i);
            assertEquals(ref.get("tstart").get(i).doubleValue(), lc.time()[0], "time[0] of segment " + i);
            assertEquals(ref.get("sum_counts").get(i).doubleValue(), Arrays.stream(lc.counts()).sum(), "counts of segment " + i);
            assertEquals(ref.get("n_bins").get(i).asInt(), lc.size(), "bins of segment " + i);
        }
    }

    @Test
    void meanRateMatchesTheNoiseLevelStingrayUsed() {
        // dynps_monolA_dt1-16_seg64_frac.json: compute_rms(..., poisson_noise_level=2/lc.meanrate), lc = ev.to_lc(dt=1/16)
        JsonNode ref = Refs.json("dynps_monolA_dt1-16_seg64_frac.json").get("compute_rms");
        LightCurve lc = LightCurve.fromEvents(monolA, 1.0 / 16);
        assertEquals(Double.parseDouble(ref.get("poisson_noise_level").asText()), 2 / lc.meanRate());
    }

    @Test
    void meanRateAveragesOnlyTheBinsInsideTheGtis() {
        double[] times = {0.5, 1.5, 1.6, 2.5, 2.6, 2.7};
        LightCurve lc = LightCurve.make(times, 1.0, 0.0, 3.0, GtiList.of(new Gti(1.0, 3.0)));
        assertArrayEquals(new double[] {1, 2, 3}, lc.counts());
        assertEquals(2.5, lc.meanRate(), "bins 1 and 2 only");
        assertEquals(2.5, lc.meanCounts());
        LightCurve half = LightCurve.make(times, 0.5, 0.0, 3.0, GtiList.of(new Gti(0.0, 3.0)));
        assertEquals(times.length / 3.0, half.meanRate(), 1e-15);
    }

    @Test
    void binIndexUsesPythonFloorDivision() {
        // science-errata M2: 5.7 // 0.1 == 56 in Python, while floor(5.7 / 0.1) == 57
        assertEquals(57.0, Math.floor(5.7 / 0.1));
        LightCurve lc = LightCurve.make(new double[] {5.7}, 0.1, 0.0, 10.0, null);
        assertEquals(1.0, lc.counts()[56]);
        assertEquals(0.0, lc.counts()[57]);
        assertEquals(100, lc.size());
    }

    @Test
    void binCountRoundsUpWithinOnePercent() {
        assertEquals(10, LightCurve.make(new double[0], 1.0, 0.0, 9.99, null).size());
        assertEquals(9, LightCurve.make(new double[0], 1.0, 0.0, 9.98, null).size());
    }

    @Test
    void applyGtisWithNoBinInsideIsAnError() {
        LightCurve lc = LightCurve.make(new double[] {0.5}, 1.0, 0.0, 2.0, GtiList.of(new Gti(0.2, 0.9)));
        org.junit.jupiter.api.Assertions.assertThrows(org.manta.core.NoDataException.class, lc::applyGtis);
    }

    @Test
    void gapLightCurveAndApplyGtisMatchStingray() {
        JsonNode ref = Refs.json("lightcurve_xtegx_gaps.json");
        double[][] g = Refs.pairs(ref.get("gti_used"));
        GtiList gti = GtiList.of(new double[] {g[0][0], g[1][0]}, new double[] {g[0][1], g[1][1]});
        EventList ev = new EventList(xteGx.time(), xteGx.energy(), xteGx.pi(), gti, xteGx.info());
        LightCurve lc = LightCurve.fromEvents(ev, 1.0 / 16);
        assertArrayEquals(Refs.doubles(ref.get("to_lc").get("time")), lc.time());
        assertArrayEquals(Refs.doubles(ref.get("to_lc").get("counts")), lc.counts());
        assertArrayEquals(Refs.pairs(ref.get("to_lc").get("gti")), lc.gti().toArray());
        LightCurve applied = lc.applyGtis();
        assertArrayEquals(Refs.doubles(ref.get("apply_gtis").get("time")), applied.time());
        assertArrayEquals(Refs.doubles(ref.get("apply_gtis").get("counts")), applied.counts());
    }
}
