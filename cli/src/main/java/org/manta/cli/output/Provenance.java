package org.manta.cli.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.manta.cli.Version;
import org.manta.core.io.DigestCache;
import org.manta.core.io.EventFiles;
import org.manta.core.io.FileStamp;

/**
 * Where a product came from: software and version, the command line, every input file with its SHA-256,
 * and when it was made (UTC, ISO-8601, whole seconds).
 *
 * <p>{@link #of} hashes the inputs on background threads, one per file, so the hash is computed while the
 * analysis reads the same file (alongside the read, from the page cache, instead of a second pass after it);
 * with a {@link DigestCache} an unchanged input is not hashed at all (its stored digest is used, as {@code git}'s
 * stat cache), and a new digest is stored. {@link #inputs()} waits for the hashes.
 */
public final class Provenance {
    private final String software;
    private final String version;
    private final String commandLine;
    private final List<Future<InputFile>> inputs;
    private final Instant created;

    /**
     * One input file.
     *
     * @param path   the path as given on the command line
     * @param sha256 lower-case hex SHA-256 of the file's bytes
     * @param bytes  file size in bytes
     */
    public record InputFile(String path, String sha256, long bytes) {
        public InputFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }

        /**
         * Hashes {@code file} (streamed, any size; {@link EventFiles#sha256}).
         *
         * @throws org.manta.core.BadEventFileException if it cannot be read
         */
        public static InputFile of(Path file) {
            return of(file, EventFiles.sha256(file));
        }

        private static InputFile of(Path file, String sha256) {
            try {
                return new InputFile(file.toString(), sha256, Files.size(file));
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read its size: " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param software    software name ({@code manta})
     * @param version     software version
     * @param commandLine the command as typed (arguments shell-quoted where needed)
     * @param inputs      input files in the order given; empty for simulated data
     * @param created     creation time (UTC)
     */
    public Provenance(String software, String version, String commandLine, List<InputFile> inputs, Instant created) {
        this(software, version, commandLine, created,
                inputs.stream().map(f -> (Future<InputFile>) CompletableFuture.completedFuture(f)).toList());
    }

    private Provenance(String software, String version, String commandLine, Instant created,
                       List<Future<InputFile>> inputs) {
        this.software = Objects.requireNonNull(software, "software");
        this.version = Objects.requireNonNull(version, "version");
        this.commandLine = Objects.requireNonNull(commandLine, "commandLine");
        this.inputs = List.copyOf(inputs);
        this.created = Objects.requireNonNull(created, "created");
    }

    /** This Manta, now, with the given command line and inputs (hashed on background threads from now on). */
    public static Provenance of(String commandLine, List<Path> inputFiles) {
        return of(commandLine, inputFiles, Optional.empty());
    }

    /**
     * As {@link #of(String, List)}, the digests of unchanged inputs taken from {@code cache} (no hashing) and new
     * ones stored there.
     */
    public static Provenance of(String commandLine, List<Path> inputFiles, Optional<DigestCache> cache) {
        List<Future<InputFile>> files = new ArrayList<>(inputFiles.size());
        for (Path p : inputFiles) {
            Optional<String> known = cache.flatMap(c -> FileStamp.of(p).flatMap(c::lookup));
            if (known.isPresent()) {
                files.add(CompletableFuture.completedFuture(InputFile.of(p, known.get())));
                continue;
            }
            FutureTask<InputFile> hash = new FutureTask<>(() -> cache.map(c -> InputFile.of(p, c.sha256(p)))
                    .orElseGet(() -> InputFile.of(p)));
            Thread.ofPlatform().daemon().name("sha256 " + p.getFileName()).start(hash);
            files.add(hash);
        }
        return new Provenance(Version.SOFTWARE, Version.version(), commandLine,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), files);
    }

    /** Software name ({@code manta}). */
    public String software() {
        return software;
    }

    /** Software version. */
    public String version() {
        return version;
    }

    /** The command as typed (arguments shell-quoted where needed). */
    public String commandLine() {
        return commandLine;
    }

    /**
     * Input files in the order given, with their hashes (waits for them).
     *
     * @throws org.manta.core.BadEventFileException if an input could not be read for its hash
     */
    public List<InputFile> inputs() {
        List<InputFile> done = new ArrayList<>(inputs.size());
        for (Future<InputFile> f : inputs) {
            done.add(result(f));
        }
        return done;
    }

    private static InputFile result(Future<InputFile> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing the inputs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot hash an input: " + e.getCause(), e.getCause());
        }
    }

    /** Creation time (UTC, whole seconds). */
    public Instant created() {
        return created;
    }

    /** ISO-8601 UTC creation time, e.g. {@code 2026-11-26T06:28:00Z}. */
    public String createdUtc() {
        return created.toString();
    }

    /**
     * Joins arguments into one command line, quoting those a POSIX shell would split or expand, so the line
     * can be pasted back into a shell.
     */
    public static String commandLine(String program, List<String> args) {
        StringBuilder sb = new StringBuilder(program);
        for (String a : args) {
            sb.append(' ').append(shellQuote(a));
        }
        return sb.toString();
    }

    static String shellQuote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
