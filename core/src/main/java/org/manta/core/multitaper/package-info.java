/**
 * The multitaper power spectrum (science.md §19; Stingray {@code multitaper.py}; Thomson 1982,
 * Percival &amp; Walden 1993): {@link org.manta.core.multitaper.Dpss} (discrete prolate spheroidal
 * sequences from the symmetric tridiagonal eigenproblem, as {@code scipy.signal.windows.dpss}),
 * {@link org.manta.core.multitaper.MultitaperSpectrum} (eigenvalue-weighted or adaptive combination,
 * jackknife variance of the log spectrum; and the Lomb–Scargle multitaper of uneven light curves, whose tapers
 * {@link org.manta.core.multitaper.EvenCubicSpline} interpolates onto the times).
 */
package org.manta.core.multitaper;
