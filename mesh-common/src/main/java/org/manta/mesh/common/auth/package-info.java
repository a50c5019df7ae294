/**
 * Who calls the mesh's gRPC services and which jobs they may touch (docs/security.md): a bearer token on
 * every call ({@link BearerTokenInterceptor}), resolved to a {@link Caller} by an {@link Authenticator}
 * (by default {@link SiteAuthenticator}: the static {@link TokenFile}, the JWTs of the site's identity provider, or
 * both, as {@code manta.auth.mode} says), and the ownership rule
 * ({@link Caller#check}): a user sees only the jobs it submitted, an admin sees all.
 */
package org.manta.mesh.common.auth;
