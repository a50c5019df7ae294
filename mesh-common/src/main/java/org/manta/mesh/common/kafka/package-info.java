/**
 * Kafka plumbing shared by the services: client settings ({@link org.manta.mesh.common.kafka.KafkaClients}),
 * live views of compacted topics ({@link org.manta.mesh.common.kafka.KeyedTopicView} over a
 * {@link org.manta.mesh.common.kafka.CompactedTopicReader}), the transactional batch loop. The topic
 * contract is declared once in module mesh-topics, in this package too: record keys
 * ({@link org.manta.mesh.common.kafka.Keys}) and value codecs with format-version checks
 * ({@link org.manta.mesh.common.kafka.RecordCodec}), next to the topic names and configs in
 * {@code org.manta.mesh.Topics}.
 */
package org.manta.mesh.common.kafka;
