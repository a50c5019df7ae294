package org.manta.mesh.common.auth;

import java.util.Optional;

/**
 * Resolves a bearer token to a {@link Caller}. The default is the static {@link TokenFile}
 * ({@link StaticTokenAuthenticator}); a site with an identity provider replaces it with its own CDI bean
 * (e.g. one that verifies a JWT with SmallRye JWT's {@code JWTParser} and maps a group to the admin role,
 * docs/security.md): the default is a {@code @DefaultBean}, so any other bean of this type wins.
 */
public interface Authenticator {
    /**
     * @param token the bearer token as sent (without {@code "Bearer "})
     * @return the caller, or empty for a token that is not valid
     */
    Optional<Caller> authenticate(String token);
}
