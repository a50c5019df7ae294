package org.manta.ingest.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.manta.ingest.IngestConfig;
import org.manta.ingest.service.JobDesk;
import org.manta.mesh.common.auth.BearerTokenInterceptor;
import org.manta.mesh.common.grpc.GrpcErrors;
import org.manta.proto.v1.ProductDeleted;
import org.manta.proto.v1.ProductPiece;
import org.manta.proto.v1.ProductRequest;
import org.manta.proto.v1.ProductServiceGrpc;

/**
 * {@code ProductService} at the edge: forwards {@code Get} and {@code Delete} to reduce-service
 * ({@code manta.ingest.reduce-target}) and streams its pieces back, so a client needs one address for
 * the whole mesh. Statuses pass through unchanged; an unreachable reducer is UNAVAILABLE. The caller must
 * own the job (or be an admin; NOT_FOUND otherwise), and its bearer token goes with the forwarded call, so
 * reduce-service authenticates and checks it too; the channel to reduce-service is TLS
 * ({@code manta.ingest.reduce-tls}, {@code manta.ingest.reduce-ca}; docs/security.md).
 */
@GrpcService
public class ProductGrpcProxy extends ProductServiceGrpc.ProductServiceImplBase {
    @Inject
    IngestConfig config;
    @Inject
    JobDesk desk;

    private ManagedChannel channel;

    @PostConstruct
    void connect() {
        channel = Grpc.newChannelBuilder(config.reduceTarget(), credentials()).maxInboundMessageSize(16 << 20).build();
    }

    private ChannelCredentials credentials() {
        if (!config.reduceTls()) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        if (config.reduceCa().isPresent()) {
            try {
                tls.trustManager(config.reduceCa().get().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("manta.ingest.reduce-ca = " + config.reduceCa().get()
                        + ": expected a readable PEM file of CA certificates", e);
            }
        }
        return tls.build();
    }

    void close(@Observes ShutdownEvent event) {
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    @Override
    @Blocking
    public void get(ProductRequest request, StreamObserver<ProductPiece> responses) {
        forward(request, responses, stub -> stub.get(request).forEachRemaining(responses::onNext));
    }

    /** {@code Delete}, forwarded as {@code Get} is (reduce-service deletes the product's pieces). */
    @Override
    @Blocking
    public void delete(ProductRequest request, StreamObserver<ProductDeleted> responses) {
        forward(request, responses, stub -> responses.onNext(stub.delete(request)));
    }

    /**
     * Checks that the caller may touch the job, then makes the call on reduce-service with the caller's token
     * and completes {@code responses}; statuses pass through, an unreachable reducer is UNAVAILABLE.
     */
    private void forward(ProductRequest request, StreamObserver<?> responses,
                         java.util.function.Consumer<ProductServiceGrpc.ProductServiceBlockingStub> call) {
        try {
            BearerTokenInterceptor.caller().check(desk.record(request.getJobId()));
            Metadata forwarded = new Metadata();
            forwarded.put(BearerTokenInterceptor.AUTHORIZATION, "Bearer " + BearerTokenInterceptor.token());
            call.accept(ProductServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(forwarded)));
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
