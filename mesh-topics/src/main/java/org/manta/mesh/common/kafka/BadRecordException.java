package org.manta.mesh.common.kafka;

import org.manta.core.MantaException;

/** A Kafka record value that cannot be read: not the expected message, or an unknown format version. */
public class BadRecordException extends MantaException {
    public BadRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
