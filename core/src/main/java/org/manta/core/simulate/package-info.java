/**
 * Simulated observations (deterministic for a seed): a Timmer &amp; König (1995) light curve with red noise and
 * a QPO, two energy bands with a known hard lag, Poisson events inside GTIs
 * ({@link org.manta.core.simulate.DemoSimulation}, the observation of {@code manta demo}), and the truth it was
 * drawn from to compare an analysis against.
 */
package org.manta.core.simulate;
