package org.manta.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test access to the reference JSON and data files on the test classpath. */
public final class Refs {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Refs() {
    }

    /** {@code reference/<name>} parsed. */
    public static JsonNode json(String name) {
        try (InputStream in = Refs.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no reference file " + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Path of {@code data/<name>} (the test resources are plain files on the classpath). */
    public static Path data(String name) {
        URL url = Refs.class.getResource("/data/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no data file " + name);
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            // inside core's test jar (other modules' tests under verify): a copy in a temporary folder
            Path copy = Files.createTempDirectory("manta-test-data").resolve(name);
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy);
            }
            copy.toFile().deleteOnExit();
            copy.getParent().toFile().deleteOnExit();
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalArgumentException("cannot read test data file " + name, e);
        }
    }

    /** A JSON number array (non-finite values as "NaN", "Infinity", "-Infinity"). */
    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** A JSON {@code [[a, b], ...]} array. */
    public static double[][] pairs(JsonNode array) {
        double[][] out = new double[array.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(array.get(i));
        }
        return out;
    }

    public static double number(JsonNode v) {
        if (v.isTextual()) {
            return switch (v.asText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + v);
            };
        }
        return v.doubleValue();
    }
}
