/** The Kafka adapter of fft-service: transactional worker loops and their lifecycle. */
package org.manta.fft.kafka;
