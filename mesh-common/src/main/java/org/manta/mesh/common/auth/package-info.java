/**
 * Who calls the mesh's gRPC services and which jobs they may touch (docs/security.md): a bearer token on
 * every call ({@link BearerTokenInterceptor}), resolved to a {@link Caller} by an {@link Authenticator}
 * (by default the static {@link TokenFile} of {@code manta.auth.tokens-file}), and the ownership rule
 * ({@link Caller#check}): a user sees only the jobs it submitted, an admin sees all.
 */
package org.manta.mesh.common.auth;
