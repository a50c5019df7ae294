/**
 * The discrete Fourier transform of real segments and the kernels that turn it into powers and
 * cross powers (science.md §4): {@link org.manta.core.fourier.RealFft} (one reusable plan per thread)
 * and {@link org.manta.core.fourier.FourierKernels} (static, allocation-free accumulation over the
 * positive frequencies, zero and Nyquist excluded).
 */
package org.manta.core.fourier;
