/** The folding of segment batches into partial accumulators ({@link org.manta.fft.service.BatchFolder}), free of Kafka. */
package org.manta.fft.service;
