package org.manta.mesh.harness;

import java.nio.file.Path;

/**
 * The services of the mesh, in start order (consumers of a topic before its producers), with their modules.
 * {@link #GPU} is optional: a mesh has it only when asked ({@code LocalMesh.Builder#withGpu}, {@code manta up --gpu}).
 */
public enum MeshService {
    REDUCE("reduce-service"),
    FFT("fft-service"),
    GPU("gpu-service"),
    SEGMENT("segment-service"),
    INGEST("ingest-service");

    private final String module;

    MeshService(String module) {
        this.module = module;
    }

    /** Whether a mesh runs it only when asked (the GPU node). */
    public boolean optional() {
        return this == GPU;
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
