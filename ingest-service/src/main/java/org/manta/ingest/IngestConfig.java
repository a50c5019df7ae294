package org.manta.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * ingest-service settings ({@code manta.ingest.*}; see CONFIGURATION.md). Where inputs are read and staged
 * is the mesh's shared storage ({@code manta.storage.*}, {@link org.manta.mesh.common.config.StorageConfig}).
 */
@ConfigMapping(prefix = "manta.ingest")
public interface IngestConfig {
    /** The largest event upload accepted by {@code JobService.Upload}, bytes (8 per time, energy; 4 per PI). */
    @WithDefault("268435456")
    long maxUploadBytes();

    /** File jobs prepared at the same time (hashing, decompressing {@code .gz} inputs); more wait in a queue. */
    @WithDefault("2")
    int ingestThreads();

    /** {@code host:port} of reduce-service, where {@code ProductService.Get} is forwarded. */
    @WithDefault("127.0.0.1:8084")
    String reduceTarget();
}
