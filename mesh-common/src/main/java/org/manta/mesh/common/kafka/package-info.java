/**
 * Kafka plumbing shared by the services: client settings ({@link org.manta.mesh.common.kafka.KafkaClients}),
 * record keys ({@link org.manta.mesh.common.kafka.Keys}) and value codecs with format-version checks
 * ({@link org.manta.mesh.common.kafka.RecordCodec}), live views of compacted topics
 * ({@link org.manta.mesh.common.kafka.KeyedTopicView} over a
 * {@link org.manta.mesh.common.kafka.CompactedTopicReader}). Topic names and configs are in
 * {@code org.manta.mesh.Topics} (kafka-harness), declared once.
 */
package org.manta.mesh.common.kafka;
