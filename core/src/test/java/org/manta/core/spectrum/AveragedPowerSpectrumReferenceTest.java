package org.manta.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.manta.core.spectrum.StingrayReference.assertM;
import static org.manta.core.spectrum.StingrayReference.assertMatches;
import static org.manta.core.spectrum.StingrayReference.doubles;
import static org.manta.core.spectrum.StingrayReference.gti;
import static org.manta.core.spectrum.StingrayReference.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.manta.core.events.EventList;
import org.manta.core.segment.SegmentSpec;

/** Averaged power spectra of monol_testA against Stingray (aps_*.json). */
class AveragedPowerSpectrumReferenceTest {
    /**
     * Powers: JTransforms and numpy's pocketfft round differently; the FFT error is about
     * ε·log2(N)·‖x‖; observed ≤ 7e-15 (radix-2), 6e-14 for N = 1025 (Bluestein).
     */
    static final double POWER_RTOL = 1e-12;
    /** Rebinned powers and errors: sums of compared powers, in another order than numpy's pairwise sum. */
    static final double REBIN_RTOL = 1e-10;
    /** Quantities computed from exact integer counts (frequencies, nphots, mean): equal to the last bit. */
    static final double EXACT = 0.0;

    private static final EventList MONOL_A = StingrayReference.events("monol_testA", null);

    @ParameterizedTest
    @CsvSource({
        "aps_monolA_dt1-128_seg64_leahy.json, LEAHY, true",
        "aps_monolA_dt1-128_seg64_frac.json, FRAC, true",
        "aps_monolA_dt1-128_seg64_abs.json, ABS, true",
        "aps_monolA_dt1-128_seg64_none.json, NONE, true",
        "aps_monolA_dt1-128_seg64_frac_localmean.json, FRAC, false"})
    void averagedPowerSpectrum(String file, Normalization norm, boolean useCommonMean) {
        JsonNode ref = StingrayReference.load(file);
        AveragedPowerSpectrum ps = compute(ref, norm, useCommonMean);
        assertCore(file, ref, ps);
    }

    @Test
    void saveAllPerSegmentSpectra() {
        String file = "aps_monolA_dt1_seg128_leahy_saveall.json";
        JsonNode ref = StingrayReference.load(file);
        assertCore(file, ref, compute(ref, Normalization.LEAHY, true));

        SegmentSpec spec = SegmentSpec.of(ref.get("params").get("dt").asDouble(),
                ref.get("params").get("segment_size").asDouble());
        DynamicalPowerSpectrum dyn = Spectra.dynamicalPowerSpectrum(MONOL_A.time(), MONOL_A.gti(), spec,
                Normalization.LEAHY);
        double[][] csAll = matrix(ref.get("cs_all"));
        double[][] unnormCsAll = matrix(ref.get("unnorm_cs_all"));
        assertEquals(csAll.length, dyn.time().length, "number of segments");
        for (int seg = 0; seg < csAll.length; seg++) {
            double[] column = new double[dyn.freq().length];
            double[] unnormColumn = new double[dyn.freq().length];
            for (int j = 0; j < column.length; j++) {
                column[j] = dyn.dynPs()[j][seg];
                unnormColumn[j] = dyn.dynPs()[j][seg] / dyn.unnormConversion();
            }
            assertMatches(file + " cs_all[" + seg + "]", csAll[seg], column, POWER_RTOL);
            assertMatches(file + " unnorm_cs_all[" + seg + "]", unnormCsAll[seg], unnormColumn, POWER_RTOL);
        }
    }

    @Test
    void leahyRebinnedLogarithmically() {
        String file = "aps_monolA_dt1-128_seg64_leahy.json";
        JsonNode ref = StingrayReference.load(file);
        JsonNode r = ref.get("rebin_log_f0.1");
        AveragedPowerSpectrum ps = compute(ref, Normalization.LEAHY, true).rebinLog(0.1);
        assertMatches(file + " rebin_log freq", doubles(r.get("freq")), ps.freq(), EXACT);
        assertMatches(file + " rebin_log power", doubles(r.get("power")), ps.power(), REBIN_RTOL);
        assertMatches(file + " rebin_log power_err", doubles(r.get("power_err")), ps.powerErr(), REBIN_RTOL);
        assertM(file + " rebin_log", r.get("m"), ps.m());
    }

