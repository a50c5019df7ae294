/**
 * Binned light curves (science.md §1.2–1.3 with science-errata H3, M2; Stingray
 * {@code lightcurve.Lightcurve}, {@code EventList.to_lc}): {@link org.manta.core.lightcurve.LightCurve}
 * with bin centres, counts and Garwood Poisson errors ({@link org.manta.core.lightcurve.PoissonErrors}),
 * GTI application and the mean rate.
 */
package org.manta.core.lightcurve;
