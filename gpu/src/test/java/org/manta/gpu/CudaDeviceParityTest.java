package org.manta.gpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * The parity tests on this machine's CUDA device; skipped, with the probe's reason, where there is none.
 * Batches are as small as the emulated ones (the layout is given, not planned on the free memory), so the
 * same slot and capacity edges are crossed.
 */
class CudaDeviceParityTest extends DeviceParityTest {
    /**
     * cuFFT and JTransforms are different FP64 FFTs: their spectra differ by O(ε·log2 N) of the signal's
     * norm, so a summed power differs by about 1e-14 of the largest power; 1e-9 leaves room and is the
     * tolerance our CPU path has against numpy's FFT.
     */
    private static final double CUFFT_VS_JTRANSFORMS = 1e-9;

    @BeforeAll
    static void needsDevice() {
        GpuProbe.Result probe = GpuProbe.system();
        assumeTrue(probe instanceof GpuProbe.Found, () -> "skipped: " + probe.describe());
    }

    @Override
    SpectralDevice device() {
        return new CudaDevice(((GpuProbe.Found) GpuProbe.system()).device());
    }

    @Override
    double tolerance() {
        return CUFFT_VS_JTRANSFORMS;
    }
}
