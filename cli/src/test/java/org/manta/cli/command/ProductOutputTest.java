package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.cli.output.OutputFormat;
import org.manta.cli.output.Product;
import org.manta.cli.output.ProductKind;
import org.manta.cli.output.Provenance;
import org.manta.core.MantaException;

class ProductOutputTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static Product pds() {
        return Product.builder(ProductKind.POWER_SPECTRUM)
                .array("freq", new double[] {0.5, 1.0, 1.5, 2.0})
                .array("power", new double[] {2.5, 1.9, Double.NaN, 2.2})
                .array("power_err", new double[] {0.6, 0.5, 0.5, 0.5})
                .integer("m", 16).text("norm", "leahy")
                .provenance(new Provenance("manta", "t", "manta pds x", List.of(), Instant.EPOCH))
                .build();
    }

    private void emit(AnalysisOptions o) throws IOException {
        ProductOutput.emit(pds(), o, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesFileInTheFormatOfTheExtensionAndThePlot(@TempDir Path dir) throws IOException {
        AnalysisOptions o = new AnalysisOptions();
        o.output = dir.resolve("pds.csv");
        o.plot = dir.resolve("pds.png");
        o.validate();
        emit(o);
        assertTrue(Files.readString(o.output).contains("freq,power,power_err"));
        assertTrue(Files.size(o.plot) > 1000);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("wrote " + o.output + " (csv)"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dashWritesJsonToStdout() throws IOException {
        AnalysisOptions o = new AnalysisOptions();
        o.output = Path.of("-");
        o.validate();
        assertEquals(OutputFormat.JSON, o.outputFormat());
        emit(o);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        assertEquals("powerspectrum", root.get("product").asText());
        assertEquals("NaN", root.get("power").get(2).asText());
    }

    @Test
    void withoutOutputASummaryIsPrinted() throws IOException {
        AnalysisOptions o = new AnalysisOptions();
        o.quiet = true;
        emit(o);
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("Power spectrum: 4 frequencies from 0.5 to 2 Hz"), s);
        assertTrue(s.contains("m = 16, norm = leahy"), s);
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("wrote"));
    }

    @Test
    void aPlotThatCannotBeDrawnLeavesNeitherFile(@TempDir Path dir) throws IOException {
        AnalysisOptions o = new AnalysisOptions();
        o.output = dir.resolve("pds.json");
        o.plot = dir.resolve("pds.png");
        o.validate();
        MantaException e = assertThrows(MantaException.class, () -> ProductOutput.emit(pds(), o,
                p -> {
                    throw new IllegalArgumentException("no positive power to draw on a log axis");
                }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("cannot draw " + o.plot + ": IllegalArgumentException: no positive power to draw on a log axis;"
                + " nothing was written", e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no product, no plot, no temporary file");
        }
    }
}
