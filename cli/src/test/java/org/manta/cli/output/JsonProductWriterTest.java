package org.manta.cli.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonProductWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads a number the way the reference-file readers do: strings for non-finite values. */
    static double number(JsonNode n) {
        if (n.isTextual()) {
            return switch (n.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new AssertionError("not a number: " + n);
            };
        }
        assertTrue(n.isNumber(), "expected a number, got " + n);
        return n.doubleValue();
    }

    static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    private static JsonNode roundTrip(Product p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonProductWriter().write(p, bytes);
        return MAPPER.readTree(bytes.toByteArray());
    }

    /** Bit-exact comparison (assertArrayEquals on doubles treats NaN == NaN and -0.0 == 0.0 loosely). */
    private static void assertBits(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    "element " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }

    @Test
    void fieldsRoundTripExactlyIncludingNonFiniteAndComplex() throws IOException {
        Product p = Samples.crossSpectrum();
        JsonNode root = roundTrip(p);

        assertEquals("crossspectrum", root.get("product").asText());
        assertBits(p.array("freq"), numbers(root.get("freq")));
        Field.ComplexArray power = (Field.ComplexArray) p.field("power").orElseThrow();
        assertBits(power.re(), numbers(root.get("power").get("re")));
        assertBits(power.im(), numbers(root.get("power").get("im")));
        assertEquals("Infinity", root.get("power").get("im").get(2).asText());
        assertEquals("-Infinity", root.get("power").get("re").get(3).asText());
        assertEquals("NaN", root.get("time_lag").get(1).asText());
        assertBits(p.array("time_lag"), numbers(root.get("time_lag")));
        assertBits(Samples.AWKWARD, numbers(root.get("awkward")));

        assertTrue(root.get("m").isIntegralNumber());
        assertEquals(16, root.get("m").asLong());
        assertEquals(8192, root.get("n").asLong());
        assertEquals(1.0 / 64, number(root.get("df")));
        assertEquals("NaN", root.get("mean").asText());
        assertEquals("-Infinity", root.get("variance").asText());
        assertEquals("frac", root.get("norm").asText());
        JsonNode gti = root.get("gti");
        assertEquals(2, gti.size());
        assertBits(new double[] {80000000.0, 80000512.0}, numbers(gti.get(0)));
        assertBits(new double[] {80000600.5, 80001025.0}, numbers(gti.get(1)));
    }

    @Test
    void fieldOrderIsKeptWithProductFirstAndProvenanceLast() throws IOException {
        Product p = Samples.crossSpectrum();
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = roundTrip(p).fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        List<String> expected = new ArrayList<>();
        expected.add("product");
        expected.addAll(p.fields().keySet());
        expected.add("provenance");
        assertEquals(expected, names);
    }

    @Test
    void matrixIsArrayOfRowsFreqMajor() throws IOException {
        Product p = Samples.dynamical();
        JsonNode dyn = roundTrip(p).get("dyn_ps");
        double[][] rows = p.matrix("dyn_ps").rows();
        assertEquals(rows.length, dyn.size());
        for (int i = 0; i < rows.length; i++) {
            assertBits(rows[i], numbers(dyn.get(i)));
        }
    }

    @Test
    void randomDoublesRoundTripBitForBit() throws IOException {
        SplittableRandom rng = new SplittableRandom(20261126);
        double[] values = new double[50_000];     // several chunks of the parallel formatting
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(rng.nextLong());
            if (Double.isNaN(values[i])) {
                values[i] = rng.nextDouble();   // NaN payloads are not representable in JSON
            }
        }
        Product p = Product.builder(ProductKind.POWER_SPECTRUM).array("power", values)
                .provenance(Samples.provenance()).build();
        assertBits(values, numbers(roundTrip(p).get("power")));
    }

    @Test
    void longArraysAreTheTextOfEachValueInOrder() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        double[] values = new double[3 * 16384 + 17];
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 16384 == 0 ? Double.NaN : i % 16384 == 16383 ? Double.NEGATIVE_INFINITY : rng.nextGaussian();
            expected.add(Double.isFinite(values[i]) ? Double.toString(values[i])
                    : Double.isNaN(values[i]) ? "\"NaN\"" : "\"-Infinity\"");
        }
        Product p = Product.builder(ProductKind.POWER_SPECTRUM).array("power", values).array("none", new double[0])
                .provenance(Samples.provenance()).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonProductWriter().write(p, bytes);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"power\": [" + String.join(", ", expected) + "],\n"), "power array text");
        assertTrue(text.contains("\"none\": [ ],\n"), "empty array text");
    }

    @Test
    void provenanceBlock() throws IOException {
        JsonNode prov = roundTrip(Samples.crossSpectrum()).get("provenance");
        Provenance expected = Samples.provenance();
        assertEquals("manta", prov.get("software").asText());
        assertEquals("9.9.9-test", prov.get("version").asText());
        assertEquals(expected.commandLine(), prov.get("command_line").asText());
        assertEquals("2026-11-26T06:28:00Z", prov.get("created_utc").asText());
        JsonNode in = prov.get("inputs").get(0);
        assertEquals("data/my file.evt", in.get("file").asText());
        assertEquals("ab".repeat(32), in.get("sha256").asText());
        assertEquals(12345, in.get("bytes").asLong());
    }

    @Test
    void fileIsStrictJsonAndUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.json");
        new JsonProductWriter().write(Samples.crossSpectrum(), file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{"), text.substring(0, 20));
        assertTrue(!text.contains(": NaN") && !text.contains(":NaN"), "bare NaN token in JSON");
        MAPPER.readTree(text);   // strict parser: throws on NaN/Infinity tokens
    }

    @Test
    void yesNoFieldsAreJsonBooleansAndReadBackAsFlags(@TempDir Path dir) throws IOException {
        Product p = Product.builder(ProductKind.MULTITAPER_POWER_SPECTRUM).flag("adaptive", false).flag("jackknife", true)
                .provenance(Samples.provenance()).build();
        Path file = dir.resolve("mt.json");
        new JsonProductWriter().write(p, file);

        JsonNode root = MAPPER.readTree(file.toFile());
        assertTrue(root.get("adaptive").isBoolean(), "adaptive: expected a JSON boolean, got " + root.get("adaptive"));
        assertEquals(false, root.get("adaptive").booleanValue());
        assertEquals(true, root.get("jackknife").booleanValue());
        Product back = JsonProductReader.read(file);
        assertEquals(new Field.Bool(false), back.field("adaptive").orElseThrow());
        assertEquals(Optional.of(true), back.flag("jackknife"));
        assertEquals(Optional.of("true"), back.text("jackknife"), "as the text earlier products held");
    }

    @Test
    void yesNoTextOfEarlierProductsReadsAsAFlag(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("old.json");
        Files.writeString(file, """
                {"product": "multitaper_powerspectrum", "adaptive": "false", "noise_subtracted": "yes", "norm": "leahy",
                 "provenance": {}}
                """);
        Product old = JsonProductReader.read(file);
        assertEquals(Optional.of(false), old.flag("adaptive"));
        assertEquals(Optional.of(true), old.flag("noise_subtracted"));
        assertEquals(Optional.empty(), old.flag("norm"), "a text that is not yes/no");
    }
}
