package org.manta.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;

class OutputFormatTest {

    @Test
    void formatFromExtension() {
        assertEquals(Optional.of(OutputFormat.JSON), OutputFormat.fromExtension(Path.of("a/b.json")));
        assertEquals(Optional.of(OutputFormat.FITS), OutputFormat.fromExtension(Path.of("b.FITS")));
        assertEquals(Optional.of(OutputFormat.FITS), OutputFormat.fromExtension(Path.of("b.fit")));
        assertEquals(Optional.of(OutputFormat.CSV), OutputFormat.fromExtension(Path.of("b.csv")));
        assertEquals(Optional.empty(), OutputFormat.fromExtension(Path.of("b.txt")));
    }

    @Test
    void explicitFormatWinsAndUnknownExtensionIsNamed() {
        assertEquals(OutputFormat.CSV, OutputFormat.resolve(Path.of("b.txt"), OutputFormat.CSV));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> OutputFormat.resolve(Path.of("spectrum.txt"), null));
        assertEquals("output", e.parameter());
        assertTrue(e.getMessage().contains("spectrum.txt") && e.getMessage().contains(".json"), e.getMessage());
    }

    @Test
    void parse() {
        assertEquals(OutputFormat.FITS, OutputFormat.parse("Fits"));
        assertThrows(InvalidParameterException.class, () -> OutputFormat.parse("xml"));
    }
}
