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

    /** manta up records its data root, so that --server-path takes an absolute path under it (found: refused). */
    @Test
    void theDataRootIsRecordedAndAnAbsolutePathUnderItIsAServerPath(@TempDir Path dir) {
        Path root = dir.resolve("data");
        Path file = dir.resolve("config");
        new MeshConfig("127.0.0.1:9000", Optional.empty(), Optional.of("t0k"), Optional.of(root)).write(file);
        assertEquals(Optional.of(root), MeshConfig.read(file).orElseThrow().dataRoot());
        assertEquals("sub/obs.evt", SubmitCommand.serverPath(root.resolve("sub/obs.evt"), Optional.of(root)));
        assertEquals("sub/obs.evt", SubmitCommand.serverPath(root.resolve("sub/../sub/obs.evt"), Optional.of(root)));
        assertEquals(dir.resolve("elsewhere.evt").toString(), SubmitCommand.serverPath(dir.resolve("elsewhere.evt"),
                Optional.of(root)), "outside the root: as typed (the mesh refuses it)");
        assertEquals("obs.evt", SubmitCommand.serverPath(Path.of("obs.evt"), Optional.of(root)), "relative: as typed");
        assertEquals(root.resolve("obs.evt").toString(), SubmitCommand.serverPath(root.resolve("obs.evt"),
                Optional.empty()), "a root not known: as typed");
    }
}
