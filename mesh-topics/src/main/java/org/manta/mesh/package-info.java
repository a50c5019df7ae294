/**
 * What every Manta mesh service shares about Kafka: the topic names, their keys, value types and
 * configurations, declared once in {@link org.manta.mesh.Topics} so that services and tests import
 * the same constants (style.md §8; design.md §2).
 */
package org.manta.mesh;
