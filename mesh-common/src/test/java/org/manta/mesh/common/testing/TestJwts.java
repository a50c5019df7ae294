package org.manta.mesh.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An identity provider for tests: one RSA key pair, whose public key is written as a PEM file
 * ({@code manta.auth.jwt.keys}), and RS256 JWTs signed with it (or with another key, to be refused) for
 * {@link #ISSUER}. Services under test ({@link KafkaTestResource}) accept these beside the {@link TestTokens}.
 */
public final class TestJwts {
    public static final String ISSUER = "https://sso.test.manta/realms/astro";
    public static final String ADMIN_GROUP = "manta-admin";

    private static final KeyPair KEYS = rsa();
    private static final KeyPair OTHER_KEYS = rsa();

    private TestJwts() {
    }

    /** A valid token of {@code user} (its {@code preferred_username}) in {@code groups}, valid for an hour. */
    public static String of(String user, String... groups) {
        return sign(KEYS, claims(ISSUER, user, Instant.now().plusSeconds(3600), groups));
    }

    /** The claims of a token: issuer, {@code preferred_username}, expiry, groups. */
    public static Map<String, Object> claims(String issuer, String user, Instant expiry, String... groups) {
        return Map.of("iss", issuer, "preferred_username", user, "iat", Instant.now().getEpochSecond() - 5,
                "exp", expiry.getEpochSecond(), "groups", List.of(groups));
    }

    /** A token of these claims signed with the test provider's key. */
    public static String signed(Map<String, Object> claims) {
        return sign(KEYS, claims);
    }

    /** A token of {@code user} signed with a key the services do not know. */
    public static String forged(String user, String... groups) {
        return sign(OTHER_KEYS, claims(ISSUER, user, Instant.now().plusSeconds(3600), groups));
    }

    /** Writes the provider's public key as a PEM file and returns its path. */
    public static Path writePublicKey() {
        try {
            Path file = Files.createTempFile("manta-test-jwt", ".pem");
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(KEYS.getPublic().getEncoded());
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sign(KeyPair keys, Map<String, Object> claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(json(Map.of("alg", "RS256", "typ", "JWT")).getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(json(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON of strings, numbers and lists of strings (all a token's claims need here). */
    private static String json(Object value) {
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> json(e.getKey()) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> l) {
            return l.stream().map(TestJwts::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
