package org.manta.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.manta.core.spectrum.StingrayReference.assertMatches;
import static org.manta.core.spectrum.StingrayReference.doubles;
import static org.manta.core.spectrum.StingrayReference.gti;
import static org.manta.core.spectrum.StingrayReference.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.manta.core.events.EventList;

/** Dynamical power spectra of the monol_testA light curve against Stingray (dynps_*.json). */
class DynamicalPowerSpectrumReferenceTest {
    /** Powers: FFT rounding (JTransforms vs pocketfft) of 1024-point transforms. */
    static final double POWER_RTOL = 1e-12;
    /**
     * rms per column: Stingray divides by the mean of 8000 ratios power/unnorm where we use the factor
     * itself, and sums pairwise; the errata's own port is 1.4e-14 away.
     */
    static final double RMS_RTOL = 1e-12;
    /** Times and frequencies: exact binary fractions. */
    static final double EXACT = 0.0;

    private static final EventList MONOL_A = StingrayReference.events("monol_testA", null);

    @ParameterizedTest
    @CsvSource({"dynps_monolA_dt1-16_seg64_frac.json, FRAC", "dynps_monolA_dt1-16_seg64_leahy.json, LEAHY"})
    void dynamicalPowerSpectrum(String file, Normalization norm) {
        JsonNode ref = StingrayReference.load(file);
        DynamicalPowerSpectrum dyn = compute(ref, norm);
        assertEquals(ref.get("df").asDouble(), dyn.df(), file + ": df");
        assertEquals(ref.get("dt").asDouble(), dyn.dt(), file + ": dt");
        assertEquals(ref.get("m").asInt(), dyn.m(), file + ": m");
        assertMatches(file + " meanrate", ref.get("meanrate").asDouble(), dyn.meanrate(), EXACT);
        assertMatches(file + " nphots", ref.get("nphots").asDouble(), dyn.nphots(), EXACT);
        assertMatches(file + " freq", doubles(ref.get("freq")), dyn.freq(), EXACT);
        assertMatches(file + " time", doubles(ref.get("time")), dyn.time(), EXACT);
        assertDyn(file + " dyn_ps", matrix(ref.get("dyn_ps")), dyn.dynPs(), POWER_RTOL);
    }

    @Test
    void rebinnedAndRms() {
        String file = "dynps_monolA_dt1-16_seg64_frac.json";
        JsonNode ref = StingrayReference.load(file);
        DynamicalPowerSpectrum dyn = compute(ref, Normalization.FRAC);

        JsonNode rf = ref.get("rebin_frequency_0.25");
        DynamicalPowerSpectrum byFreq = dyn.rebinFrequency(0.25);
        assertMatches(file + " rebin_frequency freq", doubles(rf.get("freq")), byFreq.freq(), EXACT);
        assertDyn(file + " rebin_frequency dyn_ps", matrix(rf.get("dyn_ps")), byFreq.dynPs(), POWER_RTOL);
        assertEquals(16, byFreq.m(), "m = int(step)·m with step 0.25/0.015625");

        JsonNode rt = ref.get("rebin_time_128");
        DynamicalPowerSpectrum byTime = dyn.rebinTime(128);
        assertMatches(file + " rebin_time time", doubles(rt.get("time")), byTime.time(), EXACT);
        assertDyn(file + " rebin_time dyn_ps", matrix(rt.get("dyn_ps")), byTime.dynPs(), POWER_RTOL);

        JsonNode rms = ref.get("compute_rms");
        Rms[] r = dyn.computeRms(0.5, 4.0, rms.get("poisson_noise_level").asDouble());
        double lcDt = ref.get("params").get("lc_dt").asDouble();
        TestLightCurves lc = TestLightCurves.bin(MONOL_A.time(), MONOL_A.gti(), lcDt);
        double lcMeanRate = java.util.Arrays.stream(lc.counts()).sum() / (lc.counts().length * lcDt);
        assertMatches(file + " poisson_noise_level = 2/lc.meanrate", rms.get("poisson_noise_level").asDouble(),
                2 / lcMeanRate, EXACT);
        double[] value = new double[r.length];
        double[] error = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            value[i] = r[i].rms();
            error[i] = r[i].error();
        }
        assertMatches(file + " compute_rms rms", doubles(rms.get("rms")), value, RMS_RTOL);
        assertMatches(file + " compute_rms rms_err", doubles(rms.get("rms_err")), error, RMS_RTOL);
    }

    @Test
    void testLightCurveBinningMatchesStingray() {
        JsonNode lc = StingrayReference.load("lightcurve_monolA.json").get("to_lc_dt1");
        TestLightCurves ours = TestLightCurves.bin(MONOL_A.time(), MONOL_A.gti(), lc.get("dt").asDouble());
        assertArrayEquals(doubles(lc.get("time")), ours.time());
        assertArrayEquals(doubles(lc.get("counts")), ours.counts());
    }

    static DynamicalPowerSpectrum compute(JsonNode ref, Normalization norm) {
        double dt = ref.get("params").get("lc_dt").asDouble();
        assertEquals(gti(StingrayReference.load("events_monol_testA.json").get("gti")), MONOL_A.gti());
        TestLightCurves lc = TestLightCurves.bin(MONOL_A.time(), MONOL_A.gti(), dt);
        return Spectra.dynamicalPowerSpectrum(lc.time(), lc.counts(), dt, MONOL_A.gti(),
                ref.get("params").get("segment_size").asDouble(), norm);
    }

    static void assertDyn(String what, double[][] expected, double[][] actual, double rtol) {
        assertEquals(expected.length, actual.length, what + ": rows (frequencies)");
        double worst = 0;
        for (int j = 0; j < expected.length; j++) {
            worst = Math.max(worst, assertMatchesQuietly(what + "[" + j + "]", expected[j], actual[j], rtol));
        }
        System.out.printf(java.util.Locale.ROOT, "REFERR %-60s worst %.3e%n", what, worst);
    }

    private static double assertMatchesQuietly(String what, double[] expected, double[] actual, double rtol) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return assertMatches(what, expected, actual, rtol);
        } finally {
            System.setOut(out);
        }
    }
}
