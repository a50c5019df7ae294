/**
 * Higher-order spectra (science.md §20): {@link org.manta.core.bispectrum.Bispectrum}, Stingray's
 * indirect (third-order cumulant) bispectrum with its lag windows ({@link org.manta.core.bispectrum.LagWindow});
 * and {@link org.manta.core.bispectrum.Bicoherence}, the segment-averaged direct estimate of the
 * normalised bispectrum (Kim &amp; Powers 1979), which Stingray does not have.
 */
package org.manta.core.bispectrum;
