package org.manta.mesh.common.errors;

import org.manta.core.MantaException;

/**
 * A job SUCCEEDED but its product is no longer on {@code manta.products}: deleted by its owner
 * ({@code ProductService.Delete}) or past the topic's retention (gRPC {@code NOT_FOUND}).
 */
public class ProductGoneException extends MantaException {
    public ProductGoneException(String jobId, boolean deleted) {
        super("job " + jobId + " SUCCEEDED but its product is gone from manta.products: "
                + (deleted ? "it was deleted (ProductService.Delete)"
                        : "deleted, or older than the topic's retention (manta.topics.products-retention-ms)"));
    }
}
