package org.manta.mesh.harness;

/** The broker could not be started, formatted or reached; the message says why and quotes its log. */
public class KafkaBrokerException extends RuntimeException {
    public KafkaBrokerException(String message) {
        super(message);
    }

    public KafkaBrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
