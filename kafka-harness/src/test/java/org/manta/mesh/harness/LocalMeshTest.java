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

    private static Map<MeshService, Integer> ports() {
        Map<MeshService, Integer> ports = new EnumMap<>(MeshService.class);
        int port = 9000;
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
            Map<String, String> p = b.serviceProperties(s, "127.0.0.1:9092", ports(), WORK, Path.of("/scratch/staging"));
            assertEquals("/data/obs", p.get("manta.storage.data-root"), s.module());
            assertEquals("/scratch/staging", p.get("manta.storage.staging-root"), s.module());
            assertEquals("127.0.0.1:9092", p.get("manta.kafka.bootstrap-servers"), s.module());
            assertEquals(WORK.resolve(s.module() + "-state").toString(), p.get("manta.streams.state-dir"), s.module());
            assertFalse(p.containsKey("manta.ingest.data-root"), "the old property is gone");
        }
        assertEquals("127.0.0.1:9000", b.serviceProperties(MeshService.INGEST, "b:1", ports(), WORK, WORK)
                .get("manta.ingest.reduce-target"), "REDUCE has the first port here");
        assertEquals("2", b.serviceProperties(MeshService.FFT, "b:1", ports(), WORK, WORK).get("manta.fft.workers"));
    }

    @Test
    void gpuServiceRunsOnlyWhenAskedAfterTheFftWorkers() {
        assertEquals(java.util.List.of(MeshService.REDUCE, MeshService.FFT, MeshService.SEGMENT, MeshService.INGEST),
                LocalMesh.builder(Path.of(".")).chosen());
        assertEquals(java.util.List.of(MeshService.REDUCE, MeshService.FFT, MeshService.GPU, MeshService.SEGMENT,
                MeshService.INGEST), LocalMesh.builder(Path.of(".")).withGpu().chosen());
    }
}
