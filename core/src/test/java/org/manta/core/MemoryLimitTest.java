package org.manta.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.manta.core.events.EnergyBand;
import org.manta.core.fourier.RealFft;
import org.manta.core.gti.Gti;
import org.manta.core.gti.GtiList;
import org.manta.core.lightcurve.LightCurve;

/**
 * Sizes refused before they are allocated ({@link MemoryLimit}), and the plain numbers messages show
 * ({@link GtiList#describe}, {@link EnergyBand#emptyHint}).
 */
class MemoryLimitTest {
    private static final long GIB = 1L << 30;

    @Test
    void refusesWhatDoesNotFitNamingTheParameterAndTheMostThatFits() {
        assertDoesNotThrow(() -> MemoryLimit.require("dt", 0.5, 1000, 40, "bins", "a larger dt", 40_000));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> MemoryLimit.require("dt", 0.5, 1001, 40, "bins", "a larger dt", 40_000));
        assertEquals("dt", e.parameter());
        assertTrue(e.getMessage().startsWith("dt = 0.5: expected at most 1000 bins with the 0.00 GiB this JVM may still "
                + "use (1001 of them need about 0.00 GiB): a larger dt, or more memory"), e.getMessage());
        InvalidParameterException big = assertThrows(InvalidParameterException.class,
                () -> MemoryLimit.require("segment", 10, 3 * GIB, 8, "bins", "a shorter segment", 2 * GIB));
        assertTrue(big.getMessage().contains("at most 268435456 bins with the 2.00 GiB"), big.getMessage());
        assertTrue(big.getMessage().contains("(3221225472 of them need about 24.00 GiB)"), big.getMessage());
    }

    @Test
    void aLightCurveAndATransformTooLargeForTheHeapAreRefused() {
        // 2e9 bins of 40 bytes (80 GB) and a transform of 2^30 samples: more than a test JVM's heap
        InvalidParameterException lc = assertThrows(InvalidParameterException.class,
                () -> LightCurve.make(new double[] {1.0}, 1e-6, 0, 2000, null));
        assertEquals("dt", lc.parameter());
        assertTrue(lc.getMessage().startsWith("dt = 0.000001: expected at most "), lc.getMessage());
        InvalidParameterException fft = assertThrows(InvalidParameterException.class, () -> new RealFft(1 << 30));
        assertEquals("n", fft.parameter());
        assertDoesNotThrow(() -> new RealFft(1 << 16));
    }

    @Test
    void transformSizesFollowTheirFactors() {
        assertEquals(32, RealFft.bytesPerSample(1 << 18), "a power of two");
        assertEquals(80, RealFft.bytesPerSample(1000), "2^3 5^3: mixed radix");
        assertEquals(16 + 114, RealFft.bytesPerSample(1009), "a prime: Bluestein, nb = 2048 >= 2017, 56·2048/1009");
        assertEquals(16 + 224, RealFft.bytesPerSample(1025), "5^2·41: Bluestein, nb = 4096 >= 2049, 56·4096/1025");
    }

    @Test
    void messagesShowTimesAsPlainDecimals() {
        assertEquals("80000000", GtiList.seconds(8.0e7));
        assertEquals("80001023.6929743", GtiList.seconds(80001023.6929743));
        assertEquals("0.000001", GtiList.seconds(1e-6));
        assertEquals("[80000000, 80001025] s", GtiList.of(new Gti(8.0e7, 80001025)).describe());
        GtiList four = GtiList.of(new double[] {0, 10, 20, 30}, new double[] {5, 15, 25, 35});
        assertEquals("[0, 5], [10, 15], [20, 25], … (4 in all) s", four.describe());
    }

    @Test
    void aBandThatLooksLikeElectronVoltsSaysSo() {
        assertEquals(" (energies are in keV, also for files in eV: e.g. 0.5:2.0 for 500.0-2000.0 eV)",
                new EnergyBand(500, 2000, false).emptyHint());
        assertEquals("", new EnergyBand(10, 79, false).emptyHint());
        assertEquals("", new EnergyBand(500, 2000, true).emptyHint(), "a PI band is in channels");
    }
}
