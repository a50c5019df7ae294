package org.manta.cli.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.manta.cli.Main;
import org.manta.core.io.Refs;

/**
 * One {@code manta} run in this JVM ({@link Main#run}) and what it printed, for the end-to-end tests.
 *
 * @param code its exit code
 * @param out  what it wrote to standard output
 * @param err  what it wrote to standard error
 */
record CommandRun(int code, String out, String err) {

    static CommandRun of(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), Map.of());
        return new CommandRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Copies the test input {@code data/NAME} (core's test resources) into {@code dir}. */
    static Path copyData(Path dir, String name) throws IOException {
        try (InputStream in = Refs.class.getResourceAsStream("/data/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }
}