    @Test
    void leahyRebinnedLinearly() {
        String file = "aps_monolA_dt1-128_seg64_leahy.json";
        JsonNode ref = StingrayReference.load(file);
        JsonNode r = ref.get("rebin_df0.5");
        AveragedPowerSpectrum ps = compute(ref, Normalization.LEAHY, true).rebin(0.5);
        assertMatches(file + " rebin_df freq", doubles(r.get("freq")), ps.freq(), EXACT);
        assertMatches(file + " rebin_df power", doubles(r.get("power")), ps.power(), REBIN_RTOL);
        assertMatches(file + " rebin_df power_err", doubles(r.get("power_err")), ps.powerErr(), REBIN_RTOL);
        assertM(file + " rebin_df", r.get("m"), ps.m());
        assertEquals(r.get("df").asDouble(), ps.df());
    }

    @Test
    void fracComputeRms() {
        String file = "aps_monolA_dt1-128_seg64_frac.json";
        JsonNode ref = StingrayReference.load(file);
        JsonNode r = ref.get("compute_rms_0.1_10Hz");
        Rms rms = compute(ref, Normalization.FRAC, true).rms(0.1, 10.0);
        assertMatches(file + " compute_rms rms", r.get("rms").asDouble(), rms.rms(), POWER_RTOL);
        assertMatches(file + " compute_rms rms_err", r.get("rms_err").asDouble(), rms.error(), POWER_RTOL);
    }

    @Test
    void singlePeriodogramOfTheLightCurve() {
        String file = "ps_single_monolA_dt1_leahy.json";
        JsonNode ref = StingrayReference.load(file);
        double[] counts = doubles(ref.get("lc_counts"));
        AveragedPowerSpectrum ps = Spectra.periodogram(counts, ref.get("dt").asDouble(), Normalization.LEAHY);
        assertCore(file, ref, ps.withGti(gti(ref.get("gti"))));
    }

    static AveragedPowerSpectrum compute(JsonNode ref, Normalization norm, boolean useCommonMean) {
        JsonNode params = ref.get("params");
        SegmentSpec spec = SegmentSpec.of(params.get("dt").asDouble(), params.get("segment_size").asDouble());
        return Spectra.averagedPowerSpectrum(MONOL_A, spec, norm, useCommonMean);
    }

    /** Every field a power-spectrum reference file holds at top level. */
    static void assertCore(String file, JsonNode ref, AveragedPowerSpectrum ps) {
        assertEquals(ref.get("norm").asText(), ps.norm().label(), file + ": norm");
        assertEquals(ref.get("n").asInt(), ps.n(), file + ": n");
        assertEquals(ref.get("m").asInt(), ps.segments(), file + ": m");
        assertM(file, ref.get("m"), ps.m());
        assertEquals(ref.get("df").asDouble(), ps.df(), file + ": df");
        assertEquals(ref.get("dt").asDouble(), ps.dt(), file + ": dt");
        assertEquals(ref.get("nphots").asDouble(), ps.nphots(), file + ": nphots");
        assertEquals(ref.get("mean").asDouble(), ps.mean(), file + ": mean");
        assertEquals(ref.get("segment_size").asDouble(), ps.segmentSize(), file + ": segment_size");
        assertEquals(gti(ref.get("gti")), ps.gti().orElseThrow(), file + ": gti");
        assertMatches(file + " freq", doubles(ref.get("freq")), ps.freq(), EXACT);
        assertMatches(file + " power", doubles(ref.get("power")), ps.power(), POWER_RTOL);
        assertMatches(file + " power_err", doubles(ref.get("power_err")), ps.powerErr(), POWER_RTOL);
        assertMatches(file + " unnorm_power", doubles(ref.get("unnorm_power")), ps.unnormPower(), POWER_RTOL);
        assertMatches(file + " unnorm_power_err", doubles(ref.get("unnorm_power_err")), ps.unnormPowerErr(),
                POWER_RTOL);
    }
}
