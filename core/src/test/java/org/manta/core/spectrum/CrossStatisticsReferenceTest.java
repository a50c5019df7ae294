package org.manta.core.spectrum;

import static org.manta.core.spectrum.StingrayReference.assertM;
import static org.manta.core.spectrum.StingrayReference.assertMatches;
import static org.manta.core.spectrum.StingrayReference.complex;
import static org.manta.core.spectrum.StingrayReference.doubles;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Errors, lags and coherence from stored averaged quantities: {@code varenergy_sim.json/acs_hard_vs_soft}
 * (simulated red noise + QPO with a 0.04 s hard lag, M = 62) holds ⟨C⟩, ⟨P1⟩, ⟨P2⟩, N_ph,1, N_ph,2 and
 * the finished statistics, including 39 finite intrinsic coherences, which the monolA and xte_gx cases
 * lack. Isolates the §7.1/§10 kernels and the H1 rebin rule from the FFT.
 */
class CrossStatisticsReferenceTest {
    /** Same inputs, same formulas in the same order: a few ulp (errata: ≤ 1.7e-16 for a numpy port). */
    static final double KERNEL_RTOL = 1e-14;

    private static AveragedCrossSpectrum fromReference(JsonNode r) {
        double[] freq = doubles(r.get("freq"));
        int n = r.get("n").asInt();
        int m = r.get("m").asInt();
        double dt = r.get("dt").asDouble();
        double df = r.get("df").asDouble();
        Normalization norm = Normalization.parse(r.get("norm").asText());
        double[] ms = new double[freq.length];
        Arrays.fill(ms, m);
        int[] k = new int[freq.length];
        Arrays.fill(k, 1);
        double segmentSize = r.get("segment_size").asDouble();
        AveragedPowerSpectrum pds1 = pds(freq, doubles(r.get("pds1_power")), doubles(r.get("pds1_unnorm_power")), ms, k,
                m, n, df, dt, r.get("nphots1").asDouble(), norm, segmentSize);
        AveragedPowerSpectrum pds2 = pds(freq, doubles(r.get("pds2_power")), doubles(r.get("pds2_unnorm_power")), ms, k,
                m, n, df, dt, r.get("nphots2").asDouble(), norm, segmentSize);
        return AveragedCrossSpectrum.withErrors(freq, complex(r.get("power")), complex(r.get("unnorm_power")), pds1,
                pds2, ms, k, m, n, df, dt, r.get("nphots1").asDouble(), r.get("nphots2").asDouble(), norm, segmentSize,
                Optional.empty());
    }

    private static AveragedPowerSpectrum pds(double[] freq, double[] power, double[] unnorm, double[] m, int[] k,
            int segments, int n, double df, double dt, double nphots, Normalization norm, double segmentSize) {
        return new AveragedPowerSpectrum(freq, power, power, unnorm, unnorm, m, k, segments, n, df, dt, nphots,
                nphots / n, norm, segmentSize, Optional.empty());
    }

    @Test
    void errorsLagsAndCoherenceFromAveragedQuantities() {
        String what = "varenergy_sim acs_hard_vs_soft";
        JsonNode r = StingrayReference.load("varenergy_sim.json").get("acs_hard_vs_soft");
        AveragedCrossSpectrum cs = fromReference(r);
        assertMatches(what + " nphots", r.get("nphots").asDouble(), cs.nphots(), 0.0);
        assertMatches(what + " mean", r.get("mean").asDouble(), cs.mean(), 0.0);
        assertMatches(what + " power_err", complex(r.get("power_err")), cs.powerErr(), KERNEL_RTOL);
        assertMatches(what + " unnorm_power_err", complex(r.get("unnorm_power_err")), cs.unnormPowerErr(),
                KERNEL_RTOL);
        assertMatches(what + " time_lag", doubles(r.get("time_lag")), cs.timeLag().value(), KERNEL_RTOL);
        assertMatches(what + " time_lag_err", doubles(r.get("time_lag_err")), cs.timeLag().error(), KERNEL_RTOL);
        assertMatches(what + " phase_lag_err", doubles(r.get("phase_lag_err")), cs.phaseLag().error(), KERNEL_RTOL);
        assertMatches(what + " raw_coherence", doubles(r.get("raw_coherence")), cs.rawCoherence().value(),
                KERNEL_RTOL);
        assertMatches(what + " raw_coherence_err", doubles(r.get("raw_coherence_err")), cs.rawCoherence().error(),
                KERNEL_RTOL);
        Estimates intrinsic = cs.intrinsicCoherence();
        assertMatches(what + " intrinsic_coherence", doubles(r.get("intrinsic_coherence")), intrinsic.value(),
                KERNEL_RTOL);
        assertMatches(what + " intrinsic_coherence_err", doubles(r.get("intrinsic_coherence_err")),
                intrinsic.error(), KERNEL_RTOL);
    }

    @Test
    void lagErrorsAfterLogRebinAreRecomputed() {
        String what = "varenergy_sim acs_hard_vs_soft rebin_log_f0.2";
        JsonNode r = StingrayReference.load("varenergy_sim.json").get("acs_hard_vs_soft");
        JsonNode rb = r.get("rebin_log_f0.2");
        AveragedCrossSpectrum cs = fromReference(r).rebinLog(0.2);
        assertMatches(what + " freq", doubles(rb.get("freq")), cs.freq(), 0.0);
        assertM(what, rb.get("m"), cs.m());
        assertMatches(what + " time_lag", doubles(rb.get("time_lag")), cs.timeLag().value(), KERNEL_RTOL);
        assertMatches(what + " time_lag_err", doubles(rb.get("time_lag_err")), cs.timeLag().error(), KERNEL_RTOL);
    }
}
