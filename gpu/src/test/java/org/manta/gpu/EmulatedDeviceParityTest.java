package org.manta.gpu;

/**
 * The parity tests on the {@link EmulatedDevice}: the same FFT as the CPU, so only the lanes' summation order
 * differs, and the engine's batching and bookkeeping are checked on every machine.
 */
class EmulatedDeviceParityTest extends DeviceParityTest {
    /** Two lanes summed separately and combined: reassociation only, a few ulp of the largest value. */
    private static final double REASSOCIATED = 1e-13;

    @Override
    SpectralDevice device() {
        return new EmulatedDevice(Long.MAX_VALUE);
    }

    @Override
    double tolerance() {
        return REASSOCIATED;
    }
}
