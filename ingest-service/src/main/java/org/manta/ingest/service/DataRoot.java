package org.manta.ingest.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.manta.core.InvalidParameterException;
import org.manta.mesh.common.mapping.JobSpecs;

/**
 * The directory job inputs are read from. A path is accepted only if it is relative, has no
 * {@code ..}, names an existing regular file, and still lies under the root once symbolic links are
 * resolved.
 */
public final class DataRoot {
    private final Path root;

    /** @param root an existing directory */
    public DataRoot(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("manta.ingest.data-root " + root + " is not an existing directory", e);
        }
    }

    public Path root() {
        return root;
    }

    /**
     * Resolves an input path.
     *
     * @param field the JobSpec field, for messages (e.g. {@code inputs[0]})
     * @throws InvalidParameterException naming the field, the path and why it is refused
     */
    public Path resolve(String field, String relative) {
        JobSpecs.checkRelativePath(field, relative);
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) {
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
        if (!real.startsWith(root)) {
            throw new InvalidParameterException(field, relative, "a file inside the data root (it links outside)");
        }
        if (!Files.isRegularFile(real)) {
            throw new InvalidParameterException(field, relative, "a regular file, not a directory");
        }
        return real;
    }
}
