package org.manta.cli.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.manta.cli.Version;

/**
 * Where a product came from: software and version, the command line, every input file with its SHA-256,
 * and when it was made (UTC, ISO-8601, whole seconds).
 *
 * @param software    software name ({@code manta})
 * @param version     software version
 * @param commandLine the command as typed (arguments shell-quoted where needed)
 * @param inputs      input files in the order given; empty for simulated data
 * @param created     creation time (UTC)
 */
public record Provenance(String software, String version, String commandLine, List<InputFile> inputs, Instant created) {

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

        /** Hashes {@code file} (streamed, any size). */
        public static InputFile of(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                long total = 0;
                for (int r; (r = in.read(buf)) > 0; ) {
                    md.update(buf, 0, r);
                    total += r;
                }
                return new InputFile(file.toString(), HexFormat.of().formatHex(md.digest()), total);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read for sha256: " + e.getMessage(), e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
            }
        }
    }

    public Provenance {
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(commandLine, "commandLine");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(created, "created");
    }

    /** This Manta, now, with the given command line and inputs (hashed here). */
    public static Provenance of(String commandLine, List<Path> inputFiles) {
        List<InputFile> files = new ArrayList<>(inputFiles.size());
        for (Path p : inputFiles) {
            files.add(InputFile.of(p));
        }
        return new Provenance(Version.SOFTWARE, Version.version(), commandLine, files,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
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
