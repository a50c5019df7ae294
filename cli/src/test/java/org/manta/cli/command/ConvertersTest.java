package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.manta.cli.output.OutputFormat;
import org.manta.core.events.EnergyBand;
import org.manta.core.spectrum.Normalization;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
    private final Converters.Seconds seconds = new Converters.Seconds();

    @Test
    void wholeNumbersAreIntegersOrSaySo() {
        assertEquals(-7L, new Converters.WholeNumber().convert(" -7 "));
        assertEquals(42, Converters.WholeNumber.toInt("42"));
        assertEquals("'abc': expected an integer", assertThrows(TypeConversionException.class,
                () -> new Converters.WholeNumber().convert("abc")).getMessage());
        assertEquals("'1.5': expected an integer", assertThrows(TypeConversionException.class,
                () -> Converters.WholeNumber.toInt("1.5")).getMessage());
        assertEquals("'3000000000': expected an integer from -2147483648 to 2147483647",
                assertThrows(TypeConversionException.class, () -> Converters.WholeNumber.toInt("3000000000")).getMessage());
    }

    @Test
    void secondsAcceptDecimalsAndFractionsExactly() {
        assertEquals(1.0 / 512, seconds.convert("1/512"));
        assertEquals(1.0 / 512, seconds.convert(" 1 / 512 "));
        assertEquals(0.001953125, seconds.convert("0.001953125"));
        assertEquals(2e-3, seconds.convert("2e-3"));
        assertEquals(64.0, seconds.convert("64"));
        assertEquals(3.0 / 2, seconds.convert("3/2"));
    }

    @Test
    void secondsRejectNonPositiveAndNonNumbers() {
        for (String bad : new String[] {"0", "-1", "-1/512", "1/0", "0/5", "abc", "", "1/", "/2", "NaN", "Infinity", "1e400", "1.0d"}) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> seconds.convert(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void norms() {
        assertEquals(Normalization.FRAC, new Converters.Norm().convert("Frac"));
        assertEquals(Normalization.NONE, new Converters.Norm().convert("none"));
        assertThrows(TypeConversionException.class, () -> new Converters.Norm().convert("rmsq"));
        assertEquals(Normalization.FRAC, new Converters.Norm().convert("rms"), "HENDRICS's name for frac");
        assertEquals(Normalization.FRAC, new Converters.Norm().convert("RMS"));
    }

    @Test
    void bands() {
        EnergyBand e = new Converters.EnergyRange().convert("0.5:3");
        assertEquals(EnergyBand.energy(0.5, 3), e);
        EnergyBand p = new Converters.PiRange().convert("35:");
        assertTrue(p.onPi() && p.lo() == 35 && p.hi() == Double.POSITIVE_INFINITY);
        assertThrows(TypeConversionException.class, () -> new Converters.EnergyRange().convert("3"));
        assertThrows(TypeConversionException.class, () -> new Converters.EnergyRange().convert("3:3"));
    }

    @Test
    void formats() {
        assertEquals(OutputFormat.CSV, new Converters.Format().convert("CSV"));
        assertThrows(TypeConversionException.class, () -> new Converters.Format().convert("hdf5"));
    }
}
