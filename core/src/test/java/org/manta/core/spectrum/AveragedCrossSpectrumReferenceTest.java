package org.manta.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.manta.core.spectrum.StingrayReference.assertM;
import static org.manta.core.spectrum.StingrayReference.assertMatches;
import static org.manta.core.spectrum.StingrayReference.assertMatchesScaled;
import static org.manta.core.spectrum.StingrayReference.geometricMean;
import static org.manta.core.spectrum.StingrayReference.complex;
import static org.manta.core.spectrum.StingrayReference.doubles;
import static org.manta.core.spectrum.StingrayReference.gti;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.segment.SegmentSpec;

/** Averaged cross spectra against Stingray (acs_*.json). */
class AveragedCrossSpectrumReferenceTest {
    /**
     * Powers, errors, coherence: FFT rounding (JTransforms vs pocketfft), ≤ 2e-13 observed. Complex cross
     * powers are judged relative to √(P1·P2) of their bin, since their components can cancel.
     */
    static final double POWER_RTOL = 1e-12;
    /**
     * Lags and their errors: {@code δφ ≈ δC/|C|} amplifies the FFT rounding of bins where |C| ≪ √(P1·P2)
     * (and Stingray's long-double {@code dt} for xte_gx, errata L3); ≤ 4e-12 observed.
     */
    static final double LAG_RTOL = 1e-9;
    /**
     * Coherence {@code (|C|² - b²)/(P1·P2)}: the bias subtraction cancels in weak bins and amplifies the FFT
     * rounding; ≤ 8e-12 observed.
     */
    static final double COHERENCE_RTOL = 1e-9;
    /** Frequencies and photon numbers: exact. */
    static final double EXACT = 0.0;

    private static final EventList MONOL_A = StingrayReference.events("monol_testA", null);
    private static final EventList XTE_GX = StingrayReference.events("xte_gx_test", "xte_gx_test.evt.gz");

    @ParameterizedTest
    @CsvSource({
        "acs_monolA_E0-10_vs_E10-100_dt1-128_seg64_frac.json, FRAC",
        "acs_monolA_E0-10_vs_E10-100_dt1-128_seg64_leahy.json, LEAHY"})
    void monolABands(String file, Normalization norm) {
        JsonNode ref = StingrayReference.load(file);
        EventList soft = StingrayReference.select(MONOL_A, EnergyBand.energy(0, 10));
        EventList hard = StingrayReference.select(MONOL_A, EnergyBand.energy(10, 100));
        assertEquals(ref.get("n_events_band1").asInt(), soft.size());
        assertEquals(ref.get("n_events_band2").asInt(), hard.size());
        SegmentSpec spec = SegmentSpec.of(ref.get("params").get("dt").asDouble(),
                ref.get("params").get("segment_size").asDouble());
        AveragedCrossSpectrum cs = Spectra.averagedCrossSpectrum(soft, hard, spec, norm);
        assertCross(file, ref, cs);
        if (ref.has("rebin_log_f0.3")) {
            assertLogRebinned(file, ref.get("rebin_log_f0.3"), cs.rebinLog(0.3), true);
        }
    }

    @Test
    void xteGxPiBands() {
        String file = "acs_xtegx_pi.json";
        JsonNode ref = StingrayReference.load(file);
        JsonNode params = ref.get("params");
        double dt = StingrayReference.suggestCompatibleDt(params.get("dt").asDouble(), XTE_GX.info().timedel());
        SegmentSpec spec = SegmentSpec.of(dt, params.get("segment_size").asDouble());
        JsonNode b1 = params.get("band1_pi");
        JsonNode b2 = params.get("band2_pi");
        EventList e1 = StingrayReference.select(XTE_GX, EnergyBand.pi(b1.get(0).asDouble(), b1.get(1).asDouble()));
        EventList e2 = StingrayReference.select(XTE_GX, EnergyBand.pi(b2.get(0).asDouble(), b2.get(1).asDouble()));
        assertEquals(ref.get("n_events_band1").asInt(), e1.size());
        assertEquals(ref.get("n_events_band2").asInt(), e2.size());

        AveragedCrossSpectrum cs = Spectra.averagedCrossSpectrum(e1, e2, spec, Normalization.FRAC);
        assertCross(file, ref, cs);
        assertLogRebinned(file, ref.get("rebin_log_f0.3"), cs.rebinLog(0.3), false);

        JsonNode aps = ref.get("aps_all_events_frac");
        AveragedPowerSpectrum ps = Spectra.averagedPowerSpectrum(XTE_GX, spec, Normalization.FRAC, true);
        AveragedPowerSpectrumReferenceTest.assertCore(file + " aps_all_events", aps, ps);
    }

