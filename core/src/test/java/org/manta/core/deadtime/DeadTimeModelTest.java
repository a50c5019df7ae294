package org.manta.core.deadtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manta.core.spectrum.StingrayReference.assertMatches;
import static org.manta.core.spectrum.StingrayReference.doubles;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.core.spectrum.StingrayReference;

/** The Zhang et al. (1995) non-paralyzable dead-time model against Stingray and its limits. */
class DeadTimeModelTest {
    /**
     * {@code pds_model_zhang}: sums of up to 60 cosine terms of B_k, each a difference of A_k terms near
     * r0²tb² (cancellation), with Java's exp/pow/cos instead of glibc's: measured 9.7e-13 worst (the
     * reference README reports 1.6e-12 between independent evaluations).
     */
    static final double ZHANG_RTOL = 5e-12;
    static final double TD = 2.5e-3;
    static final double TB = 1.0 / 512;

    @Test
    void pdsModelZhangMatchesStingray() {
        JsonNode ref = StingrayReference.load("fad_sim.json").get("pds_model_zhang");
        DeadTimeModel.Spectrum model = DeadTimeModel.pdsModelZhang(1000, 300, TD, TB);
        assertMatches("pds_model_zhang.k", doubles(ref.get("k")), model.freq(), 1e-15);
        assertMatches("pds_model_zhang.power", doubles(ref.get("power")), model.power(), ZHANG_RTOL);
    }

    @Test
    void deadTimeSuppressesTheLowFrequencyPowerAsZhangEquation() {
        // low-frequency limit for a non-paralyzable dead time: P(0) -> 2·(1 - r0·td)², r0 the detected rate
        double rate = 300;
        double r0 = DeadTimeModel.detectedRate(TD, rate);
        DeadTimeModel.Spectrum model = DeadTimeModel.pdsModelZhang(4096, rate, TD, TB, 400, true);
        double expected = 2 * Math.pow(1 - r0 * TD, 2);
        assertEquals(expected, model.power()[1], 0.01 * expected, "P at the lowest frequency");
        assertTrue(model.power()[model.power().length - 1] > model.power()[1], "the suppression is strongest at low f");
    }

    @Test
    void ratesInvertEachOther() {
        double rin = 300;
        double rdet = DeadTimeModel.detectedRate(TD, rin);
        assertEquals(rin / (1 + rin * TD), rdet, 1e-12);
        assertEquals(rin, DeadTimeModel.incidentRate(TD, rdet), 1e-9);
    }

    @Test
    void detectedRateModelEqualsZhangOnItsGridAndRescalesBackground() {
        double rdet = DeadTimeModel.detectedRate(TD, 300);
        DeadTimeModel.Spectrum zhang = DeadTimeModel.pdsModelZhang(1000, rdet, TD, TB,
                DeadTimeModel.MODEL_LIMIT_K, false);
        double[] freqs = java.util.Arrays.copyOfRange(zhang.freq(), 1, 400);
        double[] model = DeadTimeModel.nonParalyzable(freqs, TD, rdet, TB, DeadTimeModel.MODEL_LIMIT_K, 0, 500);
        for (int i = 0; i < freqs.length; i++) {
            assertEquals(zhang.power()[i + 1], model[i], 1e-12, "f = " + freqs[i]);
        }
        double[] withBkg = DeadTimeModel.nonParalyzable(freqs, TD, rdet / 2, TB, DeadTimeModel.MODEL_LIMIT_K,
                rdet / 2, 500);
        for (int i = 0; i < freqs.length; i++) {
            assertEquals((zhang.power()[i + 1] - 2) / 2 + 2, withBkg[i], 1e-12, "background rescaling at " + freqs[i]);
        }
    }

    @Test
    void unphysicalRatesAreRejectedNamingTheValue() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> DeadTimeModel.nonParalyzable(new double[] {1, 2}, TD, 500, TB, 200, 0, 0));
        assertTrue(e.getMessage().contains("500"), e.getMessage());
        assertThrows(InvalidParameterException.class, () -> DeadTimeModel.pdsModelZhang(1000, 300, -1, TB));
    }
}
