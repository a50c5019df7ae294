/**
 * reduce-service (design.md §2–4): merges the partial accumulators of {@code manta.partials} per job
 * (idempotently, by segment index), finalises each job when its merged segments equal the expected
 * count of {@code manta.expected}, publishes the product to the compacted {@code manta.products} and
 * serves it over gRPC ({@code ProductService}).
 */
package org.manta.reduce;
