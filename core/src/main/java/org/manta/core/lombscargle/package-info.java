/**
 * Lomb–Scargle Fourier transforms, periodograms and cross spectra of unevenly sampled light curves
 * (science.md §18; Stingray {@code lombscargle.py}, {@code fourier.lsft_slow}, {@code lsft_fast};
 * Scargle 1989, Press &amp; Rybicki 1989): {@link org.manta.core.lombscargle.LombScargleTransform}
 * (static kernels), {@link org.manta.core.lombscargle.FrequencyGrid} (Stingray's
 * {@code _autofrequency}), {@link org.manta.core.lombscargle.LombScargleCrossSpectrum} and
 * {@link org.manta.core.lombscargle.LombScarglePowerSpectrum} (normalised products with time lags);
 * {@link org.manta.core.lombscargle.FloatingMeanPeriodogram} (astropy's floating-mean periodogram, "psd"
 * normalisation, exact; used by the Lomb–Scargle multitaper).
 */
package org.manta.core.lombscargle;
