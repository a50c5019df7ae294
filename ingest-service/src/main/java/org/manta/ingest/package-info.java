/**
 * ingest-service, the edge of the mesh (design.md §2, §4): {@code JobService} (Submit, Upload, Watch,
 * Get, Cancel) and {@code ProductService} (forwarded to reduce-service) over gRPC; resolves event files
 * under the data root (decompressing {@code .gz} inputs) or stages uploaded events, in the shared storage,
 * and publishes each job's input by reference on {@code manta.inputs}; job states on {@code manta.jobs}.
 */
package org.manta.ingest;
