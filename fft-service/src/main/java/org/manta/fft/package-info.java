/**
 * fft-service (design.md §2): stateless workers that bin and FFT the segments of
 * {@code manta.segments} on the CPU and publish partial accumulators on {@code manta.partials},
 * exactly once (Kafka transactions).
 */
package org.manta.fft;
