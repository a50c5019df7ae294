package org.manta.reduce.grpc;

import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.manta.mesh.common.auth.BearerTokenInterceptor;

/**
 * Bearer-token authentication of every gRPC call of reduce-service (docs/security.md): ingest forwards
 * its caller's token with {@code ProductService.Get}.
 */
@ApplicationScoped
@GlobalInterceptor
@Startup
public class ReduceAuthentication extends BearerTokenInterceptor {
}
