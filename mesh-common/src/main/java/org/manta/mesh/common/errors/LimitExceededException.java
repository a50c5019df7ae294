package org.manta.mesh.common.errors;

import org.manta.core.MantaException;

/** A request is larger than a configured limit (gRPC {@code RESOURCE_EXHAUSTED}); the message names the limit and its property. */
public class LimitExceededException extends MantaException {
    public LimitExceededException(String what, long limit, String unit, String property) {
        super(what + " exceeds the limit of " + limit + " " + unit + " (" + property + ")");
    }
}
