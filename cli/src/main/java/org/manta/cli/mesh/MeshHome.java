package org.manta.cli.mesh;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.manta.mesh.harness.MeshService;

/**
 * Where the repository (with the packaged services, {@code <module>/target/quarkus-app}) is: the
 * system property {@code manta.home}, the environment variable {@code MANTA_HOME}, the directory two
 * levels above this jar ({@code cli/target/x.jar}), then the working directory and its parents.
 */
final class MeshHome {
    private MeshHome() {
    }

    static Path find() {
        Optional<String> configured = Optional.ofNullable(System.getProperty("manta.home"))
                .or(() -> Optional.ofNullable(System.getenv("MANTA_HOME")));
        if (configured.isPresent()) {
            return Path.of(configured.get()).toAbsolutePath().normalize();
        }
        try {
            Path jar = Path.of(MeshHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar; p != null; p = p.getParent()) {
                if (hasServices(p)) {
                    return p;
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through to the working directory
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(MeshService.FFT.module()))) {
                return p;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static boolean hasServices(Path dir) {
        return Files.isDirectory(dir.resolve(MeshService.FFT.module()).resolve("target"));
    }
}
