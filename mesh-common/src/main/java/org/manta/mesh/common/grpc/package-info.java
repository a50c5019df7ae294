/** The translation of domain exceptions into gRPC statuses, shared by every gRPC adapter of the mesh. */
package org.manta.mesh.common.grpc;
