package org.manta.mesh.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each service process of a local mesh is told (no process is started). */
class LocalMeshTest {
    private static final Path WORK = Path.of("/tmp/mesh-work");

    private static final MeshCredentials CREDENTIALS = new MeshCredentials(WORK.resolve("tls/ca.crt"),
            WORK.resolve("tls/tls.crt"), WORK.resolve("tls/tls.key"), WORK.resolve("tls/tokens"), "t0k3n", "alice");

    private static Map<MeshService, Integer> ports() {
        return ports(9000);
    }

    private static Map<MeshService, Integer> managementPorts() {
        return ports(9100);
    }

    private static Map<MeshService, Integer> ports(int first) {
        Map<MeshService, Integer> ports = new EnumMap<>(MeshService.class);
        int port = first;
        for (MeshService s : MeshService.values()) {
            ports.put(s, port++);
        }
        return ports;
    }

    @Test
    void everyServiceGetsTheSharedStorage() {
        LocalMesh.Builder b = LocalMesh.builder(Path.of(".")).dataRoot(Path.of("/data/obs"))
                .stagingRoot(Path.of("/scratch/staging")).property(MeshService.FFT, "manta.fft.workers", "2");
        for (MeshService s : MeshService.values()) {
            Map<String, String> p = b.serviceProperties(s, "127.0.0.1:9092", ports(), managementPorts(), WORK, Path.of("/scratch/staging"), CREDENTIALS);
            assertEquals("/data/obs", p.get("manta.storage.data-root"), s.module());
            assertEquals("/scratch/staging", p.get("manta.storage.staging-root"), s.module());
            assertEquals("127.0.0.1:9092", p.get("manta.kafka.bootstrap-servers"), s.module());
            assertEquals(WORK.resolve(s.module() + "-state").toString(), p.get("manta.streams.state-dir"), s.module());
            assertFalse(p.containsKey("manta.ingest.data-root"), "the old property is gone");
            assertEquals(p.get("quarkus.http.port"), p.get("quarkus.http.ssl-port"), s.module() + ": TLS on the service's port");
            assertEquals(Integer.toString(managementPorts().get(s)), p.get("quarkus.management.port"), s.module());
            assertEquals("/tmp/mesh-work/tls/tls.crt", p.get("MANTA_TLS_CERT"), s.module());
            assertEquals("/tmp/mesh-work/tls/tokens", p.get("manta.auth.tokens-file"), s.module());
        }
        assertEquals("/tmp/mesh-work/tls/ca.crt", b.serviceProperties(MeshService.INGEST, "b:1", ports(), managementPorts(),
                WORK, WORK, CREDENTIALS).get("manta.ingest.reduce-ca"), "ingest trusts the mesh's CA for reduce-service");
        assertEquals("127.0.0.1:9000", b.serviceProperties(MeshService.INGEST, "b:1", ports(), managementPorts(), WORK, WORK, CREDENTIALS)
                .get("manta.ingest.reduce-target"), "REDUCE has the first port here");
        assertEquals("2", b.serviceProperties(MeshService.FFT, "b:1", ports(), managementPorts(), WORK, WORK, CREDENTIALS).get("manta.fft.workers"));
    }

    @Test
    void gpuServiceRunsOnlyWhenAskedAfterTheFftWorkers() {
        assertEquals(java.util.List.of(MeshService.REDUCE, MeshService.FFT, MeshService.SEGMENT, MeshService.INGEST),
                LocalMesh.builder(Path.of(".")).chosen());
        assertEquals(java.util.List.of(MeshService.REDUCE, MeshService.FFT, MeshService.GPU, MeshService.SEGMENT,
                MeshService.INGEST), LocalMesh.builder(Path.of(".")).withGpu().chosen());
    }
}
