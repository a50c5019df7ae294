package org.manta.mesh.common.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.manta.core.InvalidParameterException;
import org.manta.mesh.common.config.StorageConfig;
import org.manta.mesh.common.mapping.JobSpecs;
import org.manta.proto.v1.InputFile;

/**
 * The two stores event files are read from, named in locations {@code "<store>:<relative path>"}
 * (records.proto {@code InputFile.location}): {@value #DATA} is the data root (the files users name,
 * read-only), {@value #STAGING} the staging root (uploads and decompressed {@code .gz} inputs, written
 * once by ingest-service under the job's id). A location is resolved under the store's root and must stay
 * inside it. An object store fits the same contract: a location names an object, and a worker reads the
 * row range of a work unit with a ranged GET instead of a positional read (rows are fixed width).
 */
public final class Storage {
    /** The data root store. */
    public static final String DATA = "data";
    /** The staging store. */
    public static final String STAGING = "staging";

    private final Path dataRoot;
    private final Path stagingRoot;

    /**
     * @param dataRoot    an existing directory
     * @param stagingRoot a directory (created if missing)
     */
    public Storage(Path dataRoot, Path stagingRoot) {
        try {
            this.dataRoot = dataRoot.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("manta.storage.data-root " + dataRoot + " is not an existing directory", e);
        }
        try {
            Files.createDirectories(stagingRoot);
            this.stagingRoot = stagingRoot.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("manta.storage.staging-root " + stagingRoot + " cannot be created: " + e, e);
        }
    }

    /** The storage a service's configuration names. */
    public static Storage of(StorageConfig config) {
        return new Storage(config.dataRoot(), config.stagingRoot()
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "manta-staging")));
    }

    public Path dataRoot() {
        return dataRoot;
    }

    public Path stagingRoot() {
        return stagingRoot;
    }

    /**
     * Resolves a user's input path under the data root: relative, no {@code ..}, an existing regular file
     * that still lies under the root once symbolic links are resolved.
     *
     * @param field the JobSpec field, for messages (e.g. {@code inputs[0]})
     * @throws InvalidParameterException naming the field, the path and why it is refused
     */
    public Path resolveInput(String field, String relative) {
        JobSpecs.checkRelativePath(field, relative);
        Path p = dataRoot.resolve(relative).normalize();
        if (!p.startsWith(dataRoot)) {
            throw new InvalidParameterException(field, relative, "a path inside the data root");
        }
        if (!Files.exists(p)) {
            throw new InvalidParameterException(field, relative, "an existing file under the data root");
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            throw new InvalidParameterException(field, relative, "a readable file under the data root (" + e.getMessage() + ")");
        }
        if (!real.startsWith(dataRoot)) {
            throw new InvalidParameterException(field, relative, "a file inside the data root (it links outside)");
        }
        if (!Files.isRegularFile(real)) {
            throw new InvalidParameterException(field, relative, "a regular file, not a directory");
        }
        return real;
    }

    /** The directory of a job's staged inputs (created). */
    public Path stagingDirectory(String jobId) {
        JobSpecs.checkRelativePath("job id", jobId);
        Path dir = stagingRoot.resolve(jobId).normalize();
        if (!dir.startsWith(stagingRoot) || dir.equals(stagingRoot)) {
            throw new InvalidParameterException("job id", jobId, "a plain name");
        }
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the staging directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The location of a file under one of the roots. */
    public String locationOf(Path file) {
        Path real = file.toAbsolutePath().normalize();
        if (real.startsWith(stagingRoot)) {
            return STAGING + ":" + stagingRoot.relativize(real).toString().replace('\\', '/');
        }
        if (real.startsWith(dataRoot)) {
            return DATA + ":" + dataRoot.relativize(real).toString().replace('\\', '/');
        }
        throw new IllegalArgumentException(file + " is under neither the data root " + dataRoot + " nor the staging root "
                + stagingRoot);
    }

    /**
     * Checks that {@code file} (where {@code in}'s location resolves) is the file that was planned: it exists,
     * can be read and has {@code in.location_size_bytes} (when set) — a cheap check that the bytes did not change.
     *
     * @param when how the size was known, for the message (e.g. "announced", "it had when the job was planned")
     * @throws InvalidParameterException naming the input (as the client gave it), its location and what was expected
     */
    public static void requirePlanned(InputFile in, Path file, String when) {
        String name = in.getPath().isEmpty() ? in.getLocation() : in.getPath();
        long expected = in.getLocationSizeBytes();
        if (!Files.isRegularFile(file)) {
            throw new InvalidParameterException("input " + name, "missing",
                    "the planned file of " + expected + " bytes at " + in.getLocation() + " (was it removed?)");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidParameterException("input " + name, "unreadable (" + e.getMessage() + ")",
                    "the planned file of " + expected + " bytes at " + in.getLocation());
        }
        if (expected > 0 && size != expected) {
            throw new InvalidParameterException("input " + name, size + " bytes at " + in.getLocation(),
                    "the " + expected + " bytes " + when + " (the file changed: submit the job again)");
        }
    }

    /**
     * The file a location names.
     *
     * @throws InvalidParameterException if the location is malformed or leaves its store
     */
    public Path resolve(String location) {
        int colon = location.indexOf(':');
        String store = colon < 0 ? "" : location.substring(0, colon);
        Path root = switch (store) {
            case DATA -> dataRoot;
            case STAGING -> stagingRoot;
            default -> throw new InvalidParameterException("location", location,
                    "\"" + DATA + ":<path>\" or \"" + STAGING + ":<path>\"");
        };
        String relative = location.substring(colon + 1);
        JobSpecs.checkRelativePath("location", relative);
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) {
            throw new InvalidParameterException("location", location, "a path inside the " + store + " store");
        }
        return p;
    }
}
