/**
 * Dead time (science.md §21): the Fourier Amplitude Difference correction of two independent
 * detectors ({@link org.manta.core.deadtime.FadAccumulator}; Bachetti &amp; Huppenkothen 2018), the
 * non-paralyzable dead-time power spectrum model ({@link org.manta.core.deadtime.DeadTimeModel}; Zhang
 * et al. 1995) and the dead-time filter on events ({@link org.manta.core.deadtime.DeadTimeFilter}).
 * Stingray {@code stingray/deadtime/fad.py}, {@code deadtime/model.py}, {@code filters.py}.
 */
package org.manta.core.deadtime;
