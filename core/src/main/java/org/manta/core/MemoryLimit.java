package org.manta.core;

import java.util.Locale;

/**
 * Refuses, before they are allocated, arrays that the JVM's heap cannot hold: a bin time far too short for the
 * data (e.g. {@code --dt 1e-6} over 1000 s) is then an {@link InvalidParameterException} naming the parameter
 * (exit 2, one line) instead of an {@link OutOfMemoryError} (exit 1, a stack trace).
 *
 * <p>The sizes are estimates of what a computation allocates per bin (stated where they are defined); the
 * check compares them with what the heap may still grow to, {@code maxMemory − (totalMemory − freeMemory)}.
 */
public final class MemoryLimit {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private MemoryLimit() {
    }

    /** Bytes the JVM may still allocate: its maximum heap less what is in use now. */
    public static long available() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /**
     * Checks that {@code count} items of about {@code bytesEach} bytes fit in {@link #available()}.
     *
     * @param parameter the parameter that set the count, as the user types it (e.g. {@code dt})
     * @param value     its value
     * @param count     how many items (bins, samples) would be allocated
     * @param bytesEach estimated bytes per item
     * @param what      what the items are, plural (e.g. {@code "light-curve bins over 1025 s"})
     * @param remedy    what the user can change, e.g. {@code "a larger --dt"}
     * @throws InvalidParameterException naming the parameter, the most items that fit and the memory
     */
    public static void require(String parameter, Object value, long count, long bytesEach, String what,
                               String remedy) {
        require(parameter, value, count, bytesEach, what, remedy, available());
    }

    /** As {@link #require(String, Object, long, long, String, String)} with {@code available} bytes free. */
    static void require(String parameter, Object value, long count, long bytesEach, String what, String remedy,
                        long available) {
        double need = (double) count * bytesEach;
        if (need <= available) {
            return;
        }
        throw new InvalidParameterException(parameter, value, String.format(Locale.ROOT,
                "at most %d %s with the %.2f GiB this JVM may still use (%d of them need about %.2f GiB): %s, or "
                        + "more memory (JAVA_OPTS=-Xmx…)", Math.max(available, 0) / bytesEach, what, available / GIB, count,
                need / GIB, remedy));
    }
}
