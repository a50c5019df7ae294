package org.manta.cli.mesh;

import java.io.PrintStream;
import java.util.function.Function;
import org.manta.cli.output.Product;
import org.manta.proto.v1.JobProgress;

/**
 * The products of {@code --running-output}: each running product of the mesh made into the command's product as the
 * final one is ({@code written}: the rebinning, statistics and colours the command applies to it), with how many
 * segments the job had merged of how many ({@code segments_done}, {@code segments_expected}), so that a file left by a job
 * that failed or was cancelled says it is partial. One that the command's options cannot be applied to is written as
 * the mesh made it ({@code raw}), which is said once.
 */
final class RunningProducts {
    private final Function<org.manta.proto.v1.Product, Product> written;
    private final Function<org.manta.proto.v1.Product, Product> raw;
    private final PrintStream err;
    private boolean rawSaid;

    /**
     * @param written the command's product of a mesh product (its options applied)
     * @param raw     the product of a mesh product as the mesh made it
     */
    RunningProducts(Function<org.manta.proto.v1.Product, Product> written,
                    Function<org.manta.proto.v1.Product, Product> raw, PrintStream err) {
        this.written = written;
        this.raw = raw;
        this.err = err;
    }

    /**
     * The product of {@code p}'s running product, with the segments merged so far (the job's count, or the product's
     * {@code m} where that is larger) and expected (once counted).
     */
    Product of(JobProgress p) {
        org.manta.proto.v1.Product running = p.getRunningProduct();
        long done = Math.max(p.getSegmentsDone(), running.getM());    // the job's count can lag (found: 0 with m = 1)
        Product product;
        try {
            product = written.apply(running);
        } catch (RuntimeException e) {
            if (!rawSaid) {
                rawSaid = true;
                err.println("manta: --running-output: the running product is written as the mesh made it (the options "
                        + "of the final product do not apply to " + done + " segments: " + e.getMessage()
                        + "; said once)");
            }
            product = raw.apply(running);
        }
        Product.Builder b = product.rebuild().integer("segments_done", done);
        if (p.hasSegmentsExpected()) {
            b.integer("segments_expected", p.getSegmentsExpected());
        }
        return b.build();
    }
}
