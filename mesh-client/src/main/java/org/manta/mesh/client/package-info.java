/**
 * A client of the mesh's gRPC edge ({@code manta.v1.JobService}, {@code ProductService}), free of any
 * framework: {@link org.manta.mesh.client.MeshClient} (submit, upload with gRPC flow control, watch,
 * status, cancel, the product reassembled from its pieces), {@link org.manta.mesh.client.UploadBatches}
 * (local event files as the batches of an upload) and {@link org.manta.mesh.client.ToWire} (the core
 * values a client sends, in their wire form). A refused or failed call is a
 * {@link org.manta.mesh.client.MeshCallException} carrying the gRPC status. Used by {@code manta submit},
 * the end-to-end tests and the services' tests.
 */
package org.manta.mesh.client;
