/** The gRPC adapter of reduce-service: {@code ProductService}. */
package org.manta.reduce.grpc;
