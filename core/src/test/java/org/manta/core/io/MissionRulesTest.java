package org.manta.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Per-mission rules (Stingray {@code xselect.mdb} with {@code _patch_mission_info}) and PI → energy laws
 * ({@code get_rough_conversion_function}), checked by hand.
 */
class MissionRulesTest {

    /** Energies computed by hand from Stingray's laws (and its doctests: NuSTAR 0 → 1.62, XMM 1200 → 1.2, NICER 100 → 1.0). */
    @ParameterizedTest(name = "{0} PI {1}")
    @CsvSource({
        "NuSTAR, 0, 1.62",
        "nustar, 100, 5.62",
        "XMM, 1200, 1.2",
        "NICER, 100, 1.0",
        "NICER, 250, 2.5",
        "IXPE, 375, 15.0",
        "IXPE, 0, 0.0",
        "AXAF, 101, 1.46",
        "AXAF, 1, 0.0",
    })
    void roughCalibrations(String mission, int pi, double keV) {
        assertEquals(keV, MissionRules.calibration(mission, "", 55000).energy(pi), 1e-12);
    }

    @Test
    void rxtePcaUsesTheTableOfTheEpoch() {
        // epoch 5 (after 2000-05-13): the PCU 0 column E5_0 of the table, increasing with the channel
        MissionRules.Calibration pca = MissionRules.calibration("XTE", "PCA", 52000);
        assertTrue(pca.description().contains("epoch 5"), pca.description());
        double e10 = pca.energy(10);
        double e20 = pca.energy(20);
        assertTrue(e10 > 2 && e10 < 6 && e20 > e10, e10 + " " + e20);
        assertNull(MissionRules.calibration("XTE", "HEXTE", 52000), "no law for HEXTE");
        assertNull(MissionRules.calibration("XTE", "PCA", 60000), "none after decommissioning");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SWIFT", "SUZAKU", "ASTROSAT", "MAXI", "ROSAT", "unknown"})
    void missionsWithoutALaw(String mission) {
        assertNull(MissionRules.calibration(mission, "", 55000));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "XMM, 'STDGTI,GTI0', PI, CCDNR",
        "XTE, GTI, PHA, PCUID",
        "AXAF, GTI, PI, CCD_ID",
        "ASCA, STDGTI, PI, CCDID",
        "SAX, ALLGTI, PI, ",
        "INTEGRAL, ALLGTI, PI, ",
        "MAXI, STDGTI, PI, ",
        "EXOSAT, STDGTI, PHA, ",
        "SWIFT, GTI, PI, ",
        "SUZAKU, GTI, PI, SEGMENT",
        "whatever, 'GTI,STDGTI', PI, ",
    })
    void gtiExtensionsAndColumns(String mission, String gtis, String pi, String detector) {
        MissionRules r = MissionRules.of(mission);
        assertEquals(List.of(gtis.split(",")), r.gtiNames());
        assertEquals(pi, r.piColumn());
        assertEquals(detector, r.detectorColumn());
    }

    @Test
    void theReaderReportsCalibrationFrameTimeAndGtiExtension(@TempDir Path dir) {
        try (EventFileReader r = EventFileReader.open(Refs.data("monol_testA.evt"))) {
            assertEquals("E = 0.04·PI + 1.62 keV (NuSTAR)", r.calibration());
            assertEquals(List.of("'GTI' (HDU 2)"), r.gtiExtensions());
            assertTrue(r.frameTime().isEmpty());
        }
        try (EventFileReader r = EventFileReader.open(Refs.data("chandra_test.fits"))) {
            assertTrue(r.calibration().startsWith("ENERGY column"), r.calibration());
            assertEquals(0.44104, r.frameTime().orElseThrow().seconds(), 0.0, "ACIS: TIMEDEL is the frame time");
        }
        Path xmm = dir.resolve("xmm.evt");
        new TestFits().primary(TestFits.str("TELESCOP", "XMM"))
                .table(new TestFits.Table("EVENTS").column("TIME", "1D").column("PI", "1J").row(1.0, 500)
                        .card(TestFits.num("FRMTIME", 73.4)))
                .table(new TestFits.Table("STDGTI01").column("START", "1D").column("STOP", "1D").row(0.0, 10.0))
                .write(xmm);
        try (EventFileReader r = EventFileReader.open(xmm)) {
            assertEquals(0.0734, r.frameTime().orElseThrow().seconds(), 1e-15, "FRMTIME is in ms");
            assertEquals(0.5, r.readAll(null).energy()[0], 1e-15);
        }
    }
}
