package org.manta.core;

/**
 * Root of every exception Manta throws on purpose. Unchecked: callers decide where to translate it
 * (the CLI into exit code 2, the services into a gRPC {@code Status}).
 */
public class MantaException extends RuntimeException {
    public MantaException(String message) {
        super(message);
    }

    public MantaException(String message, Throwable cause) {
        super(message, cause);
    }
}
