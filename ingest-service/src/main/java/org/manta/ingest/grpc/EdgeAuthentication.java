package org.manta.ingest.grpc;

import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.manta.mesh.common.auth.BearerTokenInterceptor;

/** Bearer-token authentication of every gRPC call of ingest-service (docs/security.md). */
@ApplicationScoped
@GlobalInterceptor
@Startup
public class EdgeAuthentication extends BearerTokenInterceptor {
}
