package org.manta.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** ingest-service settings ({@code manta.ingest.*}; see CONFIGURATION.md). */
@ConfigMapping(prefix = "manta.ingest")
public interface IngestConfig {
    /**
     * The directory that {@code JobSpec.inputs} are relative to. Paths that leave it (absolute paths,
     * {@code ..}, symbolic links pointing outside) are refused.
     */
    @WithDefault(".")
    Path dataRoot();

    /** The largest event upload accepted by {@code JobService.Upload}, bytes (8 per time, energy; 4 per PI). */
    @WithDefault("268435456")
    long maxUploadBytes();

    /** Events per {@code manta.chunks} record (time + energy + PI: 20 bytes an event). */
    @WithDefault("32768")
    int eventsPerChunk();

    /** Jobs read from files at the same time; more wait in a queue. */
    @WithDefault("2")
    int ingestThreads();

    /** {@code host:port} of reduce-service, where {@code ProductService.Get} is forwarded. */
    @WithDefault("127.0.0.1:8084")
    String reduceTarget();
}
