package org.manta.mesh.common.partial;

import org.manta.core.fourier.RealFft;

/**
 * One thread's reusable FFT plan and count buffers (style.md §2: costly setup in per-thread plans),
 * re-planned only when a segment of another length comes along. Not thread-safe.
 */
public final class Workspace {
    private RealFft fft;
    private double[] counts1 = new double[0];
    private double[] counts2 = new double[0];

    /** Makes the plan and buffers fit {@code nbin} bins. */
    void prepare(int nbin) {
        if (fft == null || fft.n() != nbin) {
            fft = new RealFft(nbin);
        }
        if (counts1.length < nbin) {
            counts1 = new double[nbin];
            counts2 = new double[nbin];
        }
    }

    RealFft fft() {
        return fft;
    }

    double[] counts1() {
        return counts1;
    }

    double[] counts2() {
        return counts2;
    }
}
