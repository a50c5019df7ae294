/**
 * Hand-written helpers around the generated wire contracts of {@link org.manta.proto.v1}: the record
 * format version ({@link org.manta.proto.RecordFormat}) and the protocol that streams a large
 * {@link org.manta.proto.v1.Product} in pieces ({@link org.manta.proto.ProductPieces}).
 *
 * <p>The {@code .proto} files are in {@code proto/src/main/proto/manta/v1}: {@code common.proto}
 * (shared vocabulary), {@code jobs.proto} (JobService), {@code products.proto} (ProductService,
 * Product) and {@code records.proto} (Kafka record values). Design: design.md §2–4.
 */
package org.manta.proto;
