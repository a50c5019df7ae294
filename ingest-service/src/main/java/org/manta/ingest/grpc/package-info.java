/** The gRPC edge of the mesh: {@code JobService} and a forwarding {@code ProductService}. */
package org.manta.ingest.grpc;
