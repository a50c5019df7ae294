package org.manta.gpu.cuda;

import org.manta.core.MantaException;

/** A CUDA, driver or cuFFT call failed; the message names the call and the library's error text. */
public class CudaException extends MantaException {
    public CudaException(String message) {
        super(message);
    }
}
