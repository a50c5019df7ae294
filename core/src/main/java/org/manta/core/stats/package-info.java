/**
 * Statistical significance of powers (science.md §16; Stingray {@code stats.py} and
 * {@code crossspectrum.cospectra_pvalue}).
 *
 * <ul>
 *   <li>{@link org.manta.core.stats.Significance}: p-values of (averaged, rebinned) Leahy powers and of
 *       averaged cospectra, detection levels, multi-trial corrections, equivalent Gaussian sigma.</li>
 *   <li>{@link org.manta.core.stats.ClassicalSignificances}: the bins of a spectrum below a p-value
 *       threshold (Stingray {@code classical_significances}).</li>
 *   <li>{@link org.manta.core.stats.Tails}: upper tails of the χ² and normal distributions and their
 *       inverses, precise down to tiny probabilities (Commons Math special functions and solver).</li>
 *   <li>{@link org.manta.core.stats.NoncentralChiSquared}: the noncentral χ² (a Poisson mixture of central ones),
 *       which Commons Math lacks; {@link org.manta.core.stats.UpperLimits}: upper limits on a signal's power,
 *       amplitude and pulsed fraction and confidence limits on a power (Stingray {@code power_upper_limit} …;
 *       Vaughan et al. 1994); {@link org.manta.core.stats.PowerUpperLimit}: those at the highest power of a range.</li>
 * </ul>
 */
package org.manta.core.stats;
