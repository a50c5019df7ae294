package org.manta.cli.output;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.manta.core.io.DigestCache;

/**
 * Where the cli keeps its per-user cache of the inputs' SHA-256 ({@link DigestCache}): the system property
 * {@value #PROPERTY} or the environment variable {@value #ENV} ({@code off} disables the cache, any other value is
 * its folder); by default {@code $XDG_CACHE_HOME/manta/sha256}, else {@code ~/.cache/manta/sha256}.
 */
public final class DigestCacheSetting {
    public static final String PROPERTY = "manta.digest-cache";
    public static final String ENV = "MANTA_DIGEST_CACHE";
    public static final String OFF = "off";

    private DigestCacheSetting() {
    }

    /** The cache the settings name, or empty when it is switched off (or no home folder is known). */
    public static Optional<DigestCache> resolve(Map<String, String> env, Properties properties) {
        String configured = Optional.ofNullable(properties.getProperty(PROPERTY)).orElse(env.get(ENV));
        if (configured != null && !configured.isBlank()) {
            return configured.strip().equalsIgnoreCase(OFF) ? Optional.empty()
                    : Optional.of(new DigestCache(Path.of(configured.strip())));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Optional.of(new DigestCache(Path.of(xdg, "manta", "sha256")));
        }
        String home = properties.getProperty("user.home");
        return home == null || home.isBlank() ? Optional.empty()
                : Optional.of(new DigestCache(Path.of(home, ".cache", "manta", "sha256")));
    }
}
