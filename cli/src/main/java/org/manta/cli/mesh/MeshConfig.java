package org.manta.cli.mesh;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import org.manta.core.InvalidParameterException;
import org.manta.core.MantaException;
import org.manta.mesh.harness.LocalMesh;

/**
 * Where {@code manta submit} finds a mesh when no flag says (like kubectl's kubeconfig): a properties file
 * with the mesh's gRPC address ({@code server}), the PEM file of the CA that signed its certificate
 * ({@code ca}), a bearer token ({@code token}) and, for a mesh of {@code manta up}, its data root ({@code data-root}). {@code manta up} writes it; it lives at
 * {@code ~/.manta/config}, or where the system property {@code manta.config} or the environment variable
 * {@code MANTA_CONFIG} says. The file holds a token, so only its owner may read it.
 */
public record MeshConfig(String server, Optional<Path> ca, Optional<String> token, Optional<Path> dataRoot) {
    /** A config of a mesh whose data root is not known here (a remote one). */
    public MeshConfig(String server, Optional<Path> ca, Optional<String> token) {
        this(server, ca, token, Optional.empty());
    }

    /**
     * What {@code manta up} records of its mesh: the edge's address, the local CA, the admin token and its data root
     * (so that {@code manta submit --server-path} takes a file under it by its absolute path too).
     */
    public static MeshConfig of(LocalMesh mesh, Path dataRoot) {
        return new MeshConfig(mesh.grpcTarget(), Optional.of(mesh.caCertificate()), Optional.of(mesh.token()),
                Optional.of(dataRoot.toAbsolutePath().normalize()));
    }

    /** The config file's path (it need not exist). */
    public static Path file() {
        return Optional.ofNullable(System.getProperty("manta.config"))
                .or(() -> Optional.ofNullable(System.getenv("MANTA_CONFIG"))).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".manta", "config"));
    }

    /** The config in {@code file}, if there is one. */
    public static Optional<MeshConfig> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new InvalidParameterException("config", file, "a readable mesh config (" + e.getMessage() + ")");
        }
        String server = p.getProperty("server", "").strip();
        if (server.isEmpty()) {
            throw new InvalidParameterException("config", file, "a 'server = HOST:PORT' line");
        }
        return Optional.of(new MeshConfig(server, Optional.ofNullable(p.getProperty("ca")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(Path::of), Optional.ofNullable(p.getProperty("token")).map(String::strip)
                .filter(s -> !s.isEmpty()), Optional.ofNullable(p.getProperty("data-root")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(Path::of)));
    }

    /**
     * The CA to trust for {@link #server}, as {@link #ca} (absent when the config names none).
     *
     * @throws MantaException if the config names a CA file that is gone: 'manta up' made it in the work directory of
     *         its mesh, deleted when the mesh stopped, so no mesh runs at {@code server} now
     */
    public Optional<Path> caOfRunningMesh() {
        if (ca.isPresent() && !Files.exists(ca.get())) {
            throw new MantaException("no mesh is running at " + server + " (the CA file " + ca.get() + " that 'manta up' "
                    + "recorded in " + file() + " is gone: that mesh has stopped); start one with 'manta up', or give "
                    + "--server");
        }
        return ca;
    }

    /** Writes this config to {@code file} (owner-only), replacing what was there. */
    public void write(Path file) {
        Properties p = new Properties();
        p.setProperty("server", server);
        ca.ifPresent(c -> p.setProperty("ca", c.toAbsolutePath().toString()));
        token.ifPresent(t -> p.setProperty("token", t));
        dataRoot.ifPresent(d -> p.setProperty("data-root", d.toString()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".config", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (var out = Files.newBufferedWriter(tmp)) {
                p.store(out, "written by 'manta up': where 'manta submit' finds the mesh (docs/security.md)");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mesh config " + file, e);
        }
    }
}
