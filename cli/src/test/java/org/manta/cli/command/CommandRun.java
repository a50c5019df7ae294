package org.manta.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.manta.cli.Main;

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
        CliRun.Result r = CliRun.run(args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    /** Copies the test input {@code data/NAME} (core's test resources) into {@link #dir}. */
    Path copy(String name) throws IOException {
        return CliRun.copyData(dir, name);
    }
}
