package org.manta.reduce.grpc;

import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.manta.mesh.common.auth.BearerTokenInterceptor;
import org.manta.mesh.common.auth.Caller;
import org.manta.mesh.common.errors.JobNotFinishedException;
import org.manta.mesh.common.errors.JobNotFoundException;
import org.manta.mesh.common.errors.ProductGoneException;
import org.manta.mesh.common.grpc.GrpcErrors;
import org.manta.mesh.common.jobs.JobRecords;
import org.manta.mesh.common.jobs.JobView;
import org.manta.proto.ProductPieces;
import org.manta.proto.v1.JobRecord;
import org.manta.proto.v1.JobState;
import org.manta.proto.v1.ProductDeleted;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductRequest;
import org.manta.proto.v1.ProductServiceGrpc;
import org.manta.reduce.ReduceConfig;
import org.manta.reduce.kafka.ProductCatalog;

/**
 * {@code ProductService.Get}: streams a finished product in pieces of the client's size.
 * NOT_FOUND for an unknown job and for another principal's job (unless the caller is an admin;
 * docs/security.md), FAILED_PRECONDITION unless it has SUCCEEDED (the message says its state and, for
 * a failed job, why): a job cancelled (or failed) whose product was made anyway is not served; NOT_FOUND for a
 * product deleted ({@code Delete}, same ownership rules) or past the products' retention.
 */
@GrpcService
public class ProductGrpcService extends ProductServiceGrpc.ProductServiceImplBase {
    private static final Logger LOG = Logger.getLogger(ProductGrpcService.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(5);

    @Inject
    ProductCatalog catalog;
    @Inject
    JobView jobs;
    @Inject
    ReduceConfig config;

    @Override
    @Blocking
    public void get(ProductRequest request, StreamObserver<ProductPiece> responses) {
        try {
            List<ProductPiece> stored = find(request.getJobId(), BearerTokenInterceptor.caller());
            int max = request.getMaxValuesPerPiece() == 0 ? ProductPieces.DEFAULT_MAX_VALUES_PER_PIECE
                    : request.getMaxValuesPerPiece();
            // the stored pieces are cut at manta.reduce.max-values-per-piece: sent as they are when that is asked
            List<ProductPiece> pieces = max == config.maxValuesPerPiece() ? stored
                    : ProductPieces.split(ProductPieces.assemble(stored), max);
            for (ProductPiece piece : pieces) {
                responses.onNext(piece);
            }
            responses.onCompleted();
        } catch (RuntimeException e) {
            if (GrpcErrors.status(e).getCode() == io.grpc.Status.Code.INTERNAL) {
                LOG.errorf(e, "ProductService.Get(%s)", request.getJobId());
            }
            responses.onError(GrpcErrors.toStatus(e));
        }
    }

    /**
     * {@code ProductService.Delete}: tombstones the product of the caller's final job (NOT_FOUND for another's,
     * FAILED_PRECONDITION while it runs); no error when there is no product (any more).
     */
    @Override
    @Blocking
    public void delete(ProductRequest request, StreamObserver<ProductDeleted> responses) {
        try {
            String jobId = request.getJobId();
            JobRecord job = owned(jobId, BearerTokenInterceptor.caller());
            if (!JobRecords.isFinal(job.getState())) {
                throw new JobNotFinishedException(jobId, job.getState(), "a product is deleted once its job is final: "
                        + "cancel the job first");
            }
            catalog.awaitCaughtUp(CATCH_UP);
            int pieces = catalog.delete(jobId);
            LOG.infof("job %s: product deleted by %s (%d pieces)", jobId, BearerTokenInterceptor.caller().principal(), pieces);
            responses.onNext(ProductDeleted.newBuilder().setJobId(jobId).setPiecesDeleted(pieces).build());
            responses.onCompleted();
        } catch (RuntimeException e) {
            if (GrpcErrors.status(e).getCode() == io.grpc.Status.Code.INTERNAL) {
                LOG.errorf(e, "ProductService.Delete(%s)", request.getJobId());
            }
            responses.onError(GrpcErrors.toStatus(e));
        }
    }

    /** The job, if the caller may touch it (NOT_FOUND for an unknown job and for another principal's). */
    private JobRecord owned(String jobId, Caller caller) {
        if (jobId.isBlank()) {
            throw new org.manta.core.InvalidParameterException("job_id", "\"\"", "the id returned by Submit or Upload");
        }
        return caller.check(jobs.get(jobId, CATCH_UP).orElseThrow(() -> new JobNotFoundException(jobId)));
    }

    private List<ProductPiece> find(String jobId, Caller caller) {
        JobRecord job = owned(jobId, caller);
        if (!catalog.has(jobId)) {
            catalog.awaitCaughtUp(CATCH_UP);
        }
        job = jobs.get(jobId, Duration.ZERO).orElse(job);
        if (!JobRecords.isFinal(job.getState()) && catalog.has(jobId)) {
            // the product and the SUCCEEDED record commit together: it is on its way (woken when it arrives)
            job = jobs.awaitFinal(jobId, Duration.ofMillis(config.productWaitMs())).orElse(job);
        }
        if (job.getState() == JobState.SUCCEEDED) {
            if (catalog.wasDeleted(jobId)) {
                throw new ProductGoneException(jobId, true);
            }
            return catalog.await(jobId, Duration.ofMillis(config.productWaitMs()))
                    .orElseThrow(() -> new ProductGoneException(jobId, catalog.wasDeleted(jobId)));
        }
        throw new JobNotFinishedException(jobId, job.getState(), job.getMessage());
    }
}
