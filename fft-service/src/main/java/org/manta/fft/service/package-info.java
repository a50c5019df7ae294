/** The folding of batches of work units into partial accumulators ({@link org.manta.fft.service.BatchFolder}), free of Kafka. */
package org.manta.fft.service;
