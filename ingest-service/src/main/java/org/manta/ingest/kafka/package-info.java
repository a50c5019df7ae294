/**
 * ingest-service's Kafka side: the producer of job records and job inputs, and the view of the
 * running products that {@code JobService.Watch} attaches.
 */
package org.manta.ingest.kafka;
