package org.manta.mesh.harness;

import java.nio.file.Path;

/** The services of the mesh, in start order (consumers of a topic before its producers), with their modules. */
public enum MeshService {
    REDUCE("reduce-service"),
    FFT("fft-service"),
    SEGMENT("segment-service"),
    INGEST("ingest-service");

    private final String module;

    MeshService(String module) {
        this.module = module;
    }

    /** The module directory name, e.g. {@code fft-service}. */
    public String module() {
        return module;
    }

    /** {@code <repo>/<module>/target/quarkus-app/quarkus-run.jar}: the Quarkus fast-jar launcher. */
    public Path jarIn(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
