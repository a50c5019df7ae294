package org.manta.mesh.common.auth;

import io.quarkus.arc.DefaultBean;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.manta.core.InvalidParameterException;

/**
 * The default {@link Authenticator}, set up at start from {@code manta.auth.mode}: {@code tokens} (the static
 * {@link TokenFile} of {@code manta.auth.tokens-file}, for small sites), {@code jwt} (the JWTs of the site's
 * identity provider, {@link JwtAuthenticator}, settings {@code manta.auth.jwt.*}), or both ({@code jwt,tokens}:
 * people log in through the provider, robots hold static tokens), asked in the order given. A misconfigured
 * mode stops the service at start; a token file without tokens refuses every call (UNAUTHENTICATED), with a
 * warning: a service never runs open by accident.
 */
@ApplicationScoped
@DefaultBean
public class SiteAuthenticator implements Authenticator {
    private static final Logger LOG = Logger.getLogger(SiteAuthenticator.class);

    @ConfigProperty(name = "manta.auth.mode", defaultValue = "tokens")
    List<String> mode;

    @ConfigProperty(name = "manta.auth.tokens-file")
    Optional<Path> tokensFile;

    @ConfigProperty(name = "manta.auth.jwt.issuer")
    Optional<String> jwtIssuer;

    @ConfigProperty(name = "manta.auth.jwt.keys")
    Optional<String> jwtKeys;

    @ConfigProperty(name = "manta.auth.jwt.audience")
    Optional<String> jwtAudience;

    @ConfigProperty(name = "manta.auth.jwt.groups-path", defaultValue = "groups")
    String jwtGroupsPath;

    @ConfigProperty(name = "manta.auth.jwt.admin-group", defaultValue = "manta-admin")
    String jwtAdminGroup;

    private List<Authenticator> chain;

    @PostConstruct
    void load() {
        List<Authenticator> found = new ArrayList<>();
        for (String m : mode) {
            switch (m.strip().toLowerCase(Locale.ROOT)) {
                case "tokens" -> found.add(tokens());
                case "jwt" -> {
                    found.add(new JwtAuthenticator(new JwtAuthenticator.Settings(jwtIssuer.orElse(null),
                            jwtKeys.orElse(null), jwtAudience, jwtGroupsPath, jwtAdminGroup)));
                    LOG.infof("JWTs of issuer %s, keys from %s", jwtIssuer.get(), jwtKeys.get());
                }
                default -> throw new InvalidParameterException("manta.auth.mode", String.join(",", mode),
                        "tokens, jwt, or both (e.g. jwt,tokens)");
            }
        }
        chain = List.copyOf(found);
    }

    private TokenFile tokens() {
        TokenFile tokens = tokensFile.map(TokenFile::read).orElseGet(TokenFile::empty);
        if (tokens.size() == 0) {
            LOG.warnf("no tokens (manta.auth.tokens-file = %s): calls with a static token will be refused as UNAUTHENTICATED",
                    tokensFile.map(Path::toString).orElse("unset"));
        } else {
            LOG.infof("%d tokens from %s", tokens.size(), tokensFile.get());
        }
        return tokens;
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        for (Authenticator a : chain) {
            Optional<Caller> caller = a.authenticate(token);
            if (caller.isPresent()) {
                return caller;
            }
        }
        return Optional.empty();
    }
}
