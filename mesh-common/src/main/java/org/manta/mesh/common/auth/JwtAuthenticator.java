package org.manta.mesh.common.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.manta.core.InvalidParameterException;

/**
 * Bearer tokens that are JWTs of a site's identity provider (Keycloak, Entra ID, Dex, any OIDC provider that
 * signs its access tokens), verified with SmallRye JWT: the signature against the provider's keys (a JWKS
 * URL, refreshed as the provider rotates them, or a PEM/JWK file), the issuer, the audience when one is set,
 * and the expiry. The principal is the token's {@code upn}, else {@code preferred_username}, else {@code sub};
 * a caller whose groups (the claim at {@link Settings#groupsPath()}, e.g. {@code groups} or Keycloak's
 * {@code realm_access/roles}) contain the admin group is an admin. A token that fails any check is not a
 * caller (UNAUTHENTICATED); why is not told to the client.
 */
public final class JwtAuthenticator implements Authenticator {
    /**
     * @param issuer      the {@code iss} every token must carry, e.g. {@code https://sso.example.org/realms/astro}
     * @param keys        where the verification keys are: an {@code https:} JWKS URL, or a PEM or JWK(S) file
     * @param audience    the {@code aud} a token must include, or empty for any
     * @param groupsPath  the claim (a path with {@code /}) that lists the caller's groups or roles
     * @param adminGroup  the group that makes a caller an admin
     */
    public record Settings(String issuer, String keys, Optional<String> audience, String groupsPath, String adminGroup) {
        public Settings {
            require("manta.auth.jwt.issuer", issuer, "the issuer (iss) of the site's tokens");
            require("manta.auth.jwt.keys", keys, "a JWKS URL (https://…) or a PEM/JWK file of the issuer's keys");
            require("manta.auth.jwt.groups-path", groupsPath, "a claim name, e.g. groups");
            require("manta.auth.jwt.admin-group", adminGroup, "a group name, e.g. manta-admin");
        }

        private static void require(String property, String value, String expected) {
            if (value == null || value.isBlank()) {
                throw new InvalidParameterException(property, value, expected);
            }
        }
    }

    private final JWTParser parser;
    private final String adminGroup;

    /** @throws InvalidParameterException for a key file that cannot be read (a URL is fetched on first use) */
    public JwtAuthenticator(Settings settings) {
        String keys = settings.keys();
        if (!keys.contains(":") || keys.startsWith("file:")) {
            Path file = Path.of(keys.startsWith("file:") ? keys.substring("file:".length()) : keys);
            if (!Files.isReadable(file)) {
                throw new InvalidParameterException("manta.auth.jwt.keys", keys, "a readable PEM or JWK file, or a JWKS URL");
            }
            keys = file.toAbsolutePath().toUri().toString();
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys, settings.issuer());
        settings.audience().ifPresent(a -> info.setExpectedAudience(Set.of(a)));
        info.setGroupsPath(settings.groupsPath());
        info.setRequireNamedPrincipal(true);
        this.parser = new DefaultJWTParser(info);
        this.adminGroup = settings.adminGroup();
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();        // not a signed JWT (header.payload.signature)
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            String name = jwt.getName();
            if (name == null || name.isBlank()) {
                return Optional.empty();
            }
            Set<String> groups = jwt.getGroups();
            boolean admin = groups != null && groups.contains(adminGroup);
            return Optional.of(new Caller(name, admin ? Caller.Role.ADMIN : Caller.Role.USER));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
