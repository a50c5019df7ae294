package org.manta.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * The few functions of the CUDA runtime ({@code libcudart}, cuda_runtime_api.h) that Manta calls: devices,
 * memory (device and pinned host), asynchronous copies and streams. {@code cudaStream_t} and device pointers
 * are addresses; errors become {@link CudaException}s naming the call.
 */
public final class CudaRuntime {
    /** Sonames tried in order: CUDA 13, then 12. */
    public static final List<String> SONAMES = List.of("libcudart.so.13", "libcudart.so.12");
    /** {@code cudaMemcpyHostToDevice}, {@code cudaMemcpyDeviceToHost}. */
    static final int HOST_TO_DEVICE = 1;
    static final int DEVICE_TO_HOST = 2;

    private final String soname;
    private final MethodHandle getDeviceCount;
    private final MethodHandle setDevice;
    private final MethodHandle memGetInfo;
    private final MethodHandle malloc;
    private final MethodHandle free;
    private final MethodHandle mallocHost;
    private final MethodHandle freeHost;
    private final MethodHandle memcpyAsync;
    private final MethodHandle memsetAsync;
    private final MethodHandle streamCreate;
    private final MethodHandle streamSynchronize;
    private final MethodHandle streamDestroy;
    private final MethodHandle getErrorString;
    private final MethodHandle runtimeGetVersion;

    private CudaRuntime(NativeLibrary lib) {
        soname = lib.soname();
        getDeviceCount = lib.function("cudaGetDeviceCount", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        setDevice = lib.function("cudaSetDevice", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        memGetInfo = lib.function("cudaMemGetInfo", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        malloc = lib.function("cudaMalloc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        free = lib.function("cudaFree", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        mallocHost = lib.function("cudaMallocHost", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        freeHost = lib.function("cudaFreeHost", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        memcpyAsync = lib.function("cudaMemcpyAsync",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS));
        memsetAsync = lib.function("cudaMemsetAsync",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS));
        streamCreate = lib.function("cudaStreamCreate", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        streamSynchronize = lib.function("cudaStreamSynchronize", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        streamDestroy = lib.function("cudaStreamDestroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getErrorString = lib.function("cudaGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        runtimeGetVersion = lib.function("cudaRuntimeGetVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    /** The runtime of the first of {@code sonames} that loads; empty if none does. */
    public static Optional<CudaRuntime> load(List<String> sonames, Arena arena) {
        return NativeLibrary.open(sonames, arena).map(CudaRuntime::new);
    }

    public String soname() {
        return soname;
    }

    /** {@code cudaGetDeviceCount}: the raw error code and the count (0 unless the code is 0). */
    public record DeviceCount(int error, int count) {
    }

    public DeviceCount deviceCount() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = a.allocate(JAVA_INT);
            int rc = (int) getDeviceCount.invokeExact(n);
            return new DeviceCount(rc, rc == 0 ? n.get(JAVA_INT, 0) : 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The runtime's text for an error code. */
    public String errorString(int error) {
        try {
            MemorySegment s = (MemorySegment) getErrorString.invokeExact(error);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code cudaRuntimeGetVersion}, e.g. 13000. */
    public int version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            check((int) runtimeGetVersion.invokeExact(v), "cudaRuntimeGetVersion");
            return v.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Makes {@code device} and its primary context current on the calling thread (since CUDA 12 this also
     * initialises the context at once, so driver API calls on this thread find it). Cheap: no synchronisation.
     */
    public void setDevice(int device) {
        try {
            check((int) setDevice.invokeExact(device), "cudaSetDevice(" + device + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code setDevice} and a no-op {@code cudaFree(NULL)}, which forces the context's creation on older runtimes too. */
    public void initialize(int device) {
        setDevice(device);
        try {
            check((int) free.invokeExact(MemorySegment.NULL), "cudaFree(NULL)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Free and total device memory, bytes. */
    public long[] memoryInfo() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment f = a.allocate(JAVA_LONG);
            MemorySegment t = a.allocate(JAVA_LONG);
            check((int) memGetInfo.invokeExact(f, t), "cudaMemGetInfo");
            return new long[] {f.get(JAVA_LONG, 0), t.get(JAVA_LONG, 0)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code cudaMalloc}: a device buffer (an address the host must not dereference). */
    public MemorySegment deviceAlloc(long bytes) {
        return alloc(malloc, bytes, "cudaMalloc");
    }

    /** {@code cudaMallocHost}: page-locked host memory, readable here, copied asynchronously. */
    public MemorySegment hostAlloc(long bytes) {
        return alloc(mallocHost, bytes, "cudaMallocHost").reinterpret(bytes);
    }

    public void deviceFree(MemorySegment p) {
        call(free, p, "cudaFree");
    }

    public void hostFree(MemorySegment p) {
        call(freeHost, p, "cudaFreeHost");
    }

    /** Copies {@code bytes} from {@code src} to {@code dst} on {@code stream}, {@code kind} as cudaMemcpyKind. */
    public void copyAsync(MemorySegment dst, MemorySegment src, long bytes, int kind, MemorySegment stream) {
        try {
            check((int) memcpyAsync.invokeExact(dst, src, bytes, kind, stream), "cudaMemcpyAsync(" + bytes + " B)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Zeroes {@code bytes} of device memory on {@code stream}. */
    public void zeroAsync(MemorySegment dst, long bytes, MemorySegment stream) {
        try {
            check((int) memsetAsync.invokeExact(dst, 0, bytes, stream), "cudaMemsetAsync(" + bytes + " B)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public MemorySegment streamCreate() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(ADDRESS);
            check((int) streamCreate.invokeExact(s), "cudaStreamCreate");
            return s.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public void streamSynchronize(MemorySegment stream) {
        call(streamSynchronize, stream, "cudaStreamSynchronize");
    }

    public void streamDestroy(MemorySegment stream) {
        call(streamDestroy, stream, "cudaStreamDestroy");
    }

    private MemorySegment alloc(MethodHandle h, long bytes, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            check((int) h.invokeExact(p, bytes), name + "(" + bytes + " B)");
            return p.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private void call(MethodHandle h, MemorySegment arg, String name) {
        try {
            check((int) h.invokeExact(arg), name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private void check(int error, String call) {
        if (error != 0) {
            throw new CudaException(call + " failed: " + errorString(error) + " (cudaError " + error + ")");
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
