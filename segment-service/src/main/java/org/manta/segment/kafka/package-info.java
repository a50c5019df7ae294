/** The Kafka Streams adapter of segment-service: topology, processor, metrics. */
package org.manta.segment.kafka;
