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
 * cuFFT ({@code libcufft}, cufft.h): batched 1-D double-precision real-to-complex transforms
 * ({@code cufftPlanMany} with {@code CUFFT_D2Z}), in place, on a stream. Same convention as numpy and
 * {@code RealFft}: {@code X_j = Σ x_k exp(-2πi jk/n)}, unnormalised; output {@code X_0..X_{n/2}}.
 */
public final class Cufft {
    /** Sonames tried in order: CUDA 13 ships libcufft.so.12, CUDA 12 libcufft.so.11. */
    public static final List<String> SONAMES = List.of("libcufft.so.12", "libcufft.so.11");
    private static final int CUFFT_D2Z = 0x6a;

    private final MethodHandle planMany;
    private final MethodHandle setStream;
    private final MethodHandle execD2Z;
    private final MethodHandle destroy;
    private final MethodHandle estimateMany;
    private final MethodHandle getVersion;

    private Cufft(NativeLibrary lib) {
        planMany = lib.function("cufftPlanMany", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS,
                JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        setStream = lib.function("cufftSetStream", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        execD2Z = lib.function("cufftExecD2Z", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        destroy = lib.function("cufftDestroy", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        estimateMany = lib.function("cufftEstimateMany", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS,
                JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        getVersion = lib.function("cufftGetVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    public static Optional<Cufft> load(List<String> sonames, Arena arena) {
        return NativeLibrary.open(sonames, arena).map(Cufft::new);
    }

    /** cuFFT's version, e.g. 12000. */
    public int version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            check((int) getVersion.invokeExact(v), "cufftGetVersion");
            return v.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw CudaRuntime.rethrow(t);
        }
    }

    /**
     * A plan for {@code batch} in-place D2Z transforms of {@code n} samples: input rows of {@code rowStride}
     * doubles ({@code 2·(n/2+1)}, the in-place padding), output rows of {@code n/2+1} complex values at the
     * same place, on {@code stream}.
     */
    public int planInPlaceD2Z(int n, int rowStride, int batch, MemorySegment stream) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment plan = a.allocate(JAVA_INT);
            MemorySegment dims = a.allocateFrom(JAVA_INT, n);
            MemorySegment inembed = a.allocateFrom(JAVA_INT, rowStride);
            MemorySegment onembed = a.allocateFrom(JAVA_INT, n / 2 + 1);
            check((int) planMany.invokeExact(plan, 1, dims, inembed, 1, rowStride, onembed, 1, n / 2 + 1, CUFFT_D2Z,
                    batch), "cufftPlanMany(n = " + n + ", batch = " + batch + ")");
            int handle = plan.get(JAVA_INT, 0);
            check((int) setStream.invokeExact(handle, stream), "cufftSetStream");
            return handle;
        } catch (Throwable t) {
            throw CudaRuntime.rethrow(t);
        }
    }

    /** cuFFT's estimate of the work area of {@link #planInPlaceD2Z}, bytes. */
    public long estimateWork(int n, int rowStride, int batch) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment size = a.allocate(JAVA_LONG);
            check((int) estimateMany.invokeExact(1, a.allocateFrom(JAVA_INT, n), a.allocateFrom(JAVA_INT, rowStride),
                    1, rowStride, a.allocateFrom(JAVA_INT, n / 2 + 1), 1, n / 2 + 1, CUFFT_D2Z, batch, size),
                    "cufftEstimateMany");
            return size.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw CudaRuntime.rethrow(t);
        }
    }

    /** Transforms every row of {@code rows} in place (asynchronous, on the plan's stream). */
    public void execInPlace(int plan, MemorySegment rows) {
        try {
            check((int) execD2Z.invokeExact(plan, rows, rows), "cufftExecD2Z");
        } catch (Throwable t) {
            throw CudaRuntime.rethrow(t);
        }
    }

    public void destroy(int plan) {
        try {
            check((int) destroy.invokeExact(plan), "cufftDestroy");
        } catch (Throwable t) {
            throw CudaRuntime.rethrow(t);
        }
    }

    private static void check(int result, String call) {
        if (result != 0) {
            throw new CudaException(call + " failed: cufftResult " + result);
        }
    }
}
