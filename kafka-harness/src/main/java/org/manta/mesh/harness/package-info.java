/**
 * A real Apache Kafka broker for tests and for the local mesh ({@code manta up}): KRaft combined
 * mode (broker and controller in one node, no ZooKeeper, no Docker), started as a separate JVM on
 * free loopback ports with a temporary log directory (stack.md §3.5). The broker's jars come from
 * the {@code kafka-broker} module and never share a classpath with the caller.
 *
 * <p>Entry point: {@link org.manta.mesh.harness.KafkaBroker}.
 */
package org.manta.mesh.harness;
