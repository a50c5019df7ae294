/**
 * Mergeable spectral accumulators and the products they finalise (science.md §5–11, §14, §15; errata H1,
 * M3–M5, L1, L2, L4–L6).
 *
 * <ul>
 *   <li>Accumulators ({@link org.manta.core.spectrum.Accumulator}): {@code add} a segment,
 *       {@code combine} partial results over disjoint segments, {@code result(norm)}. Normalisation
 *       happens only in {@code result}. {@link org.manta.core.spectrum.PowerAccumulator},
 *       {@link org.manta.core.spectrum.CrossAccumulator},
 *       {@link org.manta.core.spectrum.DynamicalPowerAccumulator}.</li>
 *   <li>Products (records): {@link org.manta.core.spectrum.AveragedPowerSpectrum},
 *       {@link org.manta.core.spectrum.AveragedCrossSpectrum},
 *       {@link org.manta.core.spectrum.DynamicalPowerSpectrum}, with rebinning, lags, coherence, rms.</li>
 *   <li>Kernels: {@link org.manta.core.spectrum.Rebin}, {@link org.manta.core.spectrum.CrossStatistics},
 *       {@link org.manta.core.spectrum.IntegratedRms}, {@link org.manta.core.spectrum.PowerColors} (§15).</li>
 *   <li>Poisson noise levels: {@link org.manta.core.spectrum.Normalization#poissonLevel}; significance of
 *       powers: {@code org.manta.core.stats} (§16).</li>
 *   <li>{@link org.manta.core.spectrum.Spectra}: the plain single-threaded path from data to spectra.</li>
 * </ul>
 */
package org.manta.core.spectrum;
