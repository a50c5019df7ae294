/** ingest-service's Kafka producer of job records and event chunks. */
package org.manta.ingest.kafka;
