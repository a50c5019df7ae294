package org.manta.mesh.common.auth;

import java.util.Optional;

/**
 * Resolves a bearer token to a {@link Caller}. The default is {@link SiteAuthenticator}: the static
 * {@link TokenFile}, the JWTs of the site's identity provider ({@link JwtAuthenticator}), or both, as
 * {@code manta.auth.mode} says (docs/security.md). It is a {@code @DefaultBean}, so a site with other needs
 * (opaque tokens by introspection, say) replaces it with a CDI bean of its own.
 */
public interface Authenticator {
    /**
     * @param token the bearer token as sent (without {@code "Bearer "})
     * @return the caller, or empty for a token that is not valid
     */
    Optional<Caller> authenticate(String token);
}
