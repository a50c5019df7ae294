package org.manta.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.manta.core.pipeline.EngineUnavailableException;
import org.manta.core.pipeline.SegmentEngine;
import org.manta.gpu.cuda.CudaRuntime;

/**
 * The no-GPU paths: a missing library or device is one line that says so, through the probe and through
 * {@code SegmentEngine.named("cuda")}; and where the CUDA runtime is installed, every function Manta binds
 * exists in it (the downcall handles link) and it answers cudaGetDeviceCount.
 */
class GpuProbeTest {
    private static final List<String> ABSENT = List.of("libmanta-absent-cuda.so.99");

    @Test
    void aMissingRuntimeLibraryIsOneLineNamingIt() {
        GpuProbe.Result r = GpuProbe.probe(new GpuProbe.Libraries(ABSENT, ABSENT, ABSENT));
        GpuProbe.Absent absent = assertInstanceOf(GpuProbe.Absent.class, r);
        assertEquals("no CUDA device was found: the CUDA runtime library (libmanta-absent-cuda.so.99) is not installed",
                absent.reason());
    }

    @Test
    void aMissingDriverLibraryIsOneLineNamingIt() {
        assumeTrue(CudaRuntime.load(CudaRuntime.SONAMES, Arena.global()).isPresent(),
                "skipped: no CUDA runtime library here");
        GpuProbe.Result r = GpuProbe.probe(new GpuProbe.Libraries(CudaRuntime.SONAMES, ABSENT, ABSENT));
        GpuProbe.Absent absent = assertInstanceOf(GpuProbe.Absent.class, r);
        assertEquals("no CUDA device was found: the NVIDIA driver library (libmanta-absent-cuda.so.99) is not installed",
                absent.reason());
    }

    @Test
    void theRuntimeBindsAndAnswersWhereInstalled() {
        var runtime = CudaRuntime.load(CudaRuntime.SONAMES, Arena.global());
        assumeTrue(runtime.isPresent(), "skipped: no CUDA runtime library here");
        CudaRuntime.DeviceCount count = runtime.get().deviceCount();
        assertTrue(count.error() != 0 || count.count() > 0, "an error code, or devices: " + count);
        assertFalse(runtime.get().errorString(100).isBlank(), "cudaErrorNoDevice has a text");
        assertTrue(runtime.get().version() >= 12000, "CUDA 12 or newer: " + runtime.get().version());
    }

    @Test
    void withoutADeviceTheEngineIsRefusedInOneLine() {
        GpuProbe.Result probe = GpuProbe.system();
        assumeFalse(probe instanceof GpuProbe.Found, "skipped: this machine has a CUDA device");
        var e = assertThrows(EngineUnavailableException.class, () -> SegmentEngine.named("cuda"));
        assertEquals(probe.describe(), e.getMessage());
        assertTrue(e.getMessage().startsWith("no CUDA device was found: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void anUnknownBackendNamesTheOnesFound() {
        var e = assertThrows(EngineUnavailableException.class, () -> SegmentEngine.named("opencl"));
        assertEquals("no opencl backend on the class path (found: cuda)", e.getMessage());
    }

    @Test
    void aFoundDeviceDescribesItself() {
        GpuProbe.Result probe = GpuProbe.system();
        assumeTrue(probe instanceof GpuProbe.Found, () -> "skipped: " + probe.describe());
        GpuDevice d = ((GpuProbe.Found) probe).device();
        assertTrue(d.totalMemory() > 0 && d.freeMemory() <= d.totalMemory(), d.describe());
        assertTrue(d.ccMajor() >= 8, "the PTX targets compute capability 8.0+: " + d.describe());
        assertTrue(d.describe().startsWith(d.name()), d.describe());
    }
}
