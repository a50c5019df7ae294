/**
 * segment-service (design.md §2): turns each job's ordered event chunks ({@code manta.chunks}) into
 * GTI-aligned segments ({@code manta.segments}) and publishes the expected segment count
 * ({@code manta.expected}) once the input is exhausted (for a job that wants a running product, a
 * preliminary one as soon as the segments are known). Kafka Streams, exactly once.
 */
package org.manta.segment;
