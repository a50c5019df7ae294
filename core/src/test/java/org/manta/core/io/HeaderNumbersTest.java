package org.manta.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.manta.core.BadEventFileException;
import org.manta.core.gti.Float80;

/** Timing keywords written as strings, in hand-written headers ({@link HeaderNumbers}). */
class HeaderNumbersTest {

    /** An events file with the given cards in its events header, two events at TIME 1 and 2, GTI [0.5, 3.5]. */
    private static Path file(Path dir, String... cards) {
        TestFits.Table events = new TestFits.Table("EVENTS").column("TIME", "1D").row(1.0).row(2.0);
        for (String c : cards) {
            events.card(c);
        }
        Path f = dir.resolve("keywords.evt");
        new TestFits().primary(TestFits.str("TELESCOP", "NICER"))
                .table(events)
                .table(new TestFits.Table("GTI").column("START", "1D").column("STOP", "1D").row(0.5, 3.5))
                .write(f);
        return f;
    }

    @Test
    void numericStringsAreParsedAsNumpyParsesThemToLongdouble(@TempDir Path dir) {
        Path f = file(dir, TestFits.str("TIMEZERO", "0.1"), TestFits.str("TSTART", "0.5"), TestFits.str("TSTOP", "3.5"),
                TestFits.str("TIMEDEL", "1.0D-3"), TestFits.str("MJDREFI", "56658"),
                TestFits.str("MJDREFF", "7.775925925925930e-04"));
        try (EventFileReader r = EventFileReader.open(f)) {
            assertEquals(0.1, r.info().timezero(), 0.0);
            assertEquals(0.001, r.info().timedel(), 0.0, "FITS D exponent");
            assertEquals(56658, r.info().mjdref().days());
            assertEquals(7.775925925925930e-04, r.info().mjdref().fraction(), 0.0);
            assertEquals(0.6, r.info().tstart(), 0.0);
            assertEquals(3.6, r.info().tstop(), 0.0);
            // numpy: np.longdouble('0.1') + np.longdouble(0.5) = 0.6 + 2.222614453595284e-17 (a string is not
            // rounded to double first: np.longdouble('0.1') - np.longdouble(0.1) = -5.549759870410176e-18)
            assertEquals(-5.549759870410176e-18, Float80.ofDecimal(new java.math.BigDecimal("0.1")).lo(), 0.0);
            assertEquals(0.6, r.gti().get(0).start(), 0.0);
            assertEquals(2.222614453595284e-17, r.gti().get(0).startLo(), 0.0);
            assertEquals(1.1, r.readAll(null).time()[0], 0.0);
        }
    }

    @Test
    void aNumberCardIsItsDouble(@TempDir Path dir) {
        try (EventFileReader r = EventFileReader.open(file(dir, TestFits.num("TIMEZERO", 0.1)))) {
            assertEquals(0.1, r.info().timezero(), 0.0);
            // START + TIMEZERO with TIMEZERO the double 0.1, summed in 64 bits
            assertEquals(Float80.add(Float80.of(0.5), Float80.of(0.1)), r.gti().get(0).exactStart());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TIMEZERO", "TIMEDEL", "TIMEPIXR", "TSTART", "TSTOP", "MJDREF"})
    void aNonNumericStringIsRefusedNamingKeywordValueAndFile(String key, @TempDir Path dir) {
        Path f = file(dir, TestFits.str(key, "abc"));
        BadEventFileException e = assertThrows(BadEventFileException.class, () -> EventFileReader.open(f).close());
        assertTrue(e.getMessage().contains(key + " = 'abc'"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
    }

    @Test
    void aNonFiniteStringIsRefused(@TempDir Path dir) {
        Path f = file(dir, TestFits.str("TIMEZERO", "nan"));
        assertThrows(BadEventFileException.class, () -> EventFileReader.open(f).close());
    }
}
