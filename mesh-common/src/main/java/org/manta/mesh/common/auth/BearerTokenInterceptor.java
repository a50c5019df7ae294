package org.manta.mesh.common.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Authenticates every gRPC call: the {@code authorization: Bearer <token>} header is resolved by the
 * {@link Authenticator}; a call without one, or with a token it does not know, is closed with
 * UNAUTHENTICATED before it reaches a service. The caller (and its token, which ingest forwards to
 * reduce-service) are then in the call's gRPC {@link Context}: {@link #caller()}, {@link #token()}.
 *
 * <p>Each gRPC service module registers it with a one-line subclass annotated
 * {@code @GlobalInterceptor @ApplicationScoped @Startup} (mesh-common does not depend on quarkus-grpc); at
 * start it asks the authenticator once, so a token file that cannot be read stops the service there.
 */
public abstract class BearerTokenInterceptor implements ServerInterceptor {
    /** The header a client sends: {@code Bearer <token>}. */
    public static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";
    private static final Context.Key<Caller> CALLER = Context.key("manta-caller");
    private static final Context.Key<String> TOKEN = Context.key("manta-token");

    @Inject
    Authenticator authenticator;

    @PostConstruct
    void loadTokens() {
        authenticator.authenticate("");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        Optional<String> token = Optional.ofNullable(header)
                .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(h -> h.substring(BEARER.length()).strip());
        Optional<Caller> caller = token.flatMap(authenticator::authenticate);
        if (caller.isEmpty()) {
            call.close(Status.UNAUTHENTICATED.withDescription(header == null
                    ? "unauthenticated: no bearer token (send 'authorization: Bearer <token>'; manta submit: --token or MANTA_TOKEN)"
                    : "unauthenticated: the bearer token is not valid here"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        Context context = Context.current().withValues(CALLER, caller.get(), TOKEN, token.get());
        return Contexts.interceptCall(context, call, headers, next);
    }

    /** The caller of the current gRPC call; UNAUTHENTICATED outside one (the interceptor did not run). */
    public static Caller caller() {
        Caller c = CALLER.get();
        if (c == null) {
            throw Status.UNAUTHENTICATED.withDescription("unauthenticated: no caller in this call").asRuntimeException();
        }
        return c;
    }

    /** The bearer token of the current gRPC call (to forward it to another service of the mesh). */
    public static String token() {
        caller();
        return TOKEN.get();
    }
}
