package org.manta.ingest;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.manta.mesh.common.config.StorageConfig;
import org.manta.mesh.common.storage.Storage;

/** The mesh storage this service resolves inputs under and stages uploads and {@code .gz} inputs to. */
public class StorageProducer {
    @Produces
    @Singleton
    Storage storage(StorageConfig config) {
        return Storage.of(config);
    }
}
