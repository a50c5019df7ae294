package org.manta.mesh.common.auth;

import io.quarkus.arc.DefaultBean;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The default {@link Authenticator}: the {@link TokenFile} named by {@code manta.auth.tokens-file}, read
 * once at start. Without one every call is refused (UNAUTHENTICATED), with a warning at start: a service
 * never runs open by accident.
 */
@ApplicationScoped
@DefaultBean
public class StaticTokenAuthenticator implements Authenticator {
    private static final Logger LOG = Logger.getLogger(StaticTokenAuthenticator.class);

    @ConfigProperty(name = "manta.auth.tokens-file")
    Optional<Path> tokensFile;

    private TokenFile tokens;

    @PostConstruct
    void load() {
        tokens = tokensFile.map(TokenFile::read).orElseGet(TokenFile::empty);
        if (tokens.size() == 0) {
            LOG.warnf("no tokens (manta.auth.tokens-file = %s): every gRPC call will be refused as UNAUTHENTICATED",
                    tokensFile.map(Path::toString).orElse("unset"));
        } else {
            LOG.infof("%d tokens from %s", tokens.size(), tokensFile.get());
        }
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        return tokens.authenticate(token);
    }
}
