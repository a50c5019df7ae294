/**
 * Bindings (java.lang.foreign downcalls) to the CUDA runtime ({@code libcudart}), the driver API
 * ({@code libcuda}: PTX modules and kernel launches) and cuFFT ({@code libcufft}), by soname, CUDA 13 first.
 */
package org.manta.gpu.cuda;
