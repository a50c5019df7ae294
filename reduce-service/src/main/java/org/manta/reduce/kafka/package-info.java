/** The Kafka adapters of reduce-service: the Streams topology that merges partials, and the product catalog. */
package org.manta.reduce.kafka;
