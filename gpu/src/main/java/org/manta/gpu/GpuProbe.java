package org.manta.gpu;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.Optional;
import org.manta.gpu.cuda.CudaDriver;
import org.manta.gpu.cuda.CudaRuntime;
import org.manta.gpu.cuda.Cufft;

/**
 * Finds out once whether this machine can run the GPU engine: the CUDA runtime, the driver library, at least
 * one device, and cuFFT. Every failure is a result with one line that says what is missing (never a stack
 * trace: a missing library is an ordinary outcome on a CPU node), catching {@link Throwable} because the
 * foreign linker reports some failures as {@link Error}s.
 */
public final class GpuProbe {
    private static volatile Result system;

    /** Which library names to try (tests pass names that do not exist to see the "library absent" path). */
    public record Libraries(List<String> runtime, List<String> driver, List<String> cufft) {
        public static final Libraries DEFAULT = new Libraries(CudaRuntime.SONAMES, CudaDriver.SONAMES, Cufft.SONAMES);
    }

    /** The outcome of a probe. */
    public sealed interface Result {
        /** The device as a status line for logs and health checks. */
        String describe();
    }

    /** A usable device (ordinal 0) and the libraries found. */
    public record Found(GpuDevice device) implements Result {
        @Override
        public String describe() {
            return device.describe();
        }
    }

    /** No usable device; {@code reason} is one line. */
    public record Absent(String reason) implements Result {
        @Override
        public String describe() {
            return reason;
        }
    }

    private GpuProbe() {
    }

    /** The probe of this machine with the default library names, made once per process. */
    public static Result system() {
        Result r = system;
        if (r == null) {
            synchronized (GpuProbe.class) {
                if (system == null) {
                    system = probe(Libraries.DEFAULT);
                }
                r = system;
            }
        }
        return r;
    }

    /** Probes with the given library names (no caching; the libraries stay loaded for the process). */
    public static Result probe(Libraries names) {
        try {
            Arena arena = Arena.global();
            Optional<CudaRuntime> runtime = CudaRuntime.load(names.runtime(), arena);
            if (runtime.isEmpty()) {
                return new Absent("no CUDA device was found: the CUDA runtime library (" + String.join(" or ",
                        names.runtime()) + ") is not installed");
            }
            Optional<CudaDriver> driver = CudaDriver.load(names.driver(), arena);
            if (driver.isEmpty()) {
                return new Absent("no CUDA device was found: the NVIDIA driver library (" + String.join(" or ",
                        names.driver()) + ") is not installed");
            }
            CudaRuntime.DeviceCount count = runtime.get().deviceCount();
            if (count.error() != 0) {
                return new Absent("no CUDA device was found: cudaGetDeviceCount says "
                        + runtime.get().errorString(count.error()) + " (cudaError " + count.error() + ")");
            }
            if (count.count() == 0) {
                return new Absent("no CUDA device was found: the driver reports 0 devices");
            }
            Optional<Cufft> cufft = Cufft.load(names.cufft(), arena);
            if (cufft.isEmpty()) {
                return new Absent("the CUDA device cannot be used: the cuFFT library (" + String.join(" or ",
                        names.cufft()) + ") is not installed");
            }
            CudaDriver.DeviceInfo info = driver.get().describe(0);
            runtime.get().initialize(0);
            long[] memory = runtime.get().memoryInfo();
            return new Found(new GpuDevice(runtime.get(), driver.get(), cufft.get(), 0, info.name(), memory[1],
                    memory[0], info.ccMajor(), info.ccMinor(), info.driverVersion(), runtime.get().version(),
                    cufft.get().version()));
        } catch (Throwable t) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            return new Absent("the CUDA device cannot be used: " + m.lines().findFirst().orElse(m));
        }
    }
}
