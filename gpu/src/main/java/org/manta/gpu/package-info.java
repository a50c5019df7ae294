/**
 * Segment spectra on a CUDA GPU (docs/gpu.md): event times → histogram on the device → batched cuFFT D2Z →
 * power, cross power or dynamical rows accumulated on the device → the core accumulators' state. The CUDA
 * libraries are called through the JDK's foreign function API ({@code cuda} package), nothing is linked at
 * build time, and {@link org.manta.gpu.GpuProbe} says in one line why a machine cannot run it.
 */
package org.manta.gpu;
