package org.manta.core.pipeline;

import org.manta.core.MantaException;

/** A segment engine cannot run here: its backend is missing, or it found no device. The message is one line. */
public class EngineUnavailableException extends MantaException {
    public EngineUnavailableException(String message) {
        super(message);
    }
}
