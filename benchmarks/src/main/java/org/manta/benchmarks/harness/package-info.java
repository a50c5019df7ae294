/**
 * {@code manta bench}, the end-to-end performance harness: simulated event files in the benchmark setting of
 * the Stingray peers ({@link org.manta.core.simulate.BenchmarkObservation}), {@code pds} and {@code cpds}
 * from FITS each in a fresh JVM ({@link org.manta.benchmarks.harness.BenchRun}), and the report
 * ({@link org.manta.benchmarks.harness.BenchCommand}). The JMH kernel benchmarks are in the parent package.
 */
package org.manta.benchmarks.harness;
