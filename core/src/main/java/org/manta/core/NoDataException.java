package org.manta.core;

/**
 * The input holds no usable data for the request: no segment survived, an energy band has no
 * events, no GTI is long enough for one segment. The message says which and why.
 */
public class NoDataException extends MantaException {
    public NoDataException(String message) {
        super(message);
    }
}
