package org.manta.ingest.grpc;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Iterator;
import org.manta.ingest.IngestConfig;
import org.manta.mesh.common.grpc.GrpcErrors;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductRequest;
import org.manta.proto.v1.ProductServiceGrpc;

/**
 * {@code ProductService} at the edge: forwards {@code Get} to reduce-service
 * ({@code manta.ingest.reduce-target}) and streams its pieces back, so a client needs one address for
 * the whole mesh. Statuses pass through unchanged; an unreachable reducer is UNAVAILABLE.
 */
@GrpcService
public class ProductGrpcProxy extends ProductServiceGrpc.ProductServiceImplBase {
    @Inject
    IngestConfig config;

    private ManagedChannel channel;

    @PostConstruct
    void connect() {
        channel = ManagedChannelBuilder.forTarget(config.reduceTarget()).usePlaintext()
                .maxInboundMessageSize(16 << 20).build();
    }

    void close(@Observes ShutdownEvent event) {
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    @Override
    @Blocking
    public void get(ProductRequest request, StreamObserver<ProductPiece> responses) {
        try {
            Iterator<ProductPiece> pieces = ProductServiceGrpc.newBlockingStub(channel).get(request);
            while (pieces.hasNext()) {
                responses.onNext(pieces.next());
            }
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
                responses.onError(Status.UNAVAILABLE.withDescription("reduce-service at " + config.reduceTarget()
                        + " is not reachable: " + e.getStatus().getDescription()).asRuntimeException());
            } else {
                responses.onError(e);
            }
        } catch (RuntimeException e) {
            responses.onError(GrpcErrors.toStatus(e));
        }
    }
}
