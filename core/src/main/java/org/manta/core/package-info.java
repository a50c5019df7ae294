/**
 * Manta's framework-free science core. Sub-packages follow the science: {@code events}, {@code gti},
 * {@code segment}, {@code fourier}, {@code spectrum}, {@code lightcurve}, {@code stats}, {@code io},
 * {@code simulate}.
 * The exception root is {@link org.manta.core.MantaException}.
 */
package org.manta.core;
