package org.manta.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.manta.cli.Main;

/**
 * What the end-to-end tests share: a temporary directory, test inputs copied into it, and {@code manta} run
 * in this JVM ({@link Main#run}) with what it printed kept in {@link #out} and {@link #err}.
 */
abstract class CommandRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    /** Standard output and standard error of the last {@link #run}. */
    String out;
    String err;

    /** Runs {@code manta args}; returns its exit code. */
    int run(String... args) {
        CliRun.Result r = CliRun.run(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    /** Runs a command that must succeed, with {@code --quiet -o DIR/NAME.json}; returns the JSON product it wrote. */
    JsonNode product(String name, String... args) throws IOException {
        Path o = dir.resolve(name + ".json");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--quiet", "-o", o.toString()));
        assertEquals(0, run(all.toArray(String[]::new)), err);
        return JSON.readTree(o.toFile());
    }

    /** Copies the test input {@code data/NAME} (core's test resources) into {@link #dir}. */
    Path copy(String name) throws IOException {
        return CliRun.copyData(dir, name);
    }

    /** What {@code body} printed on {@code System.err}, where the progress bar draws (not a terminal: plain lines). */
    static String stderrOf(Runnable body) {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
