package org.manta.core;

/** Two accumulators or spectra cannot be combined (different n, dt, bands or overlapping segments). */
public class IncompatibleSpectraException extends MantaException {
    public IncompatibleSpectraException(String message) {
        super(message);
    }
}
