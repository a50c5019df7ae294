/**
 * Pure mappers between the wire contracts ({@code manta.v1}) and the core: vocabulary
 * ({@link org.manta.mesh.common.mapping.Protos}), job specs ({@link org.manta.mesh.common.mapping.JobSpecs}
 * → {@link org.manta.mesh.common.mapping.JobPlan}; the observations of a job of several:
 * {@link org.manta.mesh.common.mapping.Observations}), products
 * ({@link org.manta.mesh.common.mapping.ProductMapper}). Partial accumulators are mapped by
 * {@link org.manta.mesh.common.partial.MeshPartial}. The only place where the two vocabularies meet.
 */
package org.manta.mesh.common.mapping;
