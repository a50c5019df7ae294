/**
 * fft-service (design.md §2.1): stateless workers that read the rows of the work units of
 * {@code manta.units} from the shared storage, cut, bin and FFT their segments on the CPU and publish
 * partial accumulators on {@code manta.partials}, exactly once (Kafka transactions).
 */
package org.manta.fft;
