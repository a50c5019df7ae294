package org.manta.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The CUDA driver API ({@code libcuda.so.1}, installed with the NVIDIA driver, not the toolkit): device name
 * and memory, loading PTX ({@code cuModuleLoadData}, JIT-compiled by the driver for the device) and launching
 * its kernels. It works in the primary context that the runtime made current ({@link CudaRuntime#setDevice}).
 */
public final class CudaDriver {
    public static final List<String> SONAMES = List.of("libcuda.so.1");
    private static final int ATTRIBUTE_CC_MAJOR = 75;
    private static final int ATTRIBUTE_CC_MINOR = 76;

    private final MethodHandle init;
    private final MethodHandle driverGetVersion;
    private final MethodHandle deviceGet;
    private final MethodHandle deviceGetName;
    private final MethodHandle deviceTotalMem;
    private final MethodHandle deviceGetAttribute;
    private final MethodHandle moduleLoadData;
    private final MethodHandle moduleGetFunction;
    private final MethodHandle moduleUnload;
    private final MethodHandle launchKernel;
    private final MethodHandle getErrorString;

    private CudaDriver(NativeLibrary lib) {
        init = lib.function("cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        driverGetVersion = lib.function("cuDriverGetVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        deviceGet = lib.function("cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        deviceGetName = lib.function("cuDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        deviceTotalMem = lib.function("cuDeviceTotalMem_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        deviceGetAttribute = lib.function("cuDeviceGetAttribute",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        moduleLoadData = lib.function("cuModuleLoadData", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        moduleGetFunction = lib.function("cuModuleGetFunction",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        moduleUnload = lib.function("cuModuleUnload", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        launchKernel = lib.function("cuLaunchKernel", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        getErrorString = lib.function("cuGetErrorString", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    /** The driver library, if the dynamic loader opens one of {@code sonames}. */
    public static Optional<CudaDriver> load(List<String> sonames, Arena arena) {
        return NativeLibrary.open(sonames, arena).map(CudaDriver::new);
    }

    /** What the driver says about a device. */
    public record DeviceInfo(String name, long totalMemory, int ccMajor, int ccMinor, int driverVersion) {
    }

    /** {@code cuInit} and the properties of device {@code ordinal}. */
    public DeviceInfo describe(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            check((int) init.invokeExact(0), "cuInit");
            MemorySegment dev = a.allocate(JAVA_INT);
            check((int) deviceGet.invokeExact(dev, ordinal), "cuDeviceGet(" + ordinal + ")");
            int d = dev.get(JAVA_INT, 0);
            MemorySegment name = a.allocate(256);
            check((int) deviceGetName.invokeExact(name, 256, d), "cuDeviceGetName");
            MemorySegment mem = a.allocate(JAVA_LONG);
            check((int) deviceTotalMem.invokeExact(mem, d), "cuDeviceTotalMem");
            MemorySegment v = a.allocate(JAVA_INT);
            check((int) deviceGetAttribute.invokeExact(v, ATTRIBUTE_CC_MAJOR, d), "cuDeviceGetAttribute");
            int major = v.get(JAVA_INT, 0);
            check((int) deviceGetAttribute.invokeExact(v, ATTRIBUTE_CC_MINOR, d), "cuDeviceGetAttribute");
            int minor = v.get(JAVA_INT, 0);
            check((int) driverGetVersion.invokeExact(v), "cuDriverGetVersion");
            return new DeviceInfo(name.getString(0), mem.get(JAVA_LONG, 0), major, minor, v.get(JAVA_INT, 0));
        } catch (Throwable t) {
            throw CudaRuntime.rethrow(t);
        }
    }

    /** Loads PTX text into the current context (the driver JIT-compiles it); returns the module. */
    public MemorySegment loadModule(String ptx) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment image = a.allocateFrom(ptx, StandardCharsets.US_ASCII);
            MemorySegment module = a.allocate(ADDRESS);
            check((int) moduleLoadData.invokeExact(module, image), "cuModuleLoadData");
            return module.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw CudaRuntime.rethrow(t);
        }
    }

    public MemorySegment function(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment f = a.allocate(ADDRESS);
            check((int) moduleGetFunction.invokeExact(f, module, a.allocateFrom(name)), "cuModuleGetFunction(" + name + ")");
            return f.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw CudaRuntime.rethrow(t);
        }
    }

    public void unload(MemorySegment module) {
        try {
            check((int) moduleUnload.invokeExact(module), "cuModuleUnload");
        } catch (Throwable t) {
            throw CudaRuntime.rethrow(t);
        }
    }

    /**
     * Launches {@code function} on {@code stream}; each argument is a {@link MemorySegment} (a pointer), an
     * {@link Integer} ({@code int}), a {@link Long} ({@code long long}) or a {@link Double} ({@code double}), in
     * the kernel's parameter order.
     */
    public void launch(MemorySegment function, int[] grid, int block, MemorySegment stream, Object... args) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(ADDRESS, args.length);
            for (int i = 0; i < args.length; i++) {
                MemorySegment slot = switch (args[i]) {
                    case MemorySegment p -> a.allocateFrom(ADDRESS, p);
                    case Integer v -> a.allocateFrom(JAVA_INT, v);
                    case Long v -> a.allocateFrom(JAVA_LONG, v);
                    case Double v -> a.allocateFrom(java.lang.foreign.ValueLayout.JAVA_DOUBLE, v);
                    default -> throw new IllegalArgumentException("kernel argument " + i + ": " + args[i]);
                };
                params.setAtIndex(ADDRESS, i, slot);
            }
            check((int) launchKernel.invokeExact(function, grid[0], grid[1], 1, block, 1, 1, 0, stream, params,
                    MemorySegment.NULL), "cuLaunchKernel");
        } catch (Throwable t) {
            throw CudaRuntime.rethrow(t);
        }
    }

    private void check(int error, String call) throws Throwable {
        if (error != 0) {
            String text;
            try (Arena a = Arena.ofConfined()) {
                MemorySegment p = a.allocate(ADDRESS);
                int rc = (int) getErrorString.invokeExact(error, p);
                MemorySegment s = p.get(ADDRESS, 0);
                text = rc == 0 && !s.equals(MemorySegment.NULL) ? s.reinterpret(256).getString(0) : "unknown error";
            }
            throw new CudaException(call + " failed: " + text + " (CUresult " + error + ")");
        }
    }
}
