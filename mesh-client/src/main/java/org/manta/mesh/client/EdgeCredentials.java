package org.manta.mesh.client;

import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.manta.core.InvalidParameterException;

/**
 * How a {@link MeshClient} proves who it is and whom it trusts (docs/security.md): TLS, trusting the CA
 * certificates of a PEM file (or the JVM's default trust store), and a bearer token sent with every call
 * ({@code authorization: Bearer <token>}). Plaintext is only for a mesh without TLS (the services' own tests).
 */
public final class EdgeCredentials {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final boolean tls;
    private final Optional<Path> ca;
    private final Optional<String> token;

    private EdgeCredentials(boolean tls, Optional<Path> ca, Optional<String> token) {
        this.tls = tls;
        this.ca = ca;
        this.token = token;
    }

    /**
     * TLS with a token.
     *
     * @param ca    PEM file of the CA(s) to trust; null: the JVM's default trust store
     * @param token the bearer token; null or empty: none (the mesh answers UNAUTHENTICATED)
     */
    public static EdgeCredentials tls(Path ca, String token) {
        return new EdgeCredentials(true, Optional.ofNullable(ca), nonEmpty(token));
    }

    /** Plaintext with a token (null or empty: none): a mesh without TLS only. */
    public static EdgeCredentials plaintext(String token) {
        return new EdgeCredentials(false, Optional.empty(), nonEmpty(token));
    }

    /** Plaintext, no token: the client of a fake or unsecured edge. */
    public static EdgeCredentials none() {
        return plaintext(null);
    }

    private static Optional<String> nonEmpty(String token) {
        return Optional.ofNullable(token).filter(t -> !t.isBlank()).map(String::strip);
    }

    public boolean isTls() {
        return tls;
    }

    /** @throws InvalidParameterException for a CA file that cannot be read as PEM certificates */
    ChannelCredentials channel() {
        if (!tls) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
        if (ca.isPresent()) {
            try {
                b.trustManager(ca.get().toFile());
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidParameterException("ca", ca.get(), "a readable PEM file of CA certificates (" + e.getMessage() + ")");
            }
        }
        return b.build();
    }

    /** Adds the bearer token to every call (none without a token). */
    ClientInterceptor[] interceptors() {
        if (token.isEmpty()) {
            return new ClientInterceptor[0];
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token.get());
        return new ClientInterceptor[] {MetadataUtils.newAttachHeadersInterceptor(headers)};
    }
}
