/**
 * The small estimators {@code manta demo} reports with: the QPO peak of a power spectrum and the mean lag in a
 * frequency band ({@link org.manta.cli.demo.SpectralFeatures}). The simulation itself is core's
 * {@link org.manta.core.simulate}.
 */
package org.manta.cli.demo;
