/**
 * The {@code manta demo} simulation and the small estimators it reports with: a Timmer &amp; König (1995)
 * light curve with red noise and a QPO, two energy bands with a known hard lag, Poisson events inside GTIs
 * ({@link org.manta.cli.demo.DemoSimulation}); the QPO peak of a power spectrum and the mean lag in a
 * frequency band ({@link org.manta.cli.demo.SpectralFeatures}).
 */
package org.manta.cli.demo;
