/**
 * Variability-versus-energy spectra (Stingray {@code varenergyspectrum.py}; science.md §12–13): rms, lag,
 * covariance, complex covariance, count and excess-variance spectra of many energy bands.
 *
 * <ul>
 *   <li>{@link org.manta.core.varenergy.VarEnergyAccumulator}: the Fourier kinds of every band from one pass,
 *       mergeable sums over the frequency window; {@link org.manta.core.varenergy.VarEnergyKernel} is its
 *       per-segment step (all bands histogrammed in one sweep), {@link org.manta.core.varenergy.VarEnergySpectra}
 *       its finishing formulas.</li>
 *   <li>{@link org.manta.core.varenergy.ExcessVarianceAccumulator}: the excess variance (Vaughan et al. 2003) as
 *       Stingray intends it (its own spectrum is always NaN, see the class).</li>
 *   <li>{@link org.manta.core.varenergy.VarEnergyRequest}, {@link org.manta.core.varenergy.VarEnergyLayout},
 *       {@link org.manta.core.varenergy.EnergyBands}: what is asked and what partials share; the segments and
 *       GTIs are planned by {@link org.manta.core.plan.JobPlan} as for the other products.</li>
 *   <li>{@link org.manta.core.varenergy.VarEnergyPipeline}: the embedded, streaming path from event files.</li>
 * </ul>
 */
package org.manta.core.varenergy;
