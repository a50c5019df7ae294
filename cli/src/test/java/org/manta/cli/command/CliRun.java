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

/** The {@code manta} command run in-process for end-to-end tests, and the test data it reads. */
final class CliRun {
    private CliRun() {
    }

    /** Exit code, standard output and standard error of one run. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), Map.of());
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Copies test resource {@code /data/<name>} into {@code dir}. */
    static Path copyData(Path dir, String name) throws IOException {
        try (InputStream in = Refs.class.getResourceAsStream("/data/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }
}
