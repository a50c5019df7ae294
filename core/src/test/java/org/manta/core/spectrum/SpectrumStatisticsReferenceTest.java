package org.manta.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.core.spectrum.StingrayReference.assertMatches;
import static org.manta.core.spectrum.StingrayReference.doubles;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.events.EnergyBand;
import org.manta.core.events.EventList;
import org.manta.core.segment.SegmentSpec;
import org.manta.core.stats.ClassicalSignificances;
import org.manta.core.stats.PowerUpperLimit;

/**
 * Significances, Poisson levels and rms of monol_testA spectra against Stingray: the shared references
 * ({@code aps_monolA_dt1-128_seg64_leahy.json}) and the values of {@code stats_significance_powercolors.json}.
 */
class SpectrumStatisticsReferenceTest {
    /** p-values: χ² tails of powers that agree to 1e-14 (Commons Math vs cephes); observed ≤ 1e-13. */
    static final double PVALUE_RTOL = 1e-11;
    /** Cospectra p-values for M = 16: absolute, {@code 1 - CDF} of a 16-term sum (see SignificanceReferenceTest). */
    static final double COSPECTRA_ABS_TOL = 1e-12;
    /** rms: sums of 630 powers that agree to 1e-14, in another order than numpy's pairwise sum. */
    static final double RMS_RTOL = 1e-12;
    /**
     * Upper limits: the Leahy power agrees to 1e-14 (through frac, the unnormalised power); the noncentral χ² root
     * to 1e-13 (UpperLimitsReferenceTest).
     */
    static final double UPPER_LIMIT_RTOL = 1e-10;
    /** Poisson levels are closed forms of exact counts. */
    static final double LEVEL_RTOL = 1e-15;

    private static final EventList MONOL_A = StingrayReference.events("monol_testA", null);
    private static final JsonNode STATS = StingrayReference.load("stats_significance_powercolors.json");
    private static final SegmentSpec SPEC = SegmentSpec.of(1.0 / 128, 64);

    @Test
    void powerSpectrumClassicalSignificances() {
        String file = "aps_monolA_dt1-128_seg64_leahy.json";
        JsonNode rows = StingrayReference.load(file).get("classical_significances_threshold1");
        AveragedPowerSpectrum ps = Spectra.averagedPowerSpectrum(MONOL_A, SPEC, Normalization.LEAHY, true);
        ClassicalSignificances sig = ps.classicalSignificances(1, false);
        assertMatches(file + " classical_significances p", doubles(rows.get(0)), sig.pValue(), PVALUE_RTOL);
        assertArrayEquals(doubles(rows.get(1)), java.util.Arrays.stream(sig.index()).asDoubleStream().toArray(),
                file + " classical_significances indices");
    }

