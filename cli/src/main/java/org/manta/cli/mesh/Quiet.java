package org.manta.cli.mesh;

/**
 * Keeps library chatter off the terminal of {@code manta up} and {@code manta submit}: the Kafka
 * clients log through SLF4J, which has no provider on the {@code manta} classpath (use the no-op
 * one instead of a three-line warning), Netty (gRPC) would use {@code sun.misc.Unsafe}, which
 * JDK 24+ warns about, and gRPC logs what its call then fails with (an unknown host: a warning and a
 * stack trace) through {@code java.util.logging}. Call before any Kafka or gRPC class is used.
 */
final class Quiet {
    /** Held, so that the level set stays: {@code java.util.logging} keeps its loggers only weakly. */
    private static final java.util.logging.Logger GRPC = java.util.logging.Logger.getLogger("io.grpc");

    private Quiet() {
    }

    static void libraries() {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        }
        if (System.getProperty("io.netty.noUnsafe") == null) {
            System.setProperty("io.netty.noUnsafe", "true");
        }
        if (!"1".equals(System.getenv("MANTA_DEBUG"))) {
            GRPC.setLevel(java.util.logging.Level.SEVERE);   // the failed call says it, in the command's words
        }
    }
}
