package org.manta.core.plan;

/** What a segment job computes: the averaged products of science.md §6, §7 and §14. */
public enum SpectrumKind {
    /** Averaged power spectrum (Stingray {@code AveragedPowerspectrum}). */
    PDS,
    /** Averaged cross spectrum with lags and coherence (Stingray {@code AveragedCrossspectrum}). */
    CPDS,
    /** Dynamical power spectrum (Stingray {@code DynamicalPowerspectrum}). */
    DYNPS;

    /** Channels a segment of this kind carries: 2 for CPDS, else 1. */
    public int channels() {
        return this == CPDS ? 2 : 1;
    }
}
