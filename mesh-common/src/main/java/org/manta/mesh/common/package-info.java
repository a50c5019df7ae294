/**
 * What the mesh services (ingest, segment, fft, reduce) share, so that no service skeleton is copied:
 * <ul>
 *   <li>{@link org.manta.mesh.common.mapping}: pure proto ⇄ core mappers and the validation of a
 *       {@code JobSpec} into a {@link org.manta.mesh.common.mapping.JobPlan};</li>
 *   <li>{@link org.manta.mesh.common.partial}: the mesh's partial accumulator (a core accumulator plus
 *       the set of processed segment indices), folded by workers and merged by the reducer;</li>
 *   <li>{@link org.manta.mesh.common.kafka}: Kafka client settings and topic views (topic names, configs,
 *       keys and record codecs are declared once in module mesh-topics: {@code org.manta.mesh.Topics});</li>
 *   <li>{@link org.manta.mesh.common.jobs}: job records on {@code manta.jobs} and a live view of them;</li>
 *   <li>{@link org.manta.mesh.common.config}: typed configuration ({@code @ConfigMapping});</li>
 *   <li>{@link org.manta.mesh.common.grpc}: domain exceptions → gRPC {@code Status}, in one place.</li>
 * </ul>
 * The test-jar adds {@code org.manta.mesh.common.testing.KafkaTestResource}, which starts a real
 * Kafka broker (a separate JVM) for {@code @QuarkusTest}s. Design: design.md §2–4.
 */
package org.manta.mesh.common;
