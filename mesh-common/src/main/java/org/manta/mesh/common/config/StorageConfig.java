package org.manta.mesh.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the mesh's services find event files ({@code manta.storage.*}; design.md §2.1): ingest-service
 * resolves job inputs under the data root and writes uploads and decompressed {@code .gz} inputs to the
 * staging root; segment-service (planning) and fft-service (work units) read both. In Kubernetes both are
 * shared volumes: the data root read-only, the staging root writable by ingest.
 */
@ConfigMapping(prefix = "manta.storage")
public interface StorageConfig {
    /**
     * The directory {@code JobSpec.inputs} are relative to. Paths that leave it (absolute paths,
     * {@code ..}, symbolic links pointing outside) are refused.
     */
    @WithDefault(".")
    Path dataRoot();

    /** Where staged inputs are written and read; unset: {@code manta-staging} in the system's temporary directory. */
    Optional<Path> stagingRoot();
}
