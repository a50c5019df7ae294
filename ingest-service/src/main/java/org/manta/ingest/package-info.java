/**
 * ingest-service, the edge of the mesh (design.md §2, §4): {@code JobService} (Submit, Upload, Watch,
 * Get, Cancel) and {@code ProductService} (forwarded to reduce-service) over gRPC; reads event files
 * under the data root, or uploaded events, onto {@code manta.chunks}; job states on {@code manta.jobs}.
 */
package org.manta.ingest;
