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
 * </ul>
 */
package org.manta.core.stats;
