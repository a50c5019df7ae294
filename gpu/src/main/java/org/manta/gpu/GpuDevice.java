package org.manta.gpu;

import org.manta.gpu.cuda.CudaDriver;
import org.manta.gpu.cuda.CudaRuntime;
import org.manta.gpu.cuda.Cufft;

/**
 * A CUDA device found by {@link GpuProbe}, with the libraries to drive it.
 *
 * @param name          the driver's device name, e.g. "NVIDIA H100 80GB HBM3"
 * @param totalMemory   device memory, bytes
 * @param freeMemory    free device memory when probed, bytes
 * @param driverVersion e.g. 13000 for CUDA 13.0
 */
public record GpuDevice(CudaRuntime runtime, CudaDriver driver, Cufft cufft, int ordinal, String name,
                        long totalMemory, long freeMemory, int ccMajor, int ccMinor, int driverVersion,
                        int runtimeVersion, int cufftVersion) {

    /** One line: name, memory, compute capability, versions. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s, %.1f GiB (%.1f GiB free), compute capability %d.%d, "
                        + "driver CUDA %d.%d, runtime %d.%d (%s), cuFFT %d", name, totalMemory / 1073741824.0,
                freeMemory / 1073741824.0, ccMajor, ccMinor, driverVersion / 1000, driverVersion % 1000 / 10,
                runtimeVersion / 1000, runtimeVersion % 1000 / 10, runtime.soname(), cufftVersion);
    }
}
