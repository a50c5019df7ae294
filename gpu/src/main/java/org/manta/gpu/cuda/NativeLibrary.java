package org.manta.gpu.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * A shared library opened by the first of several sonames that loads (e.g. {@code libcufft.so.12}, then
 * {@code .so.11}), and downcall handles to its functions. Nothing is linked at build time: a machine without
 * the library builds, and finds out at run time, in one line ({@link #open}'s empty result).
 */
final class NativeLibrary {
    private static final Linker LINKER = Linker.nativeLinker();

    private final String soname;
    private final SymbolLookup lookup;

    private NativeLibrary(String soname, SymbolLookup lookup) {
        this.soname = soname;
        this.lookup = lookup;
    }

    /** The first of {@code sonames} that the dynamic loader opens, kept open by {@code arena}; empty if none does. */
    static Optional<NativeLibrary> open(List<String> sonames, Arena arena) {
        for (String name : sonames) {
            try {
                return Optional.of(new NativeLibrary(name, SymbolLookup.libraryLookup(name, arena)));
            } catch (IllegalArgumentException notFound) {
                // try the next soname
            }
        }
        return Optional.empty();
    }

    String soname() {
        return soname;
    }

    /**
     * A downcall handle to {@code symbol}.
     *
     * @throws CudaException if the library has no such function (another major version than expected)
     */
    MethodHandle function(String symbol, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(lookup.find(symbol).orElseThrow(
                () -> new CudaException(soname + " has no function " + symbol)), descriptor);
    }
}
