package org.manta.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.manta.core.BadEventFileException;

/**
 * Reads back a product written by {@link JsonProductWriter} (for re-plotting): the kind from {@code product},
 * every other member as a field (integral numbers as integers, {@code {re, im}} as complex arrays, arrays of
 * arrays as matrices, {@code gti} as a GTI table, {@code "NaN"}/{@code "Infinity"} strings in arrays as
 * those values) and the provenance block.
 */
public final class JsonProductReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonProductReader() {
    }

    /**
     * @throws BadEventFileException naming the file when it is not a Manta JSON product
     */
    public static Product read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadEventFileException(file, "not a readable JSON product: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("product").isTextual()) {
            throw new BadEventFileException(file, "no 'product' member: expected a product written by manta -o FILE.json");
        }
        ProductKind kind = kindOf(file, root.get("product").asText());
        Product.Builder b = Product.builder(kind);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equals("product") || name.equals("provenance")) {
                continue;
            }
            b.field(name, field(file, name, e.getValue()));
        }
        return b.provenance(provenance(root.path("provenance"))).build();
    }

    private static ProductKind kindOf(Path file, String label) {
        return ProductKind.ofLabel(label).orElseThrow(() -> new BadEventFileException(file, "product '" + label
                + "': expected one Manta writes, e.g. powerspectrum"));
    }

    private static Field field(Path file, String name, JsonNode v) {
        if (v.isIntegralNumber()) {
            return new Field.Int(v.asLong());
        }
        if (v.isNumber()) {
            return new Field.Real(v.asDouble());
        }
        if (v.isBoolean()) {
            return new Field.Bool(v.booleanValue());
        }
        if (v.isTextual()) {    // the writer's spelling of a non-finite number, or a text
            return switch (v.asText()) {
                case "NaN" -> new Field.Real(Double.NaN);
                case "Infinity" -> new Field.Real(Double.POSITIVE_INFINITY);
                case "-Infinity" -> new Field.Real(Double.NEGATIVE_INFINITY);
                default -> new Field.Text(v.asText());
            };
        }
        if (v.isObject() && v.has("re") && v.has("im")) {
            return new Field.ComplexArray(doubles(v.get("re")), doubles(v.get("im")));
        }
        if (v.isArray() && v.size() > 0 && v.get(0).isArray()) {
            double[][] rows = new double[v.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = doubles(v.get(i));
            }
            return name.equals("gti") ? new Field.GtiTable(rows) : new Field.Matrix(rows);
        }
        if (v.isArray()) {
            return name.equals("gti") ? new Field.GtiTable(new double[0][]) : new Field.RealArray(doubles(v));
        }
        throw new BadEventFileException(file, "field '" + name + "' is neither a number, a yes/no, a text nor an array");
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = a.get(i);
            out[i] = x.isTextual() ? Double.parseDouble(x.asText()) : x.asDouble();
        }
        return out;
    }

    private static Provenance provenance(JsonNode p) {
        List<Provenance.InputFile> inputs = new ArrayList<>();
        for (JsonNode f : p.path("inputs")) {
            inputs.add(new Provenance.InputFile(f.path("file").asText(), f.path("sha256").asText(), f.path("bytes").asLong()));
        }
        String created = p.path("created_utc").asText("");
        return new Provenance(p.path("software").asText("manta"), p.path("version").asText("?"),
                p.path("command_line").asText(""), inputs, created.isEmpty() ? Instant.EPOCH : Instant.parse(created));
    }
}
