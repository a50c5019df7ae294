/** Mesh-level errors (beside the core's {@code MantaException} family); {@link org.manta.mesh.common.grpc.GrpcErrors} maps them all. */
package org.manta.mesh.common.errors;
