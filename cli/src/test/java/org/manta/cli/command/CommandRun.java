package org.manta.cli.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.manta.cli.Main;
import org.manta.core.io.Refs;

/**
 * What the end-to-end tests share: a temporary directory, test inputs copied into it, and {@code manta} run
 * in this JVM ({@link Main#run}) with what it printed kept in {@link #out} and {@link #err}.
 */
abstract class CommandRun {
    @TempDir
    Path dir;
    /** Standard output and standard error of the last {@link #run}. */
    String out;
    String err;

    /** Runs {@code manta args}; returns its exit code. */
    int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), Map.of());
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** Copies the test input {@code data/NAME} (core's test resources) into {@link #dir}. */
    Path copy(String name) throws IOException {
        try (InputStream in = Refs.class.getResourceAsStream("/data/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }
}