    /**
     * The upper limit at the highest power between 1 and 10 Hz ({@code stats_upper_limits.json}): the same bin and
     * power as Stingray, and its {@code power_upper_limit}, {@code amplitude_upper_limit}, {@code pf_upper_limit} with
     * n = m and the photons per segment, in any norm.
     */
    @Test
    void upperLimitAtTheHighestPowerOfARange() {
        JsonNode ref = StingrayReference.load("stats_upper_limits.json").get("aps_monolA_dt1-128_seg64_leahy_1-10Hz");
        for (Normalization norm : new Normalization[] {Normalization.LEAHY, Normalization.FRAC}) {
            AveragedPowerSpectrum ps = Spectra.averagedPowerSpectrum(MONOL_A, SPEC, norm, true);
            for (String c : new String[] {"0.9", "0.95", "0.99"}) {
                PowerUpperLimit up = ps.upperLimit(1.0, 10.0, Double.parseDouble(c));
                JsonNode e = ref.get("c_" + c);
                String what = norm.label() + " c = " + c;
                assertEquals(ref.get("freq").asDouble(), up.freq(), 0.0, what + " freq of the highest power");
                assertMatches(what + " power", ref.get("power").asDouble(), up.power(), UPPER_LIMIT_RTOL);
                assertEquals(ref.get("m").asDouble(), up.n(), what + " n");
                assertMatches(what + " power_upper_limit", e.get("power_upper_limit").asDouble(), up.powerLimit(),
                        UPPER_LIMIT_RTOL);
                assertMatches(what + " amplitude_upper_limit", e.get("amplitude_upper_limit").asDouble(), up.amplitude(),
                        UPPER_LIMIT_RTOL);
                assertMatches(what + " pf_upper_limit", e.get("pf_upper_limit").asDouble(), up.pf(), UPPER_LIMIT_RTOL);
            }
        }
        AveragedPowerSpectrum ps = Spectra.averagedPowerSpectrum(MONOL_A, SPEC, Normalization.LEAHY, true);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ps.upperLimit(100, 200, 0.95));
        assertTrue(e.getMessage().contains("100"), e.getMessage());
    }

    @Test
    void pValuesDoNotDependOnTheNormalisation() {
        AveragedPowerSpectrum leahy = Spectra.averagedPowerSpectrum(MONOL_A, SPEC, Normalization.LEAHY, true);
        AveragedPowerSpectrum frac = Spectra.averagedPowerSpectrum(MONOL_A, SPEC, Normalization.FRAC, true);
        assertMatches("frac p-values vs leahy", leahy.pValues(1), frac.pValues(1), PVALUE_RTOL);
        assertMatches("frac detection level · r̄ = leahy level",
                leahy.detectionLevel(0.01, 100), scale(frac.detectionLevel(0.01, 100), frac.meanRate()), LEVEL_RTOL * 10);
        assertThrows(InvalidParameterException.class, () -> frac.classicalSignificances(1, false),
                "Stingray: classical significances only for Leahy");
    }

    @Test
    void crossSpectrumCospectraPvalues() {
        JsonNode ref = STATS.get("acs_leahy_cospectra_pvalue");
        EventList soft = StingrayReference.select(MONOL_A, EnergyBand.energy(0, 10));
        EventList hard = StingrayReference.select(MONOL_A, EnergyBand.energy(10, 100));
        AveragedCrossSpectrum cs = Spectra.averagedCrossSpectrum(soft, hard, SPEC, Normalization.LEAHY);
        assertEquals(ref.get("m").asInt(), (int) cs.m()[0]);
        ClassicalSignificances sig = cs.classicalSignificances(1.0 + 1e-9, false);
        double[] expected = doubles(ref.get("p"));
        assertEquals(expected.length, sig.size(), "every bin has p < 1 + 1e-9");
        assertArrayEquals(expected, sig.pValue(), COSPECTRA_ABS_TOL, "cospectra_pvalue per bin");
    }

    @Test
    void poissonLevels() {
        JsonNode ref = STATS.get("poisson_level");
        AveragedPowerSpectrum frac = Spectra.averagedPowerSpectrum(MONOL_A, SPEC, Normalization.FRAC, true);
        assertMatches("meanrate", ref.get("meanrate").asDouble(), frac.meanRate(), LEVEL_RTOL);
        for (Normalization norm : Normalization.values()) {
            double level = Spectra.averagedPowerSpectrum(MONOL_A, SPEC, norm, true).poissonLevel();
            assertMatches("poisson_level " + norm.label(), ref.get(norm.label()).asDouble(), level, LEVEL_RTOL);
        }
        assertMatches("poisson_level frac, backrate 0.1", ref.get("frac_backrate_0.1").asDouble(),
                Normalization.FRAC.poissonLevel(frac.meanRate(), frac.nphots(), 0.1), LEVEL_RTOL);
    }

    @Test
    void noiseSubtractedSpectrumIsShiftedByTheLevel() {
        AveragedPowerSpectrum frac = Spectra.averagedPowerSpectrum(MONOL_A, SPEC, Normalization.FRAC, true);
        AveragedPowerSpectrum sub = frac.noiseSubtracted();
        for (int j = 0; j < frac.power().length; j += 97) {
            assertEquals(frac.power()[j] - 2 / frac.meanRate(), sub.power()[j], 0.0, "power - 2/r̄ at " + j);
            assertEquals(frac.unnormPower()[j] - frac.nphots(), sub.unnormPower()[j], 0.0, "unnorm - N_ph at " + j);
        }
        assertArrayEquals(frac.powerErr(), sub.powerErr(), 0.0, "errors unchanged");
    }

    @Test
    void rmsFracAndAbs() {
        AveragedPowerSpectrum frac = Spectra.averagedPowerSpectrum(MONOL_A, SPEC, Normalization.FRAC, true);
        assertRms("rms_0.1_10Hz_frac", frac.rms(0.1, 10.0));
        assertRms("rms_0.1_10Hz_abs", frac.absoluteRms(0.1, 10.0));
        assertRms("rms_0.1_10Hz_nonoise_frac", frac.rms(0.1, 10.0, 0.0));
        assertRms("rms_0.1_10Hz_nonoise_abs", absoluteWithoutNoise(frac, 0.1, 10.0));
        AveragedPowerSpectrum leahy = Spectra.averagedPowerSpectrum(MONOL_A, SPEC, Normalization.LEAHY, true);
        assertRms("leahy_compute_rms_0.1_10Hz_noise1.9", leahy.rms(0.1, 10.0, 1.9));
    }

    private static Rms absoluteWithoutNoise(AveragedPowerSpectrum ps, double fmin, double fmax) {
        java.util.List<Integer> bins = new java.util.ArrayList<>();
        for (int j = 0; j < ps.freq().length; j++) {
            if (ps.freq()[j] >= fmin && ps.freq()[j] <= fmax) {
                bins.add(j);
            }
        }
        double[] p = bins.stream().mapToDouble(j -> ps.unnormPower()[j]).toArray();
        double[] df = bins.stream().mapToDouble(j -> ps.df()).toArray();
        double[] m = bins.stream().mapToDouble(j -> ps.m()[j]).toArray();
        return IntegratedRms.fromUnnorm(p, ps.nphots(), df, m, 0.0, ps.segmentSize(), Normalization.ABS);
    }

    private static void assertRms(String key, Rms actual) {
        JsonNode r = STATS.get(key);
        assertMatches(key + " rms", r.get("rms").asDouble(), actual.rms(), RMS_RTOL);
        assertMatches(key + " rms_err", r.get("rms_err").asDouble(), actual.error(), RMS_RTOL);
    }

    /** An rms range between two frequencies is refused before the segments are made as by the spectrum itself. */
    @Test
    void anRmsRangeWithoutFrequenciesIsRefusedBeforeTheSegmentsAsAfter() {
        SegmentSpec segment = SegmentSpec.of(1.0 / 64, 16);
        double[] counts = new double[segment.nbin()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = 1 + i % 3;
        }
        AveragedPowerSpectrum ps = AveragedPowerSpectrum.periodogram(counts, segment.dt(), Normalization.FRAC);
        InvalidParameterException after = assertThrows(InvalidParameterException.class, () -> ps.rms(1.01, 1.05));
        InvalidParameterException before = assertThrows(InvalidParameterException.class,
                () -> IntegratedRms.requireFrequencyInRange(segment, 1.01, 1.05));
        assertEquals("frequency range = [1.01, 1.05]: expected at least one frequency of the spectrum (0.0625 to 31.9375 "
                + "Hz)", before.getMessage());
        assertEquals(after.getMessage(), before.getMessage());
        IntegratedRms.requireFrequencyInRange(segment, 1.0, 1.05);        // 1 Hz = 16 df is one
    }

    private static double[] scale(double[] a, double factor) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * factor;
        }
        return out;
    }
}