    static void assertCross(String file, JsonNode ref, AveragedCrossSpectrum cs) {
        assertEquals(ref.get("norm").asText(), cs.norm().label(), file + ": norm");
        assertEquals(ref.get("n").asInt(), cs.n(), file + ": n");
        assertEquals(ref.get("m").asInt(), cs.segments(), file + ": m");
        assertM(file, ref.get("m"), cs.m());
        assertEquals(ref.get("df").asDouble(), cs.df(), file + ": df");
        assertEquals(ref.get("dt").asDouble(), cs.dt(), file + ": dt");
        assertEquals(ref.get("segment_size").asDouble(), cs.segmentSize(), file + ": segment_size");
        assertEquals(gti(ref.get("gti")), cs.gti().orElseThrow(), file + ": gti");
        assertMatches(file + " nphots", ref.get("nphots").asDouble(), cs.nphots(), EXACT);
        assertMatches(file + " nphots1", ref.get("nphots1").asDouble(), cs.nphots1(), EXACT);
        assertMatches(file + " nphots2", ref.get("nphots2").asDouble(), cs.nphots2(), EXACT);
        assertMatches(file + " mean", ref.get("mean").asDouble(), cs.mean(), EXACT);
        assertMatches(file + " mean1", ref.get("mean1").asDouble(), cs.mean1(), EXACT);
        assertMatches(file + " mean2", ref.get("mean2").asDouble(), cs.mean2(), EXACT);
        assertMatches(file + " freq", doubles(ref.get("freq")), cs.freq(), EXACT);
        double[] scale = geometricMean(doubles(ref.get("pds1_power")), doubles(ref.get("pds2_power")));
        double[] unnormScale = geometricMean(doubles(ref.get("pds1_unnorm_power")),
                doubles(ref.get("pds2_unnorm_power")));
        assertMatchesScaled(file + " power", complex(ref.get("power")), cs.power(), scale, POWER_RTOL);
        assertMatches(file + " power_err", complex(ref.get("power_err")), cs.powerErr(), POWER_RTOL);
        assertMatchesScaled(file + " unnorm_power", complex(ref.get("unnorm_power")), cs.unnormPower(), unnormScale,
                POWER_RTOL);
        assertMatches(file + " unnorm_power_err", complex(ref.get("unnorm_power_err")), cs.unnormPowerErr(),
                POWER_RTOL);
        Estimates timeLag = cs.timeLag();
        assertMatches(file + " time_lag", doubles(ref.get("time_lag")), timeLag.value(), LAG_RTOL);
        assertMatches(file + " time_lag_err", doubles(ref.get("time_lag_err")), timeLag.error(), LAG_RTOL);
        Estimates phaseLag = cs.phaseLag();
        assertMatches(file + " phase_lag", doubles(ref.get("phase_lag")), phaseLag.value(), LAG_RTOL);
        assertMatches(file + " phase_lag_err", doubles(ref.get("phase_lag_err")), phaseLag.error(), LAG_RTOL);
        Estimates raw = cs.rawCoherence();
        assertMatches(file + " raw_coherence", doubles(ref.get("raw_coherence")), raw.value(), COHERENCE_RTOL);
        assertMatches(file + " raw_coherence_err", doubles(ref.get("raw_coherence_err")), raw.error(), COHERENCE_RTOL);
        Estimates intrinsic = cs.intrinsicCoherence();
        assertMatches(file + " intrinsic_coherence", doubles(ref.get("intrinsic_coherence")), intrinsic.value(),
                COHERENCE_RTOL);
        assertMatches(file + " intrinsic_coherence_err", doubles(ref.get("intrinsic_coherence_err")),
                intrinsic.error(), COHERENCE_RTOL);
        assertMatches(file + " pds1_power", doubles(ref.get("pds1_power")), cs.pds1().power(), POWER_RTOL);
        assertMatches(file + " pds2_power", doubles(ref.get("pds2_power")), cs.pds2().power(), POWER_RTOL);
        assertMatches(file + " pds1_unnorm_power", doubles(ref.get("pds1_unnorm_power")), cs.pds1().unnormPower(),
                POWER_RTOL);
        assertMatches(file + " pds2_unnorm_power", doubles(ref.get("pds2_unnorm_power")), cs.pds2().unnormPower(),
                POWER_RTOL);
    }

    static void assertLogRebinned(String file, JsonNode r, AveragedCrossSpectrum cs, boolean hasCoherence) {
        assertMatches(file + " rebin_log freq", doubles(r.get("freq")), cs.freq(), EXACT);
        double[] scale = geometricMean(cs.pds1().power(), cs.pds2().power());
        assertMatchesScaled(file + " rebin_log power", complex(r.get("power")), cs.power(), scale, POWER_RTOL);
        assertM(file + " rebin_log", r.get("m"), cs.m());
        Estimates lag = cs.timeLag();
        assertMatches(file + " rebin_log time_lag", doubles(r.get("time_lag")), lag.value(), LAG_RTOL);
        assertMatches(file + " rebin_log time_lag_err", doubles(r.get("time_lag_err")), lag.error(), LAG_RTOL);
        if (hasCoherence) {
            Estimates raw = cs.rawCoherence();
            assertMatches(file + " rebin_log raw_coherence", doubles(r.get("raw_coherence")), raw.value(),
                    COHERENCE_RTOL);
            assertMatches(file + " rebin_log raw_coherence_err", doubles(r.get("raw_coherence_err")), raw.error(),
                    COHERENCE_RTOL);
        }
    }
}
