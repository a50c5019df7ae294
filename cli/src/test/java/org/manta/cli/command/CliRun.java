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
 * One in-process run of the {@code manta} command line, for end-to-end tests.
 *
 * @param code exit code
 * @param out  standard output
 * @param err  standard error
 */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), Map.of());
        return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Copies test resource {@code /data/NAME} (core's test data) into {@code dir}. */
    static Path copyData(String name, Path dir) throws IOException {
        try (InputStream in = Refs.class.getResourceAsStream("/data/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }
}
