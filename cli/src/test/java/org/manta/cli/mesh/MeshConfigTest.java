package org.manta.cli.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manta.core.MantaException;

/** The mesh config of {@code manta up} once its mesh has stopped. */
class MeshConfigTest {
    @Test
    void aConfigWhoseCaIsGoneSaysThatNoMeshRunsThere(@TempDir Path dir) throws IOException {
        Path ca = dir.resolve("manta-mesh-1/tls/ca.crt");
        MeshConfig config = new MeshConfig("127.0.0.1:9000", Optional.of(ca), Optional.of("t0k"));
        MantaException e = assertThrows(MantaException.class, config::caOfRunningMesh);
        assertEquals("no mesh is running at 127.0.0.1:9000 (the CA file " + ca + " that 'manta up' recorded in "
                + MeshConfig.file() + " is gone: that mesh has stopped); start one with 'manta up', or give --server",
                e.getMessage());
        Files.createDirectories(ca.getParent());
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n");
        assertEquals(Optional.of(ca), config.caOfRunningMesh(), "while the mesh runs");
        assertEquals(Optional.empty(), new MeshConfig("mesh.example.org:443", Optional.empty(), Optional.empty())
                .caOfRunningMesh(), "no CA: the JVM's trusted ones");
    }
}
